//! Rust names for wire names: the case converted as heck converts it (by a port
//! of its word splitting for ASCII names, by heck for others), then keywords and
//! digits handled.

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
///
/// Keywords become raw (`r#type`) or get a trailing underscore (`self_`); a name
/// that cannot start an identifier (`3d`) gets an `n` prefix. Returns `None` when
/// no identifier can be derived (no letters or digits, or characters Rust does not
/// accept in identifiers, such as `²`).
pub fn field_ident(wire: &str) -> Option<String> {
    let snake = ascii_case(wire, Case::Snake).unwrap_or_else(|| wire.to_snake_case());
    finish(snake, "n")
}

/// An UpperCamelCase type or variant identifier (`V` prefix before a digit).
pub fn type_ident(name: &str) -> Option<String> {
    let camel = ascii_case(name, Case::UpperCamel).unwrap_or_else(|| name.to_upper_camel_case());
    finish(camel, "V")
}

/// The two cases names are converted to.
#[derive(Clone, Copy, PartialEq)]
enum Case {
    Snake,
    UpperCamel,
}

/// heck's conversion of an ASCII name, without heck's formatter and its
/// lowercase pass per character: nearly every wire and type name is ASCII,
/// and heck's general path was a tenth of checking time at 10,000
/// endpoints. The words are heck's: split at every character that is not a
/// letter or digit, after a lowercase letter (or digits after one) that a
/// capital follows, and before the last capital of a run that a lowercase
/// letter follows (`XXRequest` is `XX`, `Request`). `None` for a name with
/// any other character, which heck converts.
fn ascii_case(name: &str, case: Case) -> Option<String> {
    if !name.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(name.len() + 4);
    let mut push = |word: &str| {
        let mut chars = word.chars();
        match case {
            Case::Snake => {
                if !out.is_empty() {
                    out.push('_');
                }
                out.extend(chars.map(|c| c.to_ascii_lowercase()));
            }
            Case::UpperCamel => {
                out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                out.extend(chars.map(|c| c.to_ascii_lowercase()));
            }
        }
    };
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = word.as_bytes();
        // The case of the last letter since the word began: a capital
        // after a lowercase letter starts a word.
        let mut last: Option<bool> = None;
        let mut start = 0;
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                push(&word[start..]);
                break;
            };
            let upper = c.is_ascii_uppercase();
            let this = if c.is_ascii_alphabetic() {
                Some(upper)
            } else {
                last
            };
            if this == Some(false) && next.is_ascii_uppercase() {
                push(&word[start..=i]);
                (start, last) = (i + 1, None);
            } else if last == Some(true) && upper && next.is_ascii_lowercase() {
                push(&word[start..i]);
                (start, last) = (i, None);
            } else {
                last = this;
            }
        }
    }
    Some(out)
}

/// An UpperCamelCase name to build longer type names from (`Self` in
/// `SelfRequest`, `Type` in `OwnerType`): [`type_ident`] without the keyword
/// escape, which only a name standing alone needs.
pub fn type_part(name: &str) -> Option<String> {
    let ident = type_ident(name)?;
    let bare = ident.strip_prefix("r#").unwrap_or(&ident);
    let bare = match bare.strip_suffix('_') {
        Some(keyword) if UNRAWABLE.contains(&keyword) => keyword,
        _ => bare,
    };
    Some(bare.to_string())
}

