//! How generated structs are encoded: a non-generic function lists the fields
//! by wire name, in declaration order; absent optional fields are left out.
//!
//! The counterpart of [`crate::de`], for the same reason: `#[derive(Serialize)]`
//! expands to a serializer call per field in a function generic over the
//! serializer, which for thousands of structs is much of a build's work. Here a
//! struct's impl is three lines, and the per-type work is one
//! [`Object::put`] per field *type*.
//!
//! Not public API: generated code calls it through `__private::ser`.

use serde::ser::{Error as _, SerializeMap};
use serde::{Serialize, Serializer};
use serde_json::Value;

/// The fields of one struct, as JSON values in declaration order.
#[derive(Default)]
pub struct Object {
    fields: Vec<(&'static str, Value)>,
    error: Option<String>,
}

impl Object {
    /// Adds the field `key`.
    pub fn put<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        match serde_json::to_value(value) {
            Ok(v) => self.fields.push((key, v)),
            Err(e) => {
                self.error.get_or_insert_with(|| format!("`{key}`: {e}"));
            }
        }
    }

    /// Adds the field `key` when it has a value.
    pub fn opt<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(v) = value {
            self.put(key, v);
        }
    }
}

/// Serializes `value` as a map of the fields `fields` (a generated,
/// non-generic function) lists.
pub fn object<S: Serializer, T>(
    serializer: S,
    value: &T,
    fields: fn(&T, &mut Object),
) -> Result<S::Ok, S::Error> {
    let mut object = Object::default();
    fields(value, &mut object);
    if let Some(e) = object.error {
        return Err(S::Error::custom(e));
    }
    let mut map = serializer.serialize_map(Some(object.fields.len()))?;
    for (key, value) in &object.fields {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Room {
        name: String,
        size: Option<i64>,
        code: Option<String>,
    }

    fn room(v: &Room, m: &mut Object) {
        m.put("roomName", &v.name);
        m.opt("size", &v.size);
        m.opt("roomCode", &v.code);
    }

    impl Serialize for Room {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            object(s, self, room)
        }
    }

    #[test]
    fn fields_keep_declaration_order_and_absent_options_are_left_out() {
        let r = Room {
            name: "会议室".into(),
            size: None,
            code: Some("abc".into()),
        };
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"roomName":"会议室","roomCode":"abc"}"#
        );
    }
}
