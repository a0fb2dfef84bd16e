//! The checks generated code runs over the source document's printed examples:
//! every request and reply example decodes into the generated types and
//! encodes back ([`roundtrip`]), and request examples can be validated
//! ([`validate_json`], the `validate` command) or sent ([`send_json`], the
//! mock's every-operation test).
//!
//! Test hooks, not user API: reached through `__private`.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Error;
use crate::request::ApiRequest;
use crate::send::Core;
use crate::validation::{Validate, Violations};

/// Which part of an exchange an example shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleKind {
    /// A request body.
    Request,
    /// A request line (`GET https://…`), not JSON.
    RequestLine,
    /// A success reply.
    Response,
    /// A failure reply.
    Error,
}

/// A request or reply example of the source document.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// The operation it belongs to.
    pub operation: &'static str,
    /// The document's caption.
    pub name: &'static str,
    /// What it shows.
    pub kind: ExampleKind,
    /// The example text (JSON except for request lines).
    pub json: &'static str,
}

/// Decodes `json` as `T` and encodes it back (examples prove the types fit).
///
/// Both directions go through the serializer and deserializer the client
/// itself uses (`to_vec`, `from_slice`), so that these helpers add no second
/// copy of every type's serde code to the build.
pub fn roundtrip<T: Serialize + DeserializeOwned>(
    json: &str,
) -> Result<serde_json::Value, serde_json::Error> {
    let value: T = serde_json::from_slice(json.as_bytes())?;
    serde_json::from_slice(&serde_json::to_vec(&value)?)
}

/// Decodes `json` as the request `T` and sends it through `core`, as a
/// client's method does; the reply as JSON.
pub async fn send_json<T>(core: &Core, json: &str) -> Result<crate::Json, Error>
where
    T: ApiRequest + DeserializeOwned,
    T::Response: Serialize,
{
    let request: T = serde_json::from_str(json).map_err(|e| Error::Encode(e.to_string()))?;
    let reply = core.send(&request).await?;
    serde_json::to_value(reply).map_err(|e| Error::Encode(e.to_string()))
}

/// Decodes `json` as `T` and validates it (the `validate` command).
pub fn validate_json<T: DeserializeOwned + Validate>(
    json: &str,
) -> Result<Result<(), Violations>, serde_json::Error> {
    // Malformed JSON first, as such: inside a typed decode a syntax error
    // crosses the erased layers of `de.rs` as text, and comes out as a data
    // error naming the field it was in (the command then recalls the
    // request's shape, which is beside the point for a missing brace).
    serde_json::from_slice::<serde::de::IgnoredAny>(json.as_bytes())?;
    let value: T = serde_json::from_slice(json.as_bytes())?;
    Ok(value.validate())
}
