//! How generated structs are decoded: the JSON object is read once into a map,
//! then each field is taken out by its wire name.
//!
//! `#[derive(Deserialize)]` writes a visitor, a field enum and a sequence form
//! for every struct, and each is compiled again for every deserializer it meets;
//! for an API of thousands of endpoints that was most of the crate's build time
//! and memory. A generated `Deserialize` impl is instead three lines that call
//! [`object`] with a non-generic function listing the fields, and the per-type
//! work is shared: one [`Object::required`] per field *type*, not per field.
//!
//! Not public API: generated code calls it through `__private::de`.

use serde::de::{DeserializeOwned, Error as _, MapAccess, Visitor};
use serde::Deserializer;
use serde_json::{Map, Value};

/// A field that could not be read, with the path to it.
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The fields of one JSON object, taken out one by one.
pub struct Object {
    map: Map<String, Value>,
}

impl Object {
    /// The field `key`, which must be present (and not `null` unless `T` allows it).
    pub fn required<T: DeserializeOwned>(&mut self, key: &'static str) -> Result<T, Error> {
        match self.map.remove(key) {
            Some(v) => read(key, v),
            None => Err(Error(format!("missing field `{key}`"))),
        }
    }

    /// The field `key`: absent and `null` are both `None`.
    pub fn optional<T: DeserializeOwned>(&mut self, key: &'static str) -> Result<Option<T>, Error> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => read(key, v).map(Some),
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
        match self.map.remove(key) {
            Some(v) => read_either(key, &v),
            None => Err(Error(format!("missing field `{key}`"))),
        }
    }

    /// The field `key` like [`Object::optional`], read both ways as
    /// [`Object::required_either`] does.
    pub fn optional_either<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
    ) -> Result<Option<T>, Error> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => read_either(key, &v).map(Some),
        }
    }
}

/// Reads `v` as is, else in its other spelling; a failure reports the
/// value as it came.
fn read_either<T: DeserializeOwned>(key: &str, v: &Value) -> Result<T, Error> {
    T::deserialize(v).or_else(|first| {
        let other = match v {
            Value::Number(n) => Value::String(n.to_string()),
            Value::String(s) => {
                Value::Number(s.trim().parse().map_err(|_| first_error(key, &first))?)
            }
            _ => return Err(first_error(key, &first)),
        };
        T::deserialize(&other).map_err(|_| first_error(key, &first))
    })
}

fn first_error(key: &str, e: &serde_json::Error) -> Error {
    Error(format!("`{key}`: {e}"))
}

fn read<T: DeserializeOwned>(key: &str, v: Value) -> Result<T, Error> {
    // A nested failure already names its own field: `sessions`: `sessionName`: …
    T::deserialize(v).map_err(|e| Error(format!("`{key}`: {e}")))
}

/// Reads a JSON object from `deserializer` and builds `T` from its fields with
/// `fields` (a generated, non-generic function). Other keys are ignored.
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

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<T, A::Error> {
        let mut map = Map::new();
        while let Some((key, value)) = access.next_entry::<String, Value>()? {
            map.insert(key, value);
        }
        (self.fields)(&mut Object { map }).map_err(A::Error::custom)
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
