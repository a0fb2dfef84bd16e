//! How generated structs are encoded: a non-generic function lists the fields
//! by wire name, in declaration order; absent optional fields are left out.
//!
//! The counterpart of [`crate::de`], for the same reason: `#[derive(Serialize)]`
//! expands to a serializer call per field inside a function generic over the
//! serializer, which for thousands of structs is much of a build's work. Here a
//! struct's impl is a few lines; its fields are handed, one by one, to the
//! serializer's map behind a trait object, so each field *type* is compiled
//! once and the values stream straight to the serializer, with no
//! intermediate JSON tree and no per-object allocation.
//!
//! A field is handed over type-erased (erased-serde), except text, integers
//! and booleans: those go to the map directly, which keeps encoding close to
//! a derive's speed (docs/performance.md §4).
//!
//! Not public API: generated code calls it through `__private::ser`.

use std::any::Any;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// The serializer failed; its error is kept by [`object`], which returns it.
#[derive(Debug)]
pub(crate) struct Failed(());

/// The map being written, behind a trait object so that the generated
/// functions that fill it are not generic over the serializer.
trait Entries {
    fn erased(
        &mut self,
        key: &'static str,
        value: &dyn erased_serde::Serialize,
    ) -> Result<(), Failed>;
    fn str(&mut self, key: &'static str, value: &str) -> Result<(), Failed>;
    fn i64(&mut self, key: &'static str, value: i64) -> Result<(), Failed>;
    fn bool(&mut self, key: &'static str, value: bool) -> Result<(), Failed>;
}

/// A serializer's struct and the first error it gave.
struct Writer<M: SerializeStruct> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeStruct> Writer<M> {
    fn entry<V: Serialize + ?Sized>(&mut self, key: &'static str, value: &V) -> Result<(), Failed> {
        self.map.serialize_field(key, value).map_err(|e| {
            self.error = Some(e);
            Failed(())
        })
    }
}

impl<M: SerializeStruct> Entries for Writer<M> {
    fn erased(
        &mut self,
        key: &'static str,
        value: &dyn erased_serde::Serialize,
    ) -> Result<(), Failed> {
        self.entry(key, value)
    }

    fn str(&mut self, key: &'static str, value: &str) -> Result<(), Failed> {
        self.entry(key, value)
    }

    fn i64(&mut self, key: &'static str, value: i64) -> Result<(), Failed> {
        self.entry(key, &value)
    }

    fn bool(&mut self, key: &'static str, value: bool) -> Result<(), Failed> {
        self.entry(key, &value)
    }
}

/// The fields of one struct value, written in declaration order.
pub struct Object<'a> {
    entries: &'a mut dyn Entries,
    failed: bool,
}

impl Object<'_> {
    /// Writes the field `key`. After a failure the rest of the object is
    /// skipped (the serializer's error is what the object returns), so a
    /// generated struct's field list is straight-line calls without a `?`
    /// per field.
    pub fn put<T: Serialize + 'static>(&mut self, key: &'static str, value: &T) {
        if self.failed {
            return;
        }
        // The commonest field types skip the erased layer (two indirect calls
        // per value). `T` is known where this is instantiated, so the checks
        // are constants and all but one branch is compiled away.
        let any: &dyn Any = value;
        let written = if let Some(s) = any.downcast_ref::<String>() {
            self.entries.str(key, s)
        } else if let Some(n) = any.downcast_ref::<i64>() {
            self.entries.i64(key, *n)
        } else if let Some(b) = any.downcast_ref::<bool>() {
            self.entries.bool(key, *b)
        } else {
            self.entries.erased(key, value)
        };
        self.failed = written.is_err();
    }

    /// Writes the field `key` when it has a value.
    pub fn opt<T: Serialize + 'static>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(v) = value {
            self.put(key, v);
        }
    }
}

/// Serializes `value`, the struct `name`, as the `len` fields `fields` (a
/// generated, non-generic function) writes.
pub fn object<S: Serializer, T>(
    serializer: S,
    name: &'static str,
    len: usize,
    value: &T,
    fields: fn(&T, &mut Object<'_>),
) -> Result<S::Ok, S::Error> {
    write(serializer, name, len, &mut |m| fields(value, m))
}

/// [`object`] without the struct's type: compiled once per serializer.
fn write<S: Serializer>(
    serializer: S,
    name: &'static str,
    len: usize,
    fields: &mut dyn FnMut(&mut Object<'_>),
) -> Result<S::Ok, S::Error> {
    // A struct rather than a map: through erased-serde, a struct's field
    // names travel as plain `&'static str` where a map's keys would be
    // erased values (two more indirect calls per field). serde_json writes
    // `{}` at once for a length of 0, so `len` must be the exact count.
    let mut writer = Writer {
        map: serializer.serialize_struct(name, len)?,
        error: None,
    };
    let mut object = Object {
        entries: &mut writer,
        failed: false,
    };
    fields(&mut object);
    if object.failed {
        Err(writer
            .error
            .unwrap_or_else(|| serde::ser::Error::custom("a field failed to serialize")))
    } else {
        writer.map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Room {
        name: String,
        size: Option<i64>,
        live: bool,
        code: Option<String>,
        tags: Vec<String>,
    }

    fn room(v: &Room, m: &mut Object<'_>) {
        m.put("roomName", &v.name);
        m.opt("size", &v.size);
        m.put("live", &v.live);
        m.opt("roomCode", &v.code);
        m.put("tags", &v.tags);
    }

    fn v_some<T>(v: &Option<T>) -> bool {
        v.is_some()
    }

    impl Serialize for Room {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let len = 3 + usize::from(v_some(&self.size)) + usize::from(v_some(&self.code));
            object(s, "Room", len, self, room)
        }
    }

    #[test]
    fn fields_keep_declaration_order_and_absent_options_are_left_out() {
        let r = Room {
            name: "会议室".into(),
            size: None,
            live: true,
            code: Some("a\"bc".into()),
            tags: vec!["x".into()],
        };
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"roomName":"会议室","live":true,"roomCode":"a\"bc","tags":["x"]}"#
        );
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({"roomName": "会议室", "live": true, "roomCode": "a\"bc", "tags": ["x"]})
        );
    }

    /// A value whose encoding fails, as a writer's might.
    struct Refuses;

    impl Serialize for Refuses {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("refused"))
        }
    }

    #[test]
    fn the_first_failing_field_stops_the_object_with_the_serializers_own_error() {
        struct Holder(Refuses, i64);
        impl Serialize for Holder {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                object(s, "Holder", 2, self, |v, m| {
                    m.put("a", &v.0);
                    m.put("b", &v.1);
                })
            }
        }
        let err = serde_json::to_string(&Holder(Refuses, 1)).unwrap_err();
        assert_eq!(err.to_string(), "refused");
    }
}
