//! Rules across fields in words, each field by its wire path.

use std::fmt::Write;

use super::escape::text;
use crate::model::{Condition, FieldPath, Format, Literal, Rule, RuleKind, Test};

/// The rules as a list (empty when there are none).
pub(crate) fn list(rules: &[Rule]) -> String {
    if rules.is_empty() {
        return String::new();
    }
    let mut out = String::from("<h4>Rules</h4><ul class=\"rules\">");
    for r in rules {
        let _ = write!(out, "<li>{}", demand(&r.kind));
        if let Some(c) = &r.when {
            let all: Vec<String> = std::iter::once(c)
                .chain(&r.also_when)
                .map(condition)
                .collect();
            let _ = write!(out, ", when {}", all.join(" and "));
        }
        if let Some(key) = &r.error_key {
            let _ = write!(out, " (error key <code>{}</code>)", text(key));
        }
        if let Some(d) = &r.doc {
            let _ = write!(out, "<br><span class=\"doc\">{}</span>", text(d));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

fn demand(kind: &RuleKind) -> String {
    match kind {
        RuleKind::Require(fields) => format!("<b>require</b> {}", paths(fields)),
        RuleKind::OnlyWhen(fields) => {
            format!("<b>only when</b> the condition holds: {}", paths(fields))
        }
        RuleKind::Before(a, b, f) => format!(
            "<b>before</b>: {} is earlier than {} ({})",
            path(a),
            path(b),
            format_name(*f)
        ),
        RuleKind::NoOverlap(n) => format!(
            "<b>no overlap</b>: the periods [{}, {}) of the items of {} do not overlap ({})",
            code(&n.start.wire),
            code(&n.end.wire),
            path(&n.array),
            format_name(n.format)
        ),
        RuleKind::AtLeastOneOf(fields) => format!("<b>at least one of</b> {}", paths(fields)),
        RuleKind::ExactlyOneOf(fields) => format!("<b>exactly one of</b> {}", paths(fields)),
        RuleKind::EffectiveOnlyWhen(fields) => format!(
            "<b>takes effect only when</b> the condition holds (not checked): {}",
            paths(fields)
        ),
        RuleKind::Limit { field, min, max } => {
            let bound = |b: &Option<i64>| b.map_or("…".to_string(), |b| b.to_string());
            format!(
                "<b>limit</b> {} to {} … {}",
                path(field),
                bound(min),
                bound(max)
            )
        }
        RuleKind::ForbidValues(field, values) => {
            let v: Vec<String> = values.iter().map(|l| code(&l.to_string())).collect();
            format!("<b>forbid</b> {} = {}", path(field), v.join(", "))
        }
    }
}

fn condition(c: &Condition) -> String {
    let field = path(&c.field);
    let lit = |l: &Literal| code(&l.to_string());
    match &c.test {
        Test::Equals(l) => format!("{field} = {}", lit(l)),
        Test::NotEquals(l) => format!("{field} ≠ {}", lit(l)),
        Test::In(ls) => {
            let v: Vec<String> = ls.iter().map(lit).collect();
            format!("{field} is one of {}", v.join(", "))
        }
        Test::Present(true) => format!("{field} is present"),
        Test::Present(false) => format!("{field} is absent"),
    }
}

fn format_name(f: Format) -> &'static str {
    Format::NAMES[f as usize]
}

fn paths(fields: &[FieldPath]) -> String {
    let v: Vec<String> = fields.iter().map(path).collect();
    v.join(", ")
}

fn path(p: &FieldPath) -> String {
    code(&p.wire)
}

fn code(s: &str) -> String {
    format!("<code>{}</code>", text(s))
}
