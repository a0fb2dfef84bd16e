//! The fast way through a spec file that has no problem: its top-level
//! items are cut out of the text, read on several threads straight into the
//! AST, and no `serde_yaml::Value` of the whole file is built.
//!
//! The usual way ([`super::parse`]) reads the whole file into a `Value`,
//! takes out draft markers and misread words, then reads each item from its
//! `Value`. At 10,000 endpoints (an 80 MB file) that tree and serde_yaml's
//! buffer of the document's events take over 1.5 GB and most of the load
//! time. This way gives up ([`read`] returns `None`) on anything the usual
//! way would report or change, and the usual way then reads the file and
//! reports its problems exactly as before. So it only has to be right when it
//! succeeds, and it succeeds only when its result is the usual way's:
//!
//! - the reading is serde_yaml's own (libyaml): each piece is read by
//!   `serde_yaml::Deserializer::deserialize_any`, the call that builds a
//!   `Value`, and [`Shaped`] gives each node to the AST as the `Value` it would
//!   have become would give it (a null is an empty list or map, a number is
//!   not a text...): the `Value` is just not built;
//! - it refuses every node the usual way would change or report: a `resolve`
//!   key (a draft marker, `markers.rs`), a null or a boolean where a text may
//!   be meant (`unquoted.rs`, over-approximated), a key written twice, a YAML
//!   tag, nesting near serde_yaml's limit, any shape error;
//! - the text is cut only where a piece cannot change how the next one reads
//!   ([`pieces`]): at a line that starts a top-level key or an item of
//!   `types:` or `operations:`. If such a line were in fact inside a quoted
//!   scalar or a flow collection of the item before, that piece would end
//!   unterminated and fail to read; block and plain scalars end before a line
//!   that is indented no deeper than their key.

use std::collections::HashSet;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};

use super::ast::{Operation, SpecFile, TypeDef, Vendor};
use super::markers::MARKER;
use super::unquoted::{LABEL_MAPPINGS, TEXT_KEYS, TEXT_LISTS};

/// Reads `text` into its AST on up to `threads` threads; `None` when the file
/// has anything this way does not take (the usual way then reads it).
pub(crate) fn read(text: &str, threads: usize) -> Option<SpecFile> {
    read_in(text, threads, piece_bytes(text.len(), threads))
}

/// How many bytes of items a piece holds at least: [`PIECE_BYTES`], or less
/// in a small file, so that each thread has several pieces to take and none
/// is left reading a large one alone at the end.
fn piece_bytes(file_bytes: usize, threads: usize) -> usize {
    match threads {
        0 | 1 => PIECE_BYTES,
        n => (file_bytes / (n * 8)).clamp(MIN_PIECE_BYTES, PIECE_BYTES),
    }
}

/// [`read`], with pieces of items of at least `piece_bytes` bytes.
fn read_in(text: &str, threads: usize, piece_bytes: usize) -> Option<SpecFile> {
    let pieces = pieces(text, piece_bytes)?;
    let read = match read_pieces(&pieces, threads) {
        Ok(read) => read,
        // An alias may name an anchor of an item in another piece (a field
        // written once and reused): each section is then read whole.
        Err(GaveUp::UnknownAnchor) if piece_bytes != usize::MAX => {
            return read_in(text, threads, usize::MAX)
        }
        Err(_) => return None,
    };
    let mut spec = SpecFile::default();
    // The maps are made at their size: grown, they would leave room unused.
    let (types, operations) = read.iter().fold((0, 0), |(t, o), piece| match piece {
        Read::Vendor(_) => (t, o),
        Read::Types(items) => (t + items.len(), o),
        Read::Operations(items) => (t, o + items.len()),
    });
    spec.types.reserve_exact(types);
    spec.operations.reserve_exact(operations);
    for piece in read {
        match piece {
            Read::Vendor(v) => spec.vendor = Some(*v),
            // A name in two pieces is a key written twice: the usual way
            // reports it.
            Read::Types(items) => {
                for (name, t) in items {
                    if spec.types.insert(name, t).is_some() {
                        return None;
                    }
                }
            }
            Read::Operations(items) => {
                for (name, op) in items {
                    if spec.operations.insert(name, op).is_some() {
                        return None;
                    }
                }
            }
        }
    }
    Some(spec)
}

/// A top-level key of a spec file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Vendor,
    Types,
    Operations,
}

