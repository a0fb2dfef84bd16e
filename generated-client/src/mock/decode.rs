//! A received request turned into the JSON of its generated request type:
//! path, query and header parameters by wire name, typed from their text as
//! the table says, and the body (`body`) read in the operation's encoding.

use serde_json::{json, Map, Value};

use super::incoming::{lookup, Incoming, Part};
use super::rejection::Rejection;
use super::table::{Body, Field, Operation, Table, Ty};

/// The request's JSON, or why it does not decode.
pub(crate) fn decode(
    table: &Table,
    op: &Operation,
    req: &Incoming,
    path_params: &[(String, String)],
) -> Result<Value, Rejection> {
    let mut object = Map::new();
    for p in &op.params {
        let text = match p.place.as_deref() {
            Some("path") => lookup(path_params, &p.wire),
            Some("header") => req.header(&p.wire),
            _ => req.query_value(&p.wire),
        };
        if let Some(text) = text {
            object.insert(p.wire.clone(), typed(table, &p.ty, text, &p.wire)?);
        }
    }
    if let Some(body) = &op.body {
        object.insert("body".into(), decode_body(table, body, req)?);
    }
    Ok(Value::Object(object))
}

/// The body in its encoding.
fn decode_body(table: &Table, body: &Body, req: &Incoming) -> Result<Value, Rejection> {
    match body.encoding.as_str() {
        "form_json" => {
            let field = body.form_field.as_deref().unwrap_or_default();
            let form = req.form();
            let text = lookup(&form, field)
                .ok_or_else(|| Rejection::invalid(format!("missing form field {field}")))?;
            parse_json(text.as_bytes())
        }
        "multipart" => Ok(multipart_body(table, table.fields(&body.ty), req)?),
        _ => parse_json(&req.body),
    }
}

/// The multipart parts as the body type's fields: files as `FilePart`s,
/// text typed from its field.
fn multipart_body(table: &Table, fields: &[Field], req: &Incoming) -> Result<Value, Rejection> {
    let parts = req.parts();
    let mut object = Map::new();
    for f in fields {
        let Some(part) = parts.iter().find(|p| p.name == f.wire) else {
            continue;
        };
        let value = match &f.ty {
            Ty::Scalar(s) if s == "file" => file_part(part),
            ty => typed(table, ty, &String::from_utf8_lossy(&part.bytes), &f.wire)?,
        };
        object.insert(f.wire.clone(), value);
    }
    Ok(Value::Object(object))
}

/// A file part as the runtime's `FilePart` encodes.
fn file_part(part: &Part) -> Value {
    json!({
        "file_name": part.file_name.clone().unwrap_or_default(),
        "content_type": part.content_type,
        "bytes": part.bytes,
    })
}

fn parse_json(bytes: &[u8]) -> Result<Value, Rejection> {
    serde_json::from_slice(bytes).map_err(|e| Rejection::invalid(format!("body is not JSON: {e}")))
}

/// A parameter's text as the JSON value of its type.
fn typed(table: &Table, ty: &Ty, text: &str, wire: &str) -> Result<Value, Rejection> {
    let bad = || Rejection::invalid(format!("{wire}: {text:?} is not a valid value"));
    Ok(match ty {
        Ty::Scalar(s) if s == "integer" => json!(text.parse::<i64>().map_err(|_| bad())?),
        Ty::Scalar(s) if s == "number" => json!(text.parse::<f64>().map_err(|_| bad())?),
        Ty::Scalar(s) if s == "boolean" => json!(text.parse::<bool>().map_err(|_| bad())?),
        Ty::Scalar(s) if s == "json" => serde_json::from_str(text).unwrap_or_else(|_| json!(text)),
        Ty::Enum { r#enum } if table.codes(r#enum).iter().any(Value::is_number) => {
            json!(text.parse::<i64>().map_err(|_| bad())?)
        }
        _ => json!(text),
    })
}
