//! The resolved, validated API: what emitters consume.
//!
//! Every name here is final (a valid, collision-free Rust identifier), every type
//! reference resolves, every rule names fields that exist. Emitters never check.

/// All vendors of one run, in a stable order (by vendor name).
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub vendors: Vec<Vendor>,
}

/// One vendor: its header, its types and its operations, in spec order.
#[derive(Debug, Clone, PartialEq)]
pub struct Vendor {
    /// snake_case: module, file and cargo feature name.
    pub name: String,
    pub title: String,
    pub doc: Option<String>,
    pub sources: Vec<String>,
    pub base_url: Option<String>,
    pub auth: Auth,
    pub api_level: Option<u32>,
    pub error: Option<ErrorModel>,
    pub catalogue: Vec<CatalogueEntry>,
    pub notes: Vec<String>,
    pub types: Vec<TypeDecl>,
    pub operations: Vec<Operation>,
    /// The spec files this vendor was read from (for rerun-if-changed).
    pub files: Vec<std::path::PathBuf>,
}

/// The authentication scheme, implemented by the hand-written runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    TencentMeeting,
    Polyv,
    Yxt,
    Kedacom,
    None,
}

impl Auth {
    pub const NAMES: [&'static str; 5] = ["tencent_meeting", "polyv", "yxt", "kedacom", "none"];

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

/// Where failure replies keep their parts (dotted wire paths).
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorModel {
    pub ty: String,
    pub code: Option<String>,
    pub message: Option<String>,
    pub key: Option<String>,
    pub request_id: Option<String>,
    pub success: Option<(String, Literal)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CatalogueEntry {
    pub key: String,
    pub status: u16,
    pub message: String,
}

/// Documentation carried into rustdoc.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    pub text: Option<String>,
    pub note: Option<String>,
    pub doc_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeDecl {
    Struct(Struct),
    Enum(Enum),
}

impl TypeDecl {
    pub fn name(&self) -> &str {
        match self {
            TypeDecl::Struct(s) => &s.name,
            TypeDecl::Enum(e) => &e.name,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub name: String,
    pub doc: Doc,
    pub fields: Vec<Field>,
    pub rules: Vec<Rule>,
    /// Fields whose types are this struct (directly or through arrays) are boxed.
    pub recursive: bool,
    /// Requests contain this struct (directly or nested): it gets a constructor,
    /// setters and `Validate`. Reply-only structs are only decoded.
    pub in_requests: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name on the wire (JSON key, query or form name, path placeholder).
    pub wire: String,
    /// The Rust identifier (may be raw: `r#type`).
    pub ident: String,
    pub ty: Ty,
    pub required: bool,
    pub default: Option<Literal>,
    pub doc: Doc,
    pub checks: Vec<Check>,
    /// The vendor's error key for a value outside the field's enumeration
    /// (`error_keys: {enum: ...}`).
    pub enum_error_key: Option<String>,
    /// The field's type is (or holds) its own enclosing struct: box it.
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Json,
    File,
    Struct(String),
    Enum(String, EnumKind),
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumKind {
    Integer,
    String,
}

/// A literal from the spec (defaults, conditions, allowed values).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Int(i64),
    Str(String),
    Bool(bool),
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

#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub name: String,
    pub doc: Doc,
    pub kind: EnumKind,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub name: String,
    pub code: Literal,
    pub label: String,
}

/// One documented constraint on a value, with the vendor's error key if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub kind: CheckKind,
    pub error_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CheckKind {
    MaxChars(u64),
    MaxBytes(u64),
    Length(u64),
    Chars(CharRule),
    Format(Format),
    Range { min: Option<i64>, max: Option<i64> },
    OneOf(Vec<Literal>),
    MinItems(u64),
    MaxItems(u64),
    MaxFileBytes(u64),
}

impl CheckKind {
    /// The spec key of this constraint (used by `error_keys`).
    pub fn key(&self) -> &'static str {
        match self {
            CheckKind::MaxChars(_) => "max_chars",
            CheckKind::MaxBytes(_) => "max_bytes",
            CheckKind::Length(_) => "length",
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

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CharRule {
    pub letters: bool,
    pub digits: bool,
    /// `allow` was given: every character must be allowed.
    pub restricted: bool,
    pub extra: String,
    pub forbid: String,
    pub forbid_at_ends: String,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Iso8601,
    DateTime,
    TimestampMs,
    RgbHex,
}

impl Format {
    pub const NAMES: [&'static str; 4] = ["iso8601", "datetime", "timestamp_ms", "rgb_hex"];

    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "iso8601" => Format::Iso8601,
            "datetime" => Format::DateTime,
            "timestamp_ms" => Format::TimestampMs,
            "rgb_hex" => Format::RgbHex,
            _ => return None,
        })
    }
}

/// A path from the object that owns a rule to a field: each step a field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPath {
    /// Wire names joined with `.`, as shown in messages.
    pub wire: String,
    pub steps: Vec<Field>,
}

impl FieldPath {
    pub fn last(&self) -> &Field {
        self.steps
            .last()
            .expect("a field path has at least one step")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub kind: RuleKind,
    pub when: Option<Condition>,
    pub error_key: Option<String>,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RuleKind {
    Require(Vec<FieldPath>),
    OnlyWhen(Vec<FieldPath>),
    Before(FieldPath, FieldPath, Format),
    NoOverlap(Box<NoOverlap>),
}

/// The periods `[start, end)` of an array's elements must not overlap.
#[derive(Debug, Clone, PartialEq)]
pub struct NoOverlap {
    pub array: FieldPath,
    pub start: Field,
    pub end: Field,
    pub format: Format,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub field: FieldPath,
    pub test: Test,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    Equals(Literal),
    NotEquals(Literal),
    In(Vec<Literal>),
    Present(bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
}

impl Method {
    pub const NAMES: [&'static str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];

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

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Json,
    FormJson,
    Multipart,
}

impl Encoding {
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

    pub fn parse(s: &str) -> Option<Encoding> {
        Some(match s {
            "json" => Encoding::Json,
            "form_json" => Encoding::FormJson,
            "multipart" => Encoding::Multipart,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub encoding: Encoding,
    /// For `form_json`: the form field holding the JSON text.
    pub form_field: Option<String>,
    /// The struct that is the body.
    pub ty: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: Option<u16>,
    pub ty: Option<Ty>,
    pub doc: Option<String>,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathSegment {
    Literal(String),
    Param(Box<Field>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paging {
    pub start: Field,
    pub count: Field,
    pub total: Field,
    pub items: Field,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExampleKind {
    Request,
    RequestLine,
    Response,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub name: Option<String>,
    pub kind: ExampleKind,
    pub verbatim: String,
    /// The JSON to test with (`json:` when the verbatim text is not JSON).
    pub json: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// snake_case: the client method (`r#match` for the operation `match`).
    pub name: String,
    /// The operation's name in the spec (`match`): how it is shown at run time.
    pub spec_name: String,
    /// UpperCamelCase prefix of the request type (`<Prefix>Request`).
    pub type_name: String,
    pub title: Option<String>,
    pub doc: Doc,
    pub method: Method,
    pub path: String,
    pub segments: Vec<PathSegment>,
    pub path_params: Vec<Field>,
    pub query: Vec<Field>,
    pub headers: Vec<Field>,
    pub body: Option<Body>,
    pub response: Response,
    pub min_api_level: Option<u32>,
    pub method_override: Option<String>,
    pub paging: Option<Paging>,
    pub rules: Vec<Rule>,
    pub examples: Vec<Example>,
}

impl Operation {
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
                ty: Ty::Struct(b.ty.clone()),
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
            });
        }
        fields
    }
}
