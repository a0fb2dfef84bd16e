//! How generated structs are decoded: each JSON object's entries are read
//! once, each value kept as its JSON text (`serde_json::value::RawValue`, no
//! tree of `serde_json::Value`), and each field is then decoded from its text
//! by its wire name.
//!
//! `#[derive(Deserialize)]` writes a visitor, a field enum and a sequence form
//! for every struct, and each is compiled again for every deserializer it meets;
//! for an API of thousands of endpoints that was most of the crate's build time
//! and memory. A generated `Deserialize` impl is instead three lines that call
//! [`object`] with a non-generic function listing the fields, and the per-type
//! work is shared: one [`Object::required`] per field *type*, not per field,
//! and every field type is decoded by one deserializer type (serde_json's over
//! text), whatever deserializer the reply came through.
//!
//! A key given twice in one object is an error (`duplicate field`), not
//! last-wins; keys no field reads are kept as text and dropped. A problem is
//! reported with the path to the field (`sessions`: `sessionName`: …) at the
//! end of the object holding it: positions inside a value's own text would
//! mislead, and decoding each value as it is read (with its exact position)
//! needed a type-erased deserializer that doubled the build of a large API
//! (docs/performance.md §4).
//!
//! Not public API: generated code calls it through `__private::de`.

use std::collections::hash_map::{Entry, HashMap};

use serde::de::{DeserializeOwned, Error as _, MapAccess, Visitor};
use serde::Deserializer;
use serde_json::value::RawValue;
use serde_json::Value;

/// A field that could not be read, with the path to it.
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The entries of one JSON object, each value as its JSON text, taken out
/// one by one.
pub struct Object {
    entries: HashMap<String, Box<RawValue>>,
}

impl Object {
    /// The field `key`, which must be present (and not `null` unless `T` allows it).
    pub fn required<T: DeserializeOwned>(&mut self, key: &'static str) -> Result<T, Error> {
        match self.entries.remove(key) {
            Some(raw) => read(key, &raw),
            None => Err(Error(format!("missing field `{key}`"))),
        }
    }

    /// The field `key`: absent and `null` are both `None`.
    pub fn optional<T: DeserializeOwned>(&mut self, key: &'static str) -> Result<Option<T>, Error> {
        match self.entries.remove(key) {
            None => Ok(None),
            Some(raw) if raw.get() == "null" => Ok(None),
            Some(raw) => read(key, &raw).map(Some),
        }
    }
}

impl Object {
    /// The field `key` like [`Object::required`], also accepting the other
    /// spelling of a scalar: a number where text is documented, or text
    /// holding a number where a number is. For fields whose document is
    /// ambiguous (Kedacom `file_type`: typed str, listed as numeric codes)
    /// and which the spec says to read both ways.
    pub fn required_either<T: DeserializeOwned>(&mut self, key: &'static str) -> Result<T, Error> {
        match self.entries.remove(key) {
            Some(raw) => read_either(key, &raw),
            None => Err(Error(format!("missing field `{key}`"))),
        }
    }

    /// The field `key` like [`Object::optional`], read both ways as
    /// [`Object::required_either`] does.
    pub fn optional_either<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
    ) -> Result<Option<T>, Error> {
        match self.entries.remove(key) {
            None => Ok(None),
            Some(raw) if raw.get() == "null" => Ok(None),
            Some(raw) => read_either(key, &raw).map(Some),
        }
    }
}

/// Decodes a field from its text; a failure names the field in front of
/// what went wrong inside it (`sessions`: `sessionName`: …).
fn read<T: DeserializeOwned>(key: &str, raw: &RawValue) -> Result<T, Error> {
    serde_json::from_str(raw.get()).map_err(|e| Error(format!("`{key}`: {}", relative(&e))))
}

/// Reads a scalar as is, else in its other spelling; a failure reports the
/// value as it came. Only this one value becomes a `Value`.
fn read_either<T: DeserializeOwned>(key: &str, raw: &RawValue) -> Result<T, Error> {
    let first = match serde_json::from_str::<T>(raw.get()) {
        Ok(value) => return Ok(value),
        Err(e) => Error(format!("`{key}`: {}", relative(&e))),
    };
    let other = match serde_json::from_str::<Value>(raw.get()) {
        Ok(Value::Number(n)) => Value::String(n.to_string()),
        Ok(Value::String(s)) => match s.trim().parse() {
            Ok(n) => Value::Number(n),
            Err(_) => return Err(first),
        },
        _ => return Err(first),
    };
    T::deserialize(&other).map_err(|_| first)
}

