//! Compares a spec's flattened operations with its documents' and lists
//! every difference that no note explains.
//!
//! The note rule (docs/auditing.md):
//!
//! - a difference of one attribute of a spec field is accepted when a note
//!   speaks of that attribute (`notes.rs`): the field's own, the one of the
//!   type it names (or whose items it names), or the one of the type that
//!   holds it;
//! - a spec field missing from the document is accepted when that field's
//!   node, or the type it names, has a `note:`;
//! - the examples of an operation are accepted when it has a `note:`;
//! - an operation the documents do not describe is accepted when the
//!   operation has a `note:`;
//! - a documented endpoint the spec lacks is accepted when a vendor header
//!   `notes:` entry names its path;
//! - a documented field the spec lacks is accepted when a note names it (its
//!   wire name appears in the text): the note of the field or type that
//!   would hold it, or for a top-level field the operation's note, the notes
//!   of the types its body and response name, or the vendor header's `notes:`.

use std::collections::{HashMap, HashSet};

use super::documents::DocOp;
use super::notes::{self, Attribute};
use super::places::{OpPlaces, Place};
use crate::draft::measure::{find, Attrs, OpFields};

/// One unexplained difference: where the spec says it, and what differs.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub place: Place,
    pub message: String,
}

/// What one vendor's audit compares.
pub(crate) struct Sides<'a> {
    pub spec: &'a [OpFields],
    pub places: &'a HashMap<String, OpPlaces>,
    pub docs: &'a [DocOp],
    /// The vendor header's `notes:`.
    pub vendor_notes: &'a [String],
    /// Where the header names its documents (`vendor.sources`).
    pub header: Place,
}

/// Every unexplained difference of one vendor.
pub(crate) fn compare(sides: &Sides) -> Vec<Finding> {
    let mut out = Vec::new();
    for op in sides.spec {
        let Some(places) = sides.places.get(&op.name) else {
            continue;
        };
        let found = sides
            .docs
            .iter()
            .find(|d| d.fields.method == op.method && d.fields.path == op.path);
        match found {
            Some(doc) => operation(sides, op, places, doc, &mut out),
            None if places.op.notes.is_empty() => out.push(Finding {
                place: places.op.clone(),
                message: format!(
                    "`{}` ({} {}) is described in none of the vendor's documents",
                    op.name, op.method, op.path
                ),
            }),
            None => {}
        }
    }
    out.extend(unspecified(sides));
    out
}

/// Documented endpoints no spec operation has (by method and path), reported
/// at the header's `sources:` unless a vendor note names the path.
fn unspecified(sides: &Sides) -> Vec<Finding> {
    sides
        .docs
        .iter()
        .filter(|d| {
            !sides
                .spec
                .iter()
                .any(|op| op.method == d.fields.method && op.path == d.fields.path)
        })
        .filter(|d| {
            !sides
                .vendor_notes
                .iter()
                .any(|n| n.contains(&d.fields.path))
        })
        .map(|d| Finding {
            place: sides.header.clone(),
            message: format!(
                "{} {} is documented ({}:{}) but no operation of the spec has it",
                d.fields.method, d.fields.path, d.source, d.line
            ),
        })
        .collect()
}

/// The differences of one operation with the endpoint that documents it.
fn operation(sides: &Sides, op: &OpFields, places: &OpPlaces, doc: &DocOp, out: &mut Vec<Finding>) {
    let mut matched = HashSet::new();
    for (key, want) in &op.fields {
        let Some(place) = places.fields.get(key) else {
            continue;
        };
        let at = |what: String, line: usize| Finding {
            place: place.clone(),
            message: format!("`{}` {key}: {what} ({}:{line})", op.name, doc.source),
        };
        match find(&doc.fields.fields, key, want) {
            Some(got) => {
                let index = doc
                    .fields
                    .fields
                    .iter()
                    .position(|(_, a)| std::ptr::eq(a, got));
                let doc_key = index.map_or(key.as_str(), |i| doc.fields.fields[i].0.as_str());
                matched.insert(doc_key.to_string());
                {
                    let unexplained = attributes(want, got)
                        .into_iter()
                        .filter(|(attr, _)| {
                            let mut notes = place.notes.iter().chain(&place.holder_notes);
                            !notes.any(|n| notes::explains(n, *attr))
                        })
                        .map(|(_, what)| what);
                    for what in unexplained {
                        let what = match got.marked {
                            true => format!("{what}; the document leaves this open, so a `note:` saying how the spec settles it is expected"),
                            false => what,
                        };
                        out.push(at(what, doc.line_of(doc_key)));
                    }
                }
            }
            None if place.notes.is_empty() => {
                out.push(at("not in the document".into(), doc.line));
            }
            None => {}
        }
    }
    undocumented(sides, op, places, doc, &matched, out);
    examples(op, places, doc, out);
}

