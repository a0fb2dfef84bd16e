//! The document's examples against the types they illustrate: a key an
//! example carries that its type does not declare is a warning at the
//! example, with the key's JSON path. That is exactly the inconsistency a
//! transcriber wants to see (a field the tables forgot, or a misspelt key);
//! it does not reject the spec, since the example is kept as printed. An
//! example with a `note:` has been looked at, and is not reported again.

use serde_json::Value;

use super::ctxt::{Ctxt, Site};
use crate::model::{ExampleKind, Operation, Ty, TypeId};
use crate::spec::path::NodePath;

/// Warns, per request and response example, of every key its type lacks.
pub(super) fn warn_unknown_keys(cx: &mut Ctxt<'_>, operations: &[Operation]) {
    for op in operations {
        let Some(&(file, ast_op)) = cx.symbols.operations.get(op.spec_name.as_str()) else {
            continue;
        };
        let at = Site {
            file,
            path: NodePath::root().key("operations").key(op.spec_name.clone()),
        };
        for (i, ex) in op.examples.iter().enumerate() {
            let ty = match ex.kind {
                ExampleKind::Request => op.body.as_ref().map(|b| Ty::Struct(b.ty)),
                ExampleKind::Response => op.response.ty.clone(),
                // The error envelope and the request line are not one type.
                ExampleKind::Error | ExampleKind::RequestLine => None,
            };
            let (Some(ty), None) = (ty, &ex.note) else {
                continue;
            };
            let Ok(json) = serde_json::from_str::<Value>(&ex.json) else {
                continue;
            };
            let mut unknown = Vec::new();
            let root = Trail {
                path: "$".into(),
                keys: &[],
            };
            walk(cx, &ty, &json, &root, &mut unknown);
            let field = match ast_op.examples.get(i).and_then(|e| e.json.as_ref()) {
                Some(_) => "json",
                None => "verbatim",
            };
            let site = at.key("examples").index(i).key(field);
            for (path, keys, owner) in unknown {
                cx.warn(
                    &site,
                    &keys,
                    format!("the example has `{path}`, which `{owner}` does not declare"),
                    "a field the document's tables leave out, or a misspelt key: add the field, or keep the example as printed and add a `note:` to it saying why",
                );
            }
        }
    }
}

/// A key an example has and its type lacks: its JSON path, the quoted keys
/// leading to it (to find it in the example's text), and the type's name.
type Unknown = (String, Vec<String>, String);

/// Where the walk is: the JSON path, and the quoted keys on the way.
struct Trail<'p> {
    path: String,
    keys: &'p [String],
}

/// Collects the keys of `json` that `ty` (and the types it holds) does not
/// declare.
fn walk(cx: &Ctxt<'_>, ty: &Ty, json: &Value, at: &Trail<'_>, out: &mut Vec<Unknown>) {
    match (ty, json) {
        (Ty::Struct(id), Value::Object(map)) => object(cx, *id, map, at, out),
        (Ty::Array(item), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                let inner = Trail {
                    path: format!("{}[{i}]", at.path),
                    keys: at.keys,
                };
                walk(cx, item, v, &inner, out);
            }
        }
        _ => {}
    }
}

fn object(
    cx: &Ctxt<'_>,
    id: TypeId,
    map: &serde_json::Map<String, Value>,
    at: &Trail<'_>,
    out: &mut Vec<Unknown>,
) {
    let fields = cx.space.fields_of(id);
    for (key, value) in map {
        let path = format!("{}.{key}", at.path);
        let mut keys = at.keys.to_vec();
        keys.push(format!("\"{key}\""));
        match fields.iter().find(|f| &f.wire == key) {
            Some(f) => walk(cx, &f.ty, value, &Trail { path, keys: &keys }, out),
            None => out.push((path, keys, cx.space.name(id).to_string())),
        }
    }
}