/// A part of the file read on its own: the `vendor:` header's value, or
/// consecutive items of `types:` or `operations:` (a mapping, indented as in
/// the file).
#[derive(Debug, PartialEq, Eq)]
struct Piece<'t> {
    section: Section,
    text: &'t str,
}

/// About this many bytes of items are read as one document: enough that the
/// cost of starting a document does not show, small enough that the
/// threads get even shares and serde_yaml's buffer of events stays small.
const PIECE_BYTES: usize = 32 * 1024;

/// The least bytes of items a piece holds: starting a document costs about as
/// much as reading a few hundred bytes.
const MIN_PIECE_BYTES: usize = 4 * 1024;

/// Nesting deeper than this (below the file's root) is left to the usual
/// way, which stops at serde_yaml's limit of 128.
const MAX_DEPTH: usize = 100;

/// Cuts `text` into pieces; `None` when its layout is not the plain one this
/// way reads (`vendor:`, `types:`, `operations:` at the left margin, each
/// once, with its value indented on the lines below).
fn pieces(text: &str, piece_bytes: usize) -> Option<Vec<Piece<'_>>> {
    let mut out = Vec::new();
    let mut seen: Vec<Section> = Vec::new();
    // The section being read, the indentation of its items and where the
    // current piece starts.
    let mut current: Option<(Section, Option<usize>, Option<usize>)> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let Some(&first) = bytes[indent..]
            .iter()
            .find(|&&b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        else {
            continue; // blank
        };
        if first == b'#' {
            continue; // a comment, or text of a scalar it stays with
        }
        if indent == 0 {
            if let Some(section) = current.take() {
                finish(text, section, start, &mut out)?;
            }
            let section = header(line)?;
            if seen.contains(&section) {
                return None;
            }
            seen.push(section);
            current = Some((section, None, None));
            continue;
        }
        let (section, items, piece) = current.as_mut()?;
        let at = bytes[indent];
        match *items {
            None => {
                if !starts_key(at) {
                    return None;
                }
                *items = Some(indent);
                *piece = Some(start);
            }
            Some(n) if indent == n => {
                if !starts_key(at) {
                    return None;
                }
                let from = piece.unwrap_or(start);
                if *section != Section::Vendor && start - from >= piece_bytes {
                    out.push(Piece {
                        section: *section,
                        text: &text[from..start],
                    });
                    *piece = Some(start);
                }
            }
            Some(n) if indent < n => return None,
            Some(_) => {}
        }
    }
    if let Some(section) = current {
        finish(text, section, text.len(), &mut out)?;
    }
    Some(out)
}

/// The last piece of a section that ends at `end`.
fn finish<'t>(
    text: &'t str,
    (section, _, piece): (Section, Option<usize>, Option<usize>),
    end: usize,
    out: &mut Vec<Piece<'t>>,
) -> Option<()> {
    match piece {
        Some(from) => out.push(Piece {
            section,
            text: &text[from..end],
        }),
        // An empty `vendor:` is a problem the usual way reports; empty
        // `types:` and `operations:` have no items.
        None if section == Section::Vendor => return None,
        None => {}
    }
    Some(())
}

/// The section a line at the left margin opens: `vendor:`, `types:` or
/// `operations:` (plain or quoted) with nothing after it but a comment.
fn header(line: &str) -> Option<Section> {
    let (key, rest) = line.split_once(':')?;
    let name = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    let section = match name {
        "vendor" => Section::Vendor,
        "types" => Section::Types,
        "operations" => Section::Operations,
        _ => return None,
    };
    // `vendor:x` is a plain scalar, not a key; after `: ` only a comment.
    let after = rest.trim_start_matches([' ', '\t', '\r', '\n']);
    let value_ok = rest.is_empty()
        || (rest.starts_with([' ', '\t', '\r', '\n'])
            && (after.is_empty() || after.starts_with('#')));
    value_ok.then_some(section)
}

/// Whether a line whose text starts with `b` at an item's indentation starts
/// a key: a plain or quoted scalar, not an indicator (`-`, `?`, `:`, a flow
/// collection, an anchor, a tag, a block scalar...) nor a tab.
fn starts_key(b: u8) -> bool {
    !matches!(
        b,
        b'\t'
            | b'-'
            | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'%'
            | b'@'
            | b'`'
            | b'#'
    )
}

