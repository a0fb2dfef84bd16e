//! The spec as written: plain serde types that mirror the YAML one to one.
//!
//! Nothing here is checked beyond what serde checks (shape, unknown keys). The
//! checker turns these into the resolved [`crate::model`].

use std::sync::LazyLock;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_yaml::Value;

/// One YAML file. A vendor is one file, or a folder whose files are merged;
/// exactly one file of a vendor carries the `vendor:` header.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    pub vendor: Option<Vendor>,
    #[serde(default)]
    pub types: IndexMap<String, TypeDef>,
    #[serde(default)]
    pub operations: IndexMap<String, Operation>,
    /// A `vendor:` header is written but could not be read (its own problem is
    /// reported): the vendor is not also reported as having no header.
    #[serde(skip)]
    pub vendor_unreadable: bool,
}

/// The `vendor:` header.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    pub name: String,
    /// Required unless the vendor `extends` another, whose title it keeps.
    #[serde(default)]
    pub title: String,
    /// A built-in vendor this one adds operations and types to: it reuses
    /// that vendor's auth, base URL, error envelope and types.
    #[serde(default)]
    pub extends: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// The documented host. Absent for on-premise products: the user must
    /// supply it at run time.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Required unless the vendor `extends` another, whose scheme it uses.
    #[serde(default)]
    pub auth: String,
    /// The API level the document describes (Kedacom's `API_Level`).
    #[serde(default)]
    pub api_level: Option<u32>,
    #[serde(default)]
    pub error: Option<ErrorEnvelope>,
    #[serde(default)]
    pub error_catalogue: Vec<CatalogueEntry>,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// Where the vendor's failure replies keep their code, message and ids.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorEnvelope {
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub request_id: Option<String>,
    /// A body-level success flag: a reply whose `field` is not `equals` is a
    /// failure even with HTTP 200 (Polyv `success: true`, Kedacom `success: 1`).
    #[serde(default)]
    pub success: Option<SuccessFlag>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuccessFlag {
    pub field: String,
    pub equals: Value,
}

/// One entry of a documented error catalogue.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueEntry {
    pub key: String,
    pub status: u16,
    pub message: String,
    /// How a reply carrying this key is retried (`rate_limited`,
    /// `transient`), where the document says so.
    #[serde(default)]
    pub retry: Option<String>,
}

/// A named shared type: an object (`fields`) or an enumeration (`enum`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default, deserialize_with = "exact::option")]
    pub fields: Option<IndexMap<String, Field>>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// `integer` or `string`: the wire type of the enumeration's codes.
    #[serde(default, rename = "enum")]
    pub enum_kind: Option<String>,
    #[serde(default)]
    pub values: Option<EnumValues>,
    /// An `enum: integer` whose values are flags combined by OR.
    #[serde(default)]
    pub bits: bool,
}

/// A field, parameter or array item.
///
/// A 10,000-endpoint spec has about half a million fields, so their size is
/// most of the memory of the loaded spec: what most fields have is kept
/// inline, what few have (an inline object or enumeration) is boxed, and
/// the keys fields seldom write are boxed together in [`FieldRest`], absent
/// when a field writes none of them. A field is 152 bytes where one struct
/// of every key would be 512.
#[derive(Debug, Default)]
pub struct Field {
    /// `type`.
    pub ty: String,
    /// The element of an `array`: a type name, or an inline field description.
    pub items: Option<Box<Items>>,
    /// An inline object.
    pub fields: Option<Box<IndexMap<String, Field>>>,
    /// An inline enumeration over this field's `integer` or `string` type.
    pub enumeration: Option<Box<InlineEnum>>,
    pub required: bool,
    pub doc: Option<String>,
    /// Maximum length in characters (Unicode scalar values): 个字符, 最大长度.
    pub max_chars: Option<u64>,
    /// Maximum length in UTF-8 bytes: 个字节.
    pub max_bytes: Option<u64>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// A secret (a password, a token): never printed by `Debug`, never quoted
    /// by a violation message.
    pub sensitive: bool,
    /// A scalar a reply may carry either as a number or as text holding the
    /// number, where the document is ambiguous: both decode.
    pub either_spelling: bool,
    /// The other keys, when the field writes any.
    rest: Option<Box<FieldRest>>,
}

