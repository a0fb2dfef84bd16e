//! Names as keys that allow only ASCII: OpenAPI component keys
//! (`^[a-zA-Z0-9._-]+$`) and HTML fragments that survive any URL handling.

/// `name` with its ASCII letters, digits and `_` kept and any other character
/// written `.<code point in hex>.`; a `.` is always escaped, so two names
/// never share a key.
pub(crate) fn ascii_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            key.push(c);
        } else {
            key.push_str(&format!(".{:x}.", u32::from(c)));
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_stay_and_other_characters_are_delimited_code_points() {
        assert_eq!(ascii_key("Update_live2"), "Update_live2");
        assert_eq!(ascii_key("a b.名"), "a.20.b.2e..540d.");
    }

    #[test]
    fn names_that_differ_get_keys_that_differ() {
        // U+540D then `5`, against U+540D5: fixed ends tell them apart.
        assert_ne!(ascii_key("名5"), ascii_key("\u{540d5}"));
    }
}
