//! How generated structs are decoded: each JSON object is read entry by entry,
//! and each field's value is decoded as it is read, straight from the reply's
//! bytes. No intermediate JSON tree (`serde_json::Value`) is built, except for
//! a scalar read in either spelling (`req_either`/`opt_either`).
//!
//! `#[derive(Deserialize)]` writes a visitor, a field enum and a sequence form
//! for every struct, and each is compiled again for every deserializer it meets;
//! for an API of thousands of endpoints that was most of the crate's build time
//! and memory. Here the only code generic over the deserializer is shared by
//! every struct ([`object`], its visitor and the entry reader behind
//! [`Object`]); a struct contributes a non-generic function that loops over
//! the keys and fills one slot per field ([`Object::value`]), and the entries
//! reach it type-erased (erased-serde). So each field *type* is compiled once,
//! against the erased deserializer, not once per field per deserializer.
//!
//! Errors name the path to the field (`sessions`: `sessionName`: …). The
//! erased layers carry errors as text, and serde_json reads back the
//! `at line L column C` its own messages end with (it does so for
//! erased-serde's sake), so the position of the offending value survives the
//! trip outwards and is printed once; the path is put in front of it, never
//! after. A key seen twice in one object is an error (`duplicate field`),
//! keys no field reads are skipped unparsed.
//!
//! Not public API: generated code calls it through `__private::de`.

use std::any::Any;
use std::borrow::Cow;
use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{
    DeserializeOwned, DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A field that could not be read, with the path to it.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    fn from_display(e: impl fmt::Display) -> Self {
        Error(e.to_string())
    }

    /// The error one level out: the field's name goes in front, so that a
    /// position at the end (`… at line 3 column 20`) stays the last thing.
    fn in_field(self, key: &str) -> Self {
        Error(format!("`{key}`: {}", self.0))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a generated function reads a value with: the deserializer of one
/// entry's value, type-erased.
type ReadValue<'r, 'de> =
    dyn FnMut(&mut dyn erased_serde::Deserializer<'de>) -> Result<(), erased_serde::Error> + 'r;

/// The entries of the JSON object being read, as a trait object: the generated
/// functions that consume them are then not generic over the map they come
/// from. Implemented once per `MapAccess` type, for every struct.
trait Entries<'de> {
    fn key(&mut self) -> Result<Option<Cow<'de, str>>, Error>;
    fn value(&mut self, read: &mut ReadValue<'_, 'de>) -> Result<(), Error>;
    fn scalar(&mut self, slot: Scalar<'_>) -> Result<(), Error>;
    fn skip(&mut self) -> Result<(), Error>;
}

impl<'de, A: MapAccess<'de>> Entries<'de> for A {
    fn key(&mut self) -> Result<Option<Cow<'de, str>>, Error> {
        let mut key = None;
        self.next_key_seed(KeySeed(&mut key))
            .map_err(Error::from_display)?;
        Ok(key)
    }

    fn value(&mut self, read: &mut ReadValue<'_, 'de>) -> Result<(), Error> {
        self.next_value_seed(ValueSeed(read))
            .map_err(Error::from_display)
    }

    fn scalar(&mut self, slot: Scalar<'_>) -> Result<(), Error> {
        self.next_value_seed(slot).map_err(Error::from_display)
    }

    fn skip(&mut self) -> Result<(), Error> {
        self.next_value::<IgnoredAny>()
            .map(drop)
            .map_err(Error::from_display)
    }
}

/// Reads a key, borrowed from the input when the deserializer can lend it
/// (serde_json over a slice, for a key without escapes), owned otherwise.
/// Into a slot rather than as the seed's value: erased-serde boxes a value
/// larger than two words, and this is once per key.
struct KeySeed<'a, 'de>(&'a mut Option<Cow<'de, str>>);

impl<'de> DeserializeSeed<'de> for KeySeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<(), E> {
        *self.0 = Some(Cow::Borrowed(key));
        Ok(())
    }

    fn visit_str<E>(self, key: &str) -> Result<(), E> {
        *self.0 = Some(Cow::Owned(key.to_owned()));
        Ok(())
    }

    fn visit_string<E>(self, key: String) -> Result<(), E> {
        *self.0 = Some(Cow::Owned(key));
        Ok(())
    }
}

