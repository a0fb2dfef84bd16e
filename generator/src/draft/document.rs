//! The typed model of a vendor's prose document, as the readers find it.
//!
//! Nothing here is interpreted beyond what the text says: a required flag the
//! document does not print is `None`, a description is kept verbatim, a type is
//! the text the document prints. The writer decides, and marks what it cannot.

/// The table layout a document uses; each has its own reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Headings on their own lines, values below them, tables one cell per line
    /// (`name |`, `是 |`, …, or bare cells, or markdown `| a | b |` rows):
    /// Tencent Meeting, YXT, Polyv.
    Cells,
    /// `名称`/`URI`/`方法`/`说明`/`最低支持版本` header lines and
    /// `参数名称 数据类型 说明` rows nested by indentation: Kedacom.
    Rows,
}

/// A whole document: the endpoints it describes, in document order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Document {
    /// The layout the reader recognised (`None` for a document with no table).
    pub style: Option<Style>,
    /// The document's own title line (`科达视讯平台会管API`), if printed.
    pub title: Option<String>,
    /// The document-wide API level (`API_Level:3`), if printed.
    pub api_level: Option<u32>,
    /// The document-wide version line (`V6.1.0.4.0.20211123`), if printed.
    pub version: Option<String>,
    /// Every endpoint, in document order.
    pub endpoints: Vec<Endpoint>,
    /// Text after the API content the reader did not use, with its line, so a
    /// person can see what was left out (advertising, edit history).
    pub leftovers: Vec<(usize, String)>,
}

/// One endpoint (one method on one path) and everything printed about it.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Endpoint {
    /// The document's name for it (`名称`, or the heading), verbatim.
    pub title: String,
    /// 1-based line of the title.
    pub line: usize,
    /// The HTTP method as printed, upper-cased (`GET`); `None` when not found.
    pub method: Option<String>,
    /// The URL or URI as printed (host and query template included).
    pub url: Option<String>,
    /// The path part of `url`, without host and query.
    pub path: Option<String>,
    /// `{name}` placeholders of the path, in order.
    pub placeholders: Vec<String>,
    /// `key={placeholder}` or `key=value` pairs of a printed query template.
    pub query_template: Vec<(String, String)>,
    /// 最低支持版本, if printed.
    pub min_api_level: Option<u32>,
    /// The description (`说明`, `描述:`, `简要描述`), verbatim.
    pub description: Option<String>,
    /// Parameter tables, in document order.
    pub tables: Vec<Table>,
    /// Request and reply examples, verbatim.
    pub examples: Vec<Example>,
    /// Prose printed about the reply when no table describes it (`返回204的…`).
    pub reply_note: Option<String>,
}

/// What a parameter table describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TableRole {
    /// Parameters of the request whose place (path, query, body) the table
    /// heading does not say (`输入参数`, `参数说明`, `请求参数描述`).
    Request,
    /// Parameters of the URL path (`URL请求参数`).
    Path,
    /// The request body (`请求体参数`, `params说明`).
    Body,
    /// The success reply (`输出参数`, `成功回复说明`, `响应参数描述`).
    Reply,
    /// The failure reply (`失败回复说明`).
    Failure,
    /// A named object described in its own table (`LiveConfig 对象`,
    /// `Error参数描述`, `body参数字段说明`): the name.
    Object(String),
}

/// One parameter table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    /// What it describes.
    pub role: TableRole,
    /// The heading above it, verbatim (`输入参数`, `LiveConfig 对象`).
    pub caption: String,
    /// A variant label above it (`不含场次的`) when one page describes several
    /// endpoints and this table belongs to one of them.
    pub variant: Option<String>,
    /// 1-based line of the heading (or of the first row).
    pub line: usize,
    /// Whether the table has a required column or marks (`必选`, `*`).
    pub has_required_column: bool,
    /// The rows, nested rows under their parent.
    pub rows: Vec<Row>,
}

/// One documented parameter or field.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Row {
    /// The name as printed (wire name; `sessions[].pid` stays dotted here).
    pub name: String,
    /// The documented type text (`String`, `LiveConfig 对象`, `int`), if any.
    pub type_text: Option<String>,
    /// Required as documented: `Some(true)` (是, true, `*`), `Some(false)` (否,
    /// false, no `*` where the table marks required ones), `None` (not said).
    pub required: Option<bool>,
    /// The required cell verbatim when it says more than yes/no
    /// (`否, 若session不为空,则此字段必须`).
    pub required_text: Option<String>,
    /// A validation column's text (`输入校验`: `最大长度100`), verbatim.
    pub check_text: Option<String>,
    /// The description, verbatim (lines joined with `\n`).
    pub description: String,
    /// What the phrases of `description` and `check_text` say.
    pub facts: Facts,
    /// Rows nested under this one (indentation).
    pub children: Vec<Row>,
    /// 1-based line of the name.
    pub line: usize,
}

