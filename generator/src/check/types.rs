//! Types: named and inline objects, enumerations, arrays and primitives, each
//! field with its Rust name, default and constraints.
//!
//! A struct's rules are queued (see [`super::ctxt::Deferred`]): they name
//! fields of types that may be declared further down.

use foldhash::{HashMap, HashSet};

use indexmap::IndexMap;
use serde_yaml::Value;

use super::constraints::{checks, default_fits};
use super::ctxt::{Ctxt, Deferred, Origin, Owner, RequiredLink, Site};
use super::literals::{literal_for, scalar_text};
use crate::diagnostic::suggest;
use crate::model::{Doc, Enum, EnumKind, Field, Literal, Struct, Ty, TypeDecl, TypeId, Variant};
use crate::naming;
use crate::spec::ast;
use crate::spec::path::NodePath;

const PRIMITIVES: &[&str] = &[
    "string", "integer", "number", "boolean", "json", "file", "object", "array",
];

/// Resolves every declared type, in spec order.
pub(super) fn resolve_named_types<'a>(cx: &mut Ctxt<'a>) {
    let declared: Vec<(&'a str, crate::diagnostic::FileId, &'a ast::TypeDef)> = cx
        .symbols
        .types
        .iter()
        .map(|(n, (f, d))| (*n, *f, *d))
        .collect();
    for (name, file, def) in declared {
        let Some(&id) = cx.symbols.type_ids.get(name) else {
            continue;
        };
        let at = Site {
            file,
            path: NodePath::root().key("types").key(name.to_string()),
        };
        let doc = Doc {
            text: def.doc.clone(),
            note: def.note.clone(),
            doc_name: None,
        };
        match (&def.fields, &def.enum_kind) {
            (Some(fields), None) => {
                if def.values.is_some() {
                    cx.error_at_key(&at.key("values"), "`values` belongs to enums", "add `enum: integer` or remove `values`");
                }
                if def.bits {
                    cx.error_at_key(&at.key("bits"), "`bits` belongs to enums", "add `enum: integer` and `values`, one per flag");
                }
                structure(cx, &at, id, doc, fields, &def.rules);
            }
            (None, Some(kind)) => {
                if !def.rules.is_empty() {
                    cx.error_at_key(&at.key("rules"), "an enum cannot have `rules`", "");
                }
                let Some(values) = &def.values else {
                    cx.error(&at, format!("enum `{name}` has no `values`"), "add `values: {0: Label, ...}`");
                    continue;
                };
                enumeration(cx, &at, id, doc, (kind, def.bits), values);
            }
            (Some(_), Some(_)) => cx.error(&at, format!("type `{name}` has both `fields` and `enum`"),
                "a type is either an object (`fields`) or an enumeration (`enum` + `values`)"),
            (None, None) => cx.error(&at, format!("type `{name}` has neither `fields` nor `enum`"),
                "write `fields: {...}` for an object (`fields: {}` for an empty one) or `enum: integer` + `values` for an enumeration"),
        }
    }
}

/// An object type: its fields now, its rules once every type is known.
pub(super) fn structure<'a>(
    cx: &mut Ctxt<'a>,
    at: &Site,
    id: TypeId,
    doc: Doc,
    fields: &'a IndexMap<String, ast::Field>,
    rules: &'a [ast::Rule],
) -> TypeId {
    let name = cx.space.name(id).to_string();
    let fields_at = at.key("fields");
    let fields = self::fields(cx, &fields_at, &name, fields);
    for f in fields.iter().filter(|f| f.required) {
        if let Ty::Struct(to) = f.ty {
            cx.space.required_links.push(RequiredLink {
                from: id,
                to,
                wire: f.wire.clone(),
                at: fields_at.key(f.wire.clone()),
            });
        }
    }
    if !rules.is_empty() {
        cx.deferred.push(Deferred {
            at: at.key("rules"),
            owner: Owner::Struct(id),
            rules,
        });
    }
    let spec_name = cx.space.spec_name(id);
    cx.space.complete(
        id,
        TypeDecl::Struct(Struct {
            name,
            spec_name,
            doc,
            fields,
            rules: Vec::new(),
            recursive: false,
            in_requests: false,
        }),
    );
    id
}

