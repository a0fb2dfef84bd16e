//! Integration and snapshot tests of the workspace live in `tests/tests/`.
//!
//! This crate depends on `meeting-api-client` with the `codegen` feature, so that
//! building the workspace regenerates the clients from `specs/`.

/// The workspace root, for tests that read `specs/` and the checked-in code.
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}