impl Field {
    /// The keys a field seldom writes (each unset when it writes none).
    pub fn rest(&self) -> &FieldRest {
        static NONE: LazyLock<FieldRest> = LazyLock::new(FieldRest::default);
        self.rest.as_deref().unwrap_or(&NONE)
    }
}

/// The keys of a [`Field`] that few fields write.
#[derive(Debug, Default)]
pub struct FieldRest {
    /// Rules of an inline object.
    pub rules: Vec<Rule>,
    /// Name of the generated type for an inline object.
    pub type_name: Option<String>,
    pub default: Option<Value>,
    /// The name the document uses when it differs from the wire name.
    pub doc_name: Option<String>,
    /// Overrides the Rust identifier derived from the wire name.
    pub rust_name: Option<String>,
    /// Where the document is ambiguous or inconsistent: what it says, kept.
    pub note: Option<String>,
    /// Minimum length in characters: 4~6位 (the 4).
    pub min_chars: Option<u64>,
    /// Minimum length in UTF-8 bytes.
    pub min_bytes: Option<u64>,
    /// Maximum display width, East Asian wide characters counting two:
    /// 18个汉字或36个英文字母.
    pub max_width: Option<u64>,
    /// Exact length in characters.
    pub length: Option<u64>,
    pub chars: Option<CharRule>,
    /// `iso8601`, `datetime` (yyyy-MM-dd HH:mm:ss), `timestamp_ms`, `rgb_hex`.
    pub format: Option<String>,
    /// A plain allowed-value set (no labels).
    pub one_of: Option<Vec<Value>>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    /// For a `file`: the largest size accepted, in bytes.
    pub max_file_bytes: Option<u64>,
    /// The vendor's own error key for a broken constraint, by constraint name.
    pub error_keys: IndexMap<String, String>,
}

impl FieldRest {
    /// Whether no key of the rest is written.
    fn is_empty(&self) -> bool {
        let numbers = [
            self.min_chars,
            self.min_bytes,
            self.max_width,
            self.length,
            self.min_items,
            self.max_items,
            self.max_file_bytes,
        ];
        let texts = [
            &self.type_name,
            &self.doc_name,
            &self.rust_name,
            &self.note,
            &self.format,
        ];
        self.rules.is_empty()
            && self.default.is_none()
            && self.chars.is_none()
            && self.one_of.is_none()
            && self.error_keys.is_empty()
            && numbers.iter().all(Option::is_none)
            && texts.iter().all(|t| t.is_none())
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        FieldKeys::deserialize(deserializer).map(Field::from)
    }
}

impl From<FieldKeys> for Field {
    fn from(k: FieldKeys) -> Field {
        let rest = FieldRest {
            rules: k.rules,
            type_name: k.type_name,
            default: k.default,
            doc_name: k.doc_name,
            rust_name: k.rust_name,
            note: k.note,
            min_chars: k.min_chars,
            min_bytes: k.min_bytes,
            max_width: k.max_width,
            length: k.length,
            chars: k.chars,
            format: k.format,
            one_of: k.one_of,
            min_items: k.min_items,
            max_items: k.max_items,
            max_file_bytes: k.max_file_bytes,
            error_keys: k.error_keys,
        };
        Field {
            ty: k.ty,
            items: k.items,
            fields: k.fields,
            enumeration: k.enumeration,
            required: k.required,
            doc: k.doc,
            max_chars: k.max_chars,
            max_bytes: k.max_bytes,
            min: k.min,
            max: k.max,
            sensitive: k.sensitive,
            either_spelling: k.either_spelling,
            rest: (!rest.is_empty()).then(|| Box::new(rest)),
        }
    }
}

