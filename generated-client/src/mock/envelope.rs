//! The vendor's own failure reply for a rejection, built on its documented
//! envelope (`error_info.error_code` for Tencent, `success: 0` with
//! `error_code` for Kedacom, `error.key` for YXT, Polyv's `success: false`
//! with `error.code`), starting from a printed failure example when the
//! document has one; and the success flag a success reply must carry.

use serde_json::{json, Map, Value};

use super::rejection::Rejection;
use super::table::Table;
use crate::vendor::lookup;

/// The failure reply for `rejection`; `request_id` goes where the envelope
/// keeps one.
pub(crate) fn failure(table: &Table, rejection: &Rejection, request_id: &str) -> Value {
    let Some(env) = &table.error else {
        return json!({ "code": rejection.code, "message": rejection.message });
    };
    let mut body = match &env.template {
        Some(t @ Value::Object(_)) => t.clone(),
        _ => Value::Object(Map::new()),
    };
    if let Some(path) = &env.code {
        let code = match lookup(&body, path) {
            Some(Value::String(_)) => json!(rejection.code.to_string()),
            _ => json!(rejection.code),
        };
        put(&mut body, path, code);
    }
    if let Some(path) = &env.message {
        put(&mut body, path, json!(rejection.message));
    }
    if let Some(path) = &env.key {
        let key = rejection.key.clone();
        put(
            &mut body,
            path,
            json!(key.unwrap_or_else(|| format!("mock.{}", rejection.code))),
        );
    }
    if let Some(path) = &env.request_id {
        put(&mut body, path, json!(request_id));
    }
    if let Some((path, success)) = &env.success {
        put(&mut body, path, failing(success));
    }
    body
}

/// A success reply with the vendor's success flag set (a value built from
/// the reply type holds a placeholder there).
pub(crate) fn with_success_flag(table: &Table, mut reply: Value) -> Value {
    let flag = table.error.as_ref().and_then(|e| e.success.as_ref());
    if let Some((path, success)) = flag {
        if reply.is_object() {
            put(&mut reply, path, success.clone());
        }
    }
    reply
}

/// A value of the success flag's type that is not `success`.
fn failing(success: &Value) -> Value {
    match success {
        Value::Bool(b) => json!(!b),
        Value::Number(n) if n.as_i64() == Some(0) => json!(1),
        Value::Number(_) => json!(0),
        _ => json!("fail"),
    }
}

/// Sets the value at a dotted path, creating objects on the way.
fn put(json: &mut Value, path: &str, value: Value) {
    let mut at = json;
    for key in path.split('.') {
        if !at.is_object() {
            *at = Value::Object(Map::new());
        }
        at = at
            .as_object_mut()
            .expect("made an object above")
            .entry(key)
            .or_insert(Value::Null);
    }
    *at = value;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_creates_the_objects_of_a_dotted_path() {
        let mut v = json!({"error_info": {"x": 1}});
        put(&mut v, "error_info.error_code", json!(7));
        assert_eq!(v, json!({"error_info": {"x": 1, "error_code": 7}}));
    }

    #[test]
    fn the_failing_flag_differs_from_the_success_value() {
        assert_eq!(failing(&json!(1)), json!(0));
        assert_eq!(failing(&json!(true)), json!(false));
    }
}
