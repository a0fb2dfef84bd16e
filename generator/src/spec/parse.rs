//! Text -> [`SpecFile`], collecting every shape error with its location.
//!
//! A file without problems is read the fast way ([`super::fast`]): in
//! pieces, on several threads, straight into the AST. Any other file is read
//! the usual way, which finds and reports its problems: the document is read
//! once into a `serde_yaml::Value` (a syntax error stops there: nothing after
//! it can be trusted), then each vendor header, type and operation is
//! deserialized on its own so that one bad item does not hide the problems of
//! the others.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::ast::SpecFile;
use super::locate::Locations;
use super::path::{NodePath, Segment};
use crate::diagnostic::{suggest, Diagnostic, FileId, SourceFile};

/// A spec file that parsed, with the positions of its nodes.
#[derive(Debug)]
pub struct ParsedFile {
    pub file: FileId,
    pub spec: SpecFile,
    pub locations: Locations,
}

/// Parses one file. Returns `None` when nothing usable could be read; every
/// problem found is pushed to `diags`.
pub fn parse_file(
    id: FileId,
    source: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) -> Option<ParsedFile> {
    parse_shared(id, Arc::new(source.clone()), diags, 1)
}

/// [`parse_file`] of a file shared with [`crate::diagnostic::Sources`],
/// reading a large file on up to `threads` threads.
pub fn parse_shared(
    id: FileId,
    source: Arc<SourceFile>,
    diags: &mut Vec<Diagnostic>,
    threads: usize,
) -> Option<ParsedFile> {
    let fast = super::fast::read(&source.text, threads);
    let locations = Locations::shared(Arc::clone(&source));
    match fast {
        Some(spec) => Some(ParsedFile {
            file: id,
            spec,
            locations,
        }),
        None => read_usual_way(id, &source, locations, diags),
    }
}

/// Reads a file through a `Value` of the whole document, reporting every
/// problem (what [`parse_file`] does when the fast way gives up).
pub(super) fn read_usual_way(
    id: FileId,
    source: &SourceFile,
    locations: Locations,
    diags: &mut Vec<Diagnostic>,
) -> Option<ParsedFile> {
    let mut value: Value = match serde_yaml::from_str(&source.text) {
        Ok(v) => v,
        Err(e) => {
            // Only a file serde_yaml refuses can have a key written twice:
            // report each, then read on with the first of each key to find the
            // file's other problems.
            report_duplicates(id, source, &locations, diags);
            let duplicate =
                !locations.duplicates().is_empty() && e.to_string().contains("duplicate entry");
            match duplicate
                .then(|| super::locate::value_keeping_first_keys(source))
                .flatten()
            {
                Some(v) => v,
                None => {
                    diags.push(syntax_error(id, source, &e));
                    return None;
                }
            }
        }
    };
    super::markers::take(id, &mut value, &locations, diags);
    super::unquoted::take(id, source, &mut value, &locations, diags);
    let mut spec = SpecFile::default();
    let top = match value {
        Value::Mapping(m) => m,
        Value::Null => {
            return Some(ParsedFile {
                file: id,
                spec,
                locations,
            })
        }
        _ => {
            diags.push(
                Diagnostic::new(
                    id,
                    locations.value(&NodePath::root()),
                    "a spec file must be a mapping",
                )
                .with_hint("start the file with `vendor:`, `types:` or `operations:`"),
            );
            return None;
        }
    };
    let mut ctx = Ctx {
        id,
        locations: &locations,
        diags,
    };
    for (key, value) in top {
        let Some(key) = key.as_str().map(str::to_owned) else {
            ctx.error(
                &NodePath::root(),
                "top-level keys must be strings",
                "use `vendor:`, `types:` or `operations:`",
            );
            continue;
        };
        match key.as_str() {
            "vendor" => {
                spec.vendor = ctx.item(NodePath::root().key("vendor"), value);
                spec.vendor_unreadable = spec.vendor.is_none();
            }
            "types" => {
                let types = NodePath::root().key("types");
                for (name, v) in ctx.entries(&types, value) {
                    if let Some(t) = ctx.item(types.key(name.clone()), v) {
                        spec.types.insert(name, t);
                    }
                }
            }
            "operations" => {
                let operations = NodePath::root().key("operations");
                for (name, v) in ctx.entries(&operations, value) {
                    if let Some(op) = ctx.item(operations.key(name.clone()), v) {
                        spec.operations.insert(name, op);
                    }
                }
            }
            other => {
                let hint = suggest(other, &["vendor", "types", "operations"]);
                ctx.error_at_key(
                    &NodePath::root().key(other.to_string()),
                    &format!("unknown top-level key `{other}`"),
                    &hint,
                );
            }
        }
    }
    Some(ParsedFile {
        file: id,
        spec,
        locations,
    })
}

fn report_duplicates(
    id: FileId,
    source: &SourceFile,
    locations: &Locations,
    diags: &mut Vec<Diagnostic>,
) {
    for d in locations.duplicates() {
        let (line, _) = source.line_col(d.first.start);
        // A duplicate is a key of some mapping: its path has a last step.
        let Some((parent, key)) = d.path.split_last() else {
            continue;
        };
        let message = if parent.is_root() {
            format!("`{key}` is written twice")
        } else {
            format!("`{key}` is written twice in `{parent}`")
        };
        diags.push(Diagnostic::new(id, d.span.clone(), message).with_hint(format!(
            "each key may appear once in a mapping; the first `{key}` (line {line}) is used: merge them or rename one"
        )));
    }
}

