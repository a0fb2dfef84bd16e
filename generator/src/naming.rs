//! Rust names for wire names: heck for the case, then keywords and digits handled.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that can be written raw (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers: they get a trailing underscore.
const UNRAWABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Names the generated code itself uses in each vendor module.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Client",
    "Option",
    "Some",
    "None",
    "String",
    "Vec",
    "Box",
    "Result",
    "Ok",
    "Err",
    "Error",
    "Default",
    "Validate",
    "Validator",
    "Violation",
    "FilePart",
    "Credentials",
    "Value",
    "Serialize",
    "Deserialize",
    "Operation",
];

/// A snake_case field or method identifier for a wire name.
/// Returns `None` when no identifier can be derived (the name has no letters or digits).
pub fn field_ident(wire: &str) -> Option<String> {
    let snake = wire.to_snake_case();
    if snake.is_empty() {
        return None;
    }
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        snake
    };
    Some(escape_keyword(snake))
}

/// An UpperCamelCase type or variant identifier.
pub fn type_ident(name: &str) -> Option<String> {
    let camel = name.to_upper_camel_case();
    if camel.is_empty() {
        return None;
    }
    let camel = if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{camel}")
    } else {
        camel
    };
    Some(escape_keyword(camel))
}

/// A variant name derived from an enum label, only when the label is plain ASCII
/// (a Chinese label is documentation, not a name: the spec must give `name:`).
pub fn variant_ident(label: &str) -> Option<String> {
    if !label.is_ascii() {
        return None;
    }
    type_ident(label)
}

fn escape_keyword(ident: String) -> String {
    if UNRAWABLE.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if RAW_KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// Whether `s` is usable as written as a Rust identifier.
pub fn is_ident(s: &str) -> bool {
    syn::parse_str::<syn::Ident>(s).is_ok()
}

/// The identifier without a raw prefix, for deriving further names.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_become_raw_or_get_an_underscore() {
        assert_eq!(field_ident("type").unwrap(), "r#type");
        assert_eq!(field_ident("match").unwrap(), "r#match");
        assert_eq!(field_ident("self").unwrap(), "self_");
        assert_eq!(type_ident("Self").unwrap(), "Self_");
        assert_eq!(field_ident("crate").unwrap(), "crate_");
    }

    #[test]
    fn wire_names_in_camel_case_become_snake_case() {
        assert_eq!(field_ident("roomName").unwrap(), "room_name");
        assert_eq!(field_ident("X-TC-Key").unwrap(), "x_tc_key");
    }

    #[test]
    fn names_starting_with_digits_get_a_prefix() {
        assert_eq!(field_ident("3d").unwrap(), "n3d");
        assert_eq!(type_ident("4k").unwrap(), "V4k");
    }

    #[test]
    fn chinese_labels_do_not_make_variant_names() {
        assert_eq!(variant_ident("小程序"), None);
        assert_eq!(variant_ident("H.264_HP").unwrap(), "H264Hp");
    }

    #[test]
    fn names_without_letters_or_digits_give_nothing() {
        assert_eq!(field_ident("???"), None);
    }
}
