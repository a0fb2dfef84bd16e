//! The few fields of a reply's error envelope (code, key, message, success
//! flag, request id), read without building the reply's JSON tree: the top
//! level is scanned once into borrowed raw values, and only the fields asked
//! for are parsed. A reply of many records costs one syntactic pass here, not
//! an allocation per value.

use std::collections::HashMap;

use serde_json::value::RawValue;

/// The top level of a reply body, when it is a JSON object.
pub(crate) struct Envelope<'a> {
    top: Option<HashMap<String, &'a RawValue>>,
}

impl<'a> Envelope<'a> {
    /// Reads the top level of `body`; a body that is not a JSON object has no
    /// fields.
    pub(crate) fn parse(body: &'a [u8]) -> Envelope<'a> {
        Envelope {
            top: serde_json::from_slice(body).ok(),
        }
    }

    /// The value at a dotted path (`error_info.error_code`), as the paths of
    /// a vendor's error envelope are written.
    pub(crate) fn get(&self, path: &str) -> Option<serde_json::Value> {
        let mut keys = path.split('.');
        let mut raw: &RawValue = self.top.as_ref()?.get(keys.next()?)?;
        for key in keys {
            let level: HashMap<String, &RawValue> = serde_json::from_str(raw.get()).ok()?;
            raw = level.get(key)?;
        }
        serde_json::from_str(raw.get()).ok()
    }

    /// Whether the value at `path` is there.
    pub(crate) fn has(&self, path: &str) -> bool {
        self.get(path).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_nested_path_is_followed_level_by_level() {
        let body = br#"{"rows": [1, 2, 3], "error_info": {"error_code": 190300, "message": "x"}}"#;
        let envelope = Envelope::parse(body);
        assert_eq!(envelope.get("error_info.error_code"), Some(json!(190300)));
        assert_eq!(envelope.get("rows"), Some(json!([1, 2, 3])));
        assert_eq!(envelope.get("error_info.missing"), None);
        assert_eq!(envelope.get("rows.0"), None);
    }

    #[test]
    fn a_body_that_is_not_an_object_has_no_fields() {
        for body in [&b"[1]"[..], b"<html>", b"", b"\"text\"", b"{\"a\": "] {
            assert!(!Envelope::parse(body).has("a"), "{body:?}");
        }
    }

    #[test]
    fn an_escaped_key_is_found_by_its_text() {
        let envelope = Envelope::parse(br#"{"co\u0064e": 7}"#);
        assert_eq!(envelope.get("code"), Some(json!(7)));
    }
}
