//! Words YAML does not read as text, where the format wants text.
//!
//! serde_yaml reads plain scalars by YAML 1.2's core schema: `null`, `Null`,
//! `NULL` and `~` are null, `true`/`True`/`TRUE` and `false`/`False`/`FALSE`
//! booleans (YAML 1.1's `yes`, `No`, `Off`, `Y` are text to it, and need no
//! quotes). So `name: Null` reaches the checks as "no name", and the report
//! would be about a missing name. Each such word at a key whose value is text
//! (a name, a label, a doc) is reported here as what it is, with "quote it",
//! and read on as the text it spells, so that no later check misreads it.

use serde_yaml::Value;

use super::locate::Locations;
use super::path::{NodePath, Segment};
use crate::diagnostic::{Diagnostic, FileId, SourceFile};

/// Keys whose value is always text.
pub(super) const TEXT_KEYS: &[&str] = &[
    "name",
    "title",
    "doc",
    "doc_name",
    "rust_name",
    "type_name",
    "label",
    "note",
    "section",
    "error_key",
    "key",
    "message",
    "extra",
    "forbid",
    "forbid_at_ends",
    "verbatim",
];

/// Keys whose value is a list of texts.
pub(super) const TEXT_LISTS: &[&str] = &["sources", "notes", "require", "only_when", "before"];

/// Mappings of an enumeration whose values are text when written bare
/// (code -> label).
pub(super) const LABEL_MAPPINGS: &[&str] = &["values"];

/// Reports every null or boolean word where text is meant, and puts the
/// text it spells in its place.
pub(crate) fn take(
    id: FileId,
    source: &SourceFile,
    value: &mut Value,
    locations: &Locations,
    diags: &mut Vec<Diagnostic>,
) {
    walk(value, &NodePath::root(), &mut |path, slot| {
        let span = locations.value(path);
        let Some(text) = source.text.get(span.clone()) else {
            return;
        };
        let Some(what) = misread(text, slot) else {
            return;
        };
        diags.push(
            Diagnostic::new(
                id,
                span,
                format!("`{text}` is read by YAML as {what}, not as the text `{text}`"),
            )
            .with_hint(format!("quote it: `\"{text}\"`")),
        );
        *slot = Value::String(text.to_string());
    });
}

/// What YAML made of `text` when it is the plain word that `value` came from
/// and not text; `None` for anything else (an empty value, a quoted one).
fn misread(text: &str, value: &Value) -> Option<&'static str> {
    let same_word = !text.is_empty() && !text.starts_with(['"', '\'']);
    match value {
        Value::Null if same_word => Some("null (no value)"),
        Value::Bool(true) if same_word => Some("the boolean `true`"),
        Value::Bool(false) if same_word => Some("the boolean `false`"),
        _ => None,
    }
}

/// Visits every value that should be text, with its path.
fn walk(value: &mut Value, path: &NodePath, visit: &mut impl FnMut(&NodePath, &mut Value)) {
    match value {
        Value::Mapping(map) => {
            // An enumeration: `{enum: integer, values: ...}`, or inline
            // `enum: {type_name, values: ...}`.
            let is_enum = map.contains_key("enum")
                || path
                    .split_last()
                    .is_some_and(|(_, last)| matches!(last, Segment::Key(k) if k == "enum"));
            for (key, child) in map.iter_mut() {
                let Some(key) = key_text(key) else {
                    continue;
                };
                let at = path.key(key.clone());
                if is_text(child) && TEXT_KEYS.contains(&key.as_str()) {
                    visit(&at, child);
                } else if TEXT_LISTS.contains(&key.as_str()) {
                    texts(child, &at, visit);
                } else if is_enum && LABEL_MAPPINGS.contains(&key.as_str()) {
                    labels(child, &at, visit);
                } else {
                    walk(child, &at, visit);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &path.index(i), visit);
            }
        }
        _ => {}
    }
}

/// Whether a value may be a word YAML did not read as text.
fn is_text(value: &Value) -> bool {
    matches!(value, Value::Null | Value::Bool(_))
}

/// An enumeration's values: a bare label is text, a `{name, label}` is walked.
fn labels(values: &mut Value, path: &NodePath, visit: &mut impl FnMut(&NodePath, &mut Value)) {
    let Value::Mapping(map) = values else {
        return;
    };
    for (key, child) in map.iter_mut() {
        let Some(at) = key_text(key).map(|k| path.key(k)) else {
            continue;
        };
        if is_text(child) {
            visit(&at, child);
        } else {
            walk(child, &at, visit);
        }
    }
}

/// The elements of a list of texts.
fn texts(list: &mut Value, path: &NodePath, visit: &mut impl FnMut(&NodePath, &mut Value)) {
    if let Value::Sequence(items) = list {
        let scalars = items.iter_mut().enumerate();
        for (i, item) in scalars.filter(|(_, v)| is_text(v)) {
            visit(&path.index(i), item);
        }
    }
}

/// A mapping key as the locations index it (`0` for an integer code).
fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Diagnostic, SourceFile, Sources};
    use crate::spec::ast::SpecFile;
    use crate::spec::parse::parse_file;

    /// The problems of `yaml` as `line:col message (hint)`, and what it parsed to.
    fn read(yaml: &str) -> (Vec<String>, Option<SpecFile>) {
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new("t.yaml", yaml.to_string()));
        let mut diags: Vec<Diagnostic> = Vec::new();
        let parsed = parse_file(id, sources.get(id), &mut diags);
        let file = sources.get(id);
        let shown = diags
            .iter()
            .map(|d| {
                let (line, col) = file.line_col(d.span.start);
                let hint = d.hint.as_deref().unwrap_or("");
                format!("{line}:{col} {} ({hint})", d.message)
            })
            .collect();
        (shown, parsed.map(|p| p.spec))
    }

    #[test]
    fn null_and_boolean_words_where_text_is_meant_are_named_with_quote_it() {
        let yaml = "vendor: {name: t, title: True, auth: none, notes: [~]}\ntypes:\n  K:\n    enum: integer\n    values:\n      0: {name: Null, label: 空}\n      1: NULL\n      2: false\n";
        let (found, spec) = read(yaml);
        assert_eq!(
            found,
            [
                "1:26 `True` is read by YAML as the boolean `true`, not as the text `True` (quote it: `\"True\"`)",
                "1:52 `~` is read by YAML as null (no value), not as the text `~` (quote it: `\"~\"`)",
                "6:17 `Null` is read by YAML as null (no value), not as the text `Null` (quote it: `\"Null\"`)",
                "7:10 `NULL` is read by YAML as null (no value), not as the text `NULL` (quote it: `\"NULL\"`)",
                "8:10 `false` is read by YAML as the boolean `false`, not as the text `false` (quote it: `\"false\"`)",
            ]
        );
        let spec = spec.expect("read on as the text spelt");
        assert_eq!(spec.vendor.map(|v| v.title), Some("True".into()));
    }

    #[test]
    fn yaml_1_1_words_quoted_words_and_real_booleans_are_left_alone() {
        let yaml = "vendor: {name: t, title: No, auth: none}\ntypes:\n  K:\n    enum: string\n    values: {Y: Yes, N: Off, x: \"Null\"}\n  R:\n    fields:\n      a: {type: boolean, required: true, default: false, doc: ''}\n      values: {type: boolean, required: true}\n";
        let (found, _) = read(yaml);
        assert_eq!(found, Vec::<String>::new());
    }
}
