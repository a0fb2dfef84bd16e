//! How generated types are decoded: each JSON object's entries are read
//! once, each value kept as its JSON text (`serde_json::value::RawValue`, no
//! tree of `serde_json::Value`), and each field is then decoded from its text
//! by its wire name, by its type's [`Decode`].
//!
//! `#[derive(Deserialize)]` writes a visitor, a field enum and a sequence form
//! for every struct, and each is compiled again for every deserializer it meets;
//! for an API of thousands of endpoints that was most of the crate's build time
//! and memory. Here a struct has one non-generic function that takes its
//! fields out of an [`Object`], one call per field (a field that cannot be
//! read leaves a [`StandIn`] and the object's first problem, so there is no
//! branch per field); its `Deserialize` impl is one call of [`object`], and
//! the object's entries are read by one visitor that is not generic over the
//! struct. Nested values, lists included, are decoded from their text by
//! [`Decode`], without serde's per-type visitors.
//!
//! A key given twice in one object is an error (`duplicate field`), not
//! last-wins; keys no field reads are kept as text and dropped. A problem is
//! reported with the path to the value (`sessions`[2]: `sessionName`: …) at
//! the end of the reply object holding it: positions inside a value's own
//! text would mislead, and decoding each value as it is read (with its exact
//! position) needed a type-erased deserializer that doubled the build of a
//! large API (docs/performance.md §4).
//!
//! Not public API: generated code calls it through `__private::de`.

use std::collections::hash_map::{Entry, HashMap};

use serde::de::{DeserializeOwned, Error as _, MapAccess, Visitor};
use serde::Deserializer;
use serde_json::value::RawValue;
use serde_json::Value;

/// A value that could not be read, with the path to it.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    /// The same problem, seen from the object that has it as field `key`.
    fn in_field(self, key: &str) -> Error {
        let sep = if self.0.starts_with('[') { "" } else { ": " };
        Error(format!("`{key}`{sep}{}", self.0))
    }

    /// The same problem, seen from the list that has it as item `index`.
    fn in_item(self, index: usize) -> Error {
        let sep = if self.0.starts_with('[') { "" } else { ": " };
        Error(format!("[{index}]{sep}{}", self.0))
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A value read from its JSON text: every field type of generated code.
/// Generated types get theirs from the runtime's macros.
pub trait Decode: Sized {
    /// Reads the value from `text`, one JSON value as serde_json cut it.
    fn decode(text: &str) -> Result<Self, Error>;
}

/// Reads a value as serde reads it (text, numbers, free-form JSON): one
/// instantiation per scalar type, shared by every field of that type.
fn scalar<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    match T::deserialize(&mut serde_json::Deserializer::from_str(text)) {
        Ok(value) => Ok(value),
        Err(e) => Err(relative(&e)),
    }
}

macro_rules! decode_by_serde {
    ($($ty:ty),*) => {
        $(impl Decode for $ty {
            fn decode(text: &str) -> Result<Self, Error> {
                scalar(text)
            }
        })*
    };
}

decode_by_serde!(String, i64, f64, bool, Value, crate::FilePart);

impl<T: Decode> Decode for Vec<T> {
    fn decode(text: &str) -> Result<Self, Error> {
        let items: Vec<&RawValue> = scalar_borrowed(text)?;
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            out.push(T::decode(item.get()).map_err(|e| e.in_item(index))?);
        }
        Ok(out)
    }
}

/// The items of a JSON list, each as its text.
fn scalar_borrowed(text: &str) -> Result<Vec<&RawValue>, Error> {
    serde_json::from_str(text).map_err(|e| relative(&e))
}

impl<T: Decode> Decode for Option<T> {
    fn decode(text: &str) -> Result<Self, Error> {
        if text == "null" {
            Ok(None)
        } else {
            T::decode(text).map(Some)
        }
    }
}

impl<T: Decode> Decode for Box<T> {
    fn decode(text: &str) -> Result<Self, Error> {
        T::decode(text).map(Box::new)
    }
}

/// A value to put in a required field that could not be read, so that a
/// generated `fields` function builds its struct in one expression, one
/// call per field, instead of a `?` (a branch and a drop of every field
/// read so far) per field. The object is then rejected with the first
/// problem, and the stand-in dropped unseen.
///
/// Generated types get theirs from the runtime's macros; a struct's is made
/// of its fields' stand-ins, which is finite because the checker rejects a
/// cycle of required struct fields (no finite JSON value has one).
pub trait StandIn {
    /// A value of the type that no caller sees.
    fn stand_in() -> Self;
}

macro_rules! stand_in_by_default {
    ($($ty:ty),*) => {
        $(impl StandIn for $ty {
            fn stand_in() -> Self {
                Self::default()
            }
        })*
    };
}

stand_in_by_default!(String, i64, f64, bool, Value, crate::FilePart);

impl<T> StandIn for Vec<T> {
    fn stand_in() -> Self {
        Vec::new()
    }
}

impl<T> StandIn for Option<T> {
    fn stand_in() -> Self {
        None
    }
}

impl<T: StandIn> StandIn for Box<T> {
    fn stand_in() -> Self {
        Box::new(T::stand_in())
    }
}

/// The entries of one JSON object, each value as its JSON text, taken out
/// one by one. The first field that cannot be read is kept as the object's
/// error.
pub struct Object {
    entries: HashMap<String, Box<RawValue>>,
    error: Option<Error>,
}

