//! One operation's section: method and path, documentation, parameters, the
//! body's fields, rules, replies and the document's examples.

use std::fmt::Write;

use super::escape::{id, text};
use super::fields;
use crate::model::{Example, ExampleKind, Field, Operation, Paging, PagingStyle, Ty, Vendor};

/// The operation's `<section id="op-<name>">`.
pub(crate) fn section(v: &Vendor, op: &Operation) -> String {
    let mut out = format!(
        "<section class=\"operation\" id=\"{}\" data-operation=\"{}\">",
        id("op", &op.spec_name),
        text(&op.spec_name)
    );
    let _ = write!(
        out,
        "<h3><code>{}</code>{}</h3><p class=\"endpoint\"><span class=\"method\">{}</span> <code>{}</code></p>",
        text(&op.spec_name),
        op.title.as_deref().map_or(String::new(), |t| format!(" — {}", text(t))),
        op.method.as_str(),
        text(&op.path)
    );
    out.push_str(&fields::doc(&op.doc));
    out.push_str(&facts(op));
    let params: Vec<(&str, &[Field])> = vec![
        ("path", &op.path_params),
        ("query", &op.query),
        ("header", &op.headers),
    ];
    for (place, list) in params.into_iter().filter(|(_, l)| !l.is_empty()) {
        let _ = write!(out, "<h4>Parameters in the {place}</h4>");
        out.push_str(&fields::table(v, list, Some(place)));
    }
    if let Some(body) = &op.body {
        let _ = write!(
            out,
            "<h4>Body ({}): {}</h4>",
            text(&body.encoding.describe(body.form_field.as_deref())),
            fields::ty(v, &Ty::Struct(body.ty))
        );
        out.push_str(&fields::table(v, v.fields_of(body.ty), None));
    }
    out.push_str(&super::rules::list(&op.rules));
    out.push_str(&replies(v, op));
    out.push_str(&examples(&op.examples));
    out.push_str("</section>");
    out
}

/// API level, idempotence, method override and paging, when stated.
fn facts(op: &Operation) -> String {
    let mut items = Vec::new();
    if let Some(level) = op.min_api_level {
        items.push(format!("lowest API level: {level}"));
    }
    if op.idempotent {
        items.push("idempotent: safe to repeat".to_string());
    }
    if let Some(p) = &op.method_override {
        items.push(format!("may be sent as POST with <code>{}</code>", text(p)));
    }
    if let Some(p) = &op.paging {
        items.push(paging(p));
    }
    if let Some(source) = &op.source {
        items.push(format!("source: {}", text(&source.to_string())));
    }
    if items.is_empty() {
        return String::new();
    }
    format!(
        "<ul class=\"facts\"><li>{}</li></ul>",
        items.join("</li><li>")
    )
}

fn replies(v: &Vendor, op: &Operation) -> String {
    let status = op.response.status.unwrap_or(200);
    let ty = op
        .response
        .ty
        .as_ref()
        .map_or("no body read".to_string(), |t| fields::ty(v, t));
    let mut out = format!("<h4>Reply</h4><p>{status}: {ty}</p>");
    if let Some(d) = &op.response.doc {
        let _ = write!(out, "<p>{}</p>", text(d));
    }
    if let Some(e) = &v.error {
        let _ = write!(
            out,
            "<p>On failure: {} (the vendor's error envelope).</p>",
            fields::ty(v, &Ty::Struct(e.ty))
        );
    }
    out
}

fn examples(examples: &[Example]) -> String {
    if examples.is_empty() {
        return String::new();
    }
    let mut out = String::from("<h4>Examples</h4>");
    for ex in examples {
        let kind = match ex.kind {
            ExampleKind::Request => "request",
            ExampleKind::RequestLine => "request line",
            ExampleKind::Response => "reply",
            ExampleKind::Error => "failure",
        };
        let _ = write!(
            out,
            "<details class=\"example\" open><summary>{}{kind}</summary><pre>{}</pre>",
            ex.name
                .as_deref()
                .map_or(String::new(), |n| format!("{}: ", text(n))),
            text(&ex.verbatim)
        );
        if let Some(n) = &ex.note {
            let _ = write!(out, "<p class=\"note\">{}</p>", text(n));
        }
        out.push_str("</details>");
    }
    out
}

/// How the operation pages: the parameter that names a page, and the reply
/// fields the walk reads.
fn paging(p: &Paging) -> String {
    let code = |f: &Field| format!("<code>{}</code>", text(&f.wire));
    let by = match &p.style {
        PagingStyle::Offset { start } => format!("by item offset {}", code(start)),
        PagingStyle::Page { page, first } => {
            format!("by page number {} (the first page is {first})", code(page))
        }
        PagingStyle::Token { request, reply } => {
            format!(
                "by {} handed back in the reply's {}",
                code(request),
                code(reply)
            )
        }
    };
    let reply = [
        ("size", &p.size),
        ("total", &p.total),
        ("total pages", &p.total_pages),
        ("remaining", &p.remaining),
        ("has more", &p.has_more),
    ];
    let mut parts = vec![format!("pages {by}; items in {}", code(&p.items))];
    for (role, field) in reply {
        if let Some(f) = field {
            parts.push(format!("{role} {}", code(f)));
        }
    }
    parts.join(", ")
}
