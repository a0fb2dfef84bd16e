//! Operations: method, path template, parameters, body, response, paging and
//! examples. An operation's rules are queued with the struct rules (see
//! [`super::ctxt::Deferred`]): their fields are only known once every type is.

use foldhash::{HashMap, HashSet};

use indexmap::IndexMap;

use super::ctxt::{Ctxt, Deferred, Origin, Owner, Site};
use super::paging;
use super::types::{fields, named_type, structure};
use crate::diagnostic::{suggest, FileId};
use crate::model::{
    Body, Doc, Encoding, Example, ExampleKind, Field, Method, Operation, PathSegment, Response,
    Source, Ty,
};
use crate::naming;
use crate::spec::ast;
use crate::spec::path::NodePath;

/// Checks every declared operation, in spec order; `sources` are the
/// documents the vendor header names.
pub(super) fn resolve_operations<'a>(cx: &mut Ctxt<'a>, sources: &[String]) -> Vec<Operation> {
    let ops: Vec<(&'a str, FileId, &'a ast::Operation)> = cx
        .symbols
        .operations
        .iter()
        .map(|(n, (f, o))| (*n, *f, *o))
        .collect();
    let mut out = Vec::new();
    let mut fn_names: HashMap<String, String> = HashMap::default();
    for (name, file, op) in ops {
        let at = Site {
            file,
            path: NodePath::root().key("operations").key(name.to_string()),
        };
        let Some(mut checked) = operation(cx, &at, name, op) else {
            continue;
        };
        checked.source = op
            .source
            .as_ref()
            .and_then(|s| source(cx, &at.key("source"), s, sources));
        if let Some(prev) = fn_names.insert(checked.name.clone(), name.to_string()) {
            cx.error_at_key(
                &at,
                format!(
                    "operations `{prev}` and `{name}` both become the method `{}`",
                    checked.name
                ),
                "rename one of them",
            );
            continue;
        }
        if !op.rules.is_empty() {
            cx.deferred.push(Deferred {
                at: at.key("rules"),
                owner: Owner::Operation(out.len()),
                rules: &op.rules,
            });
        }
        out.push(checked);
    }
    out
}

fn operation<'a>(
    cx: &mut Ctxt<'a>,
    at: &Site,
    name: &'a str,
    op: &'a ast::Operation,
) -> Option<Operation> {
    // A keyword is a fine operation name: the method is `r#match` or `self_`.
    let fn_name = naming::field_ident(name)
        .filter(|n| naming::unraw(n) == name || n.strip_suffix('_') == Some(name));
    if fn_name.is_none() {
        cx.error_at_key(
            at,
            format!("operation name `{name}` is not snake_case"),
            format!(
                "use `{}`",
                naming::field_ident(name).unwrap_or_else(|| "a_snake_case_name".into())
            ),
        );
    }
    let type_name = naming::type_part(name).unwrap_or_default();
    let request_name = format!("{type_name}Request");
    cx.claim_type_name(at, &request_name, Origin::Request(at.path.clone()));
    let method = Method::parse(&op.method).or_else(|| {
        cx.error(
            &at.key("method"),
            format!("unknown method `{}`", op.method),
            suggest(&op.method.to_uppercase(), &Method::NAMES),
        );
        None
    });
    let path_params = fields(cx, &at.key("path_params"), &type_name, &op.path_params);
    let segments = path_template(cx, at, &op.path, &path_params);
    let query = fields(cx, &at.key("query"), &type_name, &op.query);
    let headers = fields(cx, &at.key("headers"), &type_name, &op.headers);
    for (section, list) in [
        ("query", &query),
        ("headers", &headers),
        ("path_params", &path_params),
    ] {
        for f in list.iter() {
            if !is_scalar(&f.ty) {
                cx.error(&at.key(section).key(f.wire.clone()), format!("`{}` must be a scalar (string, integer, number, boolean, enum or array of those)", f.wire), "objects travel in the body");
            }
        }
    }
    let body = op
        .body
        .as_ref()
        .and_then(|b| body(cx, &at.key("body"), name, &type_name, b));
    let response = response(
        cx,
        &at.key("response"),
        name,
        &type_name,
        op.response.as_ref(),
    );
    let paging = op
        .paging
        .as_ref()
        .and_then(|p| paging::paging(cx, &at.key("paging"), p, &query, &response));
    let examples = examples(cx, at, op, body.is_some(), response.ty.is_some());
    if op.method_override.as_deref().is_some_and(|m| m.is_empty()) {
        cx.error(
            &at.key("method_override"),
            "`method_override` names the parameter that carries the method",
            "e.g. `_method`",
        );
    }
    Some(Operation {
        name: fn_name?,
        spec_name: name.to_string(),
        type_name,
        title: op.title.clone(),
        doc: Doc {
            text: op.doc.clone(),
            note: op.note.clone(),
            doc_name: None,
        },
        method: method?,
        path: op.path.clone(),
        segments: segments?,
        path_params,
        query,
        headers,
        body,
        response,
        min_api_level: op.min_api_level,
        idempotent: op.idempotent,
        method_override: op.method_override.clone(),
        paging,
        rules: Vec::new(),
        examples,
        source: None,
    })
}

