//! AST -> model: every reference resolved, every rule checked, every problem
//! reported with the location of the node it is about.
//!
//! The passes share one [`ctxt::Ctxt`] (diagnostics, symbol table, type space,
//! deferred work) and run in this order:
//!
//! 1. [`vendor`]: the header (name, auth, base URL);
//! 2. the symbol table: every declared type and operation, and the Rust name
//!    of each type ([`ctxt::Ctxt::collect_declarations`]);
//! 3. [`types`]: every named type with its fields, inline types and
//!    enumerations; each field's constraints through [`constraints`];
//! 4. [`operations`]: method, path, parameters, body, response, paging and
//!    examples;
//! 5. [`graph`]: recursion (boxed fields) and the structs requests contain;
//! 6. [`rules`]: the queued rules of structs and operations, now that every
//!    type is known; then the error envelope ([`vendor::error_model`]);
//! 7. lowering: the vendor's model.
//!
//! Module dependencies, bottom to top: `ctxt`, `literals`, `constraints`,
//! `types`, `operations`, `rules`, `graph`, `vendor`, then this module.

mod constraints;
mod ctxt;
mod graph;
mod literals;
mod operations;
mod rules;
mod types;
mod vendor;

use crate::diagnostic::{Diagnostic, Sources};
use crate::model::{CatalogueEntry, ErrorModel, Operation, Vendor};
use crate::spec::parse::ParsedFile;
use ctxt::Ctxt;

/// Checks one vendor (one file or the files of one folder) and builds its
/// model, or returns every problem found (none when an unreadable header was
/// already reported by the parser).
pub(crate) fn check_vendor(
    sources: &Sources,
    files: &[ParsedFile],
) -> Result<Vendor, Vec<Diagnostic>> {
    let mut cx = Ctxt::new(sources, files);
    let Some(header) = vendor::header(&mut cx) else {
        return Err(cx.into_diagnostics());
    };
    cx.collect_declarations();
    types::resolve_named_types(&mut cx);
    let mut operations = operations::resolve_operations(&mut cx);
    graph::mark_recursion(&mut cx.space);
    graph::mark_request_types(&mut cx.space, &operations);
    rules::resolve_deferred(&mut cx, &mut operations);
    let error = header
        .vendor
        .error
        .as_ref()
        .and_then(|e| vendor::error_model(&mut cx, &header, e));
    if cx.has_errors() {
        return Err(cx.into_diagnostics());
    }
    Ok(lower(cx, &header, error, operations))
}

/// The vendor's model from its checked parts.
fn lower(
    cx: Ctxt<'_>,
    header: &vendor::Header<'_>,
    error: Option<ErrorModel>,
    operations: Vec<Operation>,
) -> Vendor {
    let v = header.vendor;
    let mut files: Vec<_> = cx
        .files
        .iter()
        .map(|f| cx.sources.get(f.file).path.clone())
        .collect();
    files.sort();
    let catalogue = v
        .error_catalogue
        .iter()
        .map(|c| CatalogueEntry {
            key: c.key.clone(),
            status: c.status,
            message: c.message.clone(),
        })
        .collect();
    Vendor {
        name: v.name.clone(),
        title: v.title.clone(),
        doc: v.doc.clone(),
        sources: v.sources.clone(),
        base_url: v.base_url.clone(),
        auth: header.auth,
        api_level: v.api_level,
        error,
        catalogue,
        notes: v.notes.clone(),
        types: cx.space.decls,
        operations,
        files,
    }
}
