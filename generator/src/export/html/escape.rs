//! HTML escaping: every text of a page goes through [`text`]. Five
//! characters carry markup meaning in text and in quoted attribute values;
//! replacing them is the whole of safe escaping there (a dependency would add
//! nothing, and the lead moves minijinja to a new major meanwhile).

use crate::export::names::ascii_key;

/// `s` with `&`, `<`, `>`, `"` and `'` replaced by character references:
/// safe as element text and inside a quoted attribute value.
pub(crate) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An element id (or fragment) for a name: `<prefix>-<name>`, the name as
/// an ASCII key ([`ascii_key`]: plain names stay as they are).
pub(crate) fn id(prefix: &str, name: &str) -> String {
    format!("{prefix}-{}", ascii_key(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_references_and_the_rest_stays() {
        assert_eq!(
            text(r#"<a href="x">'会议' & 直播</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;会议&#39; &amp; 直播&lt;/a&gt;"
        );
    }

    #[test]
    fn ids_keep_plain_names_and_encode_other_characters() {
        assert_eq!(id("op", "update_live_config2"), "op-update_live_config2");
        assert_eq!(id("type", "会"), "type-.4f1a.");
    }
}
