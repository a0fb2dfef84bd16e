//! The resolved, validated API: the generator's intermediate representation,
//! and the only thing the emitters read.
//!
//! Every name here is final (a valid, collision-free Rust identifier, kept
//! beside the spec's own name where they differ), every type reference is a
//! [`TypeId`] that resolves ([`Vendor::type_decl`]), every rule and error
//! envelope path names fields that exist. Emitters never check.
//!
//! Users get it in [`crate::Output::api`] and from [`crate::Config::load`], to
//! read: it is built only by the checker.

/// All vendors of one run, in a stable order (by vendor name).
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The vendors, by name.
    pub vendors: Vec<Vendor>,
}

/// One vendor: its header, its types and its operations, in spec order.
#[derive(Debug, Clone, PartialEq)]
pub struct Vendor {
    /// snake_case: module, file and cargo feature name (the spec's name too).
    pub name: String,
    /// The vendor's name for people (`腾讯会议`).
    pub title: String,
    /// What the vendor's documents say about the API as a whole.
    pub doc: Option<String>,
    /// The documents the spec was transcribed from.
    pub sources: Vec<String>,
    /// The documented host, when there is one (none for on-premise products).
    pub base_url: Option<String>,
    /// How requests are authenticated.
    pub auth: Auth,
    /// The API level the document describes (Kedacom's `API_Level`).
    pub api_level: Option<u32>,
    /// Where failure replies keep their parts, when the vendor has an envelope.
    pub error: Option<ErrorModel>,
    /// The vendor's documented error keys.
    pub catalogue: Vec<CatalogueEntry>,
    /// Notes on the documents (ambiguities, inconsistencies), kept.
    pub notes: Vec<String>,
    /// Every type, in the order they are generated (an inline type before the
    /// type that holds it). A [`TypeId`] is resolved by [`Vendor::type_decl`].
    pub types: Vec<TypeDecl>,
    /// The operations, in spec order.
    pub operations: Vec<Operation>,
    /// The spec files this vendor was read from (for rerun-if-changed).
    pub files: Vec<std::path::PathBuf>,
    /// The position in `types` of each [`TypeId`] (set by the checker).
    pub(crate) positions: Vec<usize>,
}

/// A type of one vendor, as fields and operations refer to it (see
/// [`Vendor::type_decl`]). Ids are given out by the checker, in the order
/// types are declared: they are not positions in [`Vendor::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(usize);

impl TypeId {
    /// The id after `count` others were given out (for the checker).
    pub(crate) fn nth(count: usize) -> TypeId {
        TypeId(count)
    }

    /// Its rank among the vendor's ids, from 0 (for the checker's tables).
    pub(crate) fn index(self) -> usize {
        self.0
    }
}

impl Vendor {
    /// The type `id` refers to.
    ///
    /// # Panics
    ///
    /// When `id` is another vendor's.
    pub fn type_decl(&self, id: TypeId) -> &TypeDecl {
        &self.types[self.positions[id.0]]
    }

    /// The Rust name of the type `id` refers to.
    pub fn type_name(&self, id: TypeId) -> &str {
        self.type_decl(id).name()
    }

    /// The struct `id` refers to (`None` for an enumeration).
    pub fn structure(&self, id: TypeId) -> Option<&Struct> {
        match self.type_decl(id) {
            TypeDecl::Struct(s) => Some(s),
            TypeDecl::Enum(_) => None,
        }
    }

    /// The enumeration `id` refers to (`None` for a struct).
    pub fn enumeration(&self, id: TypeId) -> Option<&Enum> {
        match self.type_decl(id) {
            TypeDecl::Enum(e) => Some(e),
            TypeDecl::Struct(_) => None,
        }
    }

    /// The fields of the struct `id` refers to (none for an enumeration).
    pub fn fields_of(&self, id: TypeId) -> &[Field] {
        self.structure(id).map_or(&[], |s| s.fields.as_slice())
    }
}

/// The authentication scheme, implemented by the hand-written runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// Tencent Meeting's HMAC-SHA256 signature headers.
    TencentMeeting,
    /// Polyv's MD5 signature over sorted parameters.
    Polyv,
    /// Yunxuetang's signed token.
    Yxt,
    /// Kedacom's login token.
    Kedacom,
    /// No authentication.
    None,
}

