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
//! 4. [`operations`]: method, path, parameters, body, response, paging
//!    ([`paging`]: its style, and the parameters and reply fields it names)
//!    and examples;
//! 5. [`graph`]: recursion (boxed fields), cycles of required fields (an
//!    error) and the structs requests contain;
//! 6. [`rules`]: the queued rules of structs and operations, now that every
//!    type is known; then the error envelope ([`vendor::error_model`]);
//! 7. [`examples`]: warnings for example keys their types do not declare;
//! 8. lowering: the vendor's model.
//!
//! A vendor that `extends:` a published one is checked with the base's
//! files, then [`extends`] keeps what is its own.
//!
//! Module dependencies, bottom to top: `ctxt`, `literals`, `constraints`,
//! `types`, `paging`, `operations`, `rules`, `graph`, `vendor`, `examples`,
//! `extends`, then this module.

mod constraints;
mod ctxt;
mod examples;
mod extends;
mod graph;
mod literals;
mod operations;
mod paging;
mod rules;
mod types;
mod vendor;

use crate::diagnostic::{Diagnostic, Sources};
use crate::model::{ErrorModel, Operation, Vendor};
use crate::spec::parse::ParsedFile;
use ctxt::Ctxt;

/// Checks one vendor (one file or the files of one folder) and builds its
/// model, or returns every problem found (none when an unreadable header was
/// already reported by the parser).
pub(crate) fn check_vendor(
    sources: &Sources,
    files: &[ParsedFile],
) -> Result<(Vendor, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut cx = Ctxt::new(sources, files);
    let Some(header) = vendor::header(&mut cx) else {
        return Err(cx.into_diagnostics());
    };
    cx.collect_declarations();
    types::resolve_named_types(&mut cx);
    let mut operations = operations::resolve_operations(&mut cx, &header.sources);
    graph::mark_recursion(&mut cx.space);
    graph::reject_required_cycles(&mut cx);
    graph::mark_request_types(&mut cx.space, &operations);
    rules::resolve_deferred(&mut cx, &mut operations);
    let error = header
        .vendor
        .error
        .as_ref()
        .and_then(|e| vendor::error_model(&mut cx, &header, e));
    examples::warn_unknown_keys(&mut cx, &operations);
    if cx.has_errors() {
        return Err(cx.into_diagnostics());
    }
    let warnings = cx.take_warnings();
    cx.free_names_aside();
    Ok((lower(cx, &header, error, operations), warnings))
}

/// Checks a vendor that `extends:` a published one: its files follow the
/// base's first `base_files` files (the generator's embedded specs). The
/// base is checked alone, then with the extension, whose model keeps only
/// what is its own ([`extends`]).
pub(crate) fn check_extension(
    sources: &Sources,
    files: &[ParsedFile],
    base_files: usize,
) -> Result<(Vendor, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (base, _) = check_vendor(sources, &files[..base_files])?;
    let merged = check_vendor(sources, files);
    extends::split(sources, files, base_files, &base, merged)
}