fn syntax_error(id: FileId, source: &SourceFile, e: &serde_yaml::Error) -> Diagnostic {
    let start = e
        .location()
        .map_or(0, |l| source.offset(l.line(), l.column()));
    let message = e.to_string();
    // serde_yaml appends " at line L column C"; the report shows the position itself.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    Diagnostic::new(
        id,
        source.rest_of_line(start),
        format!("YAML syntax error: {message}"),
    )
    .with_hint("check indentation, and quote values that contain `: `, `#`, `*` or `&`")
}

struct Ctx<'a> {
    id: FileId,
    locations: &'a Locations,
    diags: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn error(&mut self, path: &NodePath, message: &str, hint: &str) {
        let d = Diagnostic::new(self.id, self.locations.value(path), message);
        self.diags.push(if hint.is_empty() {
            d
        } else {
            d.with_hint(hint)
        });
    }

    fn error_at_key(&mut self, path: &NodePath, message: &str, hint: &str) {
        let d = Diagnostic::new(self.id, self.locations.key(path), message);
        self.diags.push(if hint.is_empty() {
            d
        } else {
            d.with_hint(hint)
        });
    }

    /// The entries of a `name: {...}` section, in order.
    fn entries(&mut self, section: &NodePath, value: Value) -> Vec<(String, Value)> {
        match value {
            Value::Mapping(m) => m
                .into_iter()
                .filter_map(|(k, v)| match k {
                    Value::String(s) => Some((s, v)),
                    other => {
                        let shown = serde_yaml::to_string(&other).unwrap_or_default();
                        self.error(
                            section,
                            &format!("`{}` is not a valid name", shown.trim()),
                            "names are strings",
                        );
                        None
                    }
                })
                .collect(),
            Value::Null => Vec::new(),
            _ => {
                self.error(
                    section,
                    &format!("`{section}` must be a mapping of names to definitions"),
                    "",
                );
                Vec::new()
            }
        }
    }

    /// Deserializes one item, reporting a failure at the exact node it is about.
    ///
    /// serde stops at the first unknown key; each one is reported, removed and
    /// the item read again, so that every misspelt key of an item shows at once
    /// and the item (which means the same without a key nobody reads) is still
    /// checked. Any other shape error drops the item.
    fn item<T: DeserializeOwned>(&mut self, path: NodePath, mut value: Value) -> Option<T> {
        // Each round removes one key, so this ends; the bound is a safety net.
        for _ in 0..256 {
            let e = match serde_path_to_error::deserialize::<_, T>(&value) {
                Ok(t) => return Some(t),
                Err(e) => e,
            };
            let mut full = path.clone();
            let mut segments = Vec::new();
            for seg in e.path().iter() {
                full = full.child(match seg {
                    serde_path_to_error::Segment::Seq { index } => Segment::Index(*index),
                    serde_path_to_error::Segment::Map { key } => Segment::Key(key.clone().into()),
                    serde_path_to_error::Segment::Enum { variant } => {
                        Segment::Key(variant.clone().into())
                    }
                    serde_path_to_error::Segment::Unknown => continue,
                });
                segments.push(seg.clone());
            }
            let inner = e.inner().to_string();
            let (message, hint, unknown_key) = explain(&inner);
            if unknown_key {
                self.error_at_key(&full, &format!("{message} (in `{full}`)"), &hint);
                let key = unknown_key_name(&inner);
                if remove_key(&mut value, &segments, key) {
                    continue;
                }
            } else {
                self.error(&full, &format!("{message} (in `{full}`)"), &hint);
            }
            return None;
        }
        None
    }
}

/// The key named by serde's "unknown field `x`" message.
fn unknown_key_name(message: &str) -> &str {
    message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
        .unwrap_or("")
}

/// Removes `key` from the mapping at `path` in `value`, or (when the path already
/// ends with the key, as serde_path_to_error reports it) from its parent.
fn remove_key(value: &mut Value, path: &[serde_path_to_error::Segment], key: &str) -> bool {
    fn at<'v>(
        mut v: &'v mut Value,
        path: &[serde_path_to_error::Segment],
    ) -> Option<&'v mut Value> {
        for seg in path {
            v = match seg {
                serde_path_to_error::Segment::Seq { index } => v.get_mut(*index)?,
                serde_path_to_error::Segment::Map { key } => v.get_mut(key.as_str())?,
                _ => return None,
            };
        }
        Some(v)
    }
    let parent = match path.split_last() {
        Some((serde_path_to_error::Segment::Map { key: last }, parent)) if last == key => parent,
        _ => path,
    };
    at(value, parent)
        .and_then(Value::as_mapping_mut)
        .and_then(|m| m.remove(key))
        .is_some()
}

/// Rewrites serde's messages into what to fix; returns (message, hint, is-about-a-key).
fn explain(message: &str) -> (String, String, bool) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let hint = suggest(field, &expected);
        return (format!("unknown key `{field}`"), hint, true);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            format!("missing key `{field}`"),
            format!("add `{field}:`; see docs/spec-format.md"),
            false,
        );
    }
    // "invalid type: string \"x\", expected u64" says what serde wanted in
    // Rust's terms; say it in the spec's.
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some((found, expected)) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.rsplit_once(", expected "))
        {
            return (
                format!("expected {}, found {found}", spec_terms(expected)),
                String::new(),
                false,
            );
        }
    }
    (message.to_string(), String::new(), false)
}

/// serde's name of an expected shape, in the words of docs/spec-format.md.
fn spec_terms(expected: &str) -> &str {
    match expected {
        "u64" | "u32" | "u16" | "u8" | "usize" => "a whole number of 0 or more",
        "i64" | "i32" => "a whole number",
        "a boolean" => "`true` or `false`",
        "a sequence" => "a list (`[a, b]` or `- a` lines)",
        "a string" => "a text",
        other if other.starts_with("struct ") || other == "a map" || other == "a YAML mapping" => {
            "a mapping (`key: value` lines or `{key: value}`)"
        }
        other => other,
    }
}
