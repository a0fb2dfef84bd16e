//! Puts the vendor modules into OUT_DIR.
//!
//! With the `codegen` feature (on in this workspace) the generator runs over
//! `../specs`; a spec error fails the build with the rendered report. Without it
//! (a user of the published crate) the checked-in `src/generated` copy is used,
//! so the generator and its dependencies are never compiled.

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
    copy_checked_in(&manifest.join("src/generated"), &out);
}

#[cfg(feature = "codegen")]
fn generate(specs: &Path, out: &Path) {
    let mut config = meeting_api_codegen::Config::new();
    config.spec_dir(specs);
    // A changed file, or a file added to or removed from a watched folder, reruns this.
    for path in config.spec_files().iter().chain(&config.watched_dirs()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    println!("cargo:rerun-if-changed={}", specs.display());
    if let Err(report) = config.generate(out) {
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
