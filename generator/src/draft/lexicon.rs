//! The vocabulary of the vendors' documents: how a line is indented, what a
//! name, a type, a required cell and a heading look like.
//!
//! Both readers share it, so a word learnt from one vendor's page serves every
//! page in either layout.

use super::document::{ExampleKind, TableRole};

/// A line with its 1-based number.
pub(crate) type Line<'a> = (usize, &'a str);

/// The lines of a text, numbered from 1 (for locations in markers).
pub(crate) fn numbered(text: &str) -> Vec<Line<'_>> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect()
}

/// The indentation of a line in columns and the rest of it. The documents
/// indent with U+00A0 (no-break space) as often as with spaces, and nest rows
/// by indentation, so every kind of blank counts.
pub(crate) fn indent(line: &str) -> (usize, &str) {
    let rest = line.trim_start_matches(is_blank);
    (line[..line.len() - rest.len()].chars().count(), rest)
}

/// A blank character: whitespace, U+00A0, the ideographic space, or a
/// byte-order mark (a file saved from a page may start with one).
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{a0}' | '\u{3000}' | '\u{feff}')
}

/// `line` without blanks at either end.
pub(crate) fn trim(line: &str) -> &str {
    line.trim_matches(is_blank)
}

/// A heading without its trailing colon (`请求URL:` → `请求URL`).
pub(crate) fn heading(line: &str) -> &str {
    trim(trim(line).trim_end_matches([':', '：']))
}

/// A wire name as tables print it: ASCII letters, digits and `_`, possibly
/// dotted into members (`ad.adLink`, `sessions[].pid`), not starting with a digit.
pub(crate) fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_' || first == '$')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-' | '$'))
        && !s.ends_with('.')
        && !s.ends_with('-')
}

/// A scalar type word, in the spec format's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scalar {
    /// `string`.
    String,
    /// `integer`.
    Integer,
    /// `number`.
    Number,
    /// `boolean`.
    Boolean,
    /// `file`.
    File,
}

impl Scalar {
    /// The spec format's name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Integer => "integer",
            Scalar::Number => "number",
            Scalar::Boolean => "boolean",
            Scalar::File => "file",
        }
    }
}

/// What a documented type text denotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TypeClass {
    /// A scalar.
    Scalar(Scalar),
    /// An object: named (`LiveConfig 对象`, `ErrorInfo`) or not (`object`).
    Object(Option<String>),
    /// An array: of named objects (`MeetingInfo 对象数组`) or unsaid (`array`).
    Array(Option<String>),
    /// An array of scalars (`String 数组`, `Array<Integer>`).
    ScalarArray(Scalar),
}

/// The scalar a type word names, case-insensitively (`String`, `str`, `Long`).
pub(crate) fn scalar(word: &str) -> Option<Scalar> {
    Some(match word.to_ascii_lowercase().as_str() {
        "string" | "str" | "char" | "text" | "date" | "datetime" => Scalar::String,
        "int" | "integer" | "long" | "int32" | "int64" | "short" => Scalar::Integer,
        "number" | "float" | "double" | "decimal" => Scalar::Number,
        "boolean" | "bool" => Scalar::Boolean,
        "file" | "binary" => Scalar::File,
        _ => return None,
    })
}

/// What a type cell says, or `None` when it is not a type.
pub(crate) fn classify_type(text: &str) -> Option<TypeClass> {
    let text = trim(text);
    if let Some(s) = scalar(text) {
        return Some(TypeClass::Scalar(s));
    }
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "object" | "map" | "json" | "jsonobject" | "dict"
    ) {
        return Some(TypeClass::Object(None));
    }
    if matches!(lower.as_str(), "array" | "list" | "jsonarray") {
        return Some(TypeClass::Array(None));
    }
    if let Some(inner) = element(text) {
        return Some(match scalar(inner) {
            Some(s) => TypeClass::ScalarArray(s),
            None if inner.eq_ignore_ascii_case("object") => TypeClass::Array(None),
            None => TypeClass::Array(Some(inner.to_string())),
        });
    }
    if let Some(name) = text.strip_suffix("对象").map(trim) {
        if is_name(name) {
            return Some(TypeClass::Object(Some(name.to_string())));
        }
    }
    None
}

/// The element type text of an array type text: `MeetingInfo 对象数组`,
/// `String 数组`, `string[]`, `Array<String>`, `List<Integer>`.
fn element(text: &str) -> Option<&str> {
    for suffix in ["对象数组", "数组", "[]"] {
        if let Some(inner) = text.strip_suffix(suffix).map(trim) {
            if is_name(inner) {
                return Some(inner);
            }
        }
    }
    let lower = text.to_ascii_lowercase();
    let generic =
        (lower.starts_with("array<") || lower.starts_with("list<")) && text.ends_with('>');
    let inner = trim(&text[text.find('<')? + 1..text.len() - 1]);
    (generic && is_name(inner)).then_some(inner)
}

