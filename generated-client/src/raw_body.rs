//! [`RawBody`]: a reply body kept in an error, whole for code that asks and
//! bounded wherever it is printed.
//!
//! A hostile or broken server can answer with megabytes of HTML; an error's
//! `Display` or `Debug` reaches logs and panic messages, so both show at most
//! [`RawBody::SHOWN`] bytes, cut on a character boundary, and the total size.

use std::fmt;

/// A reply body as received: the whole text ([`RawBody::as_str`], lossy
/// UTF-8) and the exact bytes ([`RawBody::as_bytes`]); printed, only a
/// prefix of [`RawBody::SHOWN`] bytes and the total size.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct RawBody {
    /// The body as text; invalid UTF-8 replaced by U+FFFD.
    text: String,
    /// The exact bytes, kept only when they are not valid UTF-8 (else `text`
    /// holds them already).
    invalid_utf8: Option<Vec<u8>>,
}

impl RawBody {
    /// The most bytes of a body that `Display` and `Debug` show.
    pub const SHOWN: usize = 1024;

    /// A body of these bytes.
    pub fn new(bytes: Vec<u8>) -> RawBody {
        match String::from_utf8(bytes) {
            Ok(text) => RawBody {
                text,
                invalid_utf8: None,
            },
            Err(e) => RawBody {
                text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
                invalid_utf8: Some(e.into_bytes()),
            },
        }
    }

    /// The whole body as text (invalid UTF-8 replaced by U+FFFD).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The whole body, byte for byte as received.
    pub fn as_bytes(&self) -> &[u8] {
        self.invalid_utf8.as_deref().unwrap_or(self.text.as_bytes())
    }

    /// The size of the body in bytes, as received.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text shown when printed: at most [`RawBody::SHOWN`] bytes, ending
    /// on a character boundary; `None` when that is all of it.
    fn shown_prefix(&self) -> Option<&str> {
        (self.text.len() > Self::SHOWN).then(|| prefix(&self.text, Self::SHOWN))
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a
/// character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The most bytes of an error message that quotes a reply.
const MESSAGE_SHOWN: usize = 256;

/// `text` itself when it fits in `MESSAGE_SHOWN` bytes, else its prefix and
/// its size: for messages that may quote a reply (serde's errors quote the
/// offending string whole), printed beside the body's own prefix.
pub(crate) fn bounded(text: String) -> String {
    if text.len() <= MESSAGE_SHOWN {
        return text;
    }
    let shown = prefix(&text, MESSAGE_SHOWN);
    format!("{shown}… ({} bytes total)", text.len())
}

impl fmt::Display for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.shown_prefix() {
            None => f.write_str(&self.text),
            Some(prefix) => write!(f, "{prefix}… ({} bytes total)", self.len()),
        }
    }
}

impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.shown_prefix() {
            None => fmt::Debug::fmt(&self.text, f),
            Some(prefix) => write!(f, "{prefix:?}… ({} bytes total)", self.len()),
        }
    }
}

impl From<&str> for RawBody {
    fn from(s: &str) -> RawBody {
        RawBody::new(s.as_bytes().to_vec())
    }
}

impl From<Vec<u8>> for RawBody {
    fn from(bytes: Vec<u8>) -> RawBody {
        RawBody::new(bytes)
    }
}

impl PartialEq<str> for RawBody {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for RawBody {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl PartialEq<String> for RawBody {
    fn eq(&self, other: &String) -> bool {
        self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_body_prints_whole() {
        let body = RawBody::from("{\"code\":1}");
        assert_eq!(body.to_string(), "{\"code\":1}");
        assert_eq!(format!("{body:?}"), "\"{\\\"code\\\":1}\"");
    }

    #[test]
    fn a_long_body_prints_a_prefix_cut_on_a_character_boundary_and_its_size() {
        // 3-byte characters: SHOWN (1024) is not a multiple of 3.
        let body = RawBody::from("会".repeat(1000).as_str());
        let shown = body.to_string();
        assert!(shown.ends_with("… (3000 bytes total)"), "{shown}");
        let prefix = shown.trim_end_matches("… (3000 bytes total)");
        assert_eq!(prefix, "会".repeat(341));
        assert!(format!("{body:?}").len() < RawBody::SHOWN + 40);
        assert_eq!(body.as_str().len(), 3000);
    }

    #[test]
    fn a_long_message_is_bounded_and_a_short_one_kept() {
        assert_eq!(bounded("short".into()), "short");
        let long = bounded("é".repeat(5000));
        assert!(long.len() < MESSAGE_SHOWN + 40, "{}", long.len());
        assert!(long.ends_with("… (10000 bytes total)"), "{long}");
    }

    #[test]
    fn invalid_utf8_keeps_its_exact_bytes() {
        let bytes = vec![b'a', 0xff, b'b'];
        let body = RawBody::new(bytes.clone());
        assert_eq!(body.as_bytes(), bytes.as_slice());
        assert_eq!(body.as_str(), "a\u{fffd}b");
        assert_eq!(body.len(), 3);
    }
}