impl Auth {
    /// The names the spec writes (`auth:`), in declaration order.
    pub const NAMES: [&'static str; 5] = ["tencent_meeting", "polyv", "yxt", "kedacom", "none"];

    /// The scheme the spec names, if it is one.
    pub fn parse(s: &str) -> Option<Auth> {
        Some(match s {
            "tencent_meeting" => Auth::TencentMeeting,
            "polyv" => Auth::Polyv,
            "yxt" => Auth::Yxt,
            "kedacom" => Auth::Kedacom,
            "none" => Auth::None,
            _ => return None,
        })
    }

    /// The runtime type that holds this scheme's credentials.
    pub fn credentials_type(self) -> &'static str {
        match self {
            Auth::TencentMeeting => "TencentMeetingCredentials",
            Auth::Polyv => "PolyvCredentials",
            Auth::Yxt => "YxtCredentials",
            Auth::Kedacom => "KedacomCredentials",
            Auth::None => "NoCredentials",
        }
    }
}

/// Where failure replies keep their parts: paths into the envelope type,
/// resolved field by field.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorModel {
    /// The envelope: an object type.
    pub ty: TypeId,
    /// The vendor's error code.
    pub code: Option<FieldPath>,
    /// The error message.
    pub message: Option<FieldPath>,
    /// The vendor's error key (a name rather than a number).
    pub key: Option<FieldPath>,
    /// The request id to quote to the vendor.
    pub request_id: Option<FieldPath>,
    /// A success flag: a reply whose field is not this value is a failure,
    /// whatever its HTTP status.
    pub success: Option<(FieldPath, Literal)>,
}

/// One entry of a vendor's documented error catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogueEntry {
    /// The error key.
    pub key: String,
    /// The HTTP status it comes with.
    pub status: u16,
    /// The documented message.
    pub message: String,
    /// How a reply carrying this key is retried, where the document says so.
    pub retry: Option<Retry>,
}

/// How a documented error is retried (`retry:` of a catalogue entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// The request was refused unprocessed (a rate limit): retried for any
    /// method, after the server's `Retry-After`.
    RateLimited,
    /// A passing failure the server may have acted on: retried for
    /// idempotent calls only.
    Transient,
}

impl Retry {
    /// The names the spec writes (`retry:`).
    pub const NAMES: [&'static str; 2] = ["rate_limited", "transient"];

    /// The class the spec names, if it is one.
    pub fn parse(s: &str) -> Option<Retry> {
        match s {
            "rate_limited" => Some(Retry::RateLimited),
            "transient" => Some(Retry::Transient),
            _ => None,
        }
    }

    /// The runtime's `RetryClass` variant of this class.
    pub fn variant(self) -> &'static str {
        match self {
            Retry::RateLimited => "RateLimited",
            Retry::Transient => "Transient",
        }
    }
}

/// Documentation carried into rustdoc.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    /// What the document says.
    pub text: Option<String>,
    /// Where the document is ambiguous or inconsistent: what it says, kept.
    pub note: Option<String>,
    /// The name the document uses when it differs from the wire name.
    pub doc_name: Option<String>,
}

/// A named type: an object or an enumeration.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDecl {
    /// An object type.
    Struct(Struct),
    /// An enumeration.
    Enum(Enum),
}

impl TypeDecl {
    /// Its Rust name.
    pub fn name(&self) -> &str {
        match self {
            TypeDecl::Struct(s) => &s.name,
            TypeDecl::Enum(e) => &e.name,
        }
    }
}

/// An object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Its Rust name (UpperCamelCase).
    pub name: String,
    /// The name the spec gives it (its key under `types:`, or `type_name:`);
    /// `None` when the name is derived from where the type is written.
    pub spec_name: Option<String>,
    /// Its documentation.
    pub doc: Doc,
    /// Its fields, in spec order.
    pub fields: Vec<Field>,
    /// Its rules across fields.
    pub rules: Vec<Rule>,
    /// Fields whose types are this struct (directly or through arrays) are boxed.
    pub recursive: bool,
    /// Requests contain this struct (directly or nested): it gets a constructor,
    /// setters and `Validate`. Reply-only structs are only decoded.
    pub in_requests: bool,
}