/// Every key a field may have, as serde reads them; [`Field`] keeps them
/// in less room. Named `Field` to serde, whose messages name it.
#[derive(Deserialize)]
#[serde(rename = "Field", deny_unknown_fields)]
struct FieldKeys {
    #[serde(rename = "type")]
    ty: String,
    /// The element of an `array`: a type name, or an inline field description.
    #[serde(default)]
    items: Option<Box<Items>>,
    /// An inline object.
    #[serde(default, deserialize_with = "exact::boxed")]
    fields: Option<Box<IndexMap<String, Field>>>,
    /// Rules of an inline object.
    #[serde(default)]
    rules: Vec<Rule>,
    /// An inline enumeration over this field's `integer` or `string` type.
    #[serde(default, rename = "enum")]
    enumeration: Option<Box<InlineEnum>>,
    /// Name of the generated type for an inline object.
    #[serde(default)]
    type_name: Option<String>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    default: Option<Value>,
    #[serde(default)]
    doc: Option<String>,
    /// The name the document uses when it differs from the wire name.
    #[serde(default)]
    doc_name: Option<String>,
    /// Overrides the Rust identifier derived from the wire name.
    #[serde(default)]
    rust_name: Option<String>,
    /// Where the document is ambiguous or inconsistent: what it says, kept.
    #[serde(default)]
    note: Option<String>,
    /// Maximum length in characters (Unicode scalar values): 个字符, 最大长度.
    #[serde(default)]
    max_chars: Option<u64>,
    /// Maximum length in UTF-8 bytes: 个字节.
    #[serde(default)]
    max_bytes: Option<u64>,
    /// Minimum length in characters: 4~6位 (the 4).
    #[serde(default)]
    min_chars: Option<u64>,
    /// Minimum length in UTF-8 bytes.
    #[serde(default)]
    min_bytes: Option<u64>,
    /// Maximum display width, East Asian wide characters counting two:
    /// 18个汉字或36个英文字母.
    #[serde(default)]
    max_width: Option<u64>,
    /// Exact length in characters.
    #[serde(default)]
    length: Option<u64>,
    #[serde(default)]
    chars: Option<CharRule>,
    /// `iso8601`, `datetime` (yyyy-MM-dd HH:mm:ss), `timestamp_ms`, `rgb_hex`.
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    /// A plain allowed-value set (no labels).
    #[serde(default)]
    one_of: Option<Vec<Value>>,
    #[serde(default)]
    min_items: Option<u64>,
    #[serde(default)]
    max_items: Option<u64>,
    /// For a `file`: the largest size accepted, in bytes.
    #[serde(default)]
    max_file_bytes: Option<u64>,
    /// The vendor's own error key for a broken constraint, by constraint name.
    #[serde(default)]
    error_keys: IndexMap<String, String>,
    /// A secret (a password, a token): never printed by `Debug`, never quoted
    /// by a violation message.
    #[serde(default)]
    sensitive: bool,
    /// A scalar a reply may carry either as a number or as text holding the
    /// number, where the document is ambiguous: both decode.
    #[serde(default)]
    either_spelling: bool,
}

/// Field maps read to their exact size.
///
/// indexmap's own reading grows a map as entries come (serde_yaml does not
/// say how many), leaving on average a third of its room unused; field maps
/// are most of a large spec's memory. Entries are gathered first, then the
/// map is built at its size. Same keys, order and messages as indexmap's.
mod exact {
    use std::fmt;
    use std::marker::PhantomData;

    use indexmap::IndexMap;
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

    /// A map read by [`Exact::deserialize`].
    pub struct Exact<V>(IndexMap<String, V>);

