//! Text -> [`SpecFile`], collecting every shape error with its location.
//!
//! The document is read once into a `serde_yaml::Value` (a syntax error stops
//! there: nothing after it can be trusted), then each vendor header, type and
//! operation is deserialized on its own so that one bad item does not hide the
//! problems of the others.

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::ast::SpecFile;
use super::locate::Locations;
use crate::diagnostic::{Diagnostic, FileId, SourceFile};

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
    let value: Value = match serde_yaml::from_str(&source.text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(syntax_error(id, source, &e));
            return None;
        }
    };
    let locations = Locations::build(source);
    for (path, span) in &locations.duplicates {
        diags.push(
            Diagnostic::new(id, span.clone(), format!("`{path}` is written twice"))
                .with_hint("each key may appear once in a mapping; merge or rename one of them"),
        );
    }
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
                Diagnostic::new(id, locations.value(""), "a spec file must be a mapping")
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
                "",
                "top-level keys must be strings",
                "use `vendor:`, `types:` or `operations:`",
            );
            continue;
        };
        match key.as_str() {
            "vendor" => spec.vendor = ctx.item("vendor", value),
            "types" => {
                for (name, v) in ctx.entries("types", value) {
                    if let Some(t) = ctx.item(&format!("types.{name}"), v) {
                        spec.types.insert(name, t);
                    }
                }
            }
            "operations" => {
                for (name, v) in ctx.entries("operations", value) {
                    if let Some(op) = ctx.item(&format!("operations.{name}"), v) {
                        spec.operations.insert(name, op);
                    }
                }
            }
            other => {
                let hint = suggest(other, &["vendor", "types", "operations"]);
                ctx.error_at_key(other, &format!("unknown top-level key `{other}`"), &hint);
            }
        }
    }
    Some(ParsedFile {
        file: id,
        spec,
        locations,
    })
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
    fn error(&mut self, path: &str, message: &str, hint: &str) {
        let d = Diagnostic::new(self.id, self.locations.value(path), message);
        self.diags.push(if hint.is_empty() {
            d
        } else {
            d.with_hint(hint)
        });
    }

    fn error_at_key(&mut self, path: &str, message: &str, hint: &str) {
        let d = Diagnostic::new(self.id, self.locations.key(path), message);
        self.diags.push(if hint.is_empty() {
            d
        } else {
            d.with_hint(hint)
        });
    }

    /// The entries of a `name: {...}` section, in order.
    fn entries(&mut self, section: &str, value: Value) -> Vec<(String, Value)> {
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
    fn item<T: DeserializeOwned>(&mut self, path: &str, value: Value) -> Option<T> {
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(t) => Some(t),
            Err(e) => {
                let mut full = path.to_string();
                for seg in e.path().iter() {
                    let part = match seg {
                        serde_path_to_error::Segment::Seq { index } => index.to_string(),
                        serde_path_to_error::Segment::Map { key } => key.clone(),
                        serde_path_to_error::Segment::Enum { variant } => variant.clone(),
                        serde_path_to_error::Segment::Unknown => continue,
                    };
                    full = format!("{full}.{part}");
                }
                let message = e.inner().to_string();
                let (message, hint, at_key) = explain(&message);
                if at_key {
                    self.error_at_key(&full, &format!("{message} (in `{full}`)"), &hint);
                } else {
                    self.error(&full, &format!("{message} (in `{full}`)"), &hint);
                }
                None
            }
        }
    }
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
    (message.to_string(), String::new(), false)
}

/// "did you mean `x`?" when a close candidate exists, else the list of candidates.
pub fn suggest(word: &str, candidates: &[&str]) -> String {
    let best = candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, c)) => format!("did you mean `{c}`?"),
        None if candidates.is_empty() => String::new(),
        None => format!("expected one of: {}", candidates.join(", ")),
    }
}