/// The fields of an object or a parameter list; `owner` names what holds them.
pub(super) fn fields<'a>(
    cx: &mut Ctxt<'a>,
    at: &Site,
    owner: &str,
    fields: &'a IndexMap<String, ast::Field>,
) -> Vec<Field> {
    // At most one per field written: the model keeps this vector, and
    // growing it would leave unused room in every struct.
    let mut out: Vec<Field> = Vec::with_capacity(fields.len());
    let mut idents: HashMap<String, String> = HashMap::default();
    for (wire, f) in fields {
        let fat = at.key(wire.clone());
        let Some(field) = field(cx, &fat, Declared { owner, wire, f }) else {
            cx.space
                .unresolved
                .insert((owner.to_string(), wire.clone()));
            continue;
        };
        if let Some(prev) = idents.get(&field.ident) {
            cx.error_at_key(
                &fat,
                format!(
                    "fields `{prev}` and `{wire}` both become `{}` in Rust",
                    field.ident
                ),
                format!("set `rust_name:` on `{wire}`"),
            );
            continue;
        }
        idents.insert(field.ident.clone(), wire.clone());
        out.push(field);
    }
    out
}

/// A field as declared: what holds it, its wire name and its definition
/// (what inline types are named after).
#[derive(Clone, Copy)]
struct Declared<'a, 's> {
    owner: &'s str,
    wire: &'s str,
    f: &'a ast::Field,
}

fn field<'a>(cx: &mut Ctxt<'a>, at: &Site, d: Declared<'a, '_>) -> Option<Field> {
    let Declared { wire, f, .. } = d;
    let ident = match &f.rest().rust_name {
        Some(r) if naming::is_ident(r) => Some(r.clone()),
        Some(r) => {
            cx.error(
                &at.key("rust_name"),
                format!("`{r}` is not a Rust identifier"),
                "use snake_case letters, digits and `_`",
            );
            None
        }
        None => {
            let ident = naming::field_ident(wire);
            if ident.is_none() {
                cx.error_at_key(
                    at,
                    format!("no Rust name can be derived from `{wire}`"),
                    "set `rust_name:`",
                );
            }
            ident
        }
    };
    let ty = field_type(cx, at, d);
    let (ident, ty) = (ident?, ty?);
    let default = f
        .rest()
        .default
        .as_ref()
        .and_then(|v| literal_for(cx, &at.key("default"), &ty, v, "default"));
    let (checks, enum_error_key) = checks(cx, at, &ty, f);
    if f.either_spelling && !spelled_two_ways(&ty) {
        cx.error(
            &at.key("either_spelling"),
            "`either_spelling` applies to a number, a text or an enumeration field",
            "it lets a reply carry `1` or `\"1\"`; an object, a list, a boolean or JSON has one spelling",
        );
    }
    if let Some(d) = &default {
        default_fits(cx, &at.key("default"), d, &checks);
    }
    Some(Field {
        wire: wire.to_string(),
        ident,
        ty,
        required: f.required,
        default,
        doc: Doc {
            text: f.doc.clone(),
            note: f.rest().note.clone(),
            doc_name: f.rest().doc_name.clone(),
        },
        checks,
        enum_error_key,
        boxed: false,
        sensitive: f.sensitive,
        either_spelling: f.either_spelling,
    })
}

/// Whether a value of `ty` has a number spelling and a text spelling.
fn spelled_two_ways(ty: &Ty) -> bool {
    matches!(ty, Ty::String | Ty::Integer | Ty::Number | Ty::Enum(..))
}