/// What one piece read to.
enum Read {
    Vendor(Box<Vendor>),
    Types(Vec<(String, TypeDef)>),
    Operations(Vec<(String, Operation)>),
}

/// Reads every piece on up to `threads` threads, each free thread taking the
/// next piece; the results keep the pieces' order.
fn read_pieces(pieces: &[Piece<'_>], threads: usize) -> Result<Vec<Read>, GaveUp> {
    if threads <= 1 {
        // One thread: this one, without starting another.
        return pieces.iter().map(read_piece).collect();
    }
    let mut read = Vec::with_capacity(pieces.len());
    crate::parallel::in_order(
        pieces,
        threads,
        |piece| piece.text.len(),
        || (),
        |(), piece| read_piece(piece),
        |piece| read.push(piece),
    );
    read.into_iter().collect()
}

/// Why a piece was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GaveUp {
    /// An alias whose anchor is not in the piece.
    UnknownAnchor,
    /// Anything else: the usual way reads the file.
    Other,
}

impl From<serde_yaml::Error> for GaveUp {
    fn from(e: serde_yaml::Error) -> GaveUp {
        if e.to_string().starts_with("unknown anchor") {
            GaveUp::UnknownAnchor
        } else {
            GaveUp::Other
        }
    }
}

fn read_piece(piece: &Piece<'_>) -> Result<Read, GaveUp> {
    let at = At {
        depth: 1,
        ..At::default()
    };
    let de = |text| Shaped {
        inner: serde_yaml::Deserializer::from_str(text),
        at,
        key: None,
    };
    match piece.section {
        Section::Vendor => Ok(Read::Vendor(de::Deserialize::deserialize(de(piece.text))?)),
        Section::Types => Ok(Read::Types(entries(de(piece.text))?)),
        Section::Operations => Ok(Read::Operations(entries(de(piece.text))?)),
    }
}

/// The `name: definition` entries of a piece of a section, in order.
fn entries<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    de: D,
) -> Result<Vec<(String, T)>, D::Error> {
    struct Entries<T>(PhantomData<T>);
    impl<'de, T: DeserializeOwned> Visitor<'de> for Entries<T> {
        type Value = Vec<(String, T)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a mapping of names to definitions")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(entry) = map.next_entry::<String, T>()? {
                out.push(entry);
            }
            Ok(out)
        }
    }
    de.deserialize_map(Entries(PhantomData))
}

/// Where a node is, as far as the usual way's changes go.
#[derive(Debug, Clone, Copy, Default)]
struct At {
    /// A null or a boolean here may be a word meant as text (the value of a
    /// text key, an element of a list of texts, a label of `values:`).
    text: bool,
    /// The value of a `values:` key: its entries' values may be labels.
    labels: bool,
    /// The value of a key whose value is a list of texts.
    texts: bool,
    /// Mappings and sequences above this node.
    depth: usize,
}

impl At {
    /// Where the value of a key with `role` in a mapping at `self` is.
    fn value_of(self, role: Role) -> At {
        At {
            text: self.labels || role == Role::Text,
            labels: role == Role::Values,
            texts: role == Role::Texts,
            depth: self.depth + 1,
        }
    }

    /// Where an element of a sequence at `self` is.
    fn element(self) -> At {
        At {
            text: self.texts,
            labels: false,
            texts: false,
            depth: self.depth + 1,
        }
    }
}

/// Why this way gave up on a file (never shown: the usual way reads it).
fn refuse<E: de::Error>(why: &str) -> E {
    E::custom(format_args!("the fast path does not take {why}"))
}

/// A mapping key, as far as finding it twice and what its value is go.
#[derive(Default)]
struct KeySeen {
    /// What the key makes its value.
    role: Role,
    /// Whether to take the key's fingerprint (its mapping refuses a key
    /// written twice).
    fingerprinted: bool,
    /// Tells keys apart the way `Value` equality does (a string `1` is not
    /// the number `1`); two keys with the same fingerprint are refused.
    fingerprint: u64,
}

/// What a key's value is to the usual way's changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Role {
    /// A text (`name`, `doc`, ...: [`TEXT_KEYS`]).
    Text,
    /// A list of texts ([`TEXT_LISTS`]).
    Texts,
    /// `values`: an enumeration's codes and labels.
    Values,
    #[default]
    Other,
}