/// The slot of a field of the commonest types, read without the erased
/// layer where the map is not erased itself (a reply's top level), and into
/// the slot rather than through erased-serde's boxed value where it is.
enum Scalar<'a> {
    Text(&'a mut Option<String>),
    OptionalText(&'a mut Option<Option<String>>),
    Integer(&'a mut Option<i64>),
    OptionalInteger(&'a mut Option<Option<i64>>),
}

impl<'de> DeserializeSeed<'de> for Scalar<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self {
            Scalar::Text(slot) => deserializer.deserialize_string(TextSlot(slot)),
            Scalar::OptionalText(slot) => deserializer.deserialize_option(OptionalTextSlot(slot)),
            Scalar::Integer(slot) => {
                *slot = Some(i64::deserialize(deserializer)?);
                Ok(())
            }
            Scalar::OptionalInteger(slot) => {
                *slot = Some(Option::<i64>::deserialize(deserializer)?);
                Ok(())
            }
        }
    }
}

/// A `String` read into its slot; the same messages as `String`'s own.
struct TextSlot<'a>(&'a mut Option<String>);

impl<'de> Visitor<'de> for TextSlot<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        *self.0 = Some(v.to_owned());
        Ok(())
    }

    fn visit_string<E>(self, v: String) -> Result<(), E> {
        *self.0 = Some(v);
        Ok(())
    }
}

/// An `Option<String>` read into its slot: `null` is `None`.
struct OptionalTextSlot<'a>(&'a mut Option<Option<String>>);

impl<'de> Visitor<'de> for OptionalTextSlot<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E>(self) -> Result<(), E> {
        *self.0 = Some(None);
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        *self.0 = Some(None);
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut text = None;
        deserializer.deserialize_string(TextSlot(&mut text))?;
        *self.0 = Some(text);
        Ok(())
    }
}

/// Hands an entry's value deserializer, erased, to a [`ReadValue`].
struct ValueSeed<'a, 'r, 'de>(&'a mut ReadValue<'r, 'de>);

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut erased = <dyn erased_serde::Deserializer<'de>>::erase(deserializer);
        // The text keeps serde_json's `at line … column …`, which its `custom`
        // reads back into the error's position.
        (self.0)(&mut erased).map_err(D::Error::custom)
    }
}

/// The entries of one JSON object, read in a loop by a generated function,
/// one typed slot per field.
pub struct Object<'a, 'de> {
    entries: &'a mut dyn Entries<'de>,
}

