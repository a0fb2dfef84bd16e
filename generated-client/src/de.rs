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
//! read leaves a stand-in, [`Decode::stand_in`], and the object's first
//! problem, so there is no branch per field); its `Deserialize` impl is one
//! call of [`object`], and the object's entries are read by one visitor that
//! is not generic over the struct. Nested values, lists included, are decoded from their text by
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

use serde::de::{Error as _, MapAccess, Visitor};
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
///
/// Reading never fails outright: a value that cannot be read notes the
/// problem and gives a stand-in, so that a generated struct's field list is
/// one expression, one call per field, instead of a `?` (a branch and a drop
/// of every field read so far) per field. The object holding it is then
/// rejected with its first problem, and the stand-in dropped unseen.
pub trait Decode: Sized {
    /// Reads the value from `text` (one JSON value, as serde_json cut it);
    /// when it cannot, notes why in `problem` (unless a problem is noted
    /// already) and returns a stand-in.
    fn decode(text: &str, problem: &mut Option<Error>) -> Self;

    /// A value for a required field that is absent or unreadable, which no
    /// caller sees. A struct's is made of its fields' stand-ins, which is
    /// finite because the checker rejects a cycle of required struct fields
    /// (no finite JSON value has one).
    fn stand_in() -> Self;
}

/// Keeps `e` unless a problem was noted first.
fn note(problem: &mut Option<Error>, e: Error) {
    problem.get_or_insert(e);
}

/// Types read as serde reads them (text, numbers, free-form JSON): one
/// instantiation per type, shared by every field of that type.
macro_rules! decode_by_serde {
    ($($ty:ty),*) => {
        $(impl Decode for $ty {
            fn decode(text: &str, problem: &mut Option<Error>) -> Self {
                match serde_json::from_str(text) {
                    Ok(value) => value,
                    Err(e) => {
                        note(problem, relative(&e));
                        Self::default()
                    }
                }
            }

            fn stand_in() -> Self {
                Self::default()
            }
        })*
    };
}

decode_by_serde!(String, i64, f64, bool, Value, crate::FilePart);

impl<T: Decode> Decode for Vec<T> {
    fn decode(text: &str, problem: &mut Option<Error>) -> Self {
        let mut out = Vec::new();
        each_item(text, problem, &mut |item, inner| {
            out.push(T::decode(item, inner))
        });
        out
    }

    fn stand_in() -> Self {
        Vec::new()
    }
}

