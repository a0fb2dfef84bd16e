//! Generates typed Rust clients and validators for meeting and live-streaming APIs
//! from YAML specs transcribed from the vendors' prose documents.
//!
//! build.rs, the `generate_api!` macro and the CLI are thin shells over [`Config`]:
//!
//! ```no_run
//! let summary = meeting_api_codegen::Config::new()
//!     .spec_dir("specs")
//!     .generate("target/generated")
//!     .map_err(|report| report.to_string())?;
//! println!("{summary}");
//! # Ok::<(), String>(())
//! ```
//!
//! The public surface: [`Config`] and what it returns ([`Output`], [`Summary`],
//! [`StageTimings`]); the [`Report`] of every problem found in the specs, with
//! its [`Diagnostic`]s; and the [`model`], the checked specs that the output is
//! generated from (to read, not to build); [`draft`] (a spec draft from a
//! vendor's document) and [`audit`] (specs against their documents).
//! [`Config::openapi`] and [`Config::html`] export the specs for tools and
//! readers outside Rust.
//!
//! # Inside
//!
//! A run is a pipeline of private stages ([`Config`] runs them through
//! `pipeline`):
//!
//! 1. `spec`: parse (serde_yaml into `spec::ast`, with a typed `NodePath` to
//!    every node and its location),
//! 2. `check`: passes over one shared context check every rule of the format,
//!    collecting every problem with `file:line:col` and a hint, and lower the
//!    specs into the [`model`],
//! 3. [`model`]: the resolved, validated IR, the only thing emitters read,
//! 4. `emit`: Rust syntax trees formatted by prettyplease, and markdown from a
//!    minijinja template.
//!
//! Module dependencies, bottom to top (each imports only modules listed before
//! it, and no two import each other):
//!
//! - `parallel` (jobs on every core, results in order), `naming` (Rust names
//!   for spec names), `diagnostic` (problems and the report), [`model`]:
//!   import nothing of the crate;
//! - `spec`: `diagnostic`, `parallel`;
//! - `check`: `spec`, `model`, `naming`, `diagnostic`;
//! - `emit`: `model` and `naming` only (the model is its one contract), and
//!   `parallel`;
//! - `summary`: `model`; `output`: `summary`, `diagnostic`;
//! - `pipeline`: `spec`, `check`, `emit`, `diagnostic`, `parallel` (the stages in order);
//! - `export`: `model` only (OpenAPI and HTML documents from the model);
//! - `config`: `pipeline`, `output`, `emit`, `export` (the public entry points);
//! - `draft`: `naming`; `audit`: `draft`, `spec`, `diagnostic`, `config`.

#![warn(missing_docs)]

mod audit;
mod builtin;
mod check;
mod config;
mod crates;
mod diagnostic;
mod draft;
mod emit;
mod export;
mod fingerprint;
pub mod model;
mod naming;
mod output;
mod parallel;
mod pipeline;
mod spec;
mod summary;

pub use audit::{audit, Audited, Documents as AuditDocuments};
pub use config::{Checked, Config};
pub use diagnostic::{Diagnostic, FileId, Related, Report, Severity, SourceFile, Sources};
pub use draft::{draft, Options as DraftOptions};
pub use emit::mock_table::mock_table;
pub use output::Output;
pub use pipeline::StageTimings;
pub use summary::{Summary, VendorSummary};

/// The runtime crate the generated code refers to.
pub const DEFAULT_RUNTIME_PATH: &str = "::meeting_api_client";

/// The runtime's line in the manifests of a vendor split across crates
/// ([`Config::split`]): the published runtime of this generator's version,
/// without its default features (TLS backend and vendors are the user's
/// choice, made in their own dependency on it).
pub const DEFAULT_RUNTIME_DEPENDENCY: &str = concat!(
    "meeting-api-client = { version = \"",
    env!("CARGO_PKG_VERSION"),
    "\", default-features = false }"
);