/// Reports keys that do not go with the field's `type:`; false when the field
/// cannot be read on.
fn keys_fit_type(cx: &mut Ctxt<'_>, at: &Site, f: &ast::Field) -> bool {
    if f.fields.is_some() && f.ty != "object" {
        cx.error_at_key(
            &at.key("fields"),
            "`fields` only goes with `type: object`",
            "set `type: object`",
        );
    }
    if f.items.is_some() && f.ty != "array" {
        cx.error_at_key(
            &at.key("items"),
            "`items` only goes with `type: array`",
            "set `type: array`",
        );
    }
    if f.enumeration.is_some() && !matches!(f.ty.as_str(), "integer" | "string") {
        cx.error_at_key(
            &at.key("enum"),
            "an inline `enum` needs `type: integer` or `type: string`",
            "",
        );
        return false;
    }
    if !f.rest().rules.is_empty() && f.ty != "object" {
        cx.error_at_key(
            &at.key("rules"),
            "`rules` on a field only go with an inline `type: object`",
            "put the rule on the type that holds the fields",
        );
    }
    true
}

fn field_type<'a>(cx: &mut Ctxt<'a>, at: &Site, d: Declared<'a, '_>) -> Option<Ty> {
    let Declared { owner, wire, f } = d;
    let inline_name = || {
        f.rest()
            .type_name
            .clone()
            .unwrap_or_else(|| format!("{owner}{}", naming::type_part(wire).unwrap_or_default()))
    };
    if !keys_fit_type(cx, at, f) {
        return None;
    }
    Some(match f.ty.as_str() {
        "string" | "integer" => match &f.enumeration {
            Some(e) => {
                let kind = if f.ty == "string" {
                    EnumKind::String
                } else {
                    EnumKind::Integer
                };
                let name = e.type_name.clone().unwrap_or_else(inline_name);
                let eat = at.key("enum");
                let given = e.type_name.as_deref().or(f.rest().type_name.as_deref());
                let id = cx.claim_type(&eat, &name, Origin::Node(eat.path.clone()), given)?;
                let doc = Doc {
                    text: f.doc.clone(),
                    note: None,
                    doc_name: None,
                };
                enumeration(cx, &eat, id, doc, (&f.ty, e.bits), &e.values);
                Ty::Enum(id, kind)
            }
            None if f.ty == "string" => Ty::String,
            None => Ty::Integer,
        },
        "number" => Ty::Number,
        "boolean" => Ty::Boolean,
        "json" => Ty::Json,
        "file" => Ty::File,
        "object" => {
            let Some(fields) = &f.fields else {
                cx.error(
                    at,
                    "`type: object` needs `fields`",
                    "list the object's fields, or name a shared type in `type:`",
                );
                return None;
            };
            let name = inline_name();
            let given = f.rest().type_name.as_deref();
            let id = cx.claim_type(at, &name, Origin::Node(at.path.clone()), given)?;
            let doc = Doc {
                text: f.doc.clone(),
                note: None,
                doc_name: None,
            };
            Ty::Struct(structure(cx, at, id, doc, fields, &f.rest().rules))
        }
        "array" => array(cx, at, d)?,
        other => named_type(cx, &at.key("type"), other)?,
    })
}

fn array<'a>(cx: &mut Ctxt<'a>, at: &Site, d: Declared<'a, '_>) -> Option<Ty> {
    let Declared { owner, wire, f } = d;
    let Some(items) = &f.items else {
        cx.error(
            at,
            "`type: array` needs `items`",
            "add `items: TypeName` or `items: {type: ...}`",
        );
        return None;
    };
    let iat = at.key("items");
    let item = match items.as_ref() {
        ast::Items::Name(n) => named_type(cx, &iat, n)?,
        ast::Items::Field(inner) => {
            let type_name = &f.rest().type_name;
            let item_owner = type_name.clone().unwrap_or_else(|| owner.to_string());
            let item_wire = if type_name.is_some() { "" } else { wire };
            let item_decl = Declared {
                owner: &item_owner,
                wire: item_wire,
                f: inner,
            };
            let item = field_type(cx, &iat, item_decl)?;
            let (checks, enum_key) = checks(cx, &iat, &item, inner);
            if !checks.is_empty() || enum_key.is_some() {
                cx.error_at_key(
                    &iat,
                    "constraints on array items are not supported yet",
                    "put length and character rules on a named item type's fields",
                );
            }
            item
        }
    };
    // `Vec<Vec<…>>` nested deeper overflows the stack of syn and
    // prettyplease (each level is a recursion); no document needs it.
    let depth = std::iter::successors(Some(&item), |t| match t {
        Ty::Array(inner) => Some(inner.as_ref()),
        _ => None,
    })
    .count();
    if depth >= 32 {
        cx.error_at_key(
            &iat,
            "arrays nested more than 32 deep are not supported",
            "name an item type, or use `type: json` for data the document does not describe",
        );
        return None;
    }
    Some(Ty::Array(Box::new(item)))
}

