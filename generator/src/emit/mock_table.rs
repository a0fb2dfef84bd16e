//! The mock server's table of one vendor, as JSON text: every operation's
//! method, path template, parameters, body encoding, examples and a reply
//! built from its type; the vendor's auth scheme, error envelope and error
//! catalogue; and the shape and documented limits of every named type.
//!
//! Data rather than code, so that one reader (the runtime's `mock` module)
//! serves both the built-in vendors (the table is emitted into `__hooks`) and
//! a user's own specs loaded at run time by the `meeting-api-mock` binary,
//! which cannot compile new types. The format is documented in docs/mock.md.

use serde_json::{json, Map, Value};

use crate::model::{
    Auth, CharRule, Check, CheckKind, Encoding, EnumKind, ExampleKind, Field, FieldPath, Format,
    Literal, Operation, Ty, TypeDecl, Vendor,
};

/// How deep a reply value built from a type goes: recursive types stop here.
const MAX_DEPTH: usize = 6;

/// The mock table of `vendor`, as compact JSON text.
pub fn mock_table(vendor: &Vendor) -> String {
    let table = json!({
        "vendor": vendor.name,
        "auth": Auth::NAMES[vendor.auth as usize],
        "error": envelope(vendor),
        "catalogue": vendor.catalogue.iter().map(|c| json!({
            "key": c.key, "status": c.status, "message": c.message,
        })).collect::<Vec<_>>(),
        "types": types(vendor),
        "operations": vendor.operations.iter().map(|op| operation(vendor, op)).collect::<Vec<_>>(),
    });
    table.to_string()
}

/// Where failure replies keep their parts, and the first printed failure
/// reply as a template.
fn envelope(v: &Vendor) -> Value {
    let Some(e) = &v.error else {
        return Value::Null;
    };
    let path = |p: &Option<FieldPath>| p.as_ref().map(|p| p.wire.clone());
    let template = v
        .operations
        .iter()
        .flat_map(|op| examples(op, ExampleKind::Error))
        .next();
    json!({
        "code": path(&e.code),
        "message": path(&e.message),
        "key": path(&e.key),
        "request_id": path(&e.request_id),
        "success": e.success.as_ref().map(|(p, lit)| json!([p.wire, literal(lit)])),
        "template": template,
    })
}

/// Every named type: an object's fields or an enumeration's codes.
fn types(v: &Vendor) -> Value {
    let mut map = Map::new();
    for decl in &v.types {
        let shape = match decl {
            TypeDecl::Struct(s) => {
                json!({ "fields": s.fields.iter().map(|f| field(v, f)).collect::<Vec<_>>() })
            }
            TypeDecl::Enum(e) => {
                json!({ "codes": e.variants.iter().map(|x| literal(&x.code)).collect::<Vec<_>>() })
            }
        };
        map.insert(decl.name().to_string(), shape);
    }
    Value::Object(map)
}

/// One operation: how it is routed, decoded and answered.
fn operation(v: &Vendor, op: &Operation) -> Value {
    let params = [
        ("path", &op.path_params),
        ("query", &op.query),
        ("header", &op.headers),
    ]
    .into_iter()
    .flat_map(|(place, fields)| {
        fields.iter().map(move |f| {
            let mut p = field(v, f);
            p["in"] = json!(place);
            if place == "path" {
                p["required"] = json!(true);
            }
            p
        })
    })
    .collect::<Vec<_>>();
    let body = op.body.as_ref().map(|b| {
        json!({
            "encoding": Encoding::NAMES[b.encoding as usize],
            "form_field": b.form_field,
            "type": v.type_name(b.ty),
        })
    });
    json!({
        "name": op.spec_name,
        "method": op.method.as_str(),
        "path": op.path,
        "method_override": op.method_override,
        "success_status": op.response.status,
        "params": params,
        "body": body,
        "replies": examples(op, ExampleKind::Response).collect::<Vec<_>>(),
        "errors": examples(op, ExampleKind::Error).collect::<Vec<_>>(),
        "reply": op.response.ty.as_ref().map(|t| sample(v, t, 0)),
    })
}

/// The examples of one kind that are JSON, parsed.
fn examples(op: &Operation, kind: ExampleKind) -> impl Iterator<Item = Value> + '_ {
    op.examples
        .iter()
        .filter(move |e| e.kind == kind)
        .filter_map(|e| serde_json::from_str(&e.json).ok())
}

