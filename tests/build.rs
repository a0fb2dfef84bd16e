//! Generates the conformance corpus (`tests/corpus/`) into `OUT_DIR`, so that
//! every construct of the format is compiled and linted with the workspace, as
//! the vendor specs are by `generated-client`'s build script.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let corpus = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .join("corpus");
    let mut config = meeting_api_codegen::Config::new();
    config.spec_dir(&corpus);
    for path in config.spec_files().iter().chain(&config.watched_dirs()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    println!("cargo:rerun-if-changed={}", corpus.display());
    let summary = match config.generate(&out) {
        Ok(summary) => summary,
        Err(report) => {
            eprintln!("{report}");
            std::process::exit(1);
        }
    };
    // One module per corpus vendor, named as the vendor: adding a file to the
    // corpus adds a module without editing any list.
    let mut modules = String::new();
    for vendor in &summary.vendors {
        let name = &vendor.name;
        writeln!(
            modules,
            "/// Corpus vendor `{name}`.\npub mod {name} {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/{name}.rs\"));\n}}"
        )
        .expect("writing to a String");
    }
    std::fs::write(out.join("corpus_modules.rs"), modules).expect("OUT_DIR is writable");
}
