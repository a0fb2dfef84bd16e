//! Generates `tencent_meeting_more.rs` into OUT_DIR from this crate's own spec,
//! which `extends:` the published `tencent_meeting` vendor.

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut config = meeting_api_codegen::Config::new();
    config.spec("specs/tencent_meeting_more.yaml");
    for path in config.spec_files() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    match config.generate(&out) {
        Ok(_) => {}
        Err(report) => panic!("the specs have problems:\n{report}"),
    }
}