    impl<'de, V: Deserialize<'de>> Deserialize<'de> for Exact<V> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Entries<V>(PhantomData<V>);
            impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
                type Value = Exact<V>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    // indexmap's words, which a shape error quotes.
                    f.write_str("a map")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Exact<V>, A::Error> {
                    let mut entries = Vec::new();
                    while let Some(entry) = map.next_entry()? {
                        entries.push(entry);
                    }
                    // A key written twice keeps its first place and last
                    // value, as indexmap's reading does.
                    Ok(Exact(entries.into_iter().collect()))
                }
            }
            deserializer.deserialize_map(Entries(PhantomData))
        }
    }

    pub fn map<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<IndexMap<String, V>, D::Error> {
        Exact::deserialize(deserializer).map(|e| e.0)
    }

    pub fn option<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<Option<IndexMap<String, V>>, D::Error> {
        Option::<Exact<V>>::deserialize(deserializer).map(|o| o.map(|e| e.0))
    }

    pub fn boxed<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<Option<Box<IndexMap<String, V>>>, D::Error> {
        Option::<Exact<V>>::deserialize(deserializer).map(|o| o.map(|e| Box::new(e.0)))
    }
}

/// An array element: either a bare type name or a full field description.
#[derive(Debug)]
pub enum Items {
    Name(String),
    Field(Box<Field>),
}

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Untagged enums lose serde's error message; dispatch on the shape instead.
        match Value::deserialize(deserializer)? {
            Value::String(name) => Ok(Items::Name(name)),
            other => Field::deserialize(other)
                .map(|f| Items::Field(Box::new(f)))
                .map_err(serde::de::Error::custom),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InlineEnum {
    #[serde(default)]
    pub type_name: Option<String>,
    pub values: EnumValues,
    /// The values are flags combined by OR (an `integer` field only).
    #[serde(default)]
    pub bits: bool,
}

/// An enumeration's `values:`, code by code in the order written.
///
/// A 10,000-endpoint spec has about 200,000 of them, nearly all written
/// `code: {name: N, label: L}`: kept as a `Mapping` of `Value`s, each is a
/// hash table of two entries, four strings and unused room (about 700
/// bytes); kept as [`EnumValue::Named`] it is a fifth of that.
#[derive(Debug, Default)]
pub struct EnumValues(Vec<(Value, EnumValue)>);

/// One value of an enumeration as written: its label and name, or what the
/// check has to look into.
#[derive(Debug)]
pub enum EnumValue {
    /// A mapping of a text `label` and, if written, a text `name`, and no
    /// other key.
    Named { name: Option<String>, label: String },
    /// Anything else (a bare label, a mapping with a problem), as read.
    Other(Value),
}

impl EnumValues {
    /// Whether no value is written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each code and its value, in the order written.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &EnumValue)> {
        self.0.iter().map(|(code, value)| (code, value))
    }
}

impl From<Value> for EnumValue {
    fn from(value: Value) -> EnumValue {
        let Value::Mapping(m) = &value else {
            return EnumValue::Other(value);
        };
        let text = |key: &str| match m.get(key) {
            Some(Value::String(s)) => Some(Some(s.clone())),
            Some(_) => None,
            None => Some(None),
        };
        let known = m
            .keys()
            .all(|k| matches!(k, Value::String(k) if k == "name" || k == "label"));
        match (known, text("label"), text("name")) {
            (true, Some(Some(label)), Some(name)) => EnumValue::Named { name, label },
            _ => EnumValue::Other(value),
        }
    }
}

