//! Reading replies: a success reply becomes the typed value; a failure (HTTP
//! status, or a success flag that says so) becomes an [`ApiError`] read
//! through the vendor's error envelope; anything else a decode error that
//! keeps the body.

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, Error};
use crate::vendor::{lookup, OperationInfo, VendorInfo};

/// A reply as received.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

/// A reply becomes the typed value, a vendor error, or a decode error.
pub(crate) fn decode<T: DeserializeOwned>(
    vendor: &VendorInfo,
    op: &OperationInfo,
    reply: &Reply,
) -> Result<T, Error> {
    let json: &[u8] = success_body(vendor, op, reply)?;
    serde_json::from_slice(json).map_err(|e| decode_error(reply, e.to_string()))
}

/// The JSON a success reply decodes from (`null` when the operation documents
/// no body), or the vendor or decode error the reply is. Not generic: the
/// checks are compiled once, not once per reply type.
fn success_body<'r>(
    vendor: &VendorInfo,
    op: &OperationInfo,
    reply: &'r Reply,
) -> Result<&'r [u8], Error> {
    let json: Option<serde_json::Value> = serde_json::from_slice(&reply.body).ok();
    let failure = || Error::Api(Box::new(api_error(vendor, reply, json.as_ref())));
    if !(200..300).contains(&reply.status) {
        return Err(failure());
    }
    let empty = reply.body.iter().all(u8::is_ascii_whitespace);
    if let (Some((field, ok)), false) = (vendor.error.success, empty) {
        match json.as_ref().and_then(|j| lookup(j, field)) {
            Some(v) if ok.matches(v) => {}
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
    // `null`, not a `Value`: every typed value is read through the one
    // deserializer `from_slice` uses, so no reply type is compiled twice.
    if !op.response_body {
        return Ok(b"null");
    }
    if empty {
        return Err(decode_error(
            reply,
            "empty body where a JSON reply was expected".into(),
        ));
    }
    Ok(&reply.body)
}

/// The vendor's failure reply, read through its error envelope.
fn api_error(vendor: &VendorInfo, reply: &Reply, json: Option<&serde_json::Value>) -> ApiError {
    let env = &vendor.error;
    let get = |path: Option<&'static str>| -> Option<String> {
        let v = lookup(json?, path?)?;
        Some(match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    };
    let header = |name: &str| {
        reply
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
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
        raw_body: String::from_utf8_lossy(&reply.body).into_owned(),
    }
}

/// A reply that does not fit what was expected, with its body kept.
pub(crate) fn decode_error(reply: &Reply, message: String) -> Error {
    Error::Decode {
        status: reply.status,
        message,
        raw_body: String::from_utf8_lossy(&reply.body).into_owned(),
    }
}