/// A type cell in a positional table, where a bare UpperCamelCase word
/// (`ErrorInfo`) can only be an object type.
pub(crate) fn classify_type_cell(text: &str) -> Option<TypeClass> {
    classify_type(text).or_else(|| {
        let text = trim(text);
        let upper = text.chars().next().is_some_and(|c| c.is_ascii_uppercase());
        (upper && is_name(text) && !text.contains('.'))
            .then(|| TypeClass::Object(Some(text.to_string())))
    })
}

/// What a required cell says: the flag, and whether the cell says more than
/// yes or no (`否, 若session不为空,则此字段必须`).
pub(crate) fn required_cell(text: &str) -> Option<(bool, bool)> {
    let text = trim(text);
    for (word, flag) in REQUIRED_WORDS {
        if let Some(rest) = text.strip_prefix(word) {
            let rest = trim(rest);
            let clean = rest.is_empty();
            let separated = rest.starts_with([',', '，', '(', '（', ';', '；']);
            if clean || separated {
                return Some((*flag, !clean));
            }
        }
    }
    None
}

/// Words of a required column and what they say.
const REQUIRED_WORDS: &[(&str, bool)] = &[
    ("是", true),
    ("否", false),
    ("true", true),
    ("false", false),
    ("必填", true),
    ("必选", true),
    ("非必填", false),
    ("选填", false),
    ("可选", false),
    ("required", true),
    ("optional", false),
];

/// The heading of a column, by what the column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    /// The parameter name.
    Name,
    /// Whether it is required.
    Required,
    /// Its type.
    Type,
    /// A validation rule (`输入校验`).
    Check,
    /// Its description.
    Description,
}

/// The column a table header cell names.
pub(crate) fn column(cell: &str) -> Option<Column> {
    Some(match heading(cell) {
        "参数名称" | "参数名" | "名称" | "参数" | "字段" | "字段名" | "name" | "Name" => {
            Column::Name
        }
        "必选" | "必填" | "是否必须" | "是否必填" | "是否必选" | "required" => {
            Column::Required
        }
        "参数类型" | "类型" | "数据类型" | "type" | "Type" => Column::Type,
        "输入校验" | "校验" | "约束" | "限制" => Column::Check,
        "参数描述" | "描述" | "说明" | "备注" | "description" => Column::Description,
        _ => return None,
    })
}

/// The role of a table by the heading above it.
pub(crate) fn table_role(heading_text: &str) -> Option<TableRole> {
    let h = heading(heading_text);
    let plain = strip_parenthesis(h);
    let role = match plain {
        "输入参数" | "请求参数" | "请求参数描述" | "请求参数说明" | "参数说明" | "Query参数" => {
            TableRole::Request
        }
        "URL请求参数" | "路径参数" | "Path参数" => TableRole::Path,
        "请求体参数" | "请求体参数描述" | "请求体参数说明" | "Body参数" | "params说明" => {
            TableRole::Body
        }
        "输出参数" | "返回参数" | "响应参数" | "响应参数描述" | "返回参数说明" | "成功回复说明"
        | "返回结果" => TableRole::Reply,
        "失败回复说明" => TableRole::Failure,
        _ => return object_heading(plain).map(TableRole::Object),
    };
    Some(role)
}

