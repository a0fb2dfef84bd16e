//! Spec text -> rustdoc attributes that render as written and never run as code.

use proc_macro2::TokenStream;
use quote::quote;

use crate::check::literal_text;
use crate::model::{CheckKind, Doc, Field, Format, Literal};

/// Escapes spec prose for rustdoc: the document's indentation would otherwise turn
/// into code blocks (which rustdoc compiles as doctests), `<x>` into HTML and `[x]`
/// into links.
pub fn sanitize(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            let line = line
                .trim()
                .replace('\\', "\\\\")
                .replace("```", "\\`\\`\\`")
                .replace("~~~", "\\~\\~\\~")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('[', "\\[")
                .replace(']', "\\]");
            escape_block_marker(line)
        })
        .collect()
}

/// A line that markdown would read as a list item or heading, escaped: the
/// documents number their own lines (`1.平台…`, `- 平台…`) as plain text.
fn escape_block_marker(line: String) -> String {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    if line.starts_with(['-', '*', '+', '#', '=', '|']) {
        return format!("\\{line}");
    }
    line
}

/// Spec prose, made safe for rustdoc (see [`sanitize`]).
pub fn prose(text: &str) -> String {
    // A trailing backslash is a hard line break: the document's lines stay lines.
    sanitize(text).join("\\\n")
}

/// `#[doc = "..."]` lines for a block of paragraphs; empty strings separate them.
pub fn attrs(paragraphs: &[String]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for p in paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(p.lines().map(|l| l.trim().to_string()));
    }
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// The paragraphs of a [`Doc`]: text, the document's own name, the note.
pub fn paragraphs(doc: &Doc) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(t) = &doc.text {
        out.push(prose(t));
    }
    if let Some(n) = &doc.doc_name {
        out.push(format!("The document calls this `{n}`."));
    }
    if let Some(n) = &doc.note {
        out.push(format!("Note on the source document: {}", prose(n)));
    }
    out
}

/// Field docs: description, then what the validator enforces.
pub fn field(f: &Field) -> TokenStream {
    let mut p = paragraphs(&f.doc);
    let mut facts: Vec<String> = Vec::new();
    if f.required {
        facts.push("required".into());
    }
    if let Some(d) = &f.default {
        facts.push(format!("default `{}`", literal_text(d)));
    }
    facts.extend(f.checks.iter().map(|c| describe(&c.kind)));
    if !facts.is_empty() {
        p.push(format!("Wire name `{}`; {}.", f.wire, facts.join("; ")));
    } else if p.is_empty() {
        p.push(format!(
            "Wire name `{}`; the source document gives no description.",
            f.wire
        ));
    }
    attrs(&p)
}

/// A constraint in words, as shown in docs.
pub fn describe(kind: &CheckKind) -> String {
    match kind {
        CheckKind::MaxChars(n) => format!("at most {n} characters"),
        CheckKind::MaxBytes(n) => format!("at most {n} bytes of UTF-8"),
        CheckKind::Length(n) => format!("exactly {n} characters"),
        CheckKind::Chars(r) => {
            let mut parts = Vec::new();
            if r.restricted {
                let mut classes = Vec::new();
                if r.letters {
                    classes.push("ASCII letters".to_string());
                }
                if r.digits {
                    classes.push("digits".to_string());
                }
                if !r.extra.is_empty() {
                    classes.push(char_list(&r.extra));
                }
                parts.push(format!("only {}", classes.join(", ")));
            }
            if !r.forbid.is_empty() {
                parts.push(format!("none of {}", char_list(&r.forbid)));
            }
            if !r.forbid_at_ends.is_empty() {
                parts.push(format!(
                    "not starting or ending with any of `{}`",
                    r.forbid_at_ends
                ));
            }
            parts.join(", ")
        }
        CheckKind::Format(f) => match f {
            Format::Iso8601 => "ISO 8601 date-time with offset".into(),
            Format::DateTime => "`yyyy-MM-dd HH:mm:ss`".into(),
            Format::TimestampMs => "13-digit millisecond timestamp".into(),
            Format::RgbHex => "`#RRGGBB` colour".into(),
        },
        CheckKind::Range { min, max } => match (min, max) {
            (Some(a), Some(b)) => format!("from {a} to {b}"),
            (Some(a), None) => format!("at least {a}"),
            (None, Some(b)) => format!("at most {b}"),
            (None, None) => String::new(),
        },
        CheckKind::OneOf(values) => {
            let v: Vec<String> = values.iter().map(literal_text).collect();
            format!("one of {}", v.join(", "))
        }
        CheckKind::MinItems(n) => format!("at least {n} items"),
        CheckKind::MaxItems(n) => format!("at most {n} items"),
        CheckKind::MaxFileBytes(n) => format!("at most {n} bytes"),
    }
}

/// Characters listed one by one, each escaped for markdown.
fn char_list(chars: &str) -> String {
    let shown: Vec<String> = chars
        .chars()
        .map(|c| match c {
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            c if "\\`*_[]#|~".contains(c) => format!("\\{c}"),
            c => c.to_string(),
        })
        .collect();
    shown.join(" ")
}

/// A literal as Rust tokens.
pub fn literal(l: &Literal) -> TokenStream {
    match l {
        Literal::Int(i) => {
            let lit = proc_macro2::Literal::i64_unsuffixed(*i);
            quote! { #lit }
        }
        Literal::Str(s) => quote! { #s },
        Literal::Bool(b) => quote! { #b },
        Literal::Float(f) => {
            let lit = proc_macro2::Literal::f64_unsuffixed(*f);
            quote! { #lit }
        }
    }
}
