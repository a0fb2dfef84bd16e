//! Auditing specs against the vendor documents they were transcribed from
//! (issue 13): every documented field in the spec with the same type,
//! required flag, enumeration, limits and default; every spec field in the
//! document; every difference reported at the spec node, with the document's
//! line, unless a `note:` on that node explains it (the rule is in
//! [`compare`]; docs/auditing.md).
//!
//! One job per file:
//!
//! - [`specs`]: the spec files of each vendor as YAML, grouped by header,
//! - [`places`]: where each spec field is written and the notes covering it,
//! - [`documents`]: what each document says, flattened, with row lines,
//! - [`compare`]: the differences no note explains.

mod compare;
mod documents;
mod notes;
mod places;
mod specs;

use std::fmt;

use crate::diagnostic::{Diagnostic, Report, Sources};
use crate::draft::measure::draft_side;
use crate::spec::path::NodePath;
use crate::Config;

pub use documents::Documents;

/// What a clean audit compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Audited {
    /// Vendors audited.
    pub vendors: usize,
    /// Operations compared with their documents.
    pub operations: usize,
    /// Spec fields compared (nested fields included).
    pub fields: usize,
}

impl fmt::Display for Audited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "audit clean: {} vendors, {} operations, {} fields agree with their documents",
            self.vendors, self.operations, self.fields
        )
    }
}

/// Audits the specs of `config` against their documents, found through each
/// vendor header's `sources:` in `docs`.
///
/// The specs are checked first (a spec `check` rejects is reported as
/// `check` reports it). Then every difference between a spec and its
/// documents that no `note:` explains is a [`Diagnostic`] at the spec node
/// (`file:line:col`), whose message names the document's file and line.
///
/// ```no_run
/// use meeting_api_codegen::{audit, AuditDocuments, Config};
///
/// let mut specs = Config::new();
/// specs.spec_dir("specs");
/// match audit(&specs, &AuditDocuments::seeds()) {
///     Ok(audited) => println!("{audited}"),
///     Err(report) => eprint!("{report}"),
/// }
/// ```
pub fn audit(config: &Config, docs: &Documents) -> Result<Audited, Report> {
    config.load()?;
    let mut sources = Sources::default();
    let vendors = specs::read(&config.spec_files(), &mut sources);
    let mut diagnostics = Vec::new();
    let mut audited = Audited::default();
    for vendor in &vendors {
        vendor_audit(vendor, docs, &mut diagnostics, &mut audited);
    }
    if diagnostics.is_empty() {
        Ok(audited)
    } else {
        Err(Report::new(sources, diagnostics))
    }
}

/// Audits one vendor, pushing its differences.
fn vendor_audit(
    vendor: &specs::SpecVendor,
    docs: &Documents,
    diagnostics: &mut Vec<Diagnostic>,
    audited: &mut Audited,
) {
    let mut doc_ops = Vec::new();
    for source in &vendor.sources {
        let path = docs.find(source);
        match documents::read(&path, &vendor.name) {
            Ok(ops) => doc_ops.extend(ops),
            Err(e) => diagnostics.push(unreadable(vendor, &path, &e)),
        }
    }
    let spec = draft_side(&vendor.merged());
    let places = places::places(vendor);
    let vendor_notes = vendor.notes();
    let sides = compare::Sides {
        spec: &spec,
        places: &places,
        docs: &doc_ops,
        vendor_notes: &vendor_notes,
        header: places::Place {
            file: vendor.header_file,
            path: sources_path(),
            notes: Vec::new(),
            holder_notes: Vec::new(),
        },
    };
    for finding in compare::compare(&sides) {
        let Some(file) = vendor.files.iter().find(|f| f.id == finding.place.file) else {
            continue;
        };
        let span = file.locations.key(&finding.place.path);
        diagnostics.push(
            Diagnostic::new(file.id, span, finding.message)
                .with_hint("correct the spec, or say why it differs in a `note:` on this node"),
        );
    }
    audited.vendors += 1;
    audited.operations += spec.len();
    audited.fields += spec.iter().map(|op| op.fields.len()).sum::<usize>();
}

/// A document the header names that cannot be read, reported at `sources:`.
fn unreadable(
    vendor: &specs::SpecVendor,
    path: &std::path::Path,
    e: &std::io::Error,
) -> Diagnostic {
    let at = crate::spec::path::NodePath::root()
        .key("vendor")
        .key("sources");
    let file = vendor.files.iter().find(|f| f.id == vendor.header_file);
    let span = file.map_or(0..0, |f| f.locations.key(&at));
    Diagnostic::new(
        vendor.header_file,
        span,
        format!("cannot read the document {}: {e}", path.display()),
    )
    .with_hint(
        "give the documents' folder with --docs (or MEETING_API_SEEDS), or the file with --doc",
    )
}

/// The path of the vendor header's `sources:`.
fn sources_path() -> NodePath {
    NodePath::root().key("vendor").key("sources")
}