/// Hands each item of the JSON list `text` to `read`, until one cannot be
/// read (its problem is noted with its index); not generic over the items'
/// type, so a list type's own code is little more than one `push`.
fn each_item(
    text: &str,
    problem: &mut Option<Error>,
    read: &mut dyn FnMut(&str, &mut Option<Error>),
) {
    let items: Vec<&RawValue> = match serde_json::from_str(text) {
        Ok(items) => items,
        Err(e) => return note(problem, relative(&e)),
    };
    for (index, item) in items.iter().enumerate() {
        let mut inner = None;
        read(item.get(), &mut inner);
        if let Some(e) = inner {
            return note(problem, e.in_item(index));
        }
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(text: &str, problem: &mut Option<Error>) -> Self {
        (text != "null").then(|| T::decode(text, problem))
    }

    fn stand_in() -> Self {
        None
    }
}

impl<T: Decode> Decode for Box<T> {
    fn decode(text: &str, problem: &mut Option<Error>) -> Self {
        Box::new(T::decode(text, problem))
    }

    fn stand_in() -> Self {
        Box::new(T::stand_in())
    }
}

/// The entries of one JSON object, each value as its JSON text, taken out
/// one by one. The first field that cannot be read is kept as the object's
/// problem.
pub struct Object {
    entries: HashMap<String, Box<RawValue>>,
    problem: Option<Error>,
}

impl Object {
    /// The required field `key` (present, and not `null` unless `T` allows it).
    pub fn req<T: Decode>(&mut self, key: &'static str) -> T {
        let mut field = self.take(key, false);
        let value = field.decode();
        self.settle(field);
        value
    }

    /// The optional field `key`: absent and `null` are both `None`.
    pub fn opt<T: Decode>(&mut self, key: &'static str) -> Option<T> {
        let mut field = self.take(key, true);
        let value = field.raw.is_some().then(|| field.decode());
        self.settle(field);
        value
    }

    /// The field `key` like [`Object::req`], also accepting the other
    /// spelling of a scalar: a number where text is documented, or text
    /// holding a number where a number is. For fields whose document is
    /// ambiguous (Kedacom `file_type`: typed str, listed as numeric codes)
    /// and which the spec says to read both ways.
    pub fn req_either<T: Decode>(&mut self, key: &'static str) -> T {
        let mut field = self.take(key, false);
        let value = match field.raw {
            Some(_) => field.read_either(),
            None => T::stand_in(),
        };
        self.settle(field);
        value
    }

    /// The field `key` like [`Object::opt`], read both ways as
    /// [`Object::req_either`] does.
    pub fn opt_either<T: Decode>(&mut self, key: &'static str) -> Option<T> {
        let mut field = self.take(key, true);
        let value = field.raw.is_some().then(|| field.read_either());
        self.settle(field);
        value
    }

    /// The field `key`, taken out of the entries (`null` counts as absent
    /// when `optional`). Everything but the decoding itself is done by this
    /// and [`Object::settle`], which are not generic over the field's type.
    fn take(&mut self, key: &'static str, optional: bool) -> Field {
        let raw = self.entries.remove(key);
        let absent = match &raw {
            None => true,
            Some(raw) => optional && raw.get() == "null",
        };
        Field {
            key,
            raw: if absent { None } else { raw },
            required: !optional,
            problem: None,
        }
    }

    /// Notes the field's problem with its name, or that it is missing.
    fn settle(&mut self, field: Field) {
        if let Some(e) = field.problem {
            note(&mut self.problem, e.in_field(field.key));
        } else if field.raw.is_none() && field.required {
            note(
                &mut self.problem,
                Error(format!("missing field `{}`", field.key)),
            );
        }
    }

    /// The entries of the JSON object `text` (none, and the problem noted,
    /// when `text` is not an object).
    fn read_text(text: &str, problem: &mut Option<Error>) -> Object {
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
        let entries = deserializer.deserialize_map(Entries).unwrap_or_else(|e| {
            note(problem, relative(&e));
            HashMap::new()
        });
        Object {
            entries,
            problem: None,
        }
    }

    /// Hands this object's problem on to `problem` (unless one is there).
    fn finish(self, problem: &mut Option<Error>) {
        if let Some(e) = self.problem {
            note(problem, e);
        }
    }
}

/// One field taken out of an [`Object`]: its text, and the problem met
/// reading it.
struct Field {
    key: &'static str,
    raw: Option<Box<RawValue>>,
    required: bool,
    problem: Option<Error>,
}

impl Field {
    /// The value, or a stand-in when it is absent or cannot be read.
    fn decode<T: Decode>(&mut self) -> T {
        match &self.raw {
            Some(raw) => T::decode(raw.get(), &mut self.problem),
            None => T::stand_in(),
        }
    }

    /// The value as is, else in the other spelling of a scalar; a failure
    /// reports the value as it came.
    fn read_either<T: Decode>(&mut self) -> T {
        let text = self.raw.as_deref().map_or("null", RawValue::get);
        let mut first = None;
        let value = T::decode(text, &mut first);
        if first.is_none() {
            return value;
        }
        if let Some(other) = other_spelling(text) {
            let mut again = None;
            let second = T::decode(&other, &mut again);
            if again.is_none() {
                return second;
            }
        }
        self.problem = first;
        value
    }
}

/// A struct nested in a reply, read from its text with `fields` (the
/// generated field list): the generated `Decode::decode`.
pub fn decode_object<T>(
    text: &str,
    problem: &mut Option<Error>,
    fields: fn(&mut Object) -> T,
) -> T {
    let mut object = Object::read_text(text, problem);
    let value = fields(&mut object);
    object.finish(problem);
    value
}

/// A struct's stand-in: its field list over no entries, each field its own
/// stand-in (the problems noted are dropped).
pub fn stand_in<T>(fields: fn(&mut Object) -> T) -> T {
    fields(&mut Object {
        entries: HashMap::new(),
        problem: None,
    })
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
            problem: None,
        };
        (self.build)(&mut object);
        match object.problem {
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