impl<'de> Object<'_, 'de> {
    /// The next key, or `None` at the end of the object.
    pub fn next_key(&mut self) -> Result<Option<Cow<'de, str>>, Error> {
        self.entries.key()
    }

    /// Decodes the value of the current entry, the field `key`, into `slot`;
    /// the slot already holding one means the key came twice.
    pub fn value<T: Deserialize<'de> + 'static>(
        &mut self,
        slot: &mut Option<T>,
        key: &'static str,
    ) -> Result<(), Error> {
        if slot.is_some() {
            return Err(Error(format!("duplicate field `{key}`")));
        }
        // `T` is known where this is instantiated: the type checks are
        // constants and only one branch is compiled for each field type.
        let any: &mut dyn Any = slot;
        let read = if let Some(slot) = any.downcast_mut::<Option<String>>() {
            self.entries.scalar(Scalar::Text(slot))
        } else if let Some(slot) = any.downcast_mut::<Option<Option<String>>>() {
            self.entries.scalar(Scalar::OptionalText(slot))
        } else if let Some(slot) = any.downcast_mut::<Option<i64>>() {
            self.entries.scalar(Scalar::Integer(slot))
        } else if let Some(slot) = any.downcast_mut::<Option<Option<i64>>>() {
            self.entries.scalar(Scalar::OptionalInteger(slot))
        } else {
            self.entries.value(&mut |d| {
                *slot = Some(erased_serde::deserialize(d)?);
                Ok(())
            })
        };
        read.map_err(|e| e.in_field(key))
    }

    /// Like [`Object::value`], also accepting the other spelling of a scalar:
    /// a number where text is documented, or text holding a number where a
    /// number is. For fields whose document is ambiguous (Kedacom
    /// `file_type`: typed str, listed as numeric codes) and which the spec
    /// says to read both ways. Only this value is buffered (as a `Value`).
    pub fn value_either<T: DeserializeOwned>(
        &mut self,
        slot: &mut Option<T>,
        key: &'static str,
    ) -> Result<(), Error> {
        if slot.is_some() {
            return Err(Error(format!("duplicate field `{key}`")));
        }
        self.entries
            .value(&mut |d| {
                let mut convert = |v: Value| -> Result<(), String> {
                    *slot = Some(read_either(&v)?);
                    Ok(())
                };
                // Converted inside the deserializer's call, so that a failure
                // gets the position of the value just read.
                d.deserialize_any(Either(&mut convert))
            })
            .map_err(|e| e.in_field(key))
    }

    /// Skips the value of the current entry (a key no field reads).
    pub fn skip(&mut self) -> Result<(), Error> {
        self.entries.skip()
    }

    /// The value of a required field once the object is read.
    pub fn required<T>(slot: Option<T>, key: &'static str) -> Result<T, Error> {
        slot.ok_or_else(|| Error(format!("missing field `{key}`")))
    }

    /// The value of an optional field once the object is read: absent and
    /// `null` are both `None`.
    pub fn optional<T>(slot: Option<Option<T>>) -> Option<T> {
        slot.flatten()
    }
}

/// Reads a scalar (or anything else) into a `Value` and hands it to a
/// conversion; not generic over the target type.
struct Either<'a>(&'a mut dyn FnMut(Value) -> Result<(), String>);

impl Either<'_> {
    fn give<E: serde::de::Error>(self, v: Value) -> Result<(), E> {
        (self.0)(v).map_err(E::custom)
    }
}

