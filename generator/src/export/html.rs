//! A vendor's one-page HTML reference: a header (the API, its host, how it
//! authenticates, its notes), a table of contents linking `#op-<operation>`
//! and `#type-<type>`, a section per operation and per type, and the error
//! catalogue. Self-contained (the style is inline, no script, no external
//! asset) and every text escaped ([`escape::text`]).

mod escape;
mod fields;
mod operations;
mod rules;

use std::fmt::Write;

use crate::model::{Auth, Vendor};
use escape::{id, text};

/// The page's style, inlined.
const STYLE: &str = include_str!("html/style.css");

/// The vendor's page.
pub(crate) fn page(v: &Vendor) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — API reference</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        text(&v.title)
    );
    out.push_str(&header(v));
    out.push_str(&contents(v));
    out.push_str("<main>\n<h2 id=\"operations\">Operations</h2>\n");
    for op in &v.operations {
        out.push_str(&operations::section(v, op));
        out.push('\n');
    }
    out.push_str("<h2 id=\"types\">Types</h2>\n");
    out.push_str(&fields::type_sections(v));
    out.push_str(&catalogue(v));
    out.push_str("\n</main>\n</body>\n</html>\n");
    out
}

fn header(v: &Vendor) -> String {
    let mut out = format!("<header>\n<h1>{}</h1>\n", text(&v.title));
    if let Some(d) = &v.doc {
        let _ = write!(out, "<p>{}</p>", text(d));
    }
    out.push_str("<ul class=\"facts\">");
    if let Some(url) = &v.base_url {
        let _ = write!(out, "<li>host: <code>{}</code></li>", text(url));
    }
    let _ = write!(
        out,
        "<li>authentication: <code>{}</code></li>",
        Auth::NAMES[v.auth as usize]
    );
    if let Some(level) = v.api_level {
        let _ = write!(out, "<li>API level: {level}</li>");
    }
    if !v.sources.is_empty() {
        let sources: Vec<String> = v
            .sources
            .iter()
            .map(|s| format!("<code>{}</code>", text(s)))
            .collect();
        let _ = write!(out, "<li>sources: {}</li>", sources.join(", "));
    }
    out.push_str("</ul>");
    for n in &v.notes {
        let _ = write!(out, "<p class=\"note\">note: {}</p>", text(n));
    }
    out.push_str("\n</header>\n");
    out
}

/// The table of contents: every operation, then every type.
fn contents(v: &Vendor) -> String {
    let mut out =
        String::from("<nav id=\"contents\">\n<h2>Contents</h2>\n<ol class=\"operations\">\n");
    for op in &v.operations {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\"><code>{}</code></a> <span class=\"method\">{}</span> <code>{}</code>{}</li>",
            id("op", &op.spec_name),
            text(&op.spec_name),
            op.method.as_str(),
            text(&op.path),
            op.title.as_deref().map_or(String::new(), |t| format!(" {}", text(t)))
        );
    }
    out.push_str("</ol>\n<ol class=\"types\">\n");
    for t in &v.types {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            id("type", t.name()),
            text(t.name())
        );
    }
    out.push_str("</ol>\n</nav>\n");
    out
}

/// The vendor's documented error keys.
fn catalogue(v: &Vendor) -> String {
    if v.catalogue.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<h2 id=\"errors\">Error catalogue</h2><table class=\"errors\"><thead><tr>\
         <th>key</th><th>status</th><th>message</th><th>retry</th></tr></thead><tbody>",
    );
    for c in &v.catalogue {
        let retry = c
            .retry
            .map_or("", |r| crate::model::Retry::NAMES[r as usize]);
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{retry}</td></tr>",
            text(&c.key),
            c.status,
            text(&c.message)
        );
    }
    out.push_str("</tbody></table>");
    out
}