/// A field of an object, or a parameter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name on the wire and in the spec (JSON key, query or form name,
    /// path placeholder).
    pub wire: String,
    /// The Rust identifier (may be raw: `r#type`).
    pub ident: String,
    /// Its type.
    pub ty: Ty,
    /// Whether a request must carry it (a reply may still leave it out).
    pub required: bool,
    /// The documented default, which an absent value compares as.
    pub default: Option<Literal>,
    /// Its documentation.
    pub doc: Doc,
    /// Its documented constraints, in generation order.
    pub checks: Vec<Check>,
    /// The vendor's error key for a value outside the field's enumeration
    /// (`error_keys: {enum: ...}`).
    pub enum_error_key: Option<String>,
    /// The field's type is (or holds) its own enclosing struct: box it.
    pub boxed: bool,
    /// A secret (`sensitive: true`): `Debug` prints `***` for it and its
    /// violation messages keep no part of its value.
    pub sensitive: bool,
    /// Decoded from either spelling of a scalar (`either_spelling: true`):
    /// a number, or text holding the number.
    pub either_spelling: bool,
}

/// The type of a field.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// Text.
    String,
    /// A whole number (`i64`).
    Integer,
    /// A number (`f64`).
    Number,
    /// `true` or `false`.
    Boolean,
    /// Any JSON the document does not describe.
    Json,
    /// A file part of a multipart body.
    File,
    /// An object type of the vendor.
    Struct(TypeId),
    /// An enumeration of the vendor, with the wire type of its codes.
    Enum(TypeId, EnumKind),
    /// A list.
    Array(Box<Ty>),
}

impl Ty {
    /// An enumeration, or an array of one: its values are checked against the
    /// documented codes (`Validator::known` / `known_each`).
    pub fn is_enum_valued(&self) -> bool {
        match self {
            Ty::Enum(..) => true,
            Ty::Array(item) => matches!(item.as_ref(), Ty::Enum(..)),
            _ => false,
        }
    }
}

/// The wire type of an enumeration's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumKind {
    /// Codes sent as numbers.
    Integer,
    /// Codes sent as strings.
    String,
}

/// A literal from the spec (defaults, conditions, allowed values).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// A whole number.
    Int(i64),
    /// Text.
    Str(String),
    /// `true` or `false`.
    Bool(bool),
    /// A finite number.
    Float(f64),
}

/// The value as the spec writes it and documentation shows it: `3`, `abc`,
/// `true`, `1.5` (strings without quotes).
impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::Int(i) => write!(f, "{i}"),
            Literal::Str(s) => f.write_str(s),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Float(x) => write!(f, "{x}"),
        }
    }
}

/// An enumeration: the documented codes of a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// Its Rust name (UpperCamelCase).
    pub name: String,
    /// The name the spec gives it (its key under `types:`, or `type_name:`);
    /// `None` when the name is derived from where the type is written.
    pub spec_name: Option<String>,
    /// Its documentation.
    pub doc: Doc,
    /// The wire type of its codes.
    pub kind: EnumKind,
    /// The documented values, in spec order.
    pub variants: Vec<Variant>,
    /// The values are single bits that a value combines by OR (`bits:
    /// true`): the generated type is a set of flags, not a choice of one.
    pub bits: bool,
}

impl Enum {
    /// Every documented bit of a `bits` enumeration, OR-ed together.
    pub fn documented_bits(&self) -> i64 {
        self.variants
            .iter()
            .filter_map(|v| match v.code {
                Literal::Int(i) => Some(i),
                _ => None,
            })
            .fold(0, |all, bit| all | bit)
    }
}

/// One documented value of an enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The Rust variant name (UpperCamelCase).
    pub name: String,
    /// The code on the wire.
    pub code: Literal,
    /// The document's label for it.
    pub label: String,
}

/// One documented constraint on a value, with the vendor's error key if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// What is checked.
    pub kind: CheckKind,
    /// The vendor's error key for a value that breaks it.
    pub error_key: Option<String>,
}

/// A documented constraint on one value.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckKind {
    /// At most this many characters.
    MaxChars(u64),
    /// At most this many UTF-8 bytes.
    MaxBytes(u64),
    /// Exactly this many characters.
    Length(u64),
    /// At least this many characters.
    MinChars(u64),
    /// At least this many UTF-8 bytes.
    MinBytes(u64),
    /// At most this display width (East Asian wide characters count two).
    MaxWidth(u64),
    /// Which characters are allowed.
    Chars(CharRule),
    /// A text format (a time, a colour).
    Format(Format),
    /// Inclusive bounds on a number.
    Range {
        /// The least value allowed.
        min: Option<i64>,
        /// The greatest value allowed.
        max: Option<i64>,
    },
    /// The allowed values.
    OneOf(Vec<Literal>),
    /// At least this many items.
    MinItems(u64),
    /// At most this many items.
    MaxItems(u64),
    /// A file of at most this many bytes.
    MaxFileBytes(u64),
}

