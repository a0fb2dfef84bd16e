//! How generated types are encoded: each type writes itself into a writer
//! behind a trait object ([`Encode`]), so that nothing a generated type
//! carries is compiled once per serializer, and nothing per serializer is
//! compiled once per type.
//!
//! The counterpart of [`crate::de`], for the same reason:
//! `#[derive(Serialize)]` expands to a serializer call per field inside a
//! function generic over the serializer, which for thousands of structs is
//! much of a build's work. Here a struct has one non-generic function that
//! hands its fields to an [`Object`], one by one, by wire name, in
//! declaration order (absent optional fields left out); its `Serialize` impl
//! is one call of [`serialize`], compiled once per serializer for every type.
//! Values stream straight to the serializer: no intermediate JSON tree and no
//! per-object allocation.
//!
//! Text, integers, booleans and coded values go to the serializer's struct
//! directly (one indirect call per field), which keeps encoding close to a
//! derive's speed (docs/performance.md §4); a nested struct or a list goes
//! through [`Sink`], a value's writer.
//!
//! Not public API: generated code calls it through `__private::ser`.

use serde::ser::{Error as _, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

/// The serializer failed; its error is kept where it happened and returned
/// at the end of the value being written.
#[derive(Debug)]
pub struct Failed(());

/// A value that writes itself: every field type of generated code.
/// Generated types get theirs from the runtime's macros.
pub trait Encode {
    /// Writes this value.
    fn encode(&self, out: &mut dyn Sink);

    /// Writes this value as the entry `key` of an object; an absent optional
    /// value writes nothing. Scalars override it to skip [`Sink`].
    #[doc(hidden)]
    fn encode_entry(&self, key: &'static str, entries: &mut dyn Entries) -> Result<(), Failed>
    where
        Self: Sized,
    {
        entries.value(key, &Erase(self))
    }
}

/// A writer of one value, behind a trait object: each method writes the
/// value whole. Implemented for every serializer by the runtime.
pub trait Sink {
    /// Text.
    fn str(&mut self, v: &str);
    /// A whole number.
    fn i64(&mut self, v: i64);
    /// An object: the entries of `value`, under the type name `name`.
    fn object(&mut self, name: &'static str, value: &dyn Fields);
    /// A list of `len` items, written by `items`.
    fn seq(&mut self, len: usize, items: &dyn Fn(&mut Items<'_>));
    /// Anything else serde can write (numbers, booleans, free-form JSON,
    /// file parts): through erased-serde, as these are few.
    fn other(&mut self, v: &dyn erased_serde::Serialize);
}

/// A struct's field list: each field handed to an [`Object`] by wire name,
/// in declaration order. Generated structs get theirs from `object_serde!`.
pub trait Fields {
    /// Writes the fields (an absent optional one writes nothing).
    fn fields(&self, m: &mut Object<'_>);
}

/// The entries of an object being written, behind a trait object.
#[doc(hidden)]
pub trait Entries {
    /// The entry `key`, any value.
    fn value(&mut self, key: &'static str, value: &Erase<'_>) -> Result<(), Failed>;
    /// The entry `key`, text.
    fn str(&mut self, key: &'static str, value: &str) -> Result<(), Failed>;
    /// The entry `key`, a whole number.
    fn i64(&mut self, key: &'static str, value: i64) -> Result<(), Failed>;
    /// The entry `key`, a boolean.
    fn bool(&mut self, key: &'static str, value: bool) -> Result<(), Failed>;
}

/// A value of any [`Encode`] type, as serde sees it: what the serializer's
/// struct and sequence are handed. Compiled once per serializer.
#[doc(hidden)]
pub struct Erase<'a>(&'a dyn Encode);

impl Serialize for Erase<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(serializer, self.0)
    }
}

/// Serializes any [`Encode`] value: the one generic function behind every
/// generated `Serialize` impl.
pub fn serialize<S: Serializer>(
    serializer: S,
    value: &(impl Encode + ?Sized),
) -> Result<S::Ok, S::Error> {
    write(serializer, &|out| value.encode(out))
}

/// [`serialize`] without the value's type: compiled once per serializer.
fn write<S: Serializer>(serializer: S, encode: &dyn Fn(&mut dyn Sink)) -> Result<S::Ok, S::Error> {
    let mut out = ValueOut {
        serializer: Some(serializer),
        result: None,
    };
    encode(&mut out);
    out.result
        .unwrap_or_else(|| Err(S::Error::custom("a value wrote nothing")))
}

/// A serializer waiting for its one value, then what it gave.
struct ValueOut<S: Serializer> {
    serializer: Option<S>,
    result: Option<Result<S::Ok, S::Error>>,
}

impl<S: Serializer> ValueOut<S> {
    /// Writes the value with the serializer, unless one was written already
    /// (an [`Encode`] impl writes exactly one).
    fn with(&mut self, write: impl FnOnce(S) -> Result<S::Ok, S::Error>) {
        if let Some(serializer) = self.serializer.take() {
            self.result = Some(write(serializer));
        }
    }
}

impl<S: Serializer> Sink for ValueOut<S> {
    fn str(&mut self, v: &str) {
        self.with(|s| s.serialize_str(v));
    }

    fn i64(&mut self, v: i64) {
        self.with(|s| s.serialize_i64(v));
    }

    fn object(&mut self, name: &'static str, value: &dyn Fields) {
        self.with(|s| object(s, name, value));
    }

    fn seq(&mut self, len: usize, items: &dyn Fn(&mut Items<'_>)) {
        self.with(|s| seq(s, len, items));
    }

    fn other(&mut self, v: &dyn erased_serde::Serialize) {
        self.with(|s| erased_serde::serialize(v, s));
    }
}

/// Writes an object: its fields counted first (a serializer may need the
/// number up front, and serde_json writes `{}` at once for 0), then written.
fn object<S: Serializer>(
    serializer: S,
    name: &'static str,
    value: &dyn Fields,
) -> Result<S::Ok, S::Error> {
    let mut count = Count(0);
    value.fields(&mut Object::new(&mut count));
    let mut writer = Writer {
        map: serializer.serialize_struct(name, count.0)?,
        error: None,
    };
    let mut object = Object::new(&mut writer);
    value.fields(&mut object);
    match (object.failed, writer.error) {
        (false, _) => writer.map.end(),
        (true, Some(e)) => Err(e),
        (true, None) => Err(S::Error::custom("a field failed to serialize")),
    }
}

/// Writes a list of `len` items.
fn seq<S: Serializer>(
    serializer: S,
    len: usize,
    items: &dyn Fn(&mut Items<'_>),
) -> Result<S::Ok, S::Error> {
    let mut writer = SeqWriter {
        seq: serializer.serialize_seq(Some(len))?,
        error: None,
    };
    items(&mut Items {
        writer: &mut writer,
    });
    match writer.error {
        None => writer.seq.end(),
        Some(e) => Err(e),
    }
}

/// The fields of one struct value, written in declaration order.
pub struct Object<'a> {
    entries: &'a mut dyn Entries,
    failed: bool,
}

impl<'a> Object<'a> {
    fn new(entries: &'a mut dyn Entries) -> Self {
        Object {
            entries,
            failed: false,
        }
    }

    /// Writes the field `key` (nothing when it is an absent optional value).
    /// After a failure the rest of the object is skipped (the serializer's
    /// error is what the object returns), so a generated struct's field list
    /// is straight-line calls without a `?` per field.
    pub fn put<T: Encode>(&mut self, key: &'static str, value: &T) {
        if !self.failed {
            self.failed = value.encode_entry(key, self.entries).is_err();
        }
    }
}

/// The items of a list being written.
pub struct Items<'a> {
    writer: &'a mut dyn ItemSink,
}

impl Items<'_> {
    /// Writes the next item (skipped after a failure).
    pub fn item(&mut self, value: &dyn Encode) {
        self.writer.item(&Erase(value));
    }
}

/// A serializer's sequence behind a trait object.
trait ItemSink {
    fn item(&mut self, value: &Erase<'_>);
}

struct SeqWriter<Q: SerializeSeq> {
    seq: Q,
    error: Option<Q::Error>,
}

impl<Q: SerializeSeq> ItemSink for SeqWriter<Q> {
    fn item(&mut self, value: &Erase<'_>) {
        if self.error.is_none() {
            self.error = self.seq.serialize_element(value).err();
        }
    }
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
    fn value(&mut self, key: &'static str, value: &Erase<'_>) -> Result<(), Failed> {
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

/// Counts the entries an object would write.
struct Count(usize);

impl Count {
    fn one(&mut self) -> Result<(), Failed> {
        self.0 += 1;
        Ok(())
    }
}

impl Entries for Count {
    fn value(&mut self, _: &'static str, _: &Erase<'_>) -> Result<(), Failed> {
        self.one()
    }

    fn str(&mut self, _: &'static str, _: &str) -> Result<(), Failed> {
        self.one()
    }

    fn i64(&mut self, _: &'static str, _: i64) -> Result<(), Failed> {
        self.one()
    }

    fn bool(&mut self, _: &'static str, _: bool) -> Result<(), Failed> {
        self.one()
    }
}

impl Encode for String {
    fn encode(&self, out: &mut dyn Sink) {
        out.str(self);
    }

    fn encode_entry(&self, key: &'static str, entries: &mut dyn Entries) -> Result<(), Failed> {
        entries.str(key, self)
    }
}

impl Encode for i64 {
    fn encode(&self, out: &mut dyn Sink) {
        out.i64(*self);
    }

    fn encode_entry(&self, key: &'static str, entries: &mut dyn Entries) -> Result<(), Failed> {
        entries.i64(key, *self)
    }
}

impl Encode for bool {
    fn encode(&self, out: &mut dyn Sink) {
        out.other(self);
    }

    fn encode_entry(&self, key: &'static str, entries: &mut dyn Entries) -> Result<(), Failed> {
        entries.bool(key, *self)
    }
}

/// Types written as serde writes them (rare in field lists).
macro_rules! encode_by_serde {
    ($($ty:ty),*) => {
        $(impl Encode for $ty {
            fn encode(&self, out: &mut dyn Sink) {
                out.other(self);
            }
        })*
    };
}

encode_by_serde!(f64, serde_json::Value, crate::FilePart);

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, out: &mut dyn Sink) {
        match self {
            Some(v) => v.encode(out),
            None => out.other(&()),
        }
    }

    fn encode_entry(&self, key: &'static str, entries: &mut dyn Entries) -> Result<(), Failed> {
        match self {
            Some(v) => v.encode_entry(key, entries),
            None => Ok(()),
        }
    }
}

impl<T: Encode> Encode for Box<T> {
    fn encode(&self, out: &mut dyn Sink) {
        (**self).encode(out);
    }

    fn encode_entry(&self, key: &'static str, entries: &mut dyn Entries) -> Result<(), Failed> {
        (**self).encode_entry(key, entries)
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, out: &mut dyn Sink) {
        out.seq(self.len(), &|items| {
            for v in self {
                items.item(v);
            }
        });
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
        hosts: Vec<Host>,
    }

    struct Host {
        id: i64,
    }

    impl Encode for Room {
        fn encode(&self, out: &mut dyn Sink) {
            out.object("Room", self);
        }
    }

    impl Fields for Room {
        fn fields(&self, m: &mut Object<'_>) {
            m.put("roomName", &self.name);
            m.put("size", &self.size);
            m.put("live", &self.live);
            m.put("roomCode", &self.code);
            m.put("tags", &self.tags);
            m.put("hosts", &self.hosts);
        }
    }

    impl Encode for Host {
        fn encode(&self, out: &mut dyn Sink) {
            out.object("Host", self);
        }
    }

    impl Fields for Host {
        fn fields(&self, m: &mut Object<'_>) {
            m.put("id", &self.id);
        }
    }

    impl Serialize for Room {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            serialize(s, self)
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
            hosts: vec![Host { id: 7 }],
        };
        let expected = r#"{"roomName":"会议室","live":true,"roomCode":"a\"bc","tags":["x"],"hosts":[{"id":7}]}"#;
        assert_eq!(serde_json::to_string(&r).unwrap(), expected);
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::from_str::<serde_json::Value>(expected).unwrap()
        );
    }

    /// A value whose encoding fails, as a writer's might.
    struct Refuses;

    impl Serialize for Refuses {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("refused"))
        }
    }

    impl Encode for Refuses {
        fn encode(&self, out: &mut dyn Sink) {
            out.other(self);
        }
    }

    #[test]
    fn the_first_failing_field_stops_the_object_with_the_serializers_own_error() {
        struct Holder(Refuses, i64);
        impl Serialize for Holder {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serialize(s, self)
            }
        }
        impl Encode for Holder {
            fn encode(&self, out: &mut dyn Sink) {
                out.object("Holder", self);
            }
        }
        impl Fields for Holder {
            fn fields(&self, m: &mut Object<'_>) {
                m.put("a", &self.0);
                m.put("b", &self.1);
            }
        }
        let err = serde_json::to_string(&Holder(Refuses, 1)).unwrap_err();
        assert_eq!(err.to_string(), "refused");
        let in_list = serde_json::to_string(&vec![Holder(Refuses, 1)]);
        assert_eq!(in_list.unwrap_err().to_string(), "refused");
    }

    #[test]
    fn a_serializer_that_needs_the_length_gets_the_number_of_fields_written() {
        // The count handed to `serialize_struct` is what the counting pass
        // sees: absent optional fields are not entries.
        let r = Room {
            name: String::new(),
            size: None,
            live: false,
            code: None,
            tags: Vec::new(),
            hosts: Vec::new(),
        };
        let mut count = Count(0);
        r.encode(&mut CountFields(&mut count));
        assert_eq!(count.0, 4);
    }

    /// Counts the fields of the object written to it.
    struct CountFields<'a>(&'a mut Count);

    impl Sink for CountFields<'_> {
        fn str(&mut self, _: &str) {}
        fn i64(&mut self, _: i64) {}
        fn object(&mut self, _: &'static str, value: &dyn Fields) {
            value.fields(&mut Object::new(&mut *self.0));
        }
        fn seq(&mut self, _: usize, _: &dyn Fn(&mut Items<'_>)) {}
        fn other(&mut self, _: &dyn erased_serde::Serialize) {}
    }
}
