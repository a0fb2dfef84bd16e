//! Puts the vendor modules into OUT_DIR.
//!
//! With the `codegen` feature (on in this workspace) the generator runs over
//! `../specs`; a spec error fails the build with the rendered report. Without it
//! (a user of the published crate) the checked-in `src/generated` copy is used,
//! so the generator and its dependencies are never compiled. Inside this
//! repository (the specs beside the crate), that copy must have been
//! generated from the specs as they are: its `specs.sha256` is compared with
//! the specs, and a stale copy fails the build with the command that
//! refreshes it, instead of compiling old code against new specs.

use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    // Canonical, so that a spec error names `/…/specs/x.yaml`, not `…/generated-client/../specs`.
    #[cfg(feature = "codegen")]
    generate(
        &manifest
            .join("../specs")
            .canonicalize()
            .unwrap_or_else(|_| manifest.join("../specs")),
        &out,
    );
    #[cfg(not(feature = "codegen"))]
    {
        check_not_stale(&manifest);
        copy_checked_in(&manifest.join("src/generated"), &out);
    }
}

#[cfg(feature = "codegen")]
fn generate(specs: &Path, out: &Path) {
    let mut config = meeting_api_codegen::Config::new();
    // The workspace's tests and the `mock` feature use each vendor's `__hooks`.
    config.spec_dir(specs).hooks(true);
    // A changed file, or a file added to or removed from a watched folder, reruns this.
    for path in config.spec_files().iter().chain(&config.watched_dirs()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    println!("cargo:rerun-if-changed={}", specs.display());
    let written = config.render().and_then(|output| {
        // Warnings (an example with keys its type lacks) do not fail the
        // build; cargo shows each `cargo:warning` line.
        for line in output.warnings.short().lines() {
            println!("cargo:warning={line}");
        }
        output.write(out)
    });
    if let Err(report) = written {
        // The report names file:line:col for each problem. Cargo shows a failed
        // build script's stderr in full, so it is printed once, there, and the
        // build fails without a panic backtrace.
        eprintln!("{report}");
        std::process::exit(1);
    }
}

#[cfg(not(feature = "codegen"))]
fn copy_checked_in(dir: &Path, out: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in std::fs::read_dir(dir).expect("src/generated is part of the package") {
        let path = entry.expect("readable src/generated").path();
        let target = out.join(path.file_name().expect("a file name"));
        std::fs::copy(&path, &target).expect("OUT_DIR is writable");
    }
}

/// Fails the build when the specs beside the crate are not those the
/// checked-in copy was generated from. The published crate has no specs
/// beside it, so for its users this does nothing.
#[cfg(not(feature = "codegen"))]
fn check_not_stale(manifest: &Path) {
    let specs = manifest.join("../specs");
    if !specs.is_dir() || !manifest.join("../generator/Cargo.toml").is_file() {
        return;
    }
    let record = manifest.join("src/generated/specs.sha256");
    println!("cargo:rerun-if-changed={}", record.display());
    let recorded = std::fs::read_to_string(&record).unwrap_or_default();
    let current = stale::fingerprint(&specs);
    let changes = stale::changes(&recorded, &current);
    if changes.is_empty() {
        return;
    }
    eprintln!(
        "error: the checked-in clients in generated-client/src/generated are stale: \
         the specs changed since they were generated\n"
    );
    for change in changes {
        eprintln!("  {change}");
    }
    eprintln!(
        "\nRefresh them (from the repository root) with\n\n    \
         cargo run -p meeting-api-codegen -- generate specs --hooks --out generated-client/src/generated\n\n\
         or build with `--features codegen`, which generates from the specs at build time."
    );
    std::process::exit(1);
}

/// The specs' fingerprint as the generator writes it (`sha256sum` lines:
/// the vendor files and the files of vendor folders, relative to `specs/`,
/// CRLF read as LF), and how two fingerprints differ. The generator's
/// `fingerprint.rs` is the reference; CI builds this crate without `codegen`
/// against the checked-in copy, so the two cannot drift apart unnoticed.
#[cfg(not(feature = "codegen"))]
mod stale {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use sha2::{Digest, Sha256};

    pub fn fingerprint(specs: &Path) -> String {
        println!("cargo:rerun-if-changed={}", specs.display());
        let mut files: Vec<(String, PathBuf)> = Vec::new();
        for entry in entries(specs) {
            if entry.is_dir() {
                println!("cargo:rerun-if-changed={}", entry.display());
                let folder = name(&entry);
                for file in entries(&entry).into_iter().filter(|f| is_yaml(f)) {
                    files.push((format!("{folder}/{}", name(&file)), file));
                }
            } else if is_yaml(&entry) {
                files.push((name(&entry), entry));
            }
        }
        files.sort();
        files
            .iter()
            .map(|(rel, path)| {
                println!("cargo:rerun-if-changed={}", path.display());
                let bytes = std::fs::read(path).unwrap_or_default();
                format!("{}  {rel}\n", digest(&bytes))
            })
            .collect()
    }

    /// `changed: x`, `added: y`, `removed: z`, by spec path.
    pub fn changes(recorded: &str, current: &str) -> Vec<String> {
        let (old, new) = (by_path(recorded), by_path(current));
        let mut out = Vec::new();
        for (path, digest) in &new {
            match old.get(path) {
                None => out.push(format!("added: {path}")),
                Some(d) if d != digest => out.push(format!("changed: {path}")),
                Some(_) => {}
            }
        }
        let removed = old.keys().filter(|p| !new.contains_key(*p));
        out.extend(removed.map(|p| format!("removed: {p}")));
        out
    }

    fn by_path(text: &str) -> BTreeMap<&str, &str> {
        text.lines()
            .filter_map(|l| l.split_once("  "))
            .map(|(digest, path)| (path, digest))
            .collect()
    }

    fn entries(dir: &Path) -> Vec<PathBuf> {
        let read = std::fs::read_dir(dir).into_iter().flatten();
        read.filter_map(|e| e.ok().map(|e| e.path())).collect()
    }

    fn name(path: &Path) -> String {
        path.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    }

    fn is_yaml(p: &Path) -> bool {
        p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
    }

    fn digest(bytes: &[u8]) -> String {
        let mut hasher = Sha256::new();
        let mut rest = bytes;
        while let Some(at) = rest.windows(2).position(|w| w == b"\r\n") {
            hasher.update(&rest[..at]);
            rest = &rest[at + 1..];
        }
        hasher.update(rest);
        hex::encode(hasher.finalize())
    }
}