/// The message of an error met while decoding a value from its own text,
/// without the position: that position is within the value, and the
/// deserializer of the whole document adds its own (the end of the object
/// holding the field).
fn relative(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(message) if e.line() > 0 => message.to_string(),
        _ => text,
    }
}

/// Reads a JSON object from `deserializer` and builds `T` from its fields with
/// `fields` (a generated, non-generic function). Other keys are ignored; a
/// key given twice is an error.
///
/// A problem is reported from inside the map, so that a deserializer that
/// knows positions (serde_json) adds the line and column of the object's end.
pub fn object<'de, D, T>(
    deserializer: D,
    fields: fn(&mut Object) -> Result<T, Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    deserializer.deserialize_map(ObjectVisitor { fields })
}

struct ObjectVisitor<T> {
    fields: fn(&mut Object) -> Result<T, Error>,
}

impl<'de, T> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<T, A::Error> {
        let entries = entries(access)?;
        (self.fields)(&mut Object { entries }).map_err(A::Error::custom)
    }
}

/// Every entry of the map, each value as its text; not generic over the
/// struct being built.
fn entries<'de, A: MapAccess<'de>>(
    mut access: A,
) -> Result<HashMap<String, Box<RawValue>>, A::Error> {
    let mut entries = HashMap::with_capacity(access.size_hint().unwrap_or(0).min(64));
    while let Some(key) = access.next_key::<String>()? {
        match entries.entry(key) {
            Entry::Occupied(seen) => {
                let message = format!("duplicate field `{}`", seen.key());
                return Err(A::Error::custom(message));
            }
            Entry::Vacant(slot) => {
                slot.insert(access.next_value::<Box<RawValue>>()?);
            }
        }
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Room {
        name: String,
        size: Option<i64>,
    }

    fn room(m: &mut Object) -> Result<Room, Error> {
        Ok(Room {
            name: m.required("name")?,
            size: m.optional("size")?,
        })
    }

    fn decode(json: &str) -> Result<Room, serde_json::Error> {
        object(&mut serde_json::Deserializer::from_str(json), room)
    }

    #[test]
    fn fields_are_read_by_wire_name_and_other_keys_are_ignored() {
        let r = decode(r#"{"name": "会议室", "extra": [1], "size": 8}"#).unwrap();
        assert_eq!(
            r,
            Room {
                name: "会议室".into(),
                size: Some(8)
            }
        );
        assert_eq!(decode(r#"{"name": "a", "size": null}"#).unwrap().size, None);
    }

    #[derive(Debug, PartialEq)]
    struct File {
        kind: Option<String>,
        size: i64,
    }

    fn file(m: &mut Object) -> Result<File, Error> {
        Ok(File {
            kind: m.optional_either("kind")?,
            size: m.required_either("size")?,
        })
    }

    #[test]
    fn a_field_read_either_way_takes_both_spellings_of_a_scalar() {
        let read = |json: &str| object(&mut serde_json::Deserializer::from_str(json), file);
        let expected = File {
            kind: Some("3".into()),
            size: 10,
        };
        assert_eq!(read(r#"{"kind": 3, "size": "10"}"#).unwrap(), expected);
        assert_eq!(read(r#"{"kind": "3", "size": 10}"#).unwrap(), expected);
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
    }

    #[test]
    fn a_key_given_twice_is_an_error_not_last_wins() {
        let twice = decode(r#"{"name": "a", "size": 1, "name": "b"}"#)
            .unwrap_err()
            .to_string();
        assert!(twice.starts_with("duplicate field `name`"), "{twice}");
        // A key no field reads may come twice too: it is still a malformed object.
        let extra = decode(r#"{"name": "a", "x": 1, "x": 2}"#)
            .unwrap_err()
            .to_string();
        assert!(extra.starts_with("duplicate field `x`"), "{extra}");
    }

    #[test]
    fn a_mistyped_value_is_reported_once_with_the_position_of_the_document() {
        let err = decode("{\n  \"name\": 5\n}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`name`: invalid type: integer `5`, expected a string at line 3 column 1"
        );
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
}