impl<'de> Deserialize<'de> for EnumValues {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = EnumValues;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                // serde_yaml's words for a `Mapping`, which a shape error quotes.
                f.write_str("a YAML mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<EnumValues, A::Error> {
                // Read as a `Mapping` reads them: each code and value as a
                // `Value`, the value then kept in less room.
                let mut entries = Vec::new();
                while let Some((code, value)) = map.next_entry::<Value, Value>()? {
                    entries.push((code, EnumValue::from(value)));
                }
                // Built at its size: the room left by growing is given back.
                let mut exact = Vec::with_capacity(entries.len());
                exact.append(&mut entries);
                Ok(EnumValues(exact))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// Which characters a string may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharRule {
    /// Allowed classes: `letters` (ASCII), `digits` (ASCII). When present,
    /// every character must be in a class or in `extra`.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Further allowed characters, listed literally.
    #[serde(default)]
    pub extra: Option<String>,
    /// Characters that may not appear anywhere.
    #[serde(default)]
    pub forbid: Option<String>,
    /// Characters that may not be the first or the last character.
    #[serde(default)]
    pub forbid_at_ends: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

/// A rule over several fields of one object (or of a whole request).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// These fields must be present (when `when` holds).
    #[serde(default)]
    pub require: Option<Vec<String>>,
    /// These fields may be present only when `when` holds.
    #[serde(default)]
    pub only_when: Option<Vec<String>>,
    /// `[a, b]`: a < b, both compared in their declared format.
    #[serde(default)]
    pub before: Option<Vec<String>>,
    /// An array whose elements' [start, end) periods must not overlap.
    #[serde(default)]
    pub no_overlap: Option<NoOverlap>,
    /// At least one of these fields must be present: 二者必填一项.
    #[serde(default)]
    pub at_least_one_of: Option<Vec<String>>,
    /// Exactly one of these fields must be present: 二者选其一, 只能填一个.
    #[serde(default)]
    pub exactly_one_of: Option<Vec<String>>,
    /// These fields take effect only when `when` holds (…时才生效): said in
    /// their docs, never rejected.
    #[serde(default)]
    pub effective_only_when: Option<Vec<String>>,
    /// A numeric field's bounds that hold only when `when` does.
    #[serde(default)]
    pub limit: Option<Limit>,
    /// Values a field may not take when `when` holds.
    #[serde(default)]
    pub forbid_values: Option<ForbidValues>,
    /// One condition, or a list that must all hold.
    #[serde(default)]
    pub when: Option<When>,
    #[serde(default)]
    pub error_key: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOverlap {
    pub array: String,
    pub start: String,
    pub end: String,
}

/// A rule's `when:`: one condition, or a list of conditions that must all
/// hold (`[{field: create_type, equals: 1}, {field: conf_type, equals: 4}]`).
#[derive(Debug)]
pub enum When {
    One(Condition),
    All(Vec<Condition>),
}

impl When {
    /// The conditions, in the order written.
    pub fn conditions(&self) -> &[Condition] {
        match self {
            When::One(c) => std::slice::from_ref(c),
            When::All(list) => list,
        }
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Untagged enums lose serde's error message; dispatch on the shape instead.
        match Value::deserialize(deserializer)? {
            Value::Sequence(list) => list
                .into_iter()
                .map(Condition::deserialize)
                .collect::<Result<_, _>>()
                .map(When::All)
                .map_err(serde::de::Error::custom),
            other => Condition::deserialize(other)
                .map(When::One)
                .map_err(serde::de::Error::custom),
        }
    }
}

/// `limit: {field, min, max}`: bounds on an integer field under a condition.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    pub field: String,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
}

/// `forbid_values: {field, values}`: values the field may not take.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForbidValues {
    pub field: String,
    pub values: Vec<Value>,
}

/// `field` compared with a value; an absent field compares as its default.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: String,
    #[serde(default)]
    pub equals: Option<Value>,
    #[serde(default)]
    pub not_equals: Option<Value>,
    #[serde(default, rename = "in")]
    pub one_of: Option<Vec<Value>>,
    #[serde(default)]
    pub present: Option<bool>,
}

