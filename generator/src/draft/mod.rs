//! Drafting a spec from a vendor's prose document (issue 13).
//!
//! `draft` reads a document in either table style the vendors use and writes
//! a spec in our format for every endpoint it describes. It transcribes; it
//! does not guess. Whatever the text leaves open is written as a marker (see
//! below) that a person resolves before the spec is checked.
//!
//! Layers, one job per file:
//!
//! - [`document`]: the typed model of what a document says (endpoints,
//!   tables, rows, examples, and the facts phrases state),
//! - [`lexicon`]: the vocabulary both readers share (names, types, required
//!   cells, headings),
//! - [`phrases`]: enumerations, limits, defaults, formats in descriptions,
//! - readers: [`pages`] with [`cells`] for the cell style (Tencent Meeting,
//!   YXT, Polyv), [`rows`] for the row style (Kedacom), sharing [`tables`],
//!   [`examples`] and [`urls`]; [`read`] picks the style,
//! - writer: [`write`] turns a document into spec nodes, [`yaml`] prints them.
//!
//! # Markers
//!
//! A question the document leaves open is written as a `resolve:` key on the
//! node it concerns: a field, a type, an enumeration, an operation or the
//! vendor header. Its value is one question (a string) or several (a list):
//!
//! ```yaml
//!       roomName:
//!         type: string
//!         required: true
//!         max_chars: 100
//!         resolve: "`最大长度100` does not say characters or bytes: keep max_chars or write max_bytes"
//! ```
//!
//! Where the draft can propose a value (a unit, a name) it writes the
//! proposal next to the marker, so resolving is deleting the marker or
//! correcting the value. `resolve:` is not a key of the spec format, so until
//! every marker is gone `check` rejects the file; a `check` that knows the
//! key can list each one with `file:line:col` and its question.

#![cfg_attr(not(test), allow(dead_code))]

mod cells;
mod document;
mod examples;
mod fields;
mod lexicon;
mod pages;
mod phrases;
mod rows;
mod tables;
mod urls;
mod yaml;

pub(crate) use document::Document;

/// Reads a document in whichever style it is written: the row style when it
/// has `名称`/`URI` endpoint headers, the cell style otherwise.
pub(crate) fn read(text: &str) -> Document {
    if rows::detect(text) {
        rows::read(text)
    } else {
        pages::read(text)
    }
}

#[cfg(test)]
mod dump {
    use super::document::*;
    fn rows(out: &mut String, rows: &[Row], depth: usize) {
        for r in rows {
            let e = r.facts.enumeration.as_ref().map(|e| {
                e.values
                    .iter()
                    .map(|v| format!("{}={}", v.code, v.label))
                    .collect::<Vec<_>>()
                    .join("|")
            });
            out.push_str(&format!("{}{} [{}] req={:?} ty={:?} enum={:?} lim={:?} def={:?} fmt={:?} rng={:?} ref={:?} q={:?}\n", "  ".repeat(depth+2), r.name, r.line, r.required, r.type_text, e, r.facts.limits.iter().map(|l| (l.value, l.unit)).collect::<Vec<_>>(), r.facts.default.as_ref().map(|d| d.value.clone()), r.facts.format, r.facts.range, r.facts.reference, r.facts.questions));
            self::rows(out, &r.children, depth + 1);
        }
    }
    #[test]
    fn dump_seeds() {
        for f in std::fs::read_dir("/work/shared/seeds").unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                let doc = super::read(&std::fs::read_to_string(&p).unwrap());
                let mut out = format!(
                    "style {:?} level {:?} version {:?} leftovers {}\n",
                    doc.style,
                    doc.api_level,
                    doc.version,
                    doc.leftovers.len()
                );
                for ep in &doc.endpoints {
                    out.push_str(&format!(
                        "EP {} [{}] {:?} {:?} ph={:?} q={:?} lvl={:?} desc={:?} note={:?}\n",
                        ep.title,
                        ep.line,
                        ep.method,
                        ep.path,
                        ep.placeholders,
                        ep.query_template,
                        ep.min_api_level,
                        ep.description,
                        ep.reply_note
                    ));
                    for t in &ep.tables {
                        out.push_str(&format!(
                            "  T {:?} {:?} var={:?} [{}] reqcol={}\n",
                            t.role, t.caption, t.variant, t.line, t.has_required_column
                        ));
                        rows(&mut out, &t.rows, 0);
                    }
                    for e in &ep.examples {
                        out.push_str(&format!(
                            "  X {:?} {:?} {:?} {}\n",
                            e.kind,
                            e.caption,
                            e.lines,
                            e.text.chars().take(40).collect::<String>()
                        ));
                    }
                }
                std::fs::write(
                    format!("/tmp/dd/{}.dump", p.file_name().unwrap().to_string_lossy()),
                    out,
                )
                .unwrap();
            }
        }
    }
}