impl Role {
    fn of(key: &str) -> Role {
        if TEXT_KEYS.contains(&key) {
            Role::Text
        } else if TEXT_LISTS.contains(&key) {
            Role::Texts
        } else if LABEL_MAPPINGS.contains(&key) {
            Role::Values
        } else {
            Role::Other
        }
    }
}

/// What the deserializer is asked for: the `deserialize_*` method called.
#[derive(Debug, Clone, Copy)]
enum Want {
    Any,
    Bool,
    Number,
    Str,
    Option,
    Unit,
    NewtypeStruct,
    Seq,
    /// A map (`dedupe`: refuse a key written twice) or a struct (serde's
    /// derive refuses a field written twice itself).
    Map {
        dedupe: bool,
    },
    /// Enums, bytes and ignored values: no spec node is read as one.
    Other,
}

/// A scalar as `deserialize_any` gave it.
enum Scalar<'s> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(&'s str),
    String(String),
}

/// serde_yaml's deserializer seen through a `Value`: every `deserialize_*`
/// reads the node with `deserialize_any` (as `Value::deserialize` does) and
/// then answers as `impl Deserializer for Value` would.
struct Shaped<'k, D> {
    inner: D,
    at: At,
    /// Set when this node is a mapping key: what it is.
    key: Option<&'k mut KeySeen>,
}

/// Implements every `deserialize_*` method by `self.want(Want::..., visitor)`.
macro_rules! wants {
    () => {
        fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
            self.want(Want::Any, v)
        }
        fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
            self.want(Want::Bool, v)
        }
        wants!(@number deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
            deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
            deserialize_u128 deserialize_f32 deserialize_f64);
        wants!(@str deserialize_char deserialize_str deserialize_string deserialize_identifier);
        wants!(@other deserialize_bytes deserialize_byte_buf deserialize_ignored_any);
        fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
            self.want(Want::Option, v)
        }
        fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
            self.want(Want::Unit, v)
        }
        fn deserialize_unit_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            v: V,
        ) -> Result<V::Value, Self::Error> {
            self.want(Want::Unit, v)
        }
        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            v: V,
        ) -> Result<V::Value, Self::Error> {
            self.want(Want::NewtypeStruct, v)
        }
        fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
            self.want(Want::Seq, v)
        }
        fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Self::Error> {
            self.want(Want::Seq, v)
        }
        fn deserialize_tuple_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            _: usize,
            v: V,
        ) -> Result<V::Value, Self::Error> {
            self.want(Want::Seq, v)
        }
        fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
            self.want(Want::Map { dedupe: true }, v)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            _: &'static [&'static str],
            v: V,
        ) -> Result<V::Value, Self::Error> {
            self.want(Want::Map { dedupe: false }, v)
        }
        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _: &'static str,
            _: &'static [&'static str],
            v: V,
        ) -> Result<V::Value, Self::Error> {
            self.want(Want::Other, v)
        }
    };
    (@number $($name:ident)*) => {
        $(fn $name<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
            self.want(Want::Number, v)
        })*
    };
    (@str $($name:ident)*) => {
        $(fn $name<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
            self.want(Want::Str, v)
        })*
    };
    (@other $($name:ident)*) => {
        $(fn $name<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
            self.want(Want::Other, v)
        })*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Shaped<'_, D> {
    type Error = D::Error;
    wants!();
}

impl<'de, D: Deserializer<'de>> Shaped<'_, D> {
    fn want<V: Visitor<'de>>(self, want: Want, visitor: V) -> Result<V::Value, D::Error> {
        if self.at.depth > MAX_DEPTH {
            return Err(refuse("nesting this deep"));
        }
        self.inner.deserialize_any(Capture {
            visitor,
            want,
            at: self.at,
            key: self.key,
        })
    }
}

/// Receives the node `deserialize_any` read and hands it on as asked.
struct Capture<'k, V> {
    visitor: V,
    want: Want,
    at: At,
    key: Option<&'k mut KeySeen>,
}