/// One endpoint.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// The document's own name for the endpoint (名称).
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
    pub method: String,
    pub path: String,
    /// The document says the call may be repeated safely whatever its
    /// method: transient failures are retried as for a GET.
    #[serde(default)]
    pub idempotent: bool,
    #[serde(default, deserialize_with = "exact::map")]
    pub path_params: IndexMap<String, Field>,
    #[serde(default, deserialize_with = "exact::map")]
    pub query: IndexMap<String, Field>,
    #[serde(default, deserialize_with = "exact::map")]
    pub headers: IndexMap<String, Field>,
    #[serde(default)]
    pub body: Option<Body>,
    #[serde(default)]
    pub response: Option<Response>,
    /// 最低支持版本.
    #[serde(default)]
    pub min_api_level: Option<u32>,
    /// The parameter that carries the real method when it is sent as POST.
    #[serde(default)]
    pub method_override: Option<String>,
    #[serde(default)]
    pub paging: Option<Paging>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub note: Option<String>,
    /// Where in the document the operation is described.
    #[serde(default)]
    pub source: Option<Source>,
}

/// Where in a document an operation is described: the document (a file of
/// the header's `sources:` or a URL) and its section or page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub section: Option<String>,
}

/// The request body.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// `json`, `form_json` (a form field holding JSON text) or `multipart`.
    pub encoding: String,
    /// For `form_json`: the form field that holds the JSON text.
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
    #[serde(default, deserialize_with = "exact::option")]
    pub fields: Option<IndexMap<String, Field>>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub type_name: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

/// The success reply.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// The documented success status, when the document names one (204).
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
    #[serde(default, deserialize_with = "exact::option")]
    pub fields: Option<IndexMap<String, Field>>,
    #[serde(default)]
    pub type_name: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

/// How a list endpoint pages: its style, the query parameters that name a
/// page, and the reply fields that carry its items and say where it ends.
/// Each key names a query parameter or reply field by its wire name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paging {
    /// `offset`, `page`, `position` or `cursor`; inferred from the keys when
    /// absent.
    #[serde(default)]
    pub style: Option<String>,
    /// offset: the parameter of the first item's position.
    #[serde(default)]
    pub start: Option<String>,
    /// offset: the parameter of the page size.
    #[serde(default)]
    pub count: Option<String>,
    /// page: the parameter of the page number.
    #[serde(default)]
    pub page: Option<String>,
    /// page: the number of the first page (0 or 1).
    #[serde(default)]
    pub first_page: Option<i64>,
    /// position: the parameter the reply's next position goes into.
    #[serde(default)]
    pub position: Option<String>,
    /// position: the reply field of the next position.
    #[serde(default)]
    pub next_position: Option<String>,
    /// cursor: the parameter the reply's next cursor goes into.
    #[serde(default)]
    pub cursor: Option<String>,
    /// cursor: the reply field of the next cursor.
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// page, position, cursor: the parameter of the page size.
    #[serde(default)]
    pub size: Option<String>,
    /// The reply field with the number of items in all.
    #[serde(default)]
    pub total: Option<String>,
    /// The reply field with the number of pages in all.
    #[serde(default)]
    pub total_pages: Option<String>,
    /// The reply field with the number of items after this page.
    #[serde(default)]
    pub remaining: Option<String>,
    /// The reply field that says whether another page follows.
    #[serde(default)]
    pub has_more: Option<String>,
    /// The reply field with the page's items.
    pub items: String,
}