/// Where the operation is described: a document of the header's `sources:`
/// (the only one when it names none) or a URL, and a section.
fn source(cx: &mut Ctxt<'_>, at: &Site, s: &ast::Source, sources: &[String]) -> Option<Source> {
    if s.doc.is_none() && s.section.is_none() {
        cx.error(
            at,
            "`source` names neither a document nor a section",
            "`source: {doc: <a file of the header's sources: or a URL>, section: <its title>}`",
        );
        return None;
    }
    let is_url = |d: &str| d.starts_with("https://") || d.starts_with("http://");
    let doc = match (&s.doc, sources) {
        (Some(d), _) if is_url(d) || sources.contains(d) => Some(d.clone()),
        (Some(d), []) => {
            cx.error(
                &at.key("doc"),
                format!("`{d}` is neither a URL nor a document of the header's `sources:`, which names none"),
                "add the file to `sources:` in the vendor header, or name the document by its URL",
            );
            return None;
        }
        (Some(d), _) => {
            let named: Vec<String> = sources.iter().map(|s| format!("`{s}`")).collect();
            cx.error(
                &at.key("doc"),
                format!("`{d}` is neither a URL nor a document of the header's `sources:`"),
                format!("the header's sources are {}; add it there if the operation comes from another document", named.join(", ")),
            );
            return None;
        }
        (None, [only]) => Some(only.clone()),
        (None, _) => None,
    };
    Some(Source {
        doc,
        section: s.section.clone(),
    })
}

/// A scalar, or an array of scalars: what a query, header or path parameter
/// (or a multipart part) can be.
fn is_scalar(ty: &Ty) -> bool {
    match ty {
        Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Enum(..) => true,
        Ty::Array(inner) => is_scalar(inner),
        _ => false,
    }
}

/// The path template split into literal text and parameters; every undeclared
/// placeholder and every unused parameter is reported.
fn path_template(
    cx: &mut Ctxt<'_>,
    at: &Site,
    template: &str,
    params: &[Field],
) -> Option<Vec<PathSegment>> {
    let tat = at.key("path");
    if !template.starts_with('/') {
        cx.error(
            &tat,
            format!("path `{template}` must start with `/`"),
            "write the path without the host: `/v1/...`",
        );
        return None;
    }
    let mut segments = Vec::new();
    let mut used = HashSet::default();
    let mut ok = true;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            segments.push(PathSegment::Literal(rest[..open].to_string()));
        }
        let Some(close) = rest[open..].find('}') else {
            cx.error(&tat, format!("unclosed `{{` in path `{template}`"), "");
            return None;
        };
        let name = &rest[open + 1..open + close];
        match params.iter().find(|p| p.wire == name) {
            Some(p) => {
                used.insert(name.to_string());
                segments.push(PathSegment::Param(Box::new(p.clone())));
            }
            None => {
                cx.error(
                    &tat,
                    format!("path parameter `{{{name}}}` is not declared in `path_params`"),
                    format!("add `path_params: {{{name}: {{type: string, required: true}}}}`"),
                );
                ok = false;
            }
        }
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        segments.push(PathSegment::Literal(rest.to_string()));
    }
    for p in params {
        if !used.contains(&p.wire) {
            cx.error_at_key(
                &at.key("path_params").key(p.wire.clone()),
                format!(
                    "path parameter `{}` does not appear in the path `{template}`",
                    p.wire
                ),
                format!("add `{{{}}}` to the path or move it to `query`", p.wire),
            );
            ok = false;
        }
    }
    ok.then_some(segments)
}

fn body<'a>(
    cx: &mut Ctxt<'a>,
    at: &Site,
    operation: &str,
    op_type: &str,
    b: &'a ast::Body,
) -> Option<Body> {
    let encoding = Encoding::parse(&b.encoding).or_else(|| {
        cx.error(
            &at.key("encoding"),
            format!("unknown body encoding `{}`", b.encoding),
            suggest(&b.encoding, &Encoding::NAMES),
        );
        None
    })?;
    if encoding == Encoding::FormJson && b.field.is_none() {
        cx.error(
            at,
            "`encoding: form_json` needs `field`",
            "name the form field that holds the JSON text, e.g. `field: params`",
        );
    }
    if encoding != Encoding::FormJson && b.field.is_some() {
        cx.error_at_key(
            &at.key("field"),
            "`field` only goes with `encoding: form_json`",
            "",
        );
    }
    let slot = Slot {
        ty: b.ty.as_deref(),
        fields: b.fields.as_ref(),
        type_name: b.type_name.as_deref(),
        doc: b.doc.as_ref(),
        rules: &b.rules,
        what: "body",
    };
    let ty = struct_slot(cx, at, operation, &format!("{op_type}Body"), slot)?;
    let Ty::Struct(id) = ty else {
        cx.error(&at.key("type"), "a body must be an object type", "");
        return None;
    };
    if encoding == Encoding::Multipart {
        // Multipart parts are scalars or files; nothing nested.
        for f in cx.space.fields_of(id) {
            if !(is_scalar(&f.ty) || f.ty == Ty::File) {
                cx.error(
                    &at.key("fields").key(f.wire.clone()),
                    "multipart parts are files or scalars",
                    "",
                );
            }
        }
    }
    Some(Body {
        encoding,
        form_field: b.field.clone(),
        ty: id,
    })
}