/// The object a heading introduces: `LiveConfig 对象`, `Error参数描述`,
/// `body参数字段说明`.
pub(crate) fn object_heading(h: &str) -> Option<String> {
    for suffix in ["参数字段说明", "字段说明", "参数描述", "字段描述", "对象"] {
        if let Some(name) = h.strip_suffix(suffix).map(trim) {
            if is_name(name) && !name.contains('.') {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// The kind of example a caption introduces, or `None` when it is no caption.
pub(crate) fn example_caption(text: &str) -> Option<ExampleKind> {
    let full = heading(text);
    let kind = caption_kind(strip_parenthesis(full))?;
    // `输出示例(失败时返回)`: the remark decides.
    let failure = ["失败", "错误", "异常"].iter().any(|w| full.contains(w));
    Some(if kind == ExampleKind::Response && failure {
        ExampleKind::Error
    } else {
        kind
    })
}

/// The kind of example a caption without remark introduces.
fn caption_kind(h: &str) -> Option<ExampleKind> {
    Some(match h {
        "输入示例" | "请求示例" | "请求" | "请求体" | "请求体json参数" | "params示例" => {
            ExampleKind::Request
        }
        "输出示例" | "响应示例" | "返回示例" | "成功示例" | "正确时返回" | "成功回复示例" => {
            ExampleKind::Response
        }
        "异常示例" | "错误时返回" | "失败示例" | "失败回复示例" | "错误示例" => {
            ExampleKind::Error
        }
        _ => return None,
    })
}

/// `text` without a trailing parenthesised remark (`输出示例(失败时返回)`).
pub(crate) fn strip_parenthesis(text: &str) -> &str {
    match text.find(['(', '（']) {
        Some(at) if at > 0 && text.ends_with([')', '）']) => trim(&text[..at]),
        _ => text,
    }
}

/// An HTTP method word, upper-cased.
pub(crate) fn method(word: &str) -> Option<&'static str> {
    let upper = trim(word).to_ascii_uppercase();
    ["GET", "POST", "PUT", "DELETE", "PATCH"]
        .into_iter()
        .find(|m| *m == upper)
}

/// Parameter names that carry credentials: they belong to the vendor's auth
/// scheme, not to an operation. `timestamp` counts only beside a signature.
pub(crate) fn is_credential(name: &str, beside_signature: bool) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("token")
        || matches!(
            lower.as_str(),
            "sign" | "signature" | "appid" | "app_id" | "appkey" | "app_key" | "nonce" | "secret"
        )
        || (beside_signature && lower == "timestamp")
}

/// Whether `name` is a signature parameter (so `timestamp` beside it is one).
pub(crate) fn is_signature(name: &str) -> bool {
    matches!(name.to_ascii_lowercase().as_str(), "sign" | "signature")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_counts_no_break_spaces() {
        assert_eq!(indent("\u{a0} \u{a0} name str"), (4, "name str"));
        assert_eq!(indent("name"), (0, "name"));
    }

    #[test]
    fn names_are_ascii_words_possibly_dotted() {
        assert!(is_name("sessions[].pid"));
        assert!(is_name("_method"));
        assert!(!is_name("1.字符限制"));
        assert!(!is_name("resource_type=1"));
        assert!(!is_name(""));
    }

    #[test]
    fn type_cells_name_scalars_objects_and_arrays() {
        assert_eq!(
            classify_type("String"),
            Some(TypeClass::Scalar(Scalar::String))
        );
        assert_eq!(
            classify_type("Long"),
            Some(TypeClass::Scalar(Scalar::Integer))
        );
        assert_eq!(
            classify_type("LiveConfig 对象"),
            Some(TypeClass::Object(Some("LiveConfig".into())))
        );
        assert_eq!(
            classify_type("MeetingInfo 对象数组"),
            Some(TypeClass::Array(Some("MeetingInfo".into())))
        );
        assert_eq!(
            classify_type("String 数组"),
            Some(TypeClass::ScalarArray(Scalar::String))
        );
        assert_eq!(
            classify_type("Array<Integer>"),
            Some(TypeClass::ScalarArray(Scalar::Integer))
        );
        assert_eq!(
            classify_type("List<Room>"),
            Some(TypeClass::Array(Some("Room".into())))
        );
        assert_eq!(classify_type("Object数组"), Some(TypeClass::Array(None)));
        assert_eq!(classify_type("<>"), None);
        assert_eq!(classify_type("ErrorInfo"), None);
        assert_eq!(
            classify_type_cell("ErrorInfo"),
            Some(TypeClass::Object(Some("ErrorInfo".into())))
        );
        assert_eq!(classify_type("用户 ID。"), None);
    }

    #[test]
    fn required_cells_say_yes_no_or_more() {
        assert_eq!(required_cell("是"), Some((true, false)));
        assert_eq!(required_cell("false"), Some((false, false)));
        assert_eq!(
            required_cell("否, 若session不为空,则此字段必须"),
            Some((false, true))
        );
        assert_eq!(required_cell("是否开启"), None);
    }

    #[test]
    fn headings_name_table_roles() {
        assert_eq!(table_role("输入参数"), Some(TableRole::Request));
        assert_eq!(table_role("请求体参数:"), Some(TableRole::Body));
        assert_eq!(
            table_role("LiveConfig 对象"),
            Some(TableRole::Object("LiveConfig".into()))
        );
        assert_eq!(
            table_role("body参数字段说明"),
            Some(TableRole::Object("body".into()))
        );
        assert_eq!(table_role("示例"), None);
    }

    #[test]
    fn example_captions_say_what_they_show() {
        assert_eq!(
            example_caption("输出示例(失败时返回)"),
            Some(ExampleKind::Error)
        );
        assert_eq!(example_caption("输出示例"), Some(ExampleKind::Response));
        assert_eq!(example_caption("错误时返回:"), Some(ExampleKind::Error));
        assert_eq!(example_caption("接口描述"), None);
    }

    #[test]
    fn credentials_are_recognised_by_name() {
        assert!(is_credential("account_token", false));
        assert!(is_credential("appId", false));
        assert!(!is_credential("timestamp", false));
        assert!(is_credential("timestamp", true));
        assert!(!is_credential("userid", false));
    }
}
