//! Wire encodings: how path segments, queries, form bodies, multipart bodies
//! and header lists become bytes and reqwest values. Knows nothing of vendors
//! or credentials.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::error::Error;
use crate::file::FilePart;

/// Characters escaped in a path segment: everything but unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `value` percent-encoded as one path segment.
pub(crate) fn path_segment(value: &str) -> impl Iterator<Item = &str> {
    utf8_percent_encode(value, SEGMENT)
}

/// `application/x-www-form-urlencoded` text of these pairs, in order (also
/// the query string).
pub(crate) fn form_urlencoded(pairs: &[(String, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// A body ready to send: its bytes or multipart form, and its content type.
pub(crate) struct Encoded {
    /// The exact bytes sent (and signed); empty for no body and for multipart.
    pub(crate) bytes: Vec<u8>,
    /// The `Content-Type` header, when the body sets one (multipart sets its own).
    pub(crate) content_type: Option<&'static str>,
    /// A multipart body, which reqwest encodes with its own boundary.
    pub(crate) multipart: Option<reqwest::multipart::Form>,
}

impl Encoded {
    /// No body.
    pub(crate) fn empty() -> Encoded {
        Encoded {
            bytes: Vec::new(),
            content_type: None,
            multipart: None,
        }
    }

    /// A JSON body of these bytes.
    pub(crate) fn json(bytes: Vec<u8>) -> Encoded {
        Encoded {
            bytes,
            content_type: Some("application/json"),
            multipart: None,
        }
    }

    /// A URL-encoded form of these fields.
    pub(crate) fn form(fields: &[(String, String)]) -> Encoded {
        Encoded {
            bytes: form_urlencoded(fields).into_bytes(),
            content_type: Some("application/x-www-form-urlencoded"),
            multipart: None,
        }
    }

    /// A multipart body: text parts, then file parts.
    pub(crate) fn multipart(
        text: Vec<(String, String)>,
        files: Vec<(String, FilePart)>,
    ) -> Result<Encoded, Error> {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in text {
            form = form.text(name, value);
        }
        for (name, file) in files {
            let mut part = reqwest::multipart::Part::bytes(file.bytes).file_name(file.file_name);
            if let Some(ct) = file.content_type {
                part = part
                    .mime_str(&ct)
                    .map_err(|e| Error::Encode(format!("content type `{ct}`: {e}")))?;
            }
            form = form.part(name, part);
        }
        Ok(Encoded {
            multipart: Some(form),
            ..Encoded::empty()
        })
    }
}

/// The headers of a request: the operation's own, then the credentials',
/// which win over any same-named operation header and are marked sensitive.
pub(crate) fn request_headers(
    operation: &[(String, String)],
    credentials: &[(String, String)],
) -> Result<HeaderMap, Error> {
    let mut headers = header_map(operation, false)?;
    for (name, value) in header_map(credentials, true)? {
        if let Some(name) = name {
            headers.insert(name, value);
        }
    }
    Ok(headers)
}

/// The operation's headers with a call's `extra` headers laid over them
/// (same-named ones replaced). An extra header the credentials also set is
/// refused: silently replacing a signature or token would fail in the
/// vendor's gateway, and silently dropping the caller's value would hide it.
pub(crate) fn overlay_headers(
    operation: &[(String, String)],
    extra: &[(String, String)],
    credentials: &[(String, String)],
) -> Result<Vec<(String, String)>, Error> {
    let named = |list: &[(String, String)], name: &str| {
        list.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    if let Some((name, _)) = extra.iter().find(|(n, _)| named(credentials, n)) {
        return Err(Error::Config(format!(
            "header `{name}` is set by the credentials and cannot be replaced for one call"
        )));
    }
    let mut headers: Vec<(String, String)> = operation
        .iter()
        .filter(|(n, _)| !named(extra, n))
        .cloned()
        .collect();
    headers.extend(extra.iter().cloned());
    Ok(headers)
}

/// Header pairs as a map; `sensitive` marks values as secret so hyper and any
/// HTTP/2 table never expose them.
fn header_map(headers: &[(String, String)], sensitive: bool) -> Result<HeaderMap, Error> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let n = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::Encode(format!("invalid header name `{name}`")))?;
        // The value may be a credential: the message names the header only.
        let mut v = HeaderValue::from_str(value)
            .map_err(|_| Error::Encode(format!("invalid characters in header `{name}`")))?;
        v.set_sensitive(sensitive);
        map.append(n, v);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(name: &str, value: &str) -> (String, String) {
        (name.to_string(), value.to_string())
    }

    #[test]
    fn credential_headers_replace_same_named_operation_headers_and_are_sensitive() {
        let operation = [header("AppId", "from-operation"), header("X-Trace", "t")];
        let credentials = [header("AppId", "from-credentials")];
        let headers = request_headers(&operation, &credentials).unwrap();
        let app_ids: Vec<_> = headers.get_all("AppId").iter().collect();
        assert_eq!(app_ids, ["from-credentials"]);
        assert!(app_ids[0].is_sensitive());
        assert!(!headers["X-Trace"].is_sensitive());
    }

    #[test]
    fn extra_headers_replace_operation_headers_but_never_credential_headers() {
        let operation = [header("X-Trace", "op"), header("Other", "kept")];
        let credentials = [header("X-TC-Signature", "sig")];
        let merged =
            overlay_headers(&operation, &[header("x-trace", "call")], &credentials).unwrap();
        assert_eq!(merged, [header("Other", "kept"), header("x-trace", "call")]);
        let err = overlay_headers(&operation, &[header("x-tc-signature", "x")], &credentials)
            .unwrap_err()
            .to_string();
        assert!(err.contains("x-tc-signature"), "{err}");
    }

    #[test]
    fn a_header_that_cannot_be_sent_is_named_without_its_value() {
        let bad = [header("AccessToken", "line\nbreak-secret")];
        let err = request_headers(&[], &bad).unwrap_err().to_string();
        assert!(err.contains("AccessToken"), "{err}");
        assert!(!err.contains("secret"), "{err}");
    }
}
