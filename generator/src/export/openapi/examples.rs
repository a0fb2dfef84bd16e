//! The document's examples as OpenAPI Example objects: request bodies under
//! the request body's media type, success and failure replies under their
//! responses, request lines (a URL, not a body) under the operation's
//! `x-request-lines`.

use crate::export::json::Json;
use crate::model::{Example, ExampleKind, Operation};

/// The examples of `kind`, keyed `<kind>-<n>` (`n` counts from 1 in the
/// operation's list; the document's names repeat, so they are the summaries);
/// `None` when there are none.
pub(crate) fn of_kind(op: &Operation, kind: ExampleKind) -> Option<Json> {
    let mut examples = Json::obj();
    for (n, ex) in op
        .examples
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == kind)
    {
        examples.set(&format!("{}-{}", slug(&kind), n + 1), example(ex));
    }
    (!examples.is_empty_object()).then_some(examples)
}

/// The request-line examples, as a list.
pub(crate) fn request_lines(op: &Operation) -> Option<Json> {
    let lines: Vec<Json> = op
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::RequestLine)
        .map(example)
        .collect();
    (!lines.is_empty()).then_some(Json::Arr(lines))
}

/// One example: `value` is the JSON to test with; the text as the document
/// prints it is kept as `x-verbatim` where it differs.
fn example(ex: &Example) -> Json {
    let verbatim = (ex.verbatim != ex.json).then_some(ex.verbatim.as_str());
    Json::obj()
        .with_opt("summary", ex.name.as_deref())
        .with_opt("description", ex.note.as_deref())
        .with("value", Json::parse_or_text(&ex.json))
        .with_opt("x-verbatim", verbatim)
}

fn slug(kind: &ExampleKind) -> &'static str {
    match kind {
        ExampleKind::Request => "request",
        ExampleKind::RequestLine => "request_line",
        ExampleKind::Response => "response",
        ExampleKind::Error => "error",
    }
}