/// The document's examples the spec does not carry verbatim, and the spec's
/// examples the document does not print, reported at the operation unless
/// it has a `note:`. Texts compare with runs of whitespace made one space,
/// so a transcription may re-indent an example but not change it.
fn examples(op: &OpFields, places: &OpPlaces, doc: &DocOp, out: &mut Vec<Finding>) {
    if !places.op.notes.is_empty() {
        return;
    }
    let squeeze = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let spec: Vec<(&str, String)> = op
        .examples
        .iter()
        .map(|(k, t)| (k.as_str(), squeeze(t)))
        .collect();
    let documented: Vec<(&str, String)> = doc
        .fields
        .examples
        .iter()
        .map(|(k, t)| (k.as_str(), squeeze(t)))
        .collect();
    let at = |message: String| Finding {
        place: places.op.clone(),
        message,
    };
    for (i, (kind, text)) in documented.iter().enumerate() {
        if !spec.iter().any(|(k, t)| k == kind && t == text) {
            let line = doc.example_lines.get(i).copied().unwrap_or(doc.line);
            out.push(at(format!(
                "`{}`: the document's {kind} example ({}:{line}) is not among the spec's examples as printed",
                op.name, doc.source
            )));
        }
    }
    for (kind, text) in &spec {
        if !documented.iter().any(|(k, t)| k == kind && t == text) {
            out.push(at(format!(
                "`{}`: a {kind} example of the spec is not printed in the document ({})",
                op.name, doc.source
            )));
        }
    }
}

/// The attributes on which the spec (`want`) and the document (`got`)
/// differ, each as `attribute: the document says …, the spec …`.
fn attributes(want: &Attrs, got: &Attrs) -> Vec<(Attribute, String)> {
    let mut out = Vec::new();
    let mut differ = |attr: Attribute, spec: String, doc: String| {
        if spec != doc {
            out.push((
                attr,
                format!(
                    "{} differs: the document says {doc}, the spec {spec}",
                    attr.name()
                ),
            ));
        }
    };
    differ(Attribute::Type, want.ty.clone(), got.ty.clone());
    differ(
        Attribute::Required,
        want.required.to_string(),
        got.required.to_string(),
    );
    let mut spec_enum = want.enumeration.clone();
    let mut doc_enum = got.enumeration.clone();
    spec_enum.sort();
    doc_enum.sort();
    differ(
        Attribute::Enumeration,
        values(&spec_enum),
        values(&doc_enum),
    );
    differ(Attribute::Limits, list(&want.limits), list(&got.limits));
    let or_none = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
    differ(
        Attribute::Default,
        or_none(&want.extras.0),
        or_none(&got.extras.0),
    );
    differ(
        Attribute::Format,
        or_none(&want.extras.1),
        or_none(&got.extras.1),
    );
    differ(
        Attribute::Chars,
        or_none(&want.extras.2),
        or_none(&got.extras.2),
    );
    out
}

/// Codes and labels as `[0 关闭, 1 开启]`.
fn values(values: &[(String, String)]) -> String {
    let each: Vec<String> = values.iter().map(|(c, l)| format!("{c} {l}")).collect();
    format!("[{}]", each.join(", "))
}

/// Limits as `max_chars=64 min=0`, or `none`.
fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(" ")
    }
}

/// Documented fields of the endpoint the spec does not have, reported on the
/// spec node that would hold them (only the outermost of a missing subtree).
fn undocumented(
    sides: &Sides,
    op: &OpFields,
    places: &OpPlaces,
    doc: &DocOp,
    matched: &HashSet<String>,
    out: &mut Vec<Finding>,
) {
    let mut missing: Vec<&str> = Vec::new();
    for (key, _) in &doc.fields.fields {
        if matched.contains(key) || missing.iter().any(|m| key.starts_with(&format!("{m}."))) {
            continue;
        }
        missing.push(key);
        let name = key.rsplit(['.', ':']).next().unwrap_or(key);
        let parent = key
            .rsplit_once('.')
            .and_then(|(parent, _)| places.fields.get(parent));
        let holder = parent.unwrap_or(&places.op);
        let top_level = parent.is_none();
        let outer = places.type_notes.iter().chain(sides.vendor_notes);
        let notes = holder.notes.iter().chain(outer.filter(|_| top_level));
        if notes.clone().any(|n| n.contains(name)) {
            continue;
        }
        out.push(Finding {
            place: holder.clone(),
            message: format!(
                "`{}` {key}: documented ({}:{}) but not in the spec",
                op.name,
                doc.source,
                doc.line_of(key)
            ),
        });
    }
}