impl<'de, V: Visitor<'de>> Capture<'_, V> {
    fn scalar<E: de::Error>(self, s: Scalar<'_>) -> Result<V::Value, E> {
        if let Some(seen) = self.key {
            let text = match &s {
                Scalar::Str(t) => Some(*t),
                Scalar::String(t) => Some(t.as_str()),
                Scalar::U64(_) | Scalar::I64(_) => None,
                _ => return Err(refuse("a key that is not a text or a whole number")),
            };
            if text == Some(MARKER) {
                return Err(refuse("a draft marker"));
            }
            seen.role = text.map_or(Role::Other, Role::of);
            if seen.fingerprinted {
                // A collision only sends the file the usual way.
                let mut h = DefaultHasher::new();
                match (&s, text) {
                    (_, Some(t)) => (0u8, t).hash(&mut h),
                    (Scalar::I64(n), _) if *n < 0 => (2u8, n).hash(&mut h),
                    (Scalar::I64(n), _) => (1u8, n.unsigned_abs()).hash(&mut h),
                    (Scalar::U64(n), _) => (1u8, n).hash(&mut h),
                    _ => {}
                }
                seen.fingerprint = h.finish();
            }
        }
        give_scalar(s, self.want, self.at, self.visitor)
    }
}

/// Hands scalar `s` to `visitor` as `Value`'s deserializer would for `want`.
fn give_scalar<'de, V: Visitor<'de>, E: de::Error>(
    s: Scalar<'_>,
    want: Want,
    at: At,
    visitor: V,
) -> Result<V::Value, E> {
    if at.text && matches!(s, Scalar::Null | Scalar::Bool(_)) {
        return Err(refuse("a null or boolean word where a text may be meant"));
    }
    match (want, s) {
        (Want::Any | Want::Bool, Scalar::Bool(b)) => visitor.visit_bool(b),
        (Want::Any | Want::Unit, Scalar::Null) => visitor.visit_unit(),
        (Want::Any | Want::Number, Scalar::U64(n)) => visitor.visit_u64(n),
        // `Value` keeps a non-negative integer as a positive one.
        (Want::Any | Want::Number, Scalar::I64(n)) => match u64::try_from(n) {
            Ok(n) => visitor.visit_u64(n),
            Err(_) => visitor.visit_i64(n),
        },
        (Want::Any | Want::Number, Scalar::F64(f)) => visitor.visit_f64(f),
        (Want::Any | Want::Str, Scalar::Str(t)) => visitor.visit_str(t),
        (Want::Any | Want::Str, Scalar::String(t)) => visitor.visit_string(t),
        (Want::Option, Scalar::Null) => visitor.visit_none(),
        (Want::Option, s) => visitor.visit_some(ScalarDe {
            s,
            at,
            error: PhantomData,
        }),
        (Want::NewtypeStruct, s) => visitor.visit_newtype_struct(ScalarDe {
            s,
            at,
            error: PhantomData,
        }),
        (Want::Seq, Scalar::Null) => visitor.visit_seq(Empty(PhantomData)),
        (Want::Map { .. }, Scalar::Null) => visitor.visit_map(Empty(PhantomData)),
        _ => Err(refuse("a node of another shape than asked")),
    }
}

/// Hands the sequence `seq` to `visitor` as `Value`'s deserializer would.
fn give_seq<'de, V: Visitor<'de>, A: SeqAccess<'de>>(
    seq: A,
    want: Want,
    at: At,
    visitor: V,
) -> Result<V::Value, A::Error> {
    match want {
        Want::Any | Want::Seq => {
            let mut wrapped = Elements {
                inner: seq,
                at: at.element(),
                done: false,
            };
            let value = visitor.visit_seq(&mut wrapped)?;
            if wrapped.done {
                Ok(value)
            } else {
                Err(refuse("a sequence read in part"))
            }
        }
        Want::Option => visitor.visit_some(SeqDe { seq, at }),
        Want::NewtypeStruct => visitor.visit_newtype_struct(SeqDe { seq, at }),
        _ => Err(refuse("a sequence where another shape is asked")),
    }
}

