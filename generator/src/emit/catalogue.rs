//! The human endpoint catalogue (markdown), rendered by a minijinja template.

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{context, Environment};
use serde::Serialize;

use crate::model::{Api, Operation};

const TEMPLATE: &str = include_str!("../../templates/catalogue.md.j2");

#[derive(Serialize)]
struct Row {
    operation: String,
    title: String,
    method: &'static str,
    path: String,
    rust_method: String,
    min_api_level: String,
    summary: String,
}

#[derive(Serialize)]
struct VendorRows {
    name: String,
    title: String,
    base_url: String,
    auth: String,
    rows: Vec<Row>,
}

/// Markdown: one table per vendor (operation, method, path, Rust method, minimum
/// API level, one-line description).
pub fn catalogue(api: &Api) -> String {
    let vendors: Vec<VendorRows> = api
        .vendors
        .iter()
        .map(|v| VendorRows {
            name: v.name.clone(),
            title: v.title.clone(),
            // Angle brackets make the URL a link in rustdoc and markdown.
            base_url: v.base_url.as_ref().map_or_else(
                || "(none: on-premise, set at run time)".into(),
                |u| format!("<{u}>"),
            ),
            auth: v.auth.credentials_type().to_string(),
            rows: v
                .operations
                .iter()
                .map(|op| Row {
                    operation: op.name.clone(),
                    title: op.title.clone().unwrap_or_default(),
                    method: op.method.as_str(),
                    path: op.path.clone(),
                    rust_method: format!("{}::Client::{}", v.name, op.name),
                    min_api_level: op
                        .min_api_level
                        .map(|l| l.to_string())
                        .unwrap_or_else(|| "-".into()),
                    summary: summary(op),
                })
                .collect(),
        })
        .collect();
    let mut env = Environment::new();
    // The template is part of the generator; a failure here is a bug, shown as text.
    let rendered = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .map(|syntax| env.set_syntax(syntax))
        .and_then(|()| env.add_template("catalogue", TEMPLATE))
        .and_then(|()| env.get_template("catalogue"))
        .and_then(|t| t.render(context! { vendors => Serde(vendors) }));
    rendered.unwrap_or_else(|e| format!("catalogue template error: {e}\n"))
}

/// The first sentence of the operation's description, and where the
/// document describes it.
fn summary(op: &Operation) -> String {
    let text = one_line(op.doc.text.as_deref().or(op.title.as_deref()).unwrap_or(""));
    match &op.source {
        Some(s) => format!("{text} (Source: {})", one_line(&s.to_string())),
        None => text,
    }
}

/// The first sentence, without table-breaking characters.
fn one_line(text: &str) -> String {
    let first = text.split(['。', '\n']).next().unwrap_or("").trim();
    first.replace('|', "\\|")
}
