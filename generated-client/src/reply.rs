//! Reading replies: a success reply becomes the typed value; a failure (HTTP
//! status, or a success flag that says so) becomes an [`ApiError`] read
//! through the vendor's error envelope; anything else a decode error that
//! keeps the body.

use std::time::{Duration, UNIX_EPOCH};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;

use crate::envelope::Envelope;
use crate::error::{ApiError, Error};
use crate::policy::Clock;
use crate::raw_body::{bounded, RawBody};
use crate::vendor::{OperationInfo, VendorInfo};

/// A reply as received.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

/// Why one attempt failed, kept apart from [`Error`] until the retry decision:
/// a reqwest error says whether anything was sent, the mapped error does not.
pub(crate) enum AttemptError {
    /// Sending, or reading the reply, failed.
    Send(reqwest::Error),
    /// Anything else; never retried.
    Other(Error),
}

impl AttemptError {
    /// The error the caller sees.
    pub(crate) fn into_error(self) -> Error {
        match self {
            AttemptError::Send(e) => Error::transport(e),
            AttemptError::Other(e) => e,
        }
    }
}

impl From<Error> for AttemptError {
    fn from(e: Error) -> Self {
        AttemptError::Other(e)
    }
}

/// Reads a reply, stopping as soon as its body passes `limit` bytes: at most
/// `limit` bytes and one more chunk are ever held. A declared
/// `Content-Length` over the limit stops after the first chunk.
pub(crate) async fn read(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Reply, AttemptError> {
    let status = response.status().as_u16();
    let headers = std::mem::take(response.headers_mut());
    let declared_over = response.content_length().is_some_and(|n| n > limit as u64);
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(AttemptError::Send)? {
        if declared_over || body.len() + chunk.len() > limit {
            body.extend_from_slice(&chunk);
            return Err(too_large(status, limit, body).into());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Reply {
        status,
        headers,
        body,
    })
}

/// The error of a reply over the limit, keeping the first bytes of its body.
fn too_large(status: u16, limit: usize, mut body: Vec<u8>) -> Error {
    body.truncate(RawBody::SHOWN);
    Error::TooLarge {
        status,
        limit,
        prefix: RawBody::new(body),
    }
}

/// The typed value of a reply that [`judge`] accepted (`null` when the
/// operation documents no body, so `()` decodes).
pub(crate) fn decode<T: DeserializeOwned>(op: &OperationInfo, reply: &Reply) -> Result<T, Error> {
    let json: &[u8] = if op.response_body {
        &reply.body
    } else {
        b"null"
    };
    serde_json::from_slice(json).map_err(|e| {
        if op.reply_secrets {
            decode_error(reply, message_without_values(&e)).withhold_reply_body()
        } else {
            decode_error(reply, e.to_string())
        }
    })
}

/// A decode message about a reply that may hold a secret: the path to the
/// value that did not fit (wire names and item indexes) and the position are
/// kept, what it says of the value (which can quote it) is not. A syntax
/// error quotes nothing and is kept whole; so is a missing or repeated field.
fn message_without_values(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if !e.is_data() {
        return text;
    }
    let position = format!(" at line {} column {}", e.line(), e.column());
    let (message, position) = match text.strip_suffix(&position) {
        Some(message) if e.line() > 0 => (message, position.as_str()),
        _ => (text.as_str(), ""),
    };
    let (path, said) = message.split_at(path_len(message));
    let path = path.strip_suffix(": ").unwrap_or(path);
    let said = said.strip_prefix(": ").unwrap_or(said);
    let names_a_field = ["missing field `", "duplicate field `"]
        .iter()
        .any(|start| {
            said.starts_with(start) && said.matches('`').count() == 2 && said.ends_with('`')
        });
    let said = if names_a_field {
        said
    } else {
        "the value does not fit its type (withheld: this reply may hold a secret)"
    };
    let sep = if path.is_empty() { "" } else { ": " };
    format!("{path}{sep}{said}{position}")
}

/// The length of the path that starts a decode message: `` `key` `` and
/// `[index]` steps, joined by `": "` before a key (as [`crate::de`] writes them).
fn path_len(message: &str) -> usize {
    let mut end = 0;
    loop {
        let rest = &message[end..];
        let step = if let Some(key) = rest.strip_prefix('`') {
            key.find('`').map(|close| close + 2)
        } else if let Some(index) = rest.strip_prefix('[') {
            let digits = index.bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0 && index[digits..].starts_with(']')).then_some(digits + 2)
        } else {
            None
        };
        let Some(step) = step else { return end };
        end += step;
        // No message of `de` starts with a backtick: one after ": " is a key.
        if message[end..].starts_with(": `") {
            end += 2;
        }
    }
}

/// The wait a reply's `Retry-After` asks for: delta-seconds, or an HTTP date
/// compared with the clock (a date in the past asks for none). The clock is
/// read only for a date: each reading may be a signature's timestamp.
pub(crate) fn retry_after(headers: &HeaderMap, clock: &dyn Clock) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let now = UNIX_EPOCH + Duration::from_millis(clock.now_millis());
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Whether a reply is a success: its status, the vendor's success flag or
/// error fields, and a body where one is documented. Otherwise the vendor
/// error or decode error it is. Each reply is judged once, before the retry
/// decision, and the envelope is read without building the JSON tree (the
/// typed decode is the one full parse). Not generic: compiled once.
pub(crate) fn judge(vendor: &VendorInfo, op: &OperationInfo, reply: &Reply) -> Result<(), Error> {
    let envelope = Envelope::parse(&reply.body);
    let failure = || Error::Api(Box::new(api_error(vendor, reply, &envelope)));
    if !(200..300).contains(&reply.status) {
        return Err(failure());
    }
    let empty = reply.body.iter().all(u8::is_ascii_whitespace);
    // Without a success flag, a 2xx that carries the envelope's error code
    // (or key) is a failure: gateways rate-limit with an error envelope in
    // an HTTP 200 (Tencent).
    let error_field = [vendor.error.code, vendor.error.key]
        .into_iter()
        .flatten()
        .any(|path| envelope.has(path));
    if vendor.error.success.is_none() && error_field {
        return Err(failure());
    }
    if let (Some((field, ok)), false) = (vendor.error.success, empty) {
        match envelope.get(field) {
            Some(v) if ok.matches(&v) => {}
            Some(_) => return Err(failure()),
            // Every documented reply carries the flag: without it nothing says
            // the call succeeded.
            None => {
                return Err(decode_error(
                    reply,
                    format!("the reply has no `{field}` flag"),
                ))
            }
        }
    }
    if op.response_body && empty {
        return Err(decode_error(
            reply,
            "empty body where a JSON reply was expected".into(),
        ));
    }
    Ok(())
}

/// The vendor's failure reply, read through its error envelope.
fn api_error(vendor: &VendorInfo, reply: &Reply, envelope: &Envelope<'_>) -> ApiError {
    let env = &vendor.error;
    let get = |path: Option<&'static str>| -> Option<String> {
        let v = envelope.get(path?)?;
        // Printed by Display: bounded like the body (the body keeps it whole).
        Some(bounded(match v {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        }))
    };
    let header = |name: &str| {
        reply
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| bounded(v.to_string()))
    };
    let key = get(env.key);
    let catalogue = key
        .as_deref()
        .and_then(|k| vendor.catalogue.iter().find(|c| c.key == k).copied());
    ApiError {
        status: reply.status,
        code: get(env.code),
        message: get(env.message),
        key,
        request_id: get(env.request_id).or_else(|| header("X-Request-Id")),
        trace_id: header("X-TC-Trace"),
        catalogue,
        raw_body: RawBody::new(reply.body.clone()),
    }
}