/// A field: wire name, type, whether required, and its documented checks.
fn field(v: &Vendor, f: &Field) -> Value {
    let checks: Vec<Value> = f.checks.iter().filter_map(check).collect();
    json!({
        "wire": f.wire,
        "type": ty(v, &f.ty),
        "required": f.required,
        "checks": checks,
        "enum_error_key": f.enum_error_key,
    })
}

/// A field type: a name for scalars, `{"struct": Name}`, `{"enum": Name}` or
/// `{"array": item}`.
fn ty(v: &Vendor, t: &Ty) -> Value {
    match t {
        Ty::String => json!("string"),
        Ty::Integer => json!("integer"),
        Ty::Number => json!("number"),
        Ty::Boolean => json!("boolean"),
        Ty::Json => json!("json"),
        Ty::File => json!("file"),
        Ty::Struct(id) => json!({ "struct": v.type_name(*id) }),
        Ty::Enum(id, _) => json!({ "enum": v.type_name(*id) }),
        Ty::Array(item) => json!({ "array": ty(v, item) }),
    }
}

/// A documented check: lengths, ranges, allowed values and item counts
/// (which the mock's own schema checks), character classes and formats
/// (which say what a valid value looks like). File sizes are left out;
/// cross-field rules need the generated validators.
fn check(c: &Check) -> Option<Value> {
    let (key, limit) = match &c.kind {
        CheckKind::MaxChars(n) => ("max_chars", json!(n)),
        CheckKind::MaxBytes(n) => ("max_bytes", json!(n)),
        CheckKind::MinChars(n) => ("min_chars", json!(n)),
        CheckKind::MinBytes(n) => ("min_bytes", json!(n)),
        CheckKind::MaxWidth(n) => ("max_width", json!(n)),
        CheckKind::Length(n) => ("length", json!(n)),
        CheckKind::Range { min, max } => ("range", json!([min, max])),
        CheckKind::OneOf(values) => ("one_of", values.iter().map(literal).collect()),
        CheckKind::MinItems(n) => ("min_items", json!(n)),
        CheckKind::MaxItems(n) => ("max_items", json!(n)),
        CheckKind::Format(f) => ("format", json!(Format::NAMES[*f as usize])),
        CheckKind::Chars(r) => ("chars", chars(r)),
        CheckKind::MaxFileBytes(_) => return None,
    };
    Some(json!({ "check": key, "limit": limit, "error_key": c.error_key }))
}

/// Which characters a string may hold.
fn chars(r: &CharRule) -> Value {
    json!({
        "letters": r.letters, "digits": r.digits, "restricted": r.restricted,
        "extra": r.extra, "forbid": r.forbid, "forbid_at_ends": r.forbid_at_ends,
    })
}

/// A spec literal as JSON.
fn literal(l: &Literal) -> Value {
    match l {
        Literal::Int(i) => json!(i),
        Literal::Str(s) => json!(s),
        Literal::Bool(b) => json!(b),
        Literal::Float(x) => json!(x),
    }
}

/// A value of type `t` that decodes into the generated type: every field of
/// an object (down to [`MAX_DEPTH`]), the first code of an enumeration,
/// empty text and lists, and 1 for numbers (ids, counts and API levels that
/// clients require to be positive).
fn sample(v: &Vendor, t: &Ty, depth: usize) -> Value {
    match t {
        Ty::String | Ty::File => json!(""),
        Ty::Integer => json!(1),
        Ty::Number => json!(1.0),
        Ty::Boolean => json!(false),
        Ty::Json => json!({}),
        Ty::Array(_) => json!([]),
        Ty::Enum(id, kind) => match v.enumeration(*id).and_then(|e| e.variants.first()) {
            Some(first) => literal(&first.code),
            None if *kind == EnumKind::Integer => json!(0),
            None => json!(""),
        },
        Ty::Struct(_) if depth >= MAX_DEPTH => json!({}),
        Ty::Struct(id) => {
            let map = v
                .fields_of(*id)
                .iter()
                .map(|f| (f.wire.clone(), sample(v, &f.ty, depth + 1)))
                .collect::<Map<_, _>>();
            Value::Object(map)
        }
    }
}