/// Hands the mapping `map` to `visitor` as `Value`'s deserializer would.
fn give_map<'de, V: Visitor<'de>, A: MapAccess<'de>>(
    map: A,
    want: Want,
    at: At,
    visitor: V,
) -> Result<V::Value, A::Error> {
    let dedupe = match want {
        Want::Any => true,
        Want::Map { dedupe } => dedupe,
        Want::Option => return visitor.visit_some(MapDe { map, at }),
        Want::NewtypeStruct => return visitor.visit_newtype_struct(MapDe { map, at }),
        _ => return Err(refuse("a mapping where another shape is asked")),
    };
    let mut wrapped = Entries {
        inner: map,
        at,
        key: KeySeen::default(),
        seen: dedupe.then(HashSet::new),
        done: false,
    };
    let value = visitor.visit_map(&mut wrapped)?;
    if wrapped.done {
        Ok(value)
    } else {
        Err(refuse("a mapping read in part"))
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Capture<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<V::Value, E> {
        self.scalar(Scalar::Bool(b))
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<V::Value, E> {
        self.scalar(Scalar::I64(n))
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<V::Value, E> {
        self.scalar(Scalar::U64(n))
    }
    fn visit_f64<E: de::Error>(self, f: f64) -> Result<V::Value, E> {
        self.scalar(Scalar::F64(f))
    }
    fn visit_str<E: de::Error>(self, t: &str) -> Result<V::Value, E> {
        self.scalar(Scalar::Str(t))
    }
    fn visit_string<E: de::Error>(self, t: String) -> Result<V::Value, E> {
        self.scalar(Scalar::String(t))
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.scalar(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.scalar(Scalar::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if self.key.is_some() {
            return Err(refuse("a sequence as a key"));
        }
        give_seq(seq, self.want, self.at, self.visitor)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        if self.key.is_some() {
            return Err(refuse("a mapping as a key"));
        }
        give_map(map, self.want, self.at, self.visitor)
    }
    // 128-bit integers, tags (enums) and the rest: the usual way reads them.
}

/// A sequence's elements, each read through [`Shaped`].
struct Elements<A> {
    inner: A,
    at: At,
    done: bool,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Elements<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let found = self.inner.next_element_seed(Seed {
            seed,
            at: self.at,
            key: None,
        })?;
        self.done = found.is_none();
        Ok(found)
    }
}

/// A mapping's entries, each key and value read through [`Shaped`].
struct Entries<A> {
    inner: A,
    at: At,
    /// The key just read.
    key: KeySeen,
    /// Fingerprints of the keys so far, when a key written twice is to be
    /// refused here.
    seen: Option<HashSet<u64>>,
    done: bool,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Entries<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let at = At {
            depth: self.at.depth + 1,
            ..At::default()
        };
        self.key = KeySeen {
            fingerprinted: self.seen.is_some(),
            ..KeySeen::default()
        };
        let found = self.inner.next_key_seed(Seed {
            seed,
            at,
            key: Some(&mut self.key),
        })?;
        self.done = found.is_none();
        if found.is_some() {
            if let Some(seen) = &mut self.seen {
                if !seen.insert(self.key.fingerprint) {
                    return Err(refuse("a key written twice"));
                }
            }
        }
        Ok(found)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        let at = self.at.value_of(self.key.role);
        self.inner.next_value_seed(Seed {
            seed,
            at,
            key: None,
        })
    }
}

/// A seed whose deserializer is wrapped in [`Shaped`].
struct Seed<'k, T> {
    seed: T,
    at: At,
    key: Option<&'k mut KeySeen>,
}

impl<'de, T: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, T> {
    type Value = T::Value;

    fn deserialize<D: Deserializer<'de>>(self, inner: D) -> Result<T::Value, D::Error> {
        self.seed.deserialize(Shaped {
            inner,
            at: self.at,
            key: self.key,
        })
    }
}

/// A scalar already read, for a visitor's `visit_some`.
struct ScalarDe<'s, E> {
    s: Scalar<'s>,
    at: At,
    error: PhantomData<E>,
}

/// A sequence already opened, for a visitor's `visit_some`.
struct SeqDe<A> {
    seq: A,
    at: At,
}

/// A mapping already opened, for a visitor's `visit_some`.
struct MapDe<A> {
    map: A,
    at: At,
}

impl<'de, E: de::Error> Deserializer<'de> for ScalarDe<'_, E> {
    type Error = E;
    wants!();
}

impl<'de, E: de::Error> ScalarDe<'_, E> {
    fn want<V: Visitor<'de>>(self, want: Want, visitor: V) -> Result<V::Value, E> {
        give_scalar(self.s, want, self.at, visitor)
    }
}

impl<'de, A: SeqAccess<'de>> Deserializer<'de> for SeqDe<A> {
    type Error = A::Error;
    wants!();
}