/// The vendor's model from its checked parts.
fn lower(
    cx: Ctxt<'_>,
    header: &vendor::Header<'_>,
    error: Option<ErrorModel>,
    operations: Vec<Operation>,
) -> Vendor {
    let (v, own) = (header.vendor, header.own);
    let mut files: Vec<_> = cx
        .files
        .iter()
        .map(|f| cx.sources.get(f.file).path.clone())
        .collect();
    files.sort();
    let catalogue = header.catalogue.clone();
    let (types, positions) = cx.space.into_generation_order();
    Vendor {
        name: own.name.clone(),
        title: if own.title.is_empty() {
            v.title.clone()
        } else {
            own.title.clone()
        },
        doc: own.doc.clone().or_else(|| v.doc.clone()),
        sources: header.sources.clone(),
        base_url: v.base_url.clone(),
        auth: header.auth,
        api_level: v.api_level,
        error,
        catalogue,
        notes: own.notes.clone(),
        types,
        operations,
        files,
        positions,
        base: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::model::{CheckKind, Ty, TypeDecl};
    use crate::spec::parse::parse_file;

    /// The model of a one-file vendor, or the messages of its problems.
    pub(super) fn check(text: &str) -> Result<Vendor, Vec<String>> {
        check_with_hints(text).map_err(|found| found.into_iter().map(|(m, _)| m).collect())
    }

    /// The model of a one-file vendor, or the message and hint of each of
    /// its problems.
    pub(super) fn check_with_hints(text: &str) -> Result<Vendor, Vec<(String, String)>> {
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new("t.yaml", text));
        let mut diags = Vec::new();
        let file = parse_file(id, sources.get(id), &mut diags).expect("the spec parses");
        assert_eq!(diags, []);
        check_vendor(&sources, std::slice::from_ref(&file))
            .map(|(vendor, _warnings)| vendor)
            .map_err(|found| {
                let shown = |d: Diagnostic| (d.message, d.hint.unwrap_or_default());
                found.into_iter().map(shown).collect()
            })
    }

    pub(super) const HEADER: &str = "vendor: {name: t, title: T, auth: none}\n";

    #[test]
    fn either_spelling_is_accepted_on_scalars_and_refused_where_there_is_one_spelling() {
        let spec = |ty: &str| {
            format!("{HEADER}types:\n  R:\n    fields:\n      x: {{type: {ty}, either_spelling: true}}\n")
        };
        for ty in ["integer", "number", "string"] {
            let vendor = check(&spec(ty)).unwrap_or_else(|e| panic!("{ty}: {e:?}"));
            let TypeDecl::Struct(r) = &vendor.types[0] else {
                panic!("a struct")
            };
            assert!(r.fields[0].either_spelling, "{ty}");
        }
        for ty in ["boolean", "json", "array, items: integer"] {
            let problems = check(&spec(ty)).expect_err(ty);
            assert_eq!(
                problems,
                ["`either_spelling` applies to a number, a text or an enumeration field"],
                "{ty}"
            );
        }
    }

    #[test]
    fn an_operation_named_with_a_keyword_keeps_its_spec_name_beside_its_method_name() {
        let spec = format!(
            "{HEADER}operations:\n  match: {{method: GET, path: /m}}\n  self: {{method: GET, path: /s}}\n"
        );
        let vendor = check(&spec).expect("a valid spec");
        let names: Vec<(&str, &str)> = vendor
            .operations
            .iter()
            .map(|op| (op.name.as_str(), op.spec_name.as_str()))
            .collect();
        assert_eq!(names, [("r#match", "match"), ("self_", "self")]);
    }

    #[test]
    fn a_field_refers_to_a_type_declared_further_down_by_an_id_that_resolves_to_it() {
        let spec = format!(
            "{HEADER}types:\n  Outer:\n    fields:\n      inner: {{type: Inner}}\n      kind: {{type: Kind}}\n  Inner:\n    fields:\n      n: {{type: integer}}\n  Kind:\n    enum: integer\n    values: {{1: One}}\n"
        );
        let vendor = check(&spec).expect("a valid spec");
        let outer = match &vendor.types[0] {
            TypeDecl::Struct(s) => s,
            other => panic!("Outer comes first: {other:?}"),
        };
        let Ty::Struct(inner) = outer.fields[0].ty else {
            panic!("a struct field: {:?}", outer.fields[0].ty)
        };
        assert_eq!(vendor.type_name(inner), "Inner");
        assert_eq!(vendor.fields_of(inner)[0].wire, "n");
        let Ty::Enum(kind, _) = outer.fields[1].ty else {
            panic!("an enum field: {:?}", outer.fields[1].ty)
        };
        assert_eq!(vendor.enumeration(kind).map(|e| e.variants.len()), Some(1));
        assert!(vendor.structure(kind).is_none());
    }

    #[test]
    fn an_inline_type_is_generated_before_the_type_that_holds_it() {
        let spec = format!(
            "{HEADER}types:\n  Outer:\n    fields:\n      part: {{type: object, fields: {{n: {{type: integer}}}}}}\n"
        );
        let vendor = check(&spec).expect("a valid spec");
        let names: Vec<&str> = vendor.types.iter().map(TypeDecl::name).collect();
        assert_eq!(names, ["OuterPart", "Outer"]);
        let spec_names: Vec<Option<&str>> = vendor
            .types
            .iter()
            .map(|t| match t {
                TypeDecl::Struct(s) => s.spec_name.as_deref(),
                TypeDecl::Enum(e) => e.spec_name.as_deref(),
            })
            .collect();
        assert_eq!(spec_names, [None, Some("Outer")]);
        let TypeDecl::Struct(outer) = &vendor.types[1] else {
            panic!("a struct")
        };
        let Ty::Struct(part) = outer.fields[0].ty else {
            panic!("a struct field")
        };
        assert_eq!(vendor.type_name(part), "OuterPart");
    }

    #[test]
    fn error_keys_name_a_range_by_min_by_max_or_by_range() {
        for key in ["min", "max", "range"] {
            let spec = format!(
                "{HEADER}types:\n  T:\n    fields:\n      n: {{type: integer, min: 1, max: 9, error_keys: {{{key}: K}}}}\n"
            );
            let vendor = check(&spec).expect("a valid spec");
            let TypeDecl::Struct(t) = &vendor.types[0] else {
                panic!("a struct")
            };
            let check = &t.fields[0].checks[0];
            assert!(matches!(check.kind, CheckKind::Range { .. }), "{key}");
            assert_eq!(check.error_key.as_deref(), Some("K"), "{key}");
        }
    }

    #[test]
    fn a_constraint_on_the_wrong_type_is_reported_with_the_types_it_applies_to() {
        let spec = format!(
            "{HEADER}types:\n  T:\n    fields:\n      n: {{type: integer, max_chars: 3, error_keys: {{max_chars: K}}}}\n"
        );
        let messages = check(&spec).expect_err("max_chars does not apply to integers");
        assert_eq!(
            messages,
            [
                "`max_chars` does not apply to a integer field",
                "`error_keys` names `max_chars`, which this field does not declare",
            ]
        );
    }

    #[test]
    fn the_error_envelope_keeps_its_paths_resolved_to_fields() {
        let spec = "vendor:\n  name: t\n  title: T\n  auth: none\n  error: {type: Envelope, code: meta.code, success: {field: ok, equals: true}}\ntypes:\n  Envelope:\n    fields:\n      ok: {type: boolean}\n      meta: {type: object, fields: {code: {type: integer}}}\n";
        let vendor = check(spec).expect("a valid spec");
        let error = vendor.error.clone().expect("an envelope");
        assert_eq!(vendor.type_name(error.ty), "Envelope");
        let code = error.code.expect("a code path");
        assert_eq!(code.wire, "meta.code");
        let steps: Vec<&str> = code.steps.iter().map(|f| f.wire.as_str()).collect();
        assert_eq!(steps, ["meta", "code"]);
        assert_eq!(code.last().ty, Ty::Integer);
        let (flag, value) = error.success.expect("a success flag");
        assert_eq!(
            (flag.wire.as_str(), value.to_string()),
            ("ok", "true".into())
        );
    }

    /// A one-operation vendor whose header names `sources` and whose
    /// operation has `source: {source}`.
    fn with_source(sources: &str, source: &str) -> Result<Vendor, Vec<String>> {
        check(&format!(
            "vendor: {{name: t, title: T, auth: none, sources: [{sources}]}}\noperations:\n  get:\n    method: GET\n    path: /g\n    source: {{{source}}}\n"
        ))
    }

    #[test]
    fn an_operation_source_names_a_document_of_the_header_or_a_url() {
        let shown = |v: Vendor| v.operations[0].source.as_ref().map(ToString::to_string);
        let named = with_source("a.txt, b.txt", "doc: b.txt, section: 3.1 列表");
        assert_eq!(named.map(shown), Ok(Some("b.txt, 3.1 列表".into())));
        let url = with_source("a.txt", "doc: \"https://x.example/p\"");
        assert_eq!(url.map(shown), Ok(Some("https://x.example/p".into())));
        let implied = with_source("a.txt", "section: 列表");
        assert_eq!(implied.map(shown), Ok(Some("a.txt, 列表".into())));
        let found = with_source("a.txt, b.txt", "doc: c.txt").expect_err("not a source");
        assert_eq!(
            found,
            ["`c.txt` is neither a URL nor a document of the header's `sources:`"]
        );
        let found = with_source("", "doc: c.txt").expect_err("no sources");
        assert_eq!(
            found,
            ["`c.txt` is neither a URL nor a document of the header's `sources:`, which names none"]
        );
        let found = with_source("a.txt", "").expect_err("empty");
        assert_eq!(found, ["`source` names neither a document nor a section"]);
    }
}
