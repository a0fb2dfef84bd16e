//! `generate_api!`: a meeting-API YAML spec expanded in place into the same typed
//! client that `meeting-api-client`'s build script generates for it.
//!
//! ```ignore
//! mod yxt {
//!     meeting_api_macros::generate_api!("../specs/yxt.yaml");
//! }
//! // A vendor folder, and the runtime under another path:
//! mod kedacom {
//!     meeting_api_macros::generate_api!("specs/kedacom", runtime_path = "::my_runtime");
//! }
//! ```
//!
//! The path is relative to the calling crate's directory (its `Cargo.toml`), like
//! `CARGO_MANIFEST_DIR`. Editing a spec file recompiles the caller; a file added
//! to a vendor folder is picked up on the next change of the caller. A broken
//! spec is a compile error at the path argument for each problem, naming the
//! spec file, line and column, with an excerpt and how to fix it.
//!
//! A module of more than 32 MB of text (about 2,000 endpoints) is written to
//! `<temp dir>/meeting-api-macros/` (a folder of the user's alone, mode 0700;
//! when it cannot be, the text is handed over as tokens) and the expansion
//! `include!`s it, as build.rs's output is: the macro's own work then ends
//! with the file (3.7 s at 10,000 endpoints), and the compiler's expansion of
//! the module is about 4 % faster than from tokens. An editor
//! that does not follow `include!` outside the workspace will not see into such
//! a module; `MEETING_API_MACROS_INCLUDE_ABOVE=<bytes>` moves the limit.

use std::path::PathBuf;

use proc_macro::TokenStream;

mod expand;

/// Expands to the items of one vendor module generated from a spec: `VENDOR`,
/// `OPERATIONS`, `Client`, the request and data types and the examples, exactly
/// as build.rs generates them (`meeting_api_codegen::Config::render`).
///
/// Arguments: the spec path (a YAML file or a vendor folder, relative to the
/// calling crate's `Cargo.toml`), then optionally `runtime_path = "..."`, the
/// path of the runtime crate in the generated code (default
/// `::meeting_api_client`).
#[proc_macro]
pub fn generate_api(input: TokenStream) -> TokenStream {
    let args = match syn::parse::<expand::Args>(input) {
        Ok(args) => args,
        Err(e) => return e.to_compile_error().into(),
    };
    expand::expand(&args, &manifest_dir()).into()
}

/// The calling crate's directory. `MEETING_API_MACROS_MANIFEST_DIR` overrides it
/// for this crate's own trybuild tests, whose test crate lives under `target/`
/// (dtolnay/trybuild#202); nothing else sets it.
fn manifest_dir() -> PathBuf {
    std::env::var_os("MEETING_API_MACROS_MANIFEST_DIR")
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .map(PathBuf::from)
        .unwrap_or_default()
}
