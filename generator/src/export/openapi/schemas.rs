//! Types and fields as JSON Schema (OpenAPI 3.1's dialect): one component
//! per named type, properties in spec order.

use super::checks;
use super::rules;
use crate::export::json::Json;
use crate::export::names::ascii_key;
use crate::model::{Doc, Enum, EnumKind, Field, Literal, Struct, Ty, TypeDecl, TypeId, Vendor};

/// `components.schemas`: every type of the vendor, by Rust name, in the
/// order the model lists them.
pub(crate) fn components(v: &Vendor) -> Json {
    let mut schemas = Json::obj();
    for t in &v.types {
        let schema = match t {
            TypeDecl::Struct(s) => structure(v, s),
            TypeDecl::Enum(e) => enumeration(e),
        };
        schemas.set(&ascii_key(t.name()), schema.with("title", t.name()));
    }
    schemas
}

/// The `$ref` of a type's component.
pub(crate) fn reference(v: &Vendor, id: TypeId) -> Json {
    Json::obj().with("$ref", pointer(v, id))
}

/// The JSON pointer of a type's component. OpenAPI allows only ASCII
/// letters, digits, `.`, `-` and `_` in component keys, where Rust names may
/// hold any letter: the key is [`ascii_key`] of the name, and the name itself
/// is the schema's `title`.
pub(crate) fn pointer(v: &Vendor, id: TypeId) -> String {
    format!("#/components/schemas/{}", ascii_key(v.type_name(id)))
}

fn structure(v: &Vendor, s: &Struct) -> Json {
    let mut schema = documented(Json::obj().with("type", "object"), &s.doc)
        .with_opt("x-spec-name", s.spec_name.as_deref());
    let mut properties = Json::obj();
    for f in &s.fields {
        properties.set(&f.wire, field(v, f));
    }
    schema.set("properties", properties);
    let required: Vec<Json> = s
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.wire.as_str().into())
        .collect();
    if !required.is_empty() {
        schema.set("required", required);
    }
    if !s.rules.is_empty() {
        schema.set("x-rules", rules::rules(&s.rules));
    }
    schema
}

/// An enumeration: its codes in `enum`, with `x-enum-varnames` (what code
/// generators name the values) and `x-enum-labels` (the document's words) in
/// the same order.
fn enumeration(e: &Enum) -> Json {
    let ty = match e.kind {
        EnumKind::Integer => "integer",
        EnumKind::String => "string",
    };
    let codes: Json = e.variants.iter().map(|x| literal(&x.code)).collect();
    let names: Json = e.variants.iter().map(|x| x.name.as_str()).collect();
    let labels: Json = e.variants.iter().map(|x| x.label.as_str()).collect();
    // A bit set's value is any OR of its flags, so `enum` (one of the codes)
    // would reject valid values: the flags go in `x-flags` instead.
    let values_key = if e.bits { "x-flags" } else { "enum" };
    documented(Json::obj().with("type", ty), &e.doc)
        .with_opt("x-spec-name", e.spec_name.as_deref())
        .with_opt("x-bits", e.bits.then_some(true))
        .with(values_key, codes)
        .with("x-enum-varnames", names)
        .with("x-enum-labels", labels)
}

/// A field's schema: its type, documentation, default, constraints and marks.
pub(crate) fn field(v: &Vendor, f: &Field) -> Json {
    let mut schema =
        documented(ty(v, &f.ty), &f.doc).with_opt("default", f.default.as_ref().map(literal));
    checks::apply(&mut schema, &f.checks);
    if let Some(key) = &f.enum_error_key {
        schema.entry("x-error-keys").set("enum", key);
    }
    if f.sensitive {
        schema.set("x-sensitive", true);
    }
    if f.either_spelling {
        schema.set("x-either-spelling", true);
    }
    schema
}

/// The schema of a type (a reference for the vendor's named types).
pub(crate) fn ty(v: &Vendor, t: &Ty) -> Json {
    let simple = |name: &str| Json::obj().with("type", name);
    match t {
        Ty::String => simple("string"),
        Ty::Integer => simple("integer").with("format", "int64"),
        Ty::Number => simple("number").with("format", "double"),
        Ty::Boolean => simple("boolean"),
        // Any JSON: the empty schema.
        Ty::Json => Json::obj(),
        Ty::File => simple("string")
            .with("format", "binary")
            .with("contentMediaType", "application/octet-stream"),
        Ty::Struct(id) | Ty::Enum(id, _) => reference(v, *id),
        Ty::Array(item) => simple("array").with("items", ty(v, item)),
    }
}

/// A schema with the documentation of a [`Doc`]: `description`, and the
/// document's own name and the transcriber's note as extensions.
pub(crate) fn documented(schema: Json, doc: &Doc) -> Json {
    schema
        .with_opt("description", doc.text.as_deref())
        .with_opt("x-doc-name", doc.doc_name.as_deref())
        .with_opt("x-note", doc.note.as_deref())
}

/// A spec literal as JSON.
pub(crate) fn literal(l: &Literal) -> Json {
    match l {
        Literal::Int(i) => Json::Int(*i),
        Literal::Str(s) => Json::Str(s.clone()),
        Literal::Bool(b) => Json::Bool(*b),
        Literal::Float(x) => Json::Float(*x),
    }
}
