//! Spec values read as the model's literals (defaults, allowed values,
//! conditions), and types and values in the words messages use.
//!
//! Below the passes that read values (constraints, types, rules), so that none
//! of them needs another for it.

use serde_yaml::Value;

use super::ctxt::{Ctxt, Site, TypeSpace};
use crate::model::{EnumKind, Literal, Ty, TypeDecl};

/// Converts a spec literal to the field's type; `what` names it in messages.
pub(super) fn literal_for(
    cx: &mut Ctxt<'_>,
    at: &Site,
    ty: &Ty,
    v: &Value,
    what: &str,
) -> Option<Literal> {
    let lit = match (ty, v) {
        (Ty::Integer | Ty::Enum(_, EnumKind::Integer), Value::Number(n))
            if n.as_i64().is_some() =>
        {
            Literal::Int(n.as_i64().unwrap_or_default())
        }
        // `.nan` and `.inf` have no Rust literal.
        (Ty::Number, Value::Number(n)) if n.as_f64().is_some_and(f64::is_finite) => {
            Literal::Float(n.as_f64().unwrap_or_default())
        }
        (Ty::String | Ty::Enum(_, EnumKind::String), Value::String(s)) => Literal::Str(s.clone()),
        (Ty::Enum(_, EnumKind::String), Value::Number(n)) => Literal::Str(n.to_string()),
        (Ty::Boolean, Value::Bool(b)) => Literal::Bool(*b),
        _ => {
            let shown = scalar_text(v);
            let message = format!(
                "{what} `{shown}` does not fit the field's type {}",
                ty_name(&cx.space, ty)
            );
            cx.error(at, message, "");
            return None;
        }
    };
    // An enumeration declared further down is not complete yet: its codes are
    // not known, and the value is taken as written.
    if let Ty::Enum(id, _) = ty {
        let outside = match cx.space.get(*id) {
            Some(TypeDecl::Enum(e)) if e.bits => match lit {
                Literal::Int(i) if i >= 0 && i & !e.documented_bits() == 0 => None,
                _ => Some((
                    format!("{what} `{lit}` sets a bit `{}` does not document", e.name),
                    format!("combine the flags: {}", codes(e).join(", ")),
                )),
            },
            Some(TypeDecl::Enum(e)) if !e.variants.iter().any(|v| v.code == lit) => Some((
                format!("{what} `{lit}` is not a value of `{}`", e.name),
                format!("expected one of: {}", codes(e).join(", ")),
            )),
            _ => None,
        };
        if let Some((message, hint)) = outside {
            cx.error(at, message, hint);
            return None;
        }
    }
    Some(lit)
}

/// The documented codes of an enumeration, as messages list them.
fn codes(e: &crate::model::Enum) -> Vec<String> {
    e.variants.iter().map(|v| v.code.to_string()).collect()
}

/// A type as messages name it: `string`, ``object `Live` ``, `array of integer`.
pub(super) fn ty_name(space: &TypeSpace, ty: &Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Json => "json".into(),
        Ty::File => "file".into(),
        Ty::Struct(id) => format!("object `{}`", space.name(*id)),
        Ty::Enum(id, _) => format!("enum `{}`", space.name(*id)),
        Ty::Array(i) => format!("array of {}", ty_name(space, i)),
    }
}

/// A YAML scalar as written (a key of `values:`, a literal in a message).
pub(super) fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}
