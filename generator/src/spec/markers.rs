//! Draft markers: the `resolve:` questions `meeting-api-codegen draft` leaves
//! on the nodes a document leaves open (see `docs/drafting.md`).
//!
//! A marker is not part of the spec format: `check` reports every one, with
//! its question, at its place, and generates nothing until all are answered.
//! They are taken out of the YAML before it is read into the AST, so that a
//! draft's other problems are reported beside its markers and not hidden
//! behind "unknown key `resolve`".

use serde_yaml::Value;

use super::locate::Locations;
use super::path::{NodePath, Segment};
use crate::diagnostic::{Diagnostic, FileId};

/// The key a draft writes its questions under.
pub(super) const MARKER: &str = "resolve";

/// Mappings whose keys are data, not format keys: an enumeration's `values:`
/// may have a code spelled `resolve` whose label is a string.
const DATA_MAPPINGS: &[&str] = &["values"];

/// Removes every marker from `value` and reports each question it asks.
pub(crate) fn take(
    id: FileId,
    value: &mut Value,
    locations: &Locations,
    diags: &mut Vec<Diagnostic>,
) {
    walk(value, &NodePath::root(), &mut |path, question| {
        diags.push(
            Diagnostic::new(
                id,
                locations.value(path),
                format!("unresolved draft marker: {question}"),
            )
            .with_hint("answer it in the spec (keep or correct the value the draft proposes), then delete this `resolve:`"),
        );
    });
}

/// Visits every mapping below `value`, taking out its marker.
fn walk(value: &mut Value, path: &NodePath, report: &mut impl FnMut(&NodePath, &str)) {
    match value {
        Value::Mapping(map) => {
            let is_data = path.split_last().is_some_and(
                |(_, last)| matches!(last, Segment::Key(k) if DATA_MAPPINGS.contains(&&**k)),
            );
            if !is_data && map.get(MARKER).is_some_and(is_question) {
                let questions = map.remove(MARKER).unwrap_or(Value::Null);
                report_questions(&questions, &path.key(MARKER), report);
            }
            for (key, child) in map.iter_mut() {
                if let Some(key) = key.as_str() {
                    walk(child, &path.key(key.to_string()), report);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &path.index(i), report);
            }
        }
        _ => {}
    }
}

/// A marker's value: one question, or a list of them. A mapping under the
/// key is something else (a field whose wire name is `resolve`).
fn is_question(value: &Value) -> bool {
    match value {
        Value::String(_) => true,
        Value::Sequence(items) => items.iter().all(|i| matches!(i, Value::String(_))),
        _ => false,
    }
}

fn report_questions(questions: &Value, at: &NodePath, report: &mut impl FnMut(&NodePath, &str)) {
    match questions {
        Value::String(q) => report(at, q),
        Value::Sequence(items) => {
            for (i, q) in items.iter().enumerate() {
                report(&at.index(i), q.as_str().unwrap_or_default());
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Diagnostic, SourceFile, Sources};
    use crate::spec::parse::parse_file;

    /// The markers reported for `yaml`, as `line:col question`.
    fn markers(yaml: &str) -> Vec<String> {
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new("draft.yaml", yaml.to_string()));
        let mut diags: Vec<Diagnostic> = Vec::new();
        let parsed = parse_file(id, sources.get(id), &mut diags);
        assert!(parsed.is_some(), "the draft still parses");
        diags
            .iter()
            .map(|d| {
                let (line, col) = sources.get(id).line_col(d.span.start);
                format!("{line}:{col} {}", d.message)
            })
            .collect()
    }

    #[test]
    fn every_question_is_reported_where_it_is_written_and_nothing_else_is() {
        let yaml = "\
types:
  Room:
    resolve: what is this object called?
    fields:
      name:
        type: string
        max_chars: 100
        resolve: [characters or bytes?, required?]
      resolve:
        type: string
  Kind:
    enum: string
    values:
      resolve: 解决
";
        assert_eq!(
            markers(yaml),
            [
                "3:14 unresolved draft marker: what is this object called?",
                "8:19 unresolved draft marker: characters or bytes?",
                "8:41 unresolved draft marker: required?",
            ]
        );
    }

    #[test]
    fn a_spec_without_markers_reports_none() {
        assert!(markers("types:\n  Room:\n    fields: {}\n").is_empty());
    }
}