/// A reply that does not fit what was expected, with its body kept.
pub(crate) fn decode_error(reply: &Reply, message: String) -> Error {
    Error::Decode {
        status: reply.status,
        message: bounded(message),
        raw_body: RawBody::new(reply.body.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_that_does_not_fit_is_withheld_from_the_message_and_its_position_kept() {
        let e = serde_json::from_str::<i64>(r#""Pw9Marker""#).unwrap_err();
        let message = message_without_values(&e);
        assert!(!message.contains("Pw9Marker"), "{message}");
        assert!(message.ends_with(" at line 1 column 11"), "{message}");
    }

    #[test]
    fn a_syntax_error_quotes_nothing_and_is_kept_whole() {
        let e = serde_json::from_str::<Vec<i64>>("[1,").unwrap_err();
        assert_eq!(message_without_values(&e), e.to_string());
    }

    struct At(u64);

    impl Clock for At {
        fn now_millis(&self) -> u64 {
            self.0
        }
    }

    fn with_retry_after(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, value.parse().unwrap());
        headers
    }

    #[test]
    fn retry_after_in_seconds_is_read() {
        let wait = retry_after(&with_retry_after(" 120 "), &At(0));
        assert_eq!(wait, Some(Duration::from_secs(120)));
    }

    #[test]
    fn retry_after_as_an_http_date_is_the_time_left_until_it() {
        // Sun, 06 Nov 1994 08:49:37 GMT is 784111777 s after the epoch.
        let headers = with_retry_after("Sun, 06 Nov 1994 08:49:37 GMT");
        let wait = retry_after(&headers, &At(784_111_770_000));
        assert_eq!(wait, Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after(&headers, &At(784_111_790_000)),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn an_unreadable_retry_after_is_ignored() {
        assert_eq!(retry_after(&with_retry_after("soon"), &At(0)), None);
        assert_eq!(retry_after(&HeaderMap::new(), &At(0)), None);
    }
}
