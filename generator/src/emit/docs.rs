//! Spec text -> rustdoc attributes that render as written and never run as code.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::context::syntax;
use crate::model::{CheckKind, Condition, Doc, Field, Format, Literal, Rule, RuleKind, Test};

/// Escapes spec prose for rustdoc: the document's indentation would otherwise turn
/// into code blocks (which rustdoc compiles as doctests), `<x>` into HTML and `[x]`
/// into links; a bare URL becomes a link (`<https://..>`), as rustdoc asks.
pub fn sanitize(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| escape_block_marker(escape_inline(line.trim())))
        .collect()
}

/// Backslashes, code fences, `<`, `>`, `[` and `]` escaped and URLs linked,
/// in one pass: this runs on every line of every description.
fn escape_inline(line: &str) -> String {
    if !line.contains(['\\', '`', '~', '<', '>', '[', ']']) && !line.contains("://") {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if let Some(url) = url_at(rest) {
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        let fence = ["```", "~~~"].into_iter().find(|f| rest.starts_with(f));
        if let Some(fence) = fence {
            for c in fence.chars() {
                out.push('\\');
                out.push(c);
            }
            rest = &rest[fence.len()..];
            continue;
        }
        match c {
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The URL `text` starts with (`http://` or `https://` and what follows up to a
/// space, a character an autolink cannot hold, or trailing punctuation).
fn url_at(text: &str) -> Option<&str> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || !c.is_ascii() || matches!(c, '<' | '>' | '`'))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"']);
    // A scheme alone is not a link.
    (url.len() > url.find("://")? + 3).then_some(url)
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

/// The rustdoc lines of a block of paragraphs (each with its leading space);
/// empty lines separate the paragraphs.
fn doc_lines(paragraphs: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for p in paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(p.lines().map(|l| l.trim().to_string()));
    }
    for line in lines.iter_mut().filter(|l| !l.is_empty()) {
        line.insert(0, ' ');
    }
    lines
}

/// `#[doc = "..."]` lines for a block of paragraphs; empty strings separate them.
pub fn attrs(paragraphs: &[String]) -> TokenStream {
    let lines = doc_lines(paragraphs);
    quote! { #( #[doc = #lines] )* }
}

/// [`attrs`] as syntax-tree nodes.
pub fn attr_nodes(paragraphs: &[String]) -> Vec<syn::Attribute> {
    doc_lines(paragraphs)
        .iter()
        .map(|l| syntax::doc(l))
        .collect()
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

/// Field docs: description, when it takes effect (from its owner's `rules`),
/// then the wire name and what the validator enforces. Whether the field is
/// required is not repeated: its type says it (`T` or `Option<T>`).
///
/// A one-line description takes the wire name and limits in parentheses on
/// the same line (`部门ID (`departmentId`; at most 64 characters)`), which
/// reads as well in an IDE's hover and keeps a struct of forty fields short;
/// a longer description keeps them in a paragraph of their own.
pub fn field(f: &Field, rules: &[Rule]) -> Vec<syn::Attribute> {
    let mut p = paragraphs(&f.doc);
    for r in rules {
        let (RuleKind::EffectiveOnlyWhen(paths), Some(_)) = (&r.kind, &r.when) else {
            continue;
        };
        if paths.iter().any(|path| path.wire == f.wire) {
            let why = r.doc.as_deref().map(prose).unwrap_or_default();
            p.push(format!(
                "Takes effect only when {} (not checked: the server ignores it otherwise). {why}",
                conditions(r)
            ));
        }
    }
    let mut limits: Vec<String> = Vec::new();
    if let Some(d) = &f.default {
        limits.push(format!("default `{d}`"));
    }
    limits.extend(f.checks.iter().map(|c| describe(&c.kind)));
    let renamed = f.wire != f.ident.trim_start_matches("r#");
    match p.as_mut_slice() {
        [] => p.push(format!(
            "Wire name `{}`; the source document gives no description.",
            f.wire
        )),
        _ if limits.is_empty() && !renamed => {}
        [only] if !only.contains('\n') => {
            let wire = renamed.then(|| format!("`{}`", f.wire));
            let facts: Vec<String> = wire.into_iter().chain(limits).collect();
            only.push_str(&format!(" ({})", facts.join("; ")));
        }
        _ => {
            let wire = std::iter::once(format!("Wire name `{}`", f.wire));
            let facts: Vec<String> = wire.chain(limits).collect();
            p.push(format!("{}.", facts.join("; ")));
        }
    }
    attr_nodes(&p)
}

/// All of a rule's conditions in words: `create_type is 1 and conf_type is 4`.
pub fn conditions(r: &Rule) -> String {
    let all: Vec<String> = r.when.iter().chain(&r.also_when).map(condition).collect();
    all.join(" and ")
}

/// A rule's condition in words, for docs and messages: `conf_type is 4`.
pub fn condition(c: &Condition) -> String {
    let field = &c.field.wire;
    match &c.test {
        Test::Equals(l) => format!("{field} is {l}"),
        Test::NotEquals(l) => format!("{field} is not {l}"),
        Test::In(ls) => format!(
            "{field} is one of {}",
            ls.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Test::Present(true) => format!("{field} is given"),
        Test::Present(false) => format!("{field} is absent"),
    }
}

/// A constraint in words, as shown in docs.
pub fn describe(kind: &CheckKind) -> String {
    match kind {
        CheckKind::MaxChars(n) => format!("at most {n} characters"),
        CheckKind::MaxBytes(n) => format!("at most {n} bytes of UTF-8"),
        CheckKind::Length(n) => format!("exactly {n} characters"),
        CheckKind::MinChars(n) => format!("at least {n} characters"),
        CheckKind::MinBytes(n) => format!("at least {n} bytes of UTF-8"),
        CheckKind::MaxWidth(n) => {
            format!("at most {n} columns wide (a CJK character counts two)")
        }
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
            Format::Iso8601LocalOrOffset => "ISO 8601 date-time, UTC offset optional".into(),
            Format::DateTime => "`yyyy-MM-dd HH:mm:ss`".into(),
            Format::TimestampMs => "13-digit millisecond timestamp".into(),
            Format::TimestampS => "Unix timestamp in seconds".into(),
            Format::RgbHex => "`#RRGGBB` colour".into(),
        },
        CheckKind::Range { min, max } => match (min, max) {
            (Some(a), Some(b)) => format!("from {a} to {b}"),
            (Some(a), None) => format!("at least {a}"),
            (None, Some(b)) => format!("at most {b}"),
            (None, None) => String::new(),
        },
        CheckKind::OneOf(values) => {
            let v: Vec<String> = values.iter().map(ToString::to_string).collect();
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

/// A literal as an expression node.
pub fn literal_expr(l: &Literal) -> syn::Expr {
    match l {
        Literal::Int(i) => syntax::lit_token(proc_macro2::Literal::i64_unsuffixed(*i)),
        Literal::Str(s) => syntax::lit_str(s),
        Literal::Bool(b) => syntax::lit(syn::Lit::Bool(syn::LitBool::new(
            *b,
            proc_macro2::Span::call_site(),
        ))),
        Literal::Float(f) => syntax::lit_token(proc_macro2::Literal::f64_unsuffixed(*f)),
    }
}

/// A literal as Rust tokens (for emitters written with `quote!`).
pub fn literal(l: &Literal) -> TokenStream {
    literal_expr(l).into_token_stream()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain statement of the escaping, one rule at a time.
    fn escape_by_rules(line: &str) -> String {
        line.replace('\\', "\\\\")
            .replace("```", "\\`\\`\\`")
            .replace("~~~", "\\~\\~\\~")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('[', "\\[")
            .replace(']', "\\]")
    }

    #[test]
    fn one_pass_escaping_matches_the_rules_applied_one_by_one() {
        let lines = [
            "会议名称 最大字符长度:64个字节",
            r"C:\path\to <b>bold</b> [link](x)",
            "````four and ~~~~ tildes, ``two``, ~one~",
            r"\```fence after a backslash",
            "<<>>[[]]\\\\",
            "",
            "取值范围[1,100]，格式<yyyy>",
        ];
        for line in lines {
            assert_eq!(escape_inline(line), escape_by_rules(line), "{line:?}");
        }
    }

    #[test]
    fn a_bare_url_becomes_a_link_without_the_punctuation_after_it() {
        let cases = [
            (
                "Source: https://a.example/docs/lists, Cursors.",
                "Source: <https://a.example/docs/lists>, Cursors.",
            ),
            (
                "见 http://a.example/x?y=1&z=2。",
                "见 <http://a.example/x?y=1&z=2>。",
            ),
            ("(see https://a.example/p).", "(see <https://a.example/p>)."),
            ("https://a.example/<b>", "<https://a.example/>&lt;b&gt;"),
            (
                "a scheme alone https:// is text",
                "a scheme alone https:// is text",
            ),
            ("ftp://a.example stays text", "ftp://a.example stays text"),
        ];
        for (line, escaped) in cases {
            assert_eq!(escape_inline(line), escaped, "{line:?}");
        }
    }

    #[test]
    fn numbered_and_bulleted_lines_stay_plain_text() {
        assert_eq!(
            sanitize("1.平台\n- 平台\n  # x"),
            ["1\\.平台", "\\- 平台", "\\# x"]
        );
    }
}
