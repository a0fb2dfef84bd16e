//! The spec as written: plain serde types that mirror the YAML one to one.
//!
//! Nothing here is checked beyond what serde checks (shape, unknown keys). The
//! checker turns these into the resolved [`crate::model`].

use indexmap::IndexMap;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};

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
    pub title: String,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// The documented host. Absent for on-premise products: the user must
    /// supply it at run time.
    #[serde(default)]
    pub base_url: Option<String>,
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
    #[serde(default)]
    pub fields: Option<IndexMap<String, Field>>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// `integer` or `string`: the wire type of the enumeration's codes.
    #[serde(default, rename = "enum")]
    pub enum_kind: Option<String>,
    #[serde(default)]
    pub values: Option<Mapping>,
}

/// A field, parameter or array item.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    #[serde(rename = "type")]
    pub ty: String,
    /// The element of an `array`: a type name, or an inline field description.
    #[serde(default)]
    pub items: Option<Box<Items>>,
    /// An inline object.
    #[serde(default)]
    pub fields: Option<IndexMap<String, Field>>,
    /// Rules of an inline object.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// An inline enumeration over this field's `integer` or `string` type.
    #[serde(default, rename = "enum")]
    pub enumeration: Option<InlineEnum>,
    /// Name of the generated type for an inline object.
    #[serde(default)]
    pub type_name: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub default: Option<Value>,
    #[serde(default)]
    pub doc: Option<String>,
    /// The name the document uses when it differs from the wire name.
    #[serde(default)]
    pub doc_name: Option<String>,
    /// Overrides the Rust identifier derived from the wire name.
    #[serde(default)]
    pub rust_name: Option<String>,
    /// Where the document is ambiguous or inconsistent: what it says, kept.
    #[serde(default)]
    pub note: Option<String>,
    /// Maximum length in characters (Unicode scalar values): 个字符, 最大长度.
    #[serde(default)]
    pub max_chars: Option<u64>,
    /// Maximum length in UTF-8 bytes: 个字节.
    #[serde(default)]
    pub max_bytes: Option<u64>,
    /// Exact length in characters.
    #[serde(default)]
    pub length: Option<u64>,
    #[serde(default)]
    pub chars: Option<CharRule>,
    /// `iso8601`, `datetime` (yyyy-MM-dd HH:mm:ss), `timestamp_ms`, `rgb_hex`.
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    /// A plain allowed-value set (no labels).
    #[serde(default)]
    pub one_of: Option<Vec<Value>>,
    #[serde(default)]
    pub min_items: Option<u64>,
    #[serde(default)]
    pub max_items: Option<u64>,
    /// For a `file`: the largest size accepted, in bytes.
    #[serde(default)]
    pub max_file_bytes: Option<u64>,
    /// The vendor's own error key for a broken constraint, by constraint name.
    #[serde(default)]
    pub error_keys: IndexMap<String, String>,
    /// A secret (a password, a token): never printed by `Debug`, never quoted
    /// by a violation message.
    #[serde(default)]
    pub sensitive: bool,
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
    pub values: Mapping,
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
    #[serde(default)]
    pub when: Option<Condition>,
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
    #[serde(default)]
    pub path_params: IndexMap<String, Field>,
    #[serde(default)]
    pub query: IndexMap<String, Field>,
    #[serde(default)]
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
    #[serde(default)]
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
    #[serde(default)]
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
