//! Fields and types in HTML: the table of an object's fields (type, required,
//! default, limits, enumeration values with labels, description), and a
//! section per named type.

use std::fmt::Write;

use super::escape::{id, text};
use crate::model::{CharRule, CheckKind, Doc, Enum, Field, Format, Struct, Ty, TypeDecl, Vendor};

/// A table of fields (parameters or an object's fields).
pub(crate) fn table(v: &Vendor, fields: &[Field], place: Option<&str>) -> String {
    let mut out = String::from("<table class=\"fields\"><thead><tr><th>name</th>");
    if place.is_some() {
        out.push_str("<th>in</th>");
    }
    out.push_str("<th>type</th><th>required</th><th>limits and values</th><th>description</th></tr></thead><tbody>");
    for f in fields {
        let _ = write!(out, "<tr><td><code>{}</code></td>", text(&f.wire));
        if let Some(place) = place {
            let _ = write!(out, "<td>{}</td>", text(place));
        }
        let _ = write!(
            out,
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ty(v, &f.ty),
            if f.required { "yes" } else { "no" },
            limits(v, f),
            doc(&f.doc)
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// A type for people: scalars by name, the vendor's types as links.
pub(crate) fn ty(v: &Vendor, t: &Ty) -> String {
    match t {
        Ty::String => "string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Json => "any JSON".into(),
        Ty::File => "file".into(),
        Ty::Struct(tid) | Ty::Enum(tid, _) => {
            let name = v.type_name(*tid);
            format!("<a href=\"#{}\">{}</a>", id("type", name), text(name))
        }
        Ty::Array(item) => format!("array of {}", ty(v, item)),
    }
}

/// Documentation: the text, the document's own name and the note.
pub(crate) fn doc(d: &Doc) -> String {
    let mut out = String::new();
    if let Some(t) = &d.text {
        let _ = write!(out, "<p>{}</p>", text(t));
    }
    if let Some(n) = &d.doc_name {
        let _ = write!(
            out,
            "<p class=\"doc-name\">document name: <code>{}</code></p>",
            text(n)
        );
    }
    if let Some(n) = &d.note {
        let _ = write!(out, "<p class=\"note\">note: {}</p>", text(n));
    }
    out
}

/// A field's limits, default, marks and enumeration values, one per line.
fn limits(v: &Vendor, f: &Field) -> String {
    let mut lines: Vec<String> = Vec::new();
    if let Some(d) = &f.default {
        lines.push(format!("default <code>{}</code>", text(&d.to_string())));
    }
    for c in &f.checks {
        let mut line = check(&c.kind);
        if let Some(key) = &c.error_key {
            let _ = write!(line, " (error key <code>{}</code>)", text(key));
        }
        lines.push(line);
    }
    if f.sensitive {
        lines.push("sensitive (secret)".into());
    }
    if let Some(key) = &f.enum_error_key {
        lines.push(format!(
            "unknown value: error key <code>{}</code>",
            text(key)
        ));
    }
    if let Some(e) = enumeration_of(v, &f.ty) {
        lines.push(values(e));
    }
    lines.join("<br>")
}

/// The enumeration a field's values come from (directly or as array items).
fn enumeration_of<'v>(v: &'v Vendor, t: &Ty) -> Option<&'v Enum> {
    match t {
        Ty::Enum(tid, _) => v.enumeration(*tid),
        Ty::Array(item) => enumeration_of(v, item),
        _ => None,
    }
}

/// An enumeration's values as `code: label` lines.
fn values(e: &Enum) -> String {
    let items: Vec<String> = e
        .variants
        .iter()
        .map(|x| {
            format!(
                "<code>{}</code>: {}",
                text(&x.code.to_string()),
                text(&x.label)
            )
        })
        .collect();
    format!("<span class=\"values\">{}</span>", items.join("<br>"))
}

/// One constraint, under its spec key.
fn check(kind: &CheckKind) -> String {
    let key = kind.key();
    let value = match kind {
        CheckKind::MaxChars(n) => format!("{n} characters"),
        CheckKind::MaxBytes(n) => format!("{n} bytes (UTF-8)"),
        CheckKind::MinChars(n) => format!("at least {n} characters"),
        CheckKind::MinBytes(n) => format!("at least {n} bytes (UTF-8)"),
        CheckKind::MaxWidth(n) => format!("{n} columns (a wide CJK character counts two)"),
        CheckKind::Length(n) => format!("exactly {n} characters"),
        CheckKind::Chars(r) => chars(r),
        CheckKind::Format(f) => text(format_shape(*f)),
        CheckKind::Range { min, max } => {
            let bound = |b: &Option<i64>| b.map_or("…".to_string(), |b| b.to_string());
            format!("{} to {}", bound(min), bound(max))
        }
        CheckKind::OneOf(values) => {
            let v: Vec<String> = values.iter().map(|l| text(&l.to_string())).collect();
            v.join(", ")
        }
        CheckKind::MinItems(n) => format!("at least {n} items"),
        CheckKind::MaxItems(n) => format!("at most {n} items"),
        CheckKind::MaxFileBytes(n) => format!("{n} bytes per file"),
    };
    format!("<span class=\"limit\">{key}</span> {value}")
}

fn format_shape(f: Format) -> &'static str {
    match f {
        Format::Iso8601 => "ISO 8601 date-time with offset",
        Format::DateTime => "yyyy-MM-dd HH:mm:ss",
        Format::TimestampMs => "milliseconds since 1970 (13 digits)",
        Format::TimestampS => "seconds since 1970",
        Format::Iso8601LocalOrOffset => "ISO 8601 date-time, with or without an offset",
        Format::RgbHex => "#RRGGBB",
    }
}

