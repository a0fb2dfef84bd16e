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
mod write;
mod yaml;

pub(crate) use document::Document;
pub(crate) use write::Options;

/// The spec draft of a document's text, as YAML: every endpoint it
/// describes, with a `resolve:` marker for every open question.
pub(crate) fn draft(text: &str, options: &Options) -> String {
    let doc = read(text);
    let source = options.source.as_deref().unwrap_or("the document");
    format!(
        "# Drafted by `meeting-api-codegen draft` from {source} ({} endpoints).\n\
         # Resolve every `resolve:` marker (answer it in the spec, then delete it), then run `check`.\n{}",
        doc.endpoints.len(),
        yaml::render(&write::write(&doc, options))
    )
}

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
mod measure;
#[cfg(test)]
mod seeds;
