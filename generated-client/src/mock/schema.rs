//! The table's own validation, for specs loaded at run time where no
//! generated validator exists: types, required fields, documented codes,
//! lengths, ranges, allowed values and item counts. Character classes,
//! formats and cross-field rules are not checked here (docs/mock.md).

use serde_json::Value;

use super::table::{Check, Field, Operation, Table, Ty};
use super::validate::Problem;

/// The rules `request` breaks, in order.
pub(crate) fn problems(table: &Table, op: &Operation, request: &Value) -> Vec<Problem> {
    let mut walk = Walk {
        table,
        problems: Vec::new(),
    };
    walk.fields(&op.params, request, "");
    if let Some(body) = &op.body {
        match request.get("body") {
            Some(b) => walk.fields(table.fields(&body.ty), b, "body."),
            None => walk.problem("body is required".into(), None),
        }
    }
    walk.problems
}

struct Walk<'a> {
    table: &'a Table,
    problems: Vec<Problem>,
}

impl Walk<'_> {
    fn problem(&mut self, message: String, key: Option<&str>) {
        self.problems.push(Problem {
            message,
            key: key.map(str::to_string),
        });
    }

    /// The fields of an object at `prefix`.
    fn fields(&mut self, fields: &[Field], object: &Value, prefix: &str) {
        if !object.is_object() {
            return self.problem(format!("{prefix} is not an object"), None);
        }
        for f in fields {
            let path = format!("{prefix}{}", f.wire);
            match object.get(&f.wire) {
                None | Some(Value::Null) if f.required => {
                    self.problem(format!("{path} is required"), None)
                }
                None | Some(Value::Null) => {}
                Some(value) => {
                    self.value(f, &f.ty, value, &path);
                    self.checks(f, value, &path);
                }
            }
        }
    }

    /// One value of field `f` with type `ty`.
    fn value(&mut self, f: &Field, ty: &Ty, value: &Value, path: &str) {
        if !self.has_type(ty, value) {
            return self.problem(format!("{path} has the wrong type"), None);
        }
        match ty {
            Ty::Enum { r#enum } if !self.table.codes(r#enum).contains(value) => self.problem(
                format!("{path}: {value} is not a documented code"),
                f.enum_error_key.as_deref(),
            ),
            Ty::Struct { r#struct } => {
                let fields = self.table.fields(r#struct);
                self.fields(fields, value, &format!("{path}."));
            }
            Ty::Array { array } => {
                let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
                for (i, item) in items.iter().enumerate() {
                    self.value(f, array, item, &format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }

    fn has_type(&self, ty: &Ty, value: &Value) -> bool {
        match ty {
            Ty::Scalar(s) => match s.as_str() {
                "string" => value.is_string(),
                "integer" => value.is_i64() || value.is_u64(),
                "number" => value.is_number(),
                "boolean" => value.is_boolean(),
                "file" => value.is_object(),
                _ => true,
            },
            Ty::Struct { .. } => value.is_object(),
            Ty::Array { .. } => value.is_array(),
            Ty::Enum { .. } => value.is_string() || value.is_number(),
        }
    }

    /// The documented checks of field `f`: item counts on a list, the others
    /// on the value or on each item of a list.
    fn checks(&mut self, f: &Field, value: &Value, path: &str) {
        for c in &f.checks {
            let targets = match value.as_array() {
                Some(items) if !c.check.ends_with("_items") => items.iter().collect(),
                _ => vec![value],
            };
            for target in targets {
                if let Some(broken) = broken(c, target) {
                    self.problem(format!("{path}: {broken}"), c.error_key.as_deref());
                }
            }
        }
    }
}

/// How `value` breaks check `c`, if it does.
fn broken(c: &Check, value: &Value) -> Option<String> {
    let limit = c.limit.as_u64().unwrap_or(u64::MAX);
    let chars = value.as_str().map(|s| s.chars().count() as u64);
    let bytes = value.as_str().map(|s| s.len() as u64);
    let items = value.as_array().map(|a| a.len() as u64);
    let fails = match c.check.as_str() {
        "max_chars" => chars.is_some_and(|n| n > limit),
        "max_bytes" => bytes.is_some_and(|n| n > limit),
        "length" => chars.is_some_and(|n| n != limit),
        "min_chars" => chars.is_some_and(|n| n < c.limit.as_u64().unwrap_or(0)),
        "min_bytes" => bytes.is_some_and(|n| n < c.limit.as_u64().unwrap_or(0)),
        "min_items" => items.is_some_and(|n| n < c.limit.as_u64().unwrap_or(0)),
        "max_items" => items.is_some_and(|n| n > limit),
        "one_of" => c
            .limit
            .as_array()
            .is_some_and(|allowed| !allowed.contains(value)),
        "range" => out_of_range(&c.limit, value),
        _ => false,
    };
    fails.then(|| format!("breaks {} {}", c.check, c.limit))
}

/// Whether a number is outside `[min, max]` (either bound may be null).
fn out_of_range(limit: &Value, value: &Value) -> bool {
    let Some(n) = value.as_f64() else {
        return false;
    };
    let bound = |i: usize| limit.get(i).and_then(Value::as_f64);
    bound(0).is_some_and(|min| n < min) || bound(1).is_some_and(|max| n > max)
}