impl<'de> Visitor<'de> for Either<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or a string")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<(), E> {
        self.give(Value::Bool(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<(), E> {
        self.give(Value::from(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<(), E> {
        self.give(Value::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<(), E> {
        self.give(Value::from(v))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.give(Value::String(v.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<(), E> {
        self.give(Value::String(v))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.give(Value::Null)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.give(Value::Null)
    }

    // Not a scalar: read whole so the target type's own message says what it
    // expected (`invalid type: sequence, expected a string`).
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let v = Value::deserialize(SeqAccessDeserializer::new(seq))?;
        self.give(v)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let v = Value::deserialize(MapAccessDeserializer::new(map))?;
        self.give(v)
    }
}

/// Reads `v` as is, else in its other spelling; a failure reports the
/// value as it came.
fn read_either<T: DeserializeOwned>(v: &Value) -> Result<T, String> {
    T::deserialize(v).or_else(|first| {
        let other = match v {
            Value::Number(n) => Value::String(n.to_string()),
            Value::String(s) => Value::Number(s.trim().parse().map_err(|_| first.to_string())?),
            _ => return Err(first.to_string()),
        };
        T::deserialize(&other).map_err(|_| first.to_string())
    })
}

/// Reads a JSON object from `deserializer` and builds `T` from its entries
/// with `fields` (a generated, non-generic function). Generic over the
/// deserializer and `T`, but only to hand over: the visitor and the entry
/// reader are the same for every struct.
pub fn object<'de, D, T>(
    deserializer: D,
    fields: fn(&mut Object<'_, 'de>) -> Result<T, Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let mut built = None;
    deserializer.deserialize_map(ObjectVisitor {
        build: &mut |m| {
            built = Some(fields(m)?);
            Ok(())
        },
    })?;
    built.ok_or_else(|| D::Error::custom("the object was not read"))
}

/// The one visitor of every generated struct. A problem is reported from
/// inside the map, so that a deserializer that knows positions (serde_json)
/// adds one where the message has none (a missing field: the object's end).
struct ObjectVisitor<'a, 'de> {
    build: &'a mut dyn FnMut(&mut Object<'_, 'de>) -> Result<(), Error>,
}

impl<'de> Visitor<'de> for ObjectVisitor<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        (self.build)(&mut Object {
            entries: &mut access,
        })
        .map_err(A::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Room {
        name: String,
        size: Option<i64>,
    }

    // What `object_serde!(Room { name req "name", size opt "size" })` expands to.
    fn room(m: &mut Object<'_, '_>) -> Result<Room, Error> {
        let (mut name, mut size) = (None, None);
        while let Some(key) = m.next_key()? {
            match &*key {
                "name" => m.value(&mut name, "name")?,
                "size" => m.value(&mut size, "size")?,
                _ => m.skip()?,
            }
        }
        Ok(Room {
            name: Object::required(name, "name")?,
            size: Object::optional(size),
        })
    }

    impl<'de> Deserialize<'de> for Room {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            object(d, room)
        }
    }

    fn decode(json: &str) -> Result<Room, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn fields_are_read_by_wire_name_and_other_keys_are_ignored() {
        let r = decode(r#"{"name": "会议室", "extra": [1, {"a": null}], "size": 8}"#).unwrap();
        assert_eq!(
            r,
            Room {
                name: "会议室".into(),
                size: Some(8)
            }
        );
    }

    #[test]
    fn an_optional_field_absent_or_null_is_none_and_a_required_null_is_an_error() {
        assert_eq!(decode(r#"{"name": "a", "size": null}"#).unwrap().size, None);
        assert_eq!(decode(r#"{"name": "a"}"#).unwrap().size, None);
        let null = decode(r#"{"name": null}"#).unwrap_err().to_string();
        assert!(
            null.starts_with("`name`: invalid type: null, expected a string"),
            "{null}"
        );
    }

    #[test]
    fn a_key_given_twice_is_an_error_rather_than_the_last_one_winning() {
        let twice = decode(r#"{"name": "a", "size": 1, "size": 2}"#).unwrap_err();
        assert!(
            twice.to_string().starts_with("duplicate field `size`"),
            "{twice}"
        );
        // A key nobody reads may repeat: it is skipped each time.
        assert!(decode(r#"{"x": 1, "name": "a", "x": 2}"#).is_ok());
    }

    #[test]
    fn an_escaped_key_is_matched_by_its_text() {
        // serde_json hands an escaped key over owned, a plain one borrowed.
        let r = decode(r#"{"n\u0061me": "a", "size": 2}"#).unwrap();
        assert_eq!(r.name, "a");
        let from_reader: Room = serde_json::from_reader(&br#"{"name": "b"}"#[..]).unwrap();
        assert_eq!(from_reader.name, "b");
    }

    #[derive(Debug, PartialEq)]
    struct File {
        kind: Option<String>,
        size: i64,
    }

    // `object_serde!(File { kind opt_either "kind", size req_either "size" })`.
    fn file(m: &mut Object<'_, '_>) -> Result<File, Error> {
        let (mut kind, mut size) = (None, None);
        while let Some(key) = m.next_key()? {
            match &*key {
                "kind" => m.value_either(&mut kind, "kind")?,
                "size" => m.value_either(&mut size, "size")?,
                _ => m.skip()?,
            }
        }
        Ok(File {
            kind: Object::optional(kind),
            size: Object::required(size, "size")?,
        })
    }

    impl<'de> Deserialize<'de> for File {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            object(d, file)
        }
    }

    #[test]
    fn a_field_read_either_way_takes_both_spellings_of_a_scalar() {
        let read = |json: &str| serde_json::from_str::<File>(json);
        let expected = File {
            kind: Some("3".into()),
            size: 10,
        };
        assert_eq!(read(r#"{"kind": 3, "size": "10"}"#).unwrap(), expected);
        assert_eq!(read(r#"{"kind": "3", "size": 10}"#).unwrap(), expected);
        assert_eq!(read(r#"{"kind": null, "size": 1}"#).unwrap().kind, None);
        let wrong = read(r#"{"kind": [3], "size": "ten"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            wrong.starts_with("`kind`: invalid type: sequence"),
            "{wrong}"
        );
        let wrong = read(r#"{"size": "ten"}"#).unwrap_err().to_string();
        assert!(
            wrong.starts_with("`size`: invalid type: string \"ten\""),
            "{wrong}"
        );
        let twice = read(r#"{"size": 1, "size": "1"}"#).unwrap_err().to_string();
        assert!(twice.starts_with("duplicate field `size`"), "{twice}");
    }

    #[test]
    fn a_missing_or_mistyped_field_is_named_in_the_error() {
        let missing = decode(r#"{"size": 8}"#).unwrap_err().to_string();
        assert!(missing.starts_with("missing field `name`"), "{missing}");
        let mistyped = decode(r#"{"name": 5}"#).unwrap_err().to_string();
        assert!(
            mistyped.starts_with("`name`: invalid type: integer `5`, expected a string"),
            "{mistyped}"
        );
        let not_object = decode("[1]").unwrap_err().to_string();
        assert!(
            not_object.starts_with("invalid type: sequence, expected a JSON object"),
            "{not_object}"
        );
    }

    #[derive(Debug)]
    struct Building {
        rooms: Vec<Room>,
        files: Option<Box<File>>,
    }

    fn building(m: &mut Object<'_, '_>) -> Result<Building, Error> {
        let (mut rooms, mut files) = (None, None);
        while let Some(key) = m.next_key()? {
            match &*key {
                "rooms" => m.value(&mut rooms, "rooms")?,
                "files" => m.value(&mut files, "files")?,
                _ => m.skip()?,
            }
        }
        Ok(Building {
            rooms: Object::required(rooms, "rooms")?,
            files: Object::optional(files),
        })
    }

    impl<'de> Deserialize<'de> for Building {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            object(d, building)
        }
    }

    #[test]
    fn a_nested_failure_names_the_path_and_points_once_at_the_offending_value() {
        let json =
            "{\n  \"rooms\": [\n    {\"name\": \"a\"},\n    {\n      \"name\": 5\n    }\n  ]\n}\n";
        let err = serde_json::from_str::<Building>(json).unwrap_err();
        // Line 5, just after the `5` (where serde_json puts a mistyped number).
        assert_eq!((err.line(), err.column()), (5, 15), "{err}");
        let text = err.to_string();
        assert_eq!(
            text,
            "`rooms`: `name`: invalid type: integer `5`, expected a string at line 5 column 15"
        );
        assert_eq!(text.matches("at line").count(), 1, "{text}");

        let json = "{\"files\": {\n  \"size\": \"ten\"\n},\n \"rooms\": []}";
        let err = serde_json::from_str::<Building>(json).unwrap_err();
        assert_eq!((err.line(), err.column()), (2, 15), "{err}");
        assert!(err
            .to_string()
            .starts_with("`files`: `size`: invalid type: string \"ten\""));

        let json = "{\"rooms\": [{\"size\": 1}\n\n]}";
        let err = serde_json::from_str::<Building>(json).unwrap_err();
        // A missing field: the end of the object that lacks it.
        assert_eq!((err.line(), err.column()), (1, 22), "{err}");
        assert_eq!(
            err.to_string(),
            "`rooms`: missing field `name` at line 1 column 22"
        );
    }

    #[test]
    fn nested_structs_lists_and_boxes_decode() {
        let json =
            r#"{"rooms": [{"name": "a"}, {"name": "b", "size": 3}], "files": {"size": "4"}}"#;
        let b: Building = serde_json::from_str(json).unwrap();
        assert_eq!(b.rooms.len(), 2);
        assert_eq!(b.rooms[1].size, Some(3));
        assert_eq!(b.files.map(|f| f.size), Some(4));
        // From a JSON tree too (the mock server's scripted replies).
        let tree: serde_json::Value = serde_json::from_str(json).unwrap();
        let b: Building = serde_json::from_value(tree).unwrap();
        assert_eq!(b.rooms[0].name, "a");
    }
}