impl CheckKind {
    /// The spec key of this constraint (used by `error_keys`).
    pub fn key(&self) -> &'static str {
        match self {
            CheckKind::MaxChars(_) => "max_chars",
            CheckKind::MaxBytes(_) => "max_bytes",
            CheckKind::Length(_) => "length",
            CheckKind::MinChars(_) => "min_chars",
            CheckKind::MinBytes(_) => "min_bytes",
            CheckKind::MaxWidth(_) => "max_width",
            CheckKind::Chars(_) => "chars",
            CheckKind::Format(_) => "format",
            CheckKind::Range { .. } => "range",
            CheckKind::OneOf(_) => "one_of",
            CheckKind::MinItems(_) => "min_items",
            CheckKind::MaxItems(_) => "max_items",
            CheckKind::MaxFileBytes(_) => "max_file_bytes",
        }
    }
}

/// Which characters a string may hold.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CharRule {
    /// ASCII letters are allowed.
    pub letters: bool,
    /// ASCII digits are allowed.
    pub digits: bool,
    /// `allow` was given: every character must be allowed.
    pub restricted: bool,
    /// Further allowed characters.
    pub extra: String,
    /// Characters allowed nowhere.
    pub forbid: String,
    /// Characters allowed neither first nor last.
    pub forbid_at_ends: String,
    /// The document's own words for the rule.
    pub doc: Option<String>,
}

/// A text format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An ISO 8601 date and time with a UTC offset.
    Iso8601,
    /// An ISO 8601 date and time, with or without a UTC offset (a document
    /// that says only 格式为ISO8601:2000标准).
    Iso8601LocalOrOffset,
    /// `yyyy-MM-dd HH:mm:ss`.
    DateTime,
    /// Milliseconds since the Unix epoch.
    TimestampMs,
    /// Seconds since the Unix epoch (`1577836800`), as an integer or a
    /// numeric string.
    TimestampS,
    /// `#RRGGBB`.
    RgbHex,
}

impl Format {
    /// The names the spec writes (`format:`), in declaration order.
    pub const NAMES: [&'static str; 6] = [
        "iso8601",
        "iso8601_local_or_offset",
        "datetime",
        "timestamp_ms",
        "timestamp_s",
        "rgb_hex",
    ];

    /// The formats that are instants, which `before` and `no_overlap` order.
    pub const TIMES: [&'static str; 5] = [
        "iso8601",
        "iso8601_local_or_offset",
        "datetime",
        "timestamp_ms",
        "timestamp_s",
    ];

    /// Its name in the spec (`format:`).
    pub fn name(self) -> &'static str {
        Self::NAMES
            .into_iter()
            .find(|n| Format::parse(n) == Some(self))
            .expect("every format has a name")
    }

    /// Whether its values are instants that can be ordered.
    pub fn is_time(self) -> bool {
        Self::TIMES.contains(&self.name())
    }

    /// The format the spec names, if it is one.
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "iso8601" => Format::Iso8601,
            "iso8601_local_or_offset" => Format::Iso8601LocalOrOffset,
            "datetime" => Format::DateTime,
            "timestamp_ms" => Format::TimestampMs,
            "timestamp_s" => Format::TimestampS,
            "rgb_hex" => Format::RgbHex,
            _ => return None,
        })
    }
}

/// A path from an object (a rule's owner, the error envelope) to a field:
/// each step a field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPath {
    /// Wire names joined with `.`, as the spec writes the path.
    pub wire: String,
    /// The fields it goes through, the last one named.
    pub steps: Vec<Field>,
}

impl FieldPath {
    /// The field the path names.
    pub fn last(&self) -> &Field {
        self.steps
            .last()
            .expect("a field path has at least one step")
    }
}

/// A rule across fields of one object (or of a whole request).
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// What it demands.
    pub kind: RuleKind,
    /// When it applies (always when `None`).
    pub when: Option<Condition>,
    /// Further conditions that must hold with `when` (a `when:` list).
    pub also_when: Vec<Condition>,
    /// The vendor's error key for a request that breaks it.
    pub error_key: Option<String>,
    /// The document's own words for it.
    pub doc: Option<String>,
}