fn chars(r: &CharRule) -> String {
    let mut parts = Vec::new();
    if r.restricted {
        let mut allowed = Vec::new();
        if r.letters {
            allowed.push("ASCII letters".to_string());
        }
        if r.digits {
            allowed.push("digits".to_string());
        }
        if !r.extra.is_empty() {
            allowed.push(format!("<code>{}</code>", text(&r.extra)));
        }
        parts.push(format!("only {}", allowed.join(", ")));
    }
    if !r.forbid.is_empty() {
        parts.push(format!("none of <code>{}</code>", text(&r.forbid)));
    }
    if !r.forbid_at_ends.is_empty() {
        parts.push(format!(
            "not first or last: <code>{}</code>",
            text(&r.forbid_at_ends)
        ));
    }
    if let Some(d) = &r.doc {
        parts.push(format!("({})", text(d)));
    }
    parts.join("; ")
}

/// A section per named type, in the model's order.
pub(crate) fn type_sections(v: &Vendor) -> String {
    let mut out = String::new();
    for t in &v.types {
        let name = t.name();
        let _ = write!(
            out,
            "<section class=\"type\" id=\"{}\"><h3>{}</h3>",
            id("type", name),
            text(name)
        );
        match t {
            TypeDecl::Struct(s) => out.push_str(&structure(v, s)),
            TypeDecl::Enum(e) => out.push_str(&enumeration(e)),
        }
        out.push_str("</section>");
    }
    out
}

fn structure(v: &Vendor, s: &Struct) -> String {
    let mut out = doc(&s.doc);
    out.push_str(&table(v, &s.fields, None));
    out.push_str(&super::rules::list(&s.rules));
    out
}

fn enumeration(e: &Enum) -> String {
    let mut out = doc(&e.doc);
    out.push_str("<table class=\"values\"><thead><tr><th>code</th><th>name</th><th>label</th></tr></thead><tbody>");
    for x in &e.variants {
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            text(&x.code.to_string()),
            text(&x.name),
            text(&x.label)
        );
    }
    out.push_str("</tbody></table>");
    out
}