impl<'de, A: SeqAccess<'de>> SeqDe<A> {
    fn want<V: Visitor<'de>>(self, want: Want, visitor: V) -> Result<V::Value, A::Error> {
        give_seq(self.seq, want, self.at, visitor)
    }
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for MapDe<A> {
    type Error = A::Error;
    wants!();
}

impl<'de, A: MapAccess<'de>> MapDe<A> {
    fn want<V: Visitor<'de>>(self, want: Want, visitor: V) -> Result<V::Value, A::Error> {
        give_map(self.map, want, self.at, visitor)
    }
}

/// An empty sequence or mapping: what `Value`'s deserializer makes of a null
/// where a list or a map is asked for.
struct Empty<E>(PhantomData<E>);

impl<'de, E: de::Error> SeqAccess<'de> for Empty<E> {
    type Error = E;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        _: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        Ok(None)
    }
}

impl<'de, E: de::Error> MapAccess<'de> for Empty<E> {
    type Error = E;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        _: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        Ok(None)
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, _: T) -> Result<T::Value, Self::Error> {
        Err(refuse("a value without a key"))
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::diagnostic::{SourceFile, Sources};
    use crate::spec::locate::Locations;

    #[test]
    fn a_small_file_is_cut_into_pieces_for_every_thread_and_a_large_one_into_full_pieces() {
        // 246 KB on 2 threads: 16 pieces of 15 KB; never under 4 KiB.
        assert_eq!(piece_bytes(246_000, 2), 246_000 / 16);
        assert_eq!(piece_bytes(10_000, 2), MIN_PIECE_BYTES);
        assert_eq!(piece_bytes(80_000_000, 2), PIECE_BYTES);
        // One thread: nothing to share out.
        assert_eq!(piece_bytes(246_000, 1), PIECE_BYTES);
        assert_eq!(piece_bytes(246_000, 0), PIECE_BYTES);
    }
    use crate::spec::parse::read_usual_way;

    /// What the usual way reads from `text`: the AST (as debug text) and the
    /// messages of its problems.
    fn usual(text: &str) -> (Option<String>, Vec<String>) {
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new("t.yaml", text));
        let file = sources.get(id);
        let mut diags = Vec::new();
        let parsed = read_usual_way(id, file, Locations::new(file), &mut diags);
        let messages = diags.into_iter().map(|d| d.message).collect();
        (parsed.map(|p| format!("{:?}", p.spec)), messages)
    }

    /// Whether the fast way reads `text` (on `threads` threads, cutting it at
    /// every item when `every_item`); when it does, the usual way must read
    /// the same AST and find no problem.
    fn fast_agrees(text: &str, threads: usize, every_item: bool) -> bool {
        let piece_bytes = if every_item { 1 } else { PIECE_BYTES };
        let Some(spec) = read_in(text, threads, piece_bytes) else {
            return false;
        };
        let (usual_spec, problems) = usual(text);
        assert_eq!(
            problems,
            Vec::<String>::new(),
            "the fast way took a file with problems:\n{text}"
        );
        assert_eq!(Some(format!("{spec:?}")), usual_spec, "{text}");
        true
    }

    fn yaml_files(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).expect("the folder exists") {
            let path = entry.expect("a readable folder").path();
            if path.is_dir() {
                out.extend(yaml_files(&path));
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
        out.sort();
        out
    }

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    #[test]
    fn every_shipped_spec_and_corpus_file_is_read_the_fast_way_into_what_the_usual_way_reads() {
        let files: Vec<PathBuf> = [root().join("specs"), root().join("tests/corpus")]
            .iter()
            .flat_map(|d| yaml_files(d))
            .collect();
        assert!(files.len() > 10, "{files:?}");
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a readable spec");
            // Cut at every item, an alias may name an anchor of another
            // piece: the sections are then read whole.
            for (threads, every_item) in [(1, false), (2, true)] {
                assert!(
                    fast_agrees(&text, threads, every_item),
                    "the fast way gave up on {}",
                    file.display()
                );
            }
        }
    }

    #[test]
    fn a_broken_or_hostile_file_is_left_to_the_usual_way_or_read_as_it_reads_it() {
        let files: Vec<PathBuf> = [
            "tests/broken-specs",
            "tests/fuzz-corpus",
            "tests/hostile-specs",
            "tests/warning-specs",
        ]
        .iter()
        .flat_map(|d| yaml_files(&root().join(d)))
        .collect();
        assert!(files.len() > 30, "{files:?}");
        for file in files {
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue; // not UTF-8: never reaches the parser
            };
            let text = SourceFile::new("t.yaml", text).text;
            for (threads, every_item) in [(1, false), (2, true)] {
                fast_agrees(&text, threads, every_item);
            }
        }
    }

    #[test]
    fn what_the_usual_way_reports_or_changes_sends_the_file_the_usual_way() {
        let header = "vendor:\n  name: t\n  title: T\n  auth: none\n";
        let refused = [
            // A draft marker.
            "types:\n  R:\n    resolve: what is it called?\n    fields: {}\n",
            // Words YAML reads as null or a boolean, where a text is meant.
            "types:\n  R:\n    doc: Null\n    fields: {}\n",
            "types:\n  K:\n    enum: string\n    values: {a: true}\n",
            "operations:\n  a: {method: GET, path: /a, rules: [{require: [~]}]}\n",
            // A key written twice, in an item and across pieces.
            "types:\n  R:\n    fields:\n      a: {type: string}\n      a: {type: integer}\n",
            "types:\n  R:\n    fields: {}\n  R:\n    fields: {}\n",
            // A shape error, a tag, a section that is not a block.
            "types:\n  R:\n    fields: []\n",
            "types:\n  R: !tagged\n    fields: {}\n",
            "types: {R: {fields: {}}}\n",
            // A key that is not a section, and a section written twice.
            "type:\n  R:\n    fields: {}\n",
            "types:\n  R:\n    fields: {}\ntypes:\n  S:\n    fields: {}\n",
        ];
        for body in refused {
            let text = format!("{header}{body}");
            for every_item in [false, true] {
                assert!(!fast_agrees(&text, 2, every_item), "{text}");
            }
        }
        assert!(fast_agrees(
            &format!("{header}types:\n  R:\n    fields: {{}}\n"),
            1,
            false
        ));
    }

    #[test]
    fn a_line_that_looks_like_an_item_inside_a_quoted_text_does_not_cut_it() {
        for quote in ['"', '\''] {
            let text = format!(
                "operations:\n  a:\n    method: GET\n    path: /a\n    doc: {quote}one\n  b: two\n  c: three{quote}\n  d:\n    method: GET\n    path: /d\n"
            );
            let (spec, problems) = usual(&text);
            // libyaml reads the lines as one text; cut there, the first piece
            // would end inside the quotes and not read.
            assert_eq!(problems, Vec::<String>::new());
            assert!(spec.is_some_and(|s| s.contains("one b: two c: three")));
            assert!(!fast_agrees(&text, 2, true), "{text}");
        }
    }

    #[test]
    fn block_texts_comments_and_quoted_keys_read_alike_when_cut_at_every_item() {
        let text = "# a spec\n\"vendor\": # the header\n  name: t\n  title: T\n  auth: none\n  notes:\n    - |\n      first\n\n      second\n'types':\n  R:\n    doc: >\n      folded\n      text\n# between\n    fields:\n      \"a\": {type: string, default: \"x\"}\n\n  S:\n    fields: {}\noperations:\r\n  a: {method: GET, path: /a}\r\n  b:\r\n    method: GET\r\n    path: /b\r\n";
        assert!(fast_agrees(text, 2, true));
        assert!(fast_agrees(text, 1, false));
    }

    #[test]
    fn a_large_file_read_on_two_threads_keeps_every_item_in_order() {
        let mut text = String::from("vendor: \n  name: t\n  title: T\n  auth: none\ntypes:\n");
        for i in 0..300 {
            text.push_str(&format!(
                "  T{i}:\n    doc: \"类型 {i}\"\n    fields:\n      a: {{type: string, max_chars: {i}}}\n      b: {{type: integer, min: -{i}}}\n"
            ));
        }
        text.push_str("operations:\n");
        for i in 0..300 {
            text.push_str(&format!(
                "  op{i}:\n    method: POST\n    path: /op/{i}\n    body:\n      encoding: json\n      type: T{i}\n"
            ));
        }
        assert!(pieces(&text, 1024).is_some_and(|p| p.len() > 10));
        let spec = read_in(&text, 2, 1024).expect("read the fast way");
        let names: Vec<&String> = spec.operations.keys().collect();
        assert_eq!(names.len(), 300);
        assert_eq!(names[299], "op299");
        assert!(fast_agrees(&text, 2, false));
    }
}