/// What a rule across fields demands.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleKind {
    /// These fields must be present.
    Require(Vec<FieldPath>),
    /// These fields may be present only when the rule's condition holds.
    OnlyWhen(Vec<FieldPath>),
    /// The first time is earlier than the second, both in this format.
    Before(FieldPath, FieldPath, Format),
    /// The periods of an array's items do not overlap.
    NoOverlap(Box<NoOverlap>),
    /// At least one of these fields is present.
    AtLeastOneOf(Vec<FieldPath>),
    /// Exactly one of these fields is present.
    ExactlyOneOf(Vec<FieldPath>),
    /// These fields take effect only when the rule's condition holds: a fact
    /// for their docs, never checked.
    EffectiveOnlyWhen(Vec<FieldPath>),
    /// An integer field's bounds (while the rule's condition holds).
    Limit {
        /// The field bounded.
        field: FieldPath,
        /// The least value allowed.
        min: Option<i64>,
        /// The greatest value allowed.
        max: Option<i64>,
    },
    /// Values a field may not take (while the rule's condition holds).
    ForbidValues(FieldPath, Vec<Literal>),
}

impl RuleKind {
    /// The spec keys of the rule kinds, in the order `rules:` documents them.
    pub const KEYS: [&'static str; 9] = [
        "require",
        "only_when",
        "before",
        "no_overlap",
        "at_least_one_of",
        "exactly_one_of",
        "effective_only_when",
        "limit",
        "forbid_values",
    ];
}

/// The periods `[start, end)` of an array's elements must not overlap.
#[derive(Debug, Clone, PartialEq)]
pub struct NoOverlap {
    /// The array.
    pub array: FieldPath,
    /// The field of an item where its period starts.
    pub start: Field,
    /// The field of an item where its period ends.
    pub end: Field,
    /// The format both are written in.
    pub format: Format,
}

/// A field compared with a value; an absent field compares as its default.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The field compared.
    pub field: FieldPath,
    /// How.
    pub test: Test,
}

/// How a condition compares its field.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// It equals the value.
    Equals(Literal),
    /// It does not equal the value.
    NotEquals(Literal),
    /// It is one of the values.
    In(Vec<Literal>),
    /// It is present (`true`) or absent (`false`).
    Present(bool),
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// DELETE.
    Delete,
    /// PATCH.
    Patch,
}

impl Method {
    /// The names the spec writes (`method:`), in declaration order.
    pub const NAMES: [&'static str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    /// The method the spec names, if it is one.
    pub fn parse(s: &str) -> Option<Method> {
        Some(match s {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "DELETE" => Method::Delete,
            "PATCH" => Method::Patch,
            _ => return None,
        })
    }

    /// The method as HTTP writes it (`POST`).
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// How a request body is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// A JSON body.
    Json,
    /// A form whose one field holds the JSON text.
    FormJson,
    /// multipart/form-data (files and scalars).
    Multipart,
}

impl Encoding {
    /// The names the spec writes (`encoding:`), in declaration order.
    pub const NAMES: [&'static str; 3] = ["json", "form_json", "multipart"];

    /// The encoding in words, for docs.
    pub fn describe(self, form_field: Option<&str>) -> String {
        match self {
            Encoding::Json => "JSON".into(),
            Encoding::FormJson => format!(
                "form field `{}` holding JSON",
                form_field.unwrap_or_default()
            ),
            Encoding::Multipart => "multipart/form-data".into(),
        }
    }

    /// The encoding the spec names, if it is one.
    pub fn parse(s: &str) -> Option<Encoding> {
        Some(match s {
            "json" => Encoding::Json,
            "form_json" => Encoding::FormJson,
            "multipart" => Encoding::Multipart,
            _ => return None,
        })
    }
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// How it is sent.
    pub encoding: Encoding,
    /// For `form_json`: the form field holding the JSON text.
    pub form_field: Option<String>,
    /// The struct that is the body.
    pub ty: TypeId,
}

/// The success reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The documented success status, when the document names one.
    pub status: Option<u16>,
    /// The reply's type (`None`: the reply is not read).
    pub ty: Option<Ty>,
    /// What the document says about it.
    pub doc: Option<String>,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathSegment {
    /// Text, as written.
    Literal(String),
    /// A path parameter.
    Param(Box<Field>),
}

/// How a list endpoint pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Paging {
    /// How a request names its page.
    pub style: PagingStyle,
    /// The query parameter of the page size, if any.
    pub size: Option<Field>,
    /// The reply field with the page's items (an array).
    pub items: Field,
    /// The reply field with the number of items in all.
    pub total: Option<Field>,
    /// The reply field with the number of pages in all.
    pub total_pages: Option<Field>,
    /// The reply field with the number of items after this page.
    pub remaining: Option<Field>,
    /// The reply field that says whether another page follows (a boolean).
    pub has_more: Option<Field>,
}

/// How a paged request names its page.
#[derive(Debug, Clone, PartialEq)]
pub enum PagingStyle {
    /// An item offset: the query parameter of the first item's position.
    Offset {
        /// The offset parameter (`start`, `offset`).
        start: Field,
    },
    /// A page number, counted from `first`.
    Page {
        /// The page number parameter (`page`, `pageNo`).
        page: Field,
        /// The number of the first page.
        first: i64,
    },
    /// A token the reply hands back: a position or a cursor, of the same
    /// type (integer or string) in the request and the reply.
    Token {
        /// The request parameter (`pos`, `cursor`).
        request: Box<Field>,
        /// The reply field (`next_pos`, `next_cursor`).
        reply: Box<Field>,
    },
}

/// What an example shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExampleKind {
    /// A request body.
    Request,
    /// A request line (URL with its query).
    RequestLine,
    /// A success reply.
    Response,
    /// A failure reply.
    Error,
}

