//! Operations as path items: parameters, the request body in its encoding,
//! the success reply and the vendor's error envelope, and the operation's
//! extensions (API level, rules, paging, method override).

use super::examples;
use super::rules;
use super::schemas;
use crate::export::json::Json;
use crate::model::{
    Body, Encoding, ExampleKind, Field, Operation, Paging, PagingStyle, Source, Vendor,
};

/// `paths`: each path template once, in the order operations first use it,
/// each operation under its method.
pub(crate) fn paths(v: &Vendor) -> Json {
    let mut paths = Json::obj();
    for op in &v.operations {
        let method = op.method.as_str().to_ascii_lowercase();
        paths.entry(&op.path).set(&method, operation(v, op));
    }
    paths
}

fn operation(v: &Vendor, op: &Operation) -> Json {
    let mut o = schemas::documented(
        Json::obj()
            .with("operationId", op.spec_name.as_str())
            .with_opt("summary", op.title.as_deref()),
        &op.doc,
    );
    let parameters: Vec<Json> = [
        ("path", &op.path_params),
        ("query", &op.query),
        ("header", &op.headers),
    ]
    .into_iter()
    .flat_map(|(place, fields)| fields.iter().map(move |f| parameter(v, f, place)))
    .collect();
    if !parameters.is_empty() {
        o.set("parameters", parameters);
    }
    if let Some(body) = &op.body {
        o.set("requestBody", request_body(v, op, body));
    }
    o.set("responses", responses(v, op));
    extensions(o, op)
}

fn extensions(o: Json, op: &Operation) -> Json {
    let rules = (!op.rules.is_empty()).then(|| rules::rules(&op.rules));
    o.with_opt("x-min-api-level", op.min_api_level)
        .with_opt("x-idempotent", op.idempotent.then_some(true))
        .with_opt("x-method-override", op.method_override.as_deref())
        .with_opt("x-paging", op.paging.as_ref().map(paging))
        .with_opt("x-source", op.source.as_ref().map(source))
        .with_opt("x-rules", rules)
        .with_opt("x-request-lines", examples::request_lines(op))
}

fn parameter(v: &Vendor, f: &Field, place: &str) -> Json {
    // Path parameters are always required (OpenAPI demands it, and so does the client).
    let required = f.required || place == "path";
    Json::obj()
        .with("name", f.wire.as_str())
        .with("in", place)
        .with_opt("description", f.doc.text.as_deref())
        .with("required", required)
        .with("schema", schemas::field(v, f))
}

fn request_body(v: &Vendor, op: &Operation, body: &Body) -> Json {
    let schema = schemas::reference(v, body.ty);
    let (media_type, mut content) = match body.encoding {
        Encoding::Json => ("application/json", Json::obj().with("schema", schema)),
        Encoding::Multipart => ("multipart/form-data", Json::obj().with("schema", schema)),
        Encoding::FormJson => {
            let field = body.form_field.as_deref().unwrap_or_default();
            (
                "application/x-www-form-urlencoded",
                form_json(field, schema),
            )
        }
    };
    if let Some(examples) = examples::of_kind(op, ExampleKind::Request) {
        content.set("examples", examples);
    }
    Json::obj()
        .with("required", true)
        .with("content", Json::obj().with(media_type, content))
}

/// A form whose one field holds the body as JSON text: the field is a string
/// whose content is JSON of the body's schema (`contentMediaType` and
/// `contentSchema`), and its encoding says the same to tools that read
/// `encoding` instead.
fn form_json(field: &str, schema: Json) -> Json {
    let property = Json::obj()
        .with("type", "string")
        .with("contentMediaType", "application/json")
        .with("contentSchema", schema);
    Json::obj()
        .with(
            "schema",
            Json::obj()
                .with("type", "object")
                .with("properties", Json::obj().with(field, property))
                .with("required", vec![Json::from(field)]),
        )
        .with(
            "encoding",
            Json::obj().with(field, Json::obj().with("contentType", "application/json")),
        )
}

/// The success reply under its documented status (200 when none is
/// documented), and the error envelope as `default`.
fn responses(v: &Vendor, op: &Operation) -> Json {
    let status = op.response.status.unwrap_or(200).to_string();
    let description = op.response.doc.as_deref().unwrap_or("Success.");
    let success = reply(
        description,
        op.response.ty.as_ref().map(|t| schemas::ty(v, t)),
        examples::of_kind(op, ExampleKind::Response),
    );
    let envelope = v.error.as_ref().map(|e| schemas::reference(v, e.ty));
    let failure = reply(
        "Failure: the vendor's error envelope (x-error-envelope says where its parts are).",
        envelope,
        examples::of_kind(op, ExampleKind::Error),
    );
    Json::obj().with(&status, success).with("default", failure)
}

/// A response: its JSON content when it has a schema or examples.
fn reply(description: &str, schema: Option<Json>, examples: Option<Json>) -> Json {
    let response = Json::obj().with("description", description);
    if schema.is_none() && examples.is_none() {
        return response;
    }
    let content = Json::obj()
        .with_opt("schema", schema)
        .with_opt("examples", examples);
    response.with("content", Json::obj().with("application/json", content))
}

/// `x-paging`: the style, and the wire names of the paging parameters and
/// reply fields it names.
fn paging(p: &Paging) -> Json {
    fn named(f: &Option<Field>) -> Option<&str> {
        f.as_ref().map(|f| f.wire.as_str())
    }
    let o = match &p.style {
        PagingStyle::Offset { start } => Json::obj()
            .with("style", "offset")
            .with("start", start.wire.as_str()),
        PagingStyle::Page { page, first } => Json::obj()
            .with("style", "page")
            .with("page", page.wire.as_str())
            .with("first_page", *first),
        PagingStyle::Token { request, reply } => Json::obj()
            .with("style", "token")
            .with("request", request.wire.as_str())
            .with("reply", reply.wire.as_str()),
    };
    o.with_opt("size", named(&p.size))
        .with("items", p.items.wire.as_str())
        .with_opt("total", named(&p.total))
        .with_opt("total_pages", named(&p.total_pages))
        .with_opt("remaining", named(&p.remaining))
        .with_opt("has_more", named(&p.has_more))
}

/// `x-source`: where in its document the operation is described.
fn source(s: &Source) -> Json {
    Json::obj()
        .with_opt("doc", s.doc.as_deref())
        .with_opt("section", s.section.as_deref())
}