/// Escapes a case-converted name into an identifier, prefixing it when it cannot
/// start one. heck keeps every alphanumeric character, and Unicode has
/// alphanumerics that identifiers reject: those names give `None` rather than a
/// token the emitter could not build.
fn finish(converted: String, prefix: &str) -> Option<String> {
    if converted.is_empty() {
        return None;
    }
    let starts_ident = converted.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && !converted.starts_with(|c: char| c.is_ascii_digit());
    let candidate = if starts_ident {
        converted
    } else {
        format!("{prefix}{converted}")
    };
    let ident = escape_keyword(candidate);
    is_ident(&ident).then_some(ident)
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

/// ASCII letters, digits and `_`, not starting with a digit: an identifier
/// unless it is a keyword, and one proc-macro2 accepts without question.
pub(crate) fn is_plain_ascii(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Whether `s` is usable as written as a Rust identifier.
pub fn is_ident(s: &str) -> bool {
    if is_plain_ascii(s) {
        // Most names: no need to run syn's parser (a tenth of checking time).
        // The same keywords syn refuses (`gen` is reserved only from 2024 on).
        return s == "gen" || !(RAW_KEYWORDS.contains(&s) || UNRAWABLE.contains(&s));
    }
    syn::parse_str::<syn::Ident>(s).is_ok()
}

/// The identifier without a raw prefix, for deriving further names.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name of up to six characters over letters of both cases, a
    /// digit, `_` and `-` converts as heck converts it.
    #[test]
    fn ascii_names_convert_as_heck_converts_them() {
        let alphabet = ['a', 'b', 'A', 'B', '1', '_', '-'];
        let mut names = vec![String::new()];
        for _ in 0..6 {
            names = names
                .iter()
                .flat_map(|n| alphabet.iter().map(move |c| format!("{n}{c}")))
                .collect();
            for name in &names {
                let snake = ascii_case(name, Case::Snake);
                assert_eq!(snake.as_deref(), Some(&*name.to_snake_case()), "{name}");
                let camel = ascii_case(name, Case::UpperCamel);
                assert_eq!(
                    camel.as_deref(),
                    Some(&*name.to_upper_camel_case()),
                    "{name}"
                );
            }
        }
        for name in [
            "GetMtDetailXXRequest",
            "roomID",
            "HTTPServer",
            "a1B",
            "page2_size",
        ] {
            let camel = ascii_case(name, Case::UpperCamel);
            assert_eq!(
                camel.as_deref(),
                Some(&*name.to_upper_camel_case()),
                "{name}"
            );
        }
        assert_eq!(ascii_case("房间", Case::Snake), None);
    }

    #[test]
    fn keywords_become_raw_or_get_an_underscore() {
        assert_eq!(field_ident("type").unwrap(), "r#type");
        assert_eq!(field_ident("match").unwrap(), "r#match");
        assert_eq!(field_ident("self").unwrap(), "self_");
        assert_eq!(type_ident("Self").unwrap(), "Self_");
        assert_eq!(field_ident("crate").unwrap(), "crate_");
    }

    #[test]
    fn the_fast_identifier_test_agrees_with_syn() {
        let words = RAW_KEYWORDS.iter().chain(UNRAWABLE).copied();
        let others = [
            "gen",
            "room_name",
            "r#type",
            "n3d",
            "3d",
            "名称",
            "a-b",
            "",
            "_x",
            "Self_",
        ];
        for word in words.chain(others) {
            assert_eq!(
                is_ident(word),
                syn::parse_str::<syn::Ident>(word).is_ok(),
                "{word:?}"
            );
        }
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

    #[test]
    fn names_with_characters_identifiers_reject_give_nothing() {
        // `²` is alphanumeric (heck keeps it) but not an identifier character.
        assert_eq!(field_ident("a²"), None);
        assert_eq!(type_ident("x²"), None);
    }

    #[test]
    fn names_starting_with_non_ascii_digits_get_a_prefix() {
        assert_eq!(field_ident("١a").unwrap(), "n١a");
    }

    #[test]
    fn type_name_parts_keep_keywords_unescaped() {
        assert_eq!(type_ident("self").unwrap(), "Self_");
        assert_eq!(type_part("self").unwrap(), "Self");
        assert_eq!(type_part("type").unwrap(), "Type");
        assert_eq!(type_part("3d").unwrap(), "V3d");
    }

    #[test]
    fn non_ascii_names_stay_as_written() {
        assert_eq!(field_ident("名称").unwrap(), "名称");
        assert_eq!(type_ident("名字").unwrap(), "名字");
    }
}