/// A type named in `type:` or `items:`: a primitive or a declared type.
pub(super) fn named_type(cx: &mut Ctxt<'_>, at: &Site, name: &str) -> Option<Ty> {
    match name {
        "string" => return Some(Ty::String),
        "integer" => return Some(Ty::Integer),
        "number" => return Some(Ty::Number),
        "boolean" => return Some(Ty::Boolean),
        "json" => return Some(Ty::Json),
        "file" => return Some(Ty::File),
        "object" | "array" => {
            cx.error(
                at,
                format!("`{name}` needs `fields`/`items`, which an array item name cannot carry"),
                "write the item as a mapping: `items: {type: object, fields: ...}`",
            );
            return None;
        }
        _ => {}
    }
    let Some(&(_, def)) = cx.symbols.types.get(name) else {
        let mut candidates: Vec<&str> = cx.symbols.types.keys().copied().collect();
        candidates.extend(PRIMITIVES);
        let hint = suggest(name, &candidates);
        cx.error(at, format!("unknown type `{name}`"), hint);
        return None;
    };
    let id = *cx.symbols.type_ids.get(name)?;
    Some(match def.enum_kind.as_deref() {
        Some("string") => Ty::Enum(id, EnumKind::String),
        Some(_) => Ty::Enum(id, EnumKind::Integer),
        None => Ty::Struct(id),
    })
}

/// An enumeration: each documented value with its code, label and variant
/// name; `(kind, bits)` as the spec writes them.
fn enumeration(
    cx: &mut Ctxt<'_>,
    at: &Site,
    id: TypeId,
    doc: Doc,
    (kind, bits): (&str, bool),
    values: &ast::EnumValues,
) {
    let name = cx.space.name(id).to_string();
    let kind = match kind {
        "integer" => EnumKind::Integer,
        "string" => EnumKind::String,
        other => {
            cx.error(
                &at.key("enum"),
                format!("unknown enum kind `{other}`"),
                "expected one of: integer, string",
            );
            return;
        }
    };
    if values.is_empty() {
        cx.error(
            at,
            format!("enum `{name}` has no values"),
            "list at least one documented value",
        );
    }
    if bits && kind != EnumKind::Integer {
        cx.error(
            &at.key("bits"),
            "`bits` needs integer codes",
            "flags are bits of an integer: write `enum: integer`",
        );
    }
    let bits = bits && kind == EnumKind::Integer;
    let mut variants: Vec<Variant> = Vec::new();
    let mut names: HashSet<String> = HashSet::default();
    for (key, value) in values.iter() {
        let key_text = scalar_text(key);
        let vat = at.key("values").key(key_text.clone());
        let Some(code) = variant_code(cx, &vat, kind, key, &key_text) else {
            continue;
        };
        if bits && !is_single_bit(&code) {
            cx.error_at_key(
                &vat,
                format!("`{key_text}` is not a single bit"),
                "a `bits` enum lists each flag once (1, 2, 4, 8, ...): users OR them together",
            );
            continue;
        }
        let Some((label, vname)) = variant_name(cx, &vat, value, &key_text) else {
            continue;
        };
        if vname == "Unknown" {
            cx.error(
                &vat,
                "`Unknown` is the variant that keeps undocumented values",
                "name this value differently",
            );
            continue;
        }
        if variants.iter().any(|v| v.code == code) {
            cx.error_at_key(
                &vat,
                format!("enum value `{key_text}` is listed twice"),
                "remove one of them",
            );
            continue;
        }
        if !names.insert(vname.clone()) {
            cx.error(
                &vat,
                format!("two values of `{name}` are both named `{vname}`"),
                "set `name:` on one of them",
            );
            continue;
        }
        variants.push(Variant {
            name: vname,
            code,
            label,
        });
    }
    let spec_name = cx.space.spec_name(id);
    cx.space.complete(
        id,
        TypeDecl::Enum(Enum {
            name,
            spec_name,
            doc,
            kind,
            variants,
            bits,
        }),
    );
}