impl Object {
    /// The field `key`, which must be present (and not `null` unless `T` allows it).
    pub fn req<T: Decode + StandIn>(&mut self, key: &'static str) -> T {
        match self.entries.remove(key) {
            Some(raw) => self.keep(key, T::decode(raw.get())),
            None => self.missing(key),
        }
    }

    /// The field `key`: absent and `null` are both `None`.
    pub fn opt<T: Decode>(&mut self, key: &'static str) -> Option<T> {
        match self.entries.remove(key) {
            Some(raw) => self.keep(key, Option::<T>::decode(raw.get())),
            None => None,
        }
    }

    /// The field `key` like [`Object::req`], also accepting the other
    /// spelling of a scalar: a number where text is documented, or text
    /// holding a number where a number is. For fields whose document is
    /// ambiguous (Kedacom `file_type`: typed str, listed as numeric codes)
    /// and which the spec says to read both ways.
    pub fn req_either<T: Decode + StandIn>(&mut self, key: &'static str) -> T {
        match self.entries.remove(key) {
            Some(raw) => self.keep(key, either(raw.get())),
            None => self.missing(key),
        }
    }

    /// The field `key` like [`Object::opt`], read both ways as
    /// [`Object::req_either`] does.
    pub fn opt_either<T: Decode>(&mut self, key: &'static str) -> Option<T> {
        match self.entries.remove(key) {
            Some(raw) if raw.get() != "null" => self.keep(key, either(raw.get()).map(Some)),
            _ => None,
        }
    }

    /// The value read, or a stand-in after noting the problem.
    fn keep<T: StandIn>(&mut self, key: &str, found: Result<T, Error>) -> T {
        match found {
            Ok(value) => value,
            Err(e) => {
                self.fail(e.in_field(key));
                T::stand_in()
            }
        }
    }

    /// A stand-in for the required field `key`, which is absent.
    fn missing<T: StandIn>(&mut self, key: &str) -> T {
        self.fail(Error(format!("missing field `{key}`")));
        T::stand_in()
    }

    /// Keeps the object's first problem.
    fn fail(&mut self, e: Error) {
        self.error.get_or_insert(e);
    }
}

/// Reads a scalar as is, else in its other spelling; a failure reports the
/// value as it came. Only this one value becomes a `Value`.
fn either<T: Decode>(text: &str) -> Result<T, Error> {
    let first = match T::decode(text) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    match other_spelling(text) {
        Some(other) => T::decode(&other).map_err(|_| first),
        None => Err(first),
    }
}

/// A number as text, or text holding a number as the number, as JSON text.
fn other_spelling(text: &str) -> Option<String> {
    let other = match serde_json::from_str::<Value>(text).ok()? {
        Value::Number(n) => Value::String(n.to_string()),
        Value::String(s) => Value::Number(s.trim().parse().ok()?),
        _ => return None,
    };
    Some(other.to_string())
}

/// The message of a problem met inside a value's own text, without the
/// position: that position is within the value, and the deserializer of the
/// whole reply adds its own (the end of the object holding the field).
fn relative(e: &serde_json::Error) -> Error {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(message) if e.line() > 0 => Error(message.to_string()),
        _ => Error(text),
    }
}

/// Reads a JSON object from `deserializer` and builds `T` from its fields with
/// `fields` (a generated, non-generic function). Other keys are ignored; a
/// key given twice is an error.
///
/// A problem is reported from inside the map, so that a deserializer that
/// knows positions (serde_json) adds the line and column of the object's end.
pub fn object<'de, D, T>(deserializer: D, fields: fn(&mut Object) -> T) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let mut built = None;
    deserializer.deserialize_map(ObjectVisitor {
        build: &mut |object| built = Some(fields(object)),
    })?;
    // Only `visit_map` gives the visitor's value, and it has built `T`.
    built.ok_or_else(|| D::Error::custom("the deserializer gave no object"))
}

/// Decodes a struct nested in a reply from its text, with `fields` as
/// [`object`] does: the generated `Decode` impls' one call.
pub fn decode_object<T>(text: &str, fields: fn(&mut Object) -> T) -> Result<T, Error> {
    let mut object = entries_of(text)?;
    let value = fields(&mut object);
    match object.error {
        None => Ok(value),
        Some(e) => Err(e),
    }
}

/// The entries of the JSON object `text`.
fn entries_of(text: &str) -> Result<Object, Error> {
    struct Entries;
    impl<'de> Visitor<'de> for Entries {
        type Value = HashMap<String, Box<RawValue>>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<Self::Value, A::Error> {
            entries(access)
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match deserializer.deserialize_map(Entries) {
        Ok(entries) => Ok(Object {
            entries,
            error: None,
        }),
        Err(e) => Err(relative(&e)),
    }
}

/// Reads the object's entries and hands them to the struct's builder. Not
/// generic over the struct, so each deserializer's `deserialize_map` is
/// compiled once, not once per generated struct.
struct ObjectVisitor<'a> {
    build: &'a mut dyn FnMut(&mut Object),
}

impl<'de> Visitor<'de> for ObjectVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<(), A::Error> {
        let mut object = Object {
            entries: entries(access)?,
            error: None,
        };
        (self.build)(&mut object);
        match object.error {
            Some(e) => Err(A::Error::custom(e)),
            None => Ok(()),
        }
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

    fn room(m: &mut Object) -> Room {
        Room {
            name: m.req("name"),
            size: m.opt("size"),
        }
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

    fn file(m: &mut Object) -> File {
        File {
            kind: m.opt_either("kind"),
            size: m.req_either("size"),
        }
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
