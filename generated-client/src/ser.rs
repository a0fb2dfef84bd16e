//! How generated structs are encoded: a non-generic function lists the fields
//! by wire name, in declaration order; absent optional fields are left out.
//!
//! The counterpart of [`crate::de`], for the same reason: `#[derive(Serialize)]`
//! expands to a serializer call per field inside a function generic over the
//! serializer, which for thousands of structs is much of a build's work. Here a
//! struct's impl is three lines; its fields are handed over as type-erased
//! references (erased-serde), so each field *type* is compiled once and the
//! values stream straight to the serializer, with no intermediate JSON tree.
//!
//! Not public API: generated code calls it through `__private::ser`.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The fields of one struct value, in declaration order.
pub struct Object<'a> {
    fields: Vec<(&'static str, &'a dyn erased_serde::Serialize)>,
}

impl<'a> Object<'a> {
    /// Adds the field `key`.
    pub fn put<T: Serialize>(&mut self, key: &'static str, value: &'a T) {
        self.fields.push((key, value));
    }

    /// Adds the field `key` when it has a value.
    pub fn opt<T: Serialize>(&mut self, key: &'static str, value: &'a Option<T>) {
        if let Some(v) = value {
            self.fields.push((key, v));
        }
    }
}

/// Serializes `value` as a map of the fields `fields` (a generated,
/// non-generic function) lists.
pub fn object<'a, S: Serializer, T>(
    serializer: S,
    value: &'a T,
    fields: fn(&'a T, &mut Object<'a>),
) -> Result<S::Ok, S::Error> {
    let mut object = Object { fields: Vec::new() };
    fields(value, &mut object);
    let mut map = serializer.serialize_map(Some(object.fields.len()))?;
    for (key, value) in object.fields {
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

    fn room<'a>(v: &'a Room, m: &mut Object<'a>) {
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