/// A request or reply example, as the document prints it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    #[serde(default)]
    pub name: Option<String>,
    /// `request` (the body), `request_line`, `response` or `error`.
    pub kind: String,
    pub verbatim: String,
    /// Valid JSON for the example when `verbatim` is not (typographic quotes).
    #[serde(default)]
    pub json: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    //! The conformance corpus covers the format: every key a field, rule or
    //! condition can carry, and every `format:`, is used by a spec CI
    //! generates (`specs/` and `tests/corpus/`). The keys come from the
    //! serde types above, so a new key without a corpus entry fails here.

    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use serde::de::DeserializeOwned;
    use serde_yaml::Value;

    use super::*;
    use crate::model::{Format, RuleKind};

    /// The keys serde accepts for `T`, read from its unknown-field message.
    fn keys_of<T: DeserializeOwned + std::fmt::Debug>() -> Vec<String> {
        let message = serde_yaml::from_str::<T>("__probe__: 0")
            .expect_err("no type accepts the probe key")
            .to_string();
        let expected = message
            .split_once("expected")
            .map(|(_, list)| list)
            .unwrap_or_else(|| panic!("serde lists the fields: {message}"));
        let keys: Vec<String> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        assert!(!keys.is_empty(), "{message}");
        keys
    }

    fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("the spec folders exist") {
            let path = entry.expect("a readable folder").path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
    }

    /// Every mapping key, and every value written under `format:`.
    fn walk(v: &Value, keys: &mut BTreeSet<String>, formats: &mut BTreeSet<String>) {
        match v {
            Value::Mapping(m) => {
                for (k, v) in m {
                    if let Value::String(k) = k {
                        keys.insert(k.clone());
                        if let ("format", Value::String(f)) = (k.as_str(), v) {
                            formats.insert(f.clone());
                        }
                    }
                    walk(v, keys, formats);
                }
            }
            Value::Sequence(s) => s.iter().for_each(|v| walk(v, keys, formats)),
            _ => {}
        }
    }

    /// A field's size is most of the memory of a large loaded spec.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_field_that_writes_no_seldom_key_is_small() {
        assert!(std::mem::size_of::<Field>() <= 160);
        let plain: Field = serde_yaml::from_str("{type: string, max_chars: 8}").expect("a field");
        assert!(plain.rest.is_none());
        let noted: Field = serde_yaml::from_str("{type: string, note: n}").expect("a field");
        assert_eq!(noted.rest().note.as_deref(), Some("n"));
    }

    #[test]
    fn enum_values_keep_only_a_plain_name_and_label_out_of_their_mapping() {
        let values: EnumValues = serde_yaml::from_str(
            "{1: {name: A, label: a}, 2: {label: b}, 3: c, 4: {label: d, extra: x}, 5: {name: 5, label: e}}",
        )
        .expect("values");
        let kept: Vec<String> = values
            .iter()
            .map(|(code, value)| match value {
                EnumValue::Named { name, label } => format!("{code:?} {name:?} {label}"),
                EnumValue::Other(_) => format!("{code:?} other"),
            })
            .collect();
        assert_eq!(
            kept,
            [
                "Number(1) Some(\"A\") a",
                "Number(2) None b",
                "Number(3) other",
                "Number(4) other",
                "Number(5) other",
            ]
        );
    }

    #[test]
    fn every_key_and_format_of_the_spec_format_is_used_by_a_generated_spec() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        yaml_files(&root.join("specs"), &mut files);
        yaml_files(&root.join("tests/corpus"), &mut files);
        let (mut used, mut formats) = (BTreeSet::new(), BTreeSet::new());
        for file in &files {
            let text = std::fs::read_to_string(file).expect("a readable spec");
            let value: Value = serde_yaml::from_str(&text).expect("a YAML spec");
            walk(&value, &mut used, &mut formats);
        }
        let declared = [
            keys_of::<Field>(),
            keys_of::<CharRule>(),
            keys_of::<Rule>(),
            keys_of::<Condition>(),
            keys_of::<Limit>(),
            keys_of::<ForbidValues>(),
            keys_of::<InlineEnum>(),
            keys_of::<TypeDef>(),
        ];
        let missing: Vec<&String> = declared
            .iter()
            .flatten()
            .filter(|k| !used.contains(*k))
            .collect();
        assert!(
            missing.is_empty(),
            "keys no spec under specs/ or tests/corpus/ uses: {missing:?}"
        );
        let unused: Vec<&str> = Format::NAMES
            .into_iter()
            .filter(|f| !formats.contains(*f))
            .collect();
        assert!(
            unused.is_empty(),
            "formats no generated spec uses: {unused:?}"
        );
        let rule_keys = keys_of::<Rule>();
        for kind in RuleKind::KEYS {
            assert!(
                rule_keys.iter().any(|k| k == kind),
                "`{kind}` is not a key of `rules:`"
            );
        }
    }
}