fn response<'a>(
    cx: &mut Ctxt<'a>,
    at: &Site,
    operation: &str,
    op_type: &str,
    r: Option<&'a ast::Response>,
) -> Response {
    let Some(r) = r else {
        return Response {
            status: None,
            ty: None,
            doc: None,
        };
    };
    let ty = if r.ty.is_none() && r.fields.is_none() {
        None
    } else {
        let slot = Slot {
            ty: r.ty.as_deref(),
            fields: r.fields.as_ref(),
            type_name: r.type_name.as_deref(),
            doc: r.doc.as_ref(),
            rules: &[],
            what: "response",
        };
        struct_slot(cx, at, operation, &format!("{op_type}Response"), slot)
    };
    if let Some(s) = r.status {
        if !(200..300).contains(&s) {
            cx.error(
                &at.key("status"),
                format!("success status {s} is not 2xx"),
                "",
            );
        }
    }
    Response {
        status: r.status,
        ty,
        doc: r.doc.clone(),
    }
}

/// What a body or a response states about its type.
struct Slot<'a> {
    ty: Option<&'a str>,
    fields: Option<&'a IndexMap<String, ast::Field>>,
    type_name: Option<&'a str>,
    doc: Option<&'a String>,
    rules: &'a [ast::Rule],
    /// `body` or `response`, in messages.
    what: &'static str,
}

/// A body or response: a named type, `json`, or inline `fields` (named
/// `default_name` unless `type_name` says otherwise).
fn struct_slot<'a>(
    cx: &mut Ctxt<'a>,
    at: &Site,
    operation: &str,
    default_name: &str,
    slot: Slot<'a>,
) -> Option<Ty> {
    let what = slot.what;
    match (slot.ty, slot.fields) {
        (Some(t), None) => {
            if !slot.rules.is_empty() {
                cx.error_at_key(
                    &at.key("rules"),
                    format!("`rules` of a named {what} type belong on the type"),
                    "",
                );
            }
            named_type(cx, &at.key("type"), t)
        }
        (None, Some(fields)) => {
            let name = slot.type_name.unwrap_or(default_name);
            let id = cx.claim_type(at, name, Origin::Node(at.path.clone()), slot.type_name)?;
            // An inline body or reply is documented even when the spec says nothing.
            let text = slot
                .doc
                .cloned()
                .unwrap_or_else(|| format!("The {what} of `{operation}`."));
            let doc = Doc {
                text: Some(text),
                note: None,
                doc_name: None,
            };
            Some(Ty::Struct(structure(cx, at, id, doc, fields, slot.rules)))
        }
        (Some(_), Some(_)) => {
            cx.error(
                at,
                format!("a {what} has either `type` or `fields`, not both"),
                "",
            );
            None
        }
        (None, None) => {
            cx.error(at, format!("a {what} needs `type` or `fields`"), "");
            None
        }
    }
}

fn examples(
    cx: &mut Ctxt<'_>,
    at: &Site,
    op: &ast::Operation,
    has_body: bool,
    has_response: bool,
) -> Vec<Example> {
    let mut out = Vec::new();
    for (i, ex) in op.examples.iter().enumerate() {
        let eat = at.key("examples").index(i);
        let kind = match ex.kind.as_str() {
            "request" => ExampleKind::Request,
            "request_line" => ExampleKind::RequestLine,
            "response" => ExampleKind::Response,
            "error" => ExampleKind::Error,
            other => {
                cx.error(
                    &eat.key("kind"),
                    format!("unknown example kind `{other}`"),
                    suggest(other, &["request", "request_line", "response", "error"]),
                );
                continue;
            }
        };
        let json = ex.json.clone().unwrap_or_else(|| ex.verbatim.clone());
        if kind != ExampleKind::RequestLine {
            if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
                let field = if ex.json.is_some() {
                    "json"
                } else {
                    "verbatim"
                };
                cx.error(&eat.key(field), format!("example is not valid JSON: {e}"),
                    "keep `verbatim` as the document prints it and add `json:` with the corrected text and a `note:`");
                continue;
            }
        }
        if kind == ExampleKind::Request && !has_body {
            cx.error(
                &eat.key("kind"),
                "a `request` example needs an operation with a `body`",
                "use `request_line` for a URL",
            );
        }
        if kind == ExampleKind::Response && !has_response {
            cx.error(
                &eat.key("kind"),
                "a `response` example needs a `response` type",
                "",
            );
        }
        out.push(Example {
            name: ex.name.clone(),
            kind,
            verbatim: ex.verbatim.clone(),
            json,
            note: ex.note.clone(),
        });
    }
    out
}