/// A positive power of two: one flag of a `bits` enumeration.
fn is_single_bit(code: &Literal) -> bool {
    matches!(code, Literal::Int(i) if *i > 0 && i.count_ones() == 1)
}

/// The code of an enumeration value: its key, read as the enumeration's kind.
fn variant_code(
    cx: &mut Ctxt<'_>,
    at: &Site,
    kind: EnumKind,
    key: &Value,
    key_text: &str,
) -> Option<Literal> {
    match (kind, key) {
        (EnumKind::Integer, Value::Number(n)) if n.as_i64().is_some() => {
            Some(Literal::Int(n.as_i64().unwrap_or_default()))
        }
        (EnumKind::Integer, _) => {
            cx.error_at_key(
                at,
                format!("`{key_text}` is not an integer code"),
                "an `enum: integer` has integer keys; use `enum: string` for codes sent as strings",
            );
            None
        }
        (EnumKind::String, Value::String(_) | Value::Number(_) | Value::Bool(_)) => {
            Some(Literal::Str(key_text.to_string()))
        }
        (EnumKind::String, _) => {
            cx.error_at_key(at, format!("`{key_text}` is not a string code"), "");
            None
        }
    }
}

/// The label of an enumeration value and its variant name (given, or derived
/// from an ASCII label).
fn variant_name(
    cx: &mut Ctxt<'_>,
    at: &Site,
    value: &ast::EnumValue,
    key_text: &str,
) -> Option<(String, String)> {
    let value = match value {
        ast::EnumValue::Named { name, label } => {
            return variant_ident(cx, at, key_text, label.clone(), name.clone())
        }
        ast::EnumValue::Other(value) => value,
    };
    let (label, explicit_name) = match value {
        Value::String(s) => (s.clone(), None),
        Value::Number(n) => (n.to_string(), None),
        Value::Mapping(m) => {
            let get = |k: &str| m.get(k).and_then(Value::as_str).map(str::to_owned);
            for k in m.keys() {
                let k = scalar_text(k);
                if !["name", "label"].contains(&k.as_str()) {
                    cx.error_at_key(
                        &at.key(k.clone()),
                        format!("unknown key `{k}`"),
                        suggest(&k, &["name", "label"]),
                    );
                }
            }
            let Some(label) = get("label") else {
                cx.error(
                    at,
                    "an enum value needs a `label`",
                    "write `{name: Foo, label: 文档标签}`",
                );
                return None;
            };
            (label, get("name"))
        }
        _ => {
            cx.error(at, "an enum value is a label or `{name, label}`", "");
            return None;
        }
    };
    variant_ident(cx, at, key_text, label, explicit_name)
}

/// The label of an enumeration value and its variant name: the name given,
/// which must be an UpperCamelCase identifier, or one made from the label.
fn variant_ident(
    cx: &mut Ctxt<'_>,
    at: &Site,
    key_text: &str,
    label: String,
    explicit_name: Option<String>,
) -> Option<(String, String)> {
    let name = match explicit_name {
        Some(n) if naming::is_ident(&n) && n.starts_with(|c: char| c.is_ascii_uppercase()) => n,
        Some(n) => {
            cx.error(
                &at.key("name"),
                format!("`{n}` is not an UpperCamelCase identifier"),
                "e.g. `MiniProgram`",
            );
            return None;
        }
        None => match naming::variant_ident(&label) {
            Some(n) => n,
            None => {
                cx.error(
                    at,
                    format!("label `{label}` does not make a Rust variant name"),
                    format!("write `{key_text}: {{name: SomeName, label: {label}}}`"),
                );
                return None;
            }
        },
    };
    Some((label, name))
}