/// A request or reply example, as the document prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The document's name for it.
    pub name: Option<String>,
    /// What it shows.
    pub kind: ExampleKind,
    /// The text as the document prints it.
    pub verbatim: String,
    /// The JSON to test with (`json:` when the verbatim text is not JSON).
    pub json: String,
    /// Why `json` differs from `verbatim`, or other remarks.
    pub note: Option<String>,
}

/// One endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// snake_case: the client method (`r#match` for the operation `match`).
    pub name: String,
    /// The operation's name in the spec (`match`): how it is shown at run time.
    pub spec_name: String,
    /// UpperCamelCase prefix of the request type (`<Prefix>Request`).
    pub type_name: String,
    /// The document's own name for the endpoint.
    pub title: Option<String>,
    /// Its documentation.
    pub doc: Doc,
    /// The HTTP method.
    pub method: Method,
    /// The path template, as written (`/v1/meetings/{meeting_id}`).
    pub path: String,
    /// Safe to repeat whatever its method (`idempotent: true`).
    pub idempotent: bool,
    /// The path template, split.
    pub segments: Vec<PathSegment>,
    /// Parameters in the path.
    pub path_params: Vec<Field>,
    /// Parameters in the query.
    pub query: Vec<Field>,
    /// Parameters in headers.
    pub headers: Vec<Field>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// The success reply.
    pub response: Response,
    /// The lowest API level that has it.
    pub min_api_level: Option<u32>,
    /// The parameter that carries the real method when it is sent as POST.
    pub method_override: Option<String>,
    /// How it pages, for list endpoints.
    pub paging: Option<Paging>,
    /// Rules across the request's fields.
    pub rules: Vec<Rule>,
    /// The document's examples.
    pub examples: Vec<Example>,
    /// Where in the document it is described.
    pub source: Option<Source>,
}

/// Where in a document an operation is described.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The document: a file of the vendor's `sources:` or a URL (the
    /// vendor's one source when the spec names none).
    pub doc: Option<String>,
    /// The section or page, as the document titles it.
    pub section: Option<String>,
}

impl std::fmt::Display for Source {
    /// `doc, section`, or whichever of the two is known.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<&str> = [&self.doc, &self.section]
            .into_iter()
            .filter_map(|p| p.as_deref())
            .collect();
        f.write_str(&parts.join(", "))
    }
}

impl Operation {
    /// The name of its request type (`<Prefix>Request`).
    pub fn request_type(&self) -> String {
        format!("{}Request", self.type_name)
    }

    /// The fields of the request type: path, query and header parameters (path
    /// parameters always required), then `body` when there is one.
    pub fn request_fields(&self) -> Vec<Field> {
        let mut fields: Vec<Field> = self
            .path_params
            .iter()
            .chain(&self.query)
            .chain(&self.headers)
            .cloned()
            .collect();
        for f in fields.iter_mut().take(self.path_params.len()) {
            f.required = true;
        }
        if let Some(b) = &self.body {
            fields.push(Field {
                wire: "body".into(),
                ident: "body".into(),
                ty: Ty::Struct(b.ty),
                required: true,
                default: None,
                doc: Doc {
                    text: Some(format!(
                        "The request body ({}).",
                        b.encoding.describe(b.form_field.as_deref())
                    )),
                    note: None,
                    doc_name: None,
                },
                checks: Vec::new(),
                enum_error_key: None,
                boxed: false,
                sensitive: false,
                either_spelling: false,
            });
        }
        fields
    }
}
