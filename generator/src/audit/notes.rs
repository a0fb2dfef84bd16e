//! Which difference a `note:` explains. A note accepts a difference of a
//! field only when it speaks of that attribute, in English or in the
//! document's Chinese: a note about a field's error keys does not excuse its
//! required flag. The words are those notes use to settle each question.

/// A compared attribute of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attribute {
    Type,
    Required,
    Enumeration,
    Limits,
    Default,
    Format,
    Chars,
}

impl Attribute {
    /// The attribute as messages name it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Attribute::Type => "type",
            Attribute::Required => "required",
            Attribute::Enumeration => "enumeration",
            Attribute::Limits => "limits",
            Attribute::Default => "default",
            Attribute::Format => "format",
            Attribute::Chars => "character rule",
        }
    }

    /// Words a note settling this attribute uses (matched case-insensitively).
    fn words(self) -> &'static [&'static str] {
        match self {
            Attribute::Type => &[
                "type", "str", "int", "number", "bool", "json", "array", "object", "类型",
            ],
            Attribute::Required => &[
                "required",
                "optional",
                "mandatory",
                "starred",
                "必填",
                "必须",
                "必选",
                "非必",
                "是否必",
            ],
            Attribute::Enumeration => &["enum", "code", "label", "value", "取值", "枚举", "可选值"],
            Attribute::Limits => &[
                "length",
                "limit",
                "max",
                "min",
                "byte",
                "character",
                "range",
                "长度",
                "字节",
                "字符",
                "范围",
                "不超过",
                "位",
            ],
            Attribute::Default => &["default", "默认"],
            Attribute::Format => &["format", "iso8601", "timestamp", "date", "格式", "时间"],
            Attribute::Chars => &[
                "char",
                "letter",
                "digit",
                "underscore",
                "字母",
                "数字",
                "下划线",
                "特殊",
            ],
        }
    }
}

/// Whether `note` speaks of `attribute`.
pub(crate) fn explains(note: &str, attribute: Attribute) -> bool {
    let note = note.to_lowercase();
    attribute.words().iter().any(|w| note.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_explains_only_the_attributes_it_speaks_of() {
        let note = "最大长度100 does not say characters or bytes; taken as characters";
        assert!(explains(note, Attribute::Limits));
        assert!(!explains(note, Attribute::Required));
        let keys = "The error list names these rules `roomId.length` although the body field is `roomCode`";
        assert!(explains(keys, Attribute::Limits));
        assert!(!explains(keys, Attribute::Default));
        assert!(explains(
            "必须列: 否, 若session不为空,则此字段必须",
            Attribute::Required
        ));
        assert!(explains("默认追呼", Attribute::Default));
        assert!(!explains("see the vendor's FAQ", Attribute::Type));
    }
}