/// What a description says in the phrases `phrases` recognises.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Facts {
    /// An enumeration of codes with labels.
    pub enumeration: Option<Enumeration>,
    /// Length and size limits.
    pub limits: Vec<Limit>,
    /// A documented default.
    pub default: Option<DefaultValue>,
    /// A documented value format.
    pub format: Option<Format>,
    /// A numeric range (`0—16`).
    pub range: Option<(i64, i64)>,
    /// Allowed values without labels (`支持3、5、15、30`).
    pub one_of: Vec<i64>,
    /// Which characters a string may hold (`仅支持 英文字母 数字 …`).
    pub chars: Option<CharRule>,
    /// A reference to another table (`【详见Error字段描述`): the word before
    /// 参数/字段.
    pub reference: Option<String>,
    /// Phrases recognised but not decidable, each a question for a person.
    pub questions: Vec<String>,
}

/// Which characters a value may hold, in the document's own terms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct CharRule {
    /// Only the listed classes and `extra` (`仅支持`, `是否为字母或数字`).
    pub restricted: bool,
    /// ASCII letters allowed.
    pub letters: bool,
    /// ASCII digits allowed.
    pub digits: bool,
    /// Further allowed characters (`下划线(_) 小数点(.)` → `_.`).
    pub extra: String,
    /// Never allowed (`不支持输入特殊字符:% & *`).
    pub forbid: String,
    /// Not allowed first or last (`首字符和尾字符不支持输入,下划线(_) …`).
    pub forbid_at_ends: String,
    /// The phrases, verbatim, one per line.
    pub phrase: String,
}

/// How an enumeration is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EnumForm {
    /// One value per line: `0-关闭;`, `0:关闭,`.
    Lines,
    /// Pairs in running text: `1:是 0:否`, `Y:开启、N:关闭`, `(1=左上角,2=右下角)`.
    Prose,
    /// Pairs run together with no separator: `0:PSTN1:PC2:Mac`.
    Run,
}

/// An enumeration found in a description.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Enumeration {
    /// How it is written.
    pub form: EnumForm,
    /// Whether every code is an integer.
    pub integer: bool,
    /// The values in document order.
    pub values: Vec<EnumValue>,
    /// A question when the codes could be read more than one way.
    pub question: Option<String>,
}

/// One code and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EnumValue {
    /// The code as printed (`0`, `Y`, `Teacher`).
    pub code: String,
    /// The label as printed, trimmed of separators.
    pub label: String,
}

/// The unit of a length limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Characters (`个字符`).
    Chars,
    /// Bytes (`个字节`).
    Bytes,
}

/// What a limit bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LimitKind {
    /// At most N.
    Max,
    /// Exactly N.
    Exact,
}

/// A length limit and its unit as documented (`None`: the text does not say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Limit {
    /// At most or exactly.
    pub kind: LimitKind,
    /// The number.
    pub value: u64,
    /// The unit, only when the text states it.
    pub unit: Option<Unit>,
    /// The phrase it was read from, verbatim.
    pub phrase: String,
}

/// A documented default value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DefaultValue {
    /// The value when it is a literal (`0`, `#FFFFFF`) or a label of the
    /// field's enumeration (`关闭`); `None` when it is prose.
    pub value: Option<String>,
    /// The phrase, verbatim (`默认为0`).
    pub phrase: String,
    /// Why it cannot be taken as is (conditional, not a literal), if so.
    pub question: Option<String>,
}

/// A documented value format, in the spec format's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// ISO 8601 with offset.
    Iso8601,
    /// `yyyy-MM-dd HH:mm:ss`.
    DateTime,
    /// 13-digit millisecond timestamp.
    TimestampMs,
    /// `#RRGGBB`.
    RgbHex,
}

impl Format {
    /// The spec format's name of this format.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Iso8601 => "iso8601",
            Format::DateTime => "datetime",
            Format::TimestampMs => "timestamp_ms",
            Format::RgbHex => "rgb_hex",
        }
    }
}

/// What an example shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExampleKind {
    /// A request body.
    Request,
    /// A request line (`GET https://…`).
    RequestLine,
    /// A success reply.
    Response,
    /// A failure reply.
    Error,
}

impl ExampleKind {
    /// The spec format's name of this kind.
    pub(crate) fn name(self) -> &'static str {
        match self {
            ExampleKind::Request => "request",
            ExampleKind::RequestLine => "request_line",
            ExampleKind::Response => "response",
            ExampleKind::Error => "error",
        }
    }
}

/// An example, verbatim, with its caption and line span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Example {
    /// The caption above it (`输出示例(失败时返回)`).
    pub caption: String,
    /// What it shows.
    pub kind: ExampleKind,
    /// The text exactly as printed (lines joined with `\n`).
    pub text: String,
    /// 1-based first and last line.
    pub lines: (usize, usize),
}
