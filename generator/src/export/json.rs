//! An ordered JSON value: the exported documents keep the spec's order of
//! properties, operations and examples (`serde_json::Value` sorts object keys
//! unless the whole build turns on its `preserve_order` feature, which would
//! change the runtime's maps too).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// A JSON value whose objects keep their insertion order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// Text.
    Str(String),
    /// A list.
    Arr(Vec<Json>),
    /// An object, in insertion order.
    Obj(IndexMap<String, Json>),
}

impl Json {
    /// An empty object.
    pub(crate) fn obj() -> Json {
        Json::Obj(IndexMap::new())
    }

    /// JSON text, read in its own key order; text that is not JSON stays a
    /// string (a document's example printed as it is).
    pub(crate) fn parse_or_text(text: &str) -> Json {
        serde_json::from_str(text).unwrap_or_else(|_| Json::Str(text.to_string()))
    }

    /// The object with `key` set (a value of another kind is left as it is).
    pub(crate) fn with(mut self, key: &str, value: impl Into<Json>) -> Json {
        self.set(key, value);
        self
    }

    /// The object with `key` set when there is a value.
    pub(crate) fn with_opt<T: Into<Json>>(self, key: &str, value: Option<T>) -> Json {
        match value {
            Some(v) => self.with(key, v),
            None => self,
        }
    }

    /// Sets `key` of an object, keeping its place when it was already set.
    pub(crate) fn set(&mut self, key: &str, value: impl Into<Json>) {
        if let Json::Obj(map) = self {
            map.insert(key.to_string(), value.into());
        }
    }

    /// The value at `key` of an object.
    pub(crate) fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(map) => map.get(key),
            _ => None,
        }
    }

    /// The value at `key` of an object, made an empty object when unset.
    pub(crate) fn entry(&mut self, key: &str) -> &mut Json {
        match self {
            Json::Obj(map) => map.entry(key.to_string()).or_insert_with(Json::obj),
            _ => panic!("entry({key}) on a JSON value that is not an object"),
        }
    }

    /// Whether it is an object without keys.
    pub(crate) fn is_empty_object(&self) -> bool {
        matches!(self, Json::Obj(map) if map.is_empty())
    }

    /// The text, pretty-printed, with a final newline.
    pub(crate) fn to_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("JSON values always serialize");
        text.push('\n');
        text
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::Str(s.to_string())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::Str(s)
    }
}

impl From<&String> for Json {
    fn from(s: &String) -> Json {
        Json::Str(s.clone())
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<i64> for Json {
    fn from(i: i64) -> Json {
        Json::Int(i)
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Json {
        i64::try_from(n).map_or(Json::Float(n as f64), Json::Int)
    }
}

impl From<u32> for Json {
    fn from(n: u32) -> Json {
        Json::Int(n.into())
    }
}

impl From<u16> for Json {
    fn from(n: u16) -> Json {
        Json::Int(n.into())
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Json {
        Json::Arr(items)
    }
}

impl<T: Into<Json>> FromIterator<T> for Json {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Json {
        Json::Arr(items.into_iter().map(Into::into).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_keep_the_order_their_keys_were_set_and_read_in() {
        let built = Json::obj().with("b", 1i64).with("a", "x");
        assert_eq!(built.to_pretty(), "{\n  \"b\": 1,\n  \"a\": \"x\"\n}\n");
        let read = Json::parse_or_text(r#"{"z": [true, null, 1.5], "y": {"c": -2}}"#);
        assert_eq!(
            serde_json::to_string(&read).unwrap(),
            r#"{"z":[true,null,1.5],"y":{"c":-2}}"#
        );
    }

    #[test]
    fn text_that_is_not_json_stays_text() {
        assert_eq!(
            Json::parse_or_text("GET /v1/x?a=1"),
            Json::Str("GET /v1/x?a=1".into())
        );
    }
}
