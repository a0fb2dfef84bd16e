//! What generated code tells the runtime about a vendor and its operations.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::validation::{Validate, Violations};

/// A vendor: default host, API level and the shape of its failure replies.
#[derive(Debug, Clone, Copy)]
pub struct VendorInfo {
    pub name: &'static str,
    pub title: &'static str,
    /// `None` for on-premise products: the builder must be given a base URL.
    pub default_base_url: Option<&'static str>,
    /// The API level the source document describes.
    pub api_level: Option<u32>,
    pub error: ErrorEnvelope,
    pub catalogue: &'static [CatalogueEntry],
}

/// Where a failure reply keeps its parts (dotted JSON paths).
#[derive(Debug, Clone, Copy)]
pub struct ErrorEnvelope {
    pub code: Option<&'static str>,
    pub message: Option<&'static str>,
    pub key: Option<&'static str>,
    pub request_id: Option<&'static str>,
    /// A reply whose `field` differs from the value is a failure even with 2xx.
    pub success: Option<(&'static str, JsonScalar)>,
}

impl ErrorEnvelope {
    /// A vendor with no documented failure body.
    pub const NONE: ErrorEnvelope = ErrorEnvelope {
        code: None,
        message: None,
        key: None,
        request_id: None,
        success: None,
    };
}

/// A JSON scalar known at compile time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JsonScalar {
    Int(i64),
    Str(&'static str),
    Bool(bool),
    Null,
}

impl JsonScalar {
    pub(crate) fn matches(&self, v: &serde_json::Value) -> bool {
        match (self, v) {
            (JsonScalar::Int(i), serde_json::Value::Number(n)) => n.as_i64() == Some(*i),
            (JsonScalar::Str(s), serde_json::Value::String(t)) => s == t,
            (JsonScalar::Bool(b), serde_json::Value::Bool(c)) => b == c,
            (JsonScalar::Null, serde_json::Value::Null) => true,
            _ => false,
        }
    }
}

/// One documented error key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogueEntry {
    pub key: &'static str,
    pub status: u16,
    pub message: &'static str,
}

/// An HTTP method of a documented operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }

    /// Safe to repeat: retried on transient failures.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
            Method::Patch => reqwest::Method::PATCH,
        }
    }
}

/// One endpoint, as the runtime needs it.
#[derive(Debug, Clone, Copy)]
pub struct OperationInfo {
    pub name: &'static str,
    /// The document's name for it.
    pub title: &'static str,
    pub method: Method,
    /// The path template, for humans and logs.
    pub path: &'static str,
    pub min_api_level: Option<u32>,
    /// The parameter that carries the method when sent as POST (`_method`).
    pub method_override: Option<&'static str>,
    /// The documented success status (204), if any.
    pub success_status: Option<u16>,
    /// Whether a success reply has a JSON body to decode.
    pub response_body: bool,
}

/// Which part of an exchange an example shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleKind {
    Request,
    RequestLine,
    Response,
    Error,
}

/// A request or reply example of the source document.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    pub operation: &'static str,
    pub name: &'static str,
    pub kind: ExampleKind,
    pub json: &'static str,
}

/// Decodes `json` as `T` and encodes it back (examples prove the types fit).
pub fn roundtrip<T: Serialize + DeserializeOwned>(
    json: &str,
) -> Result<serde_json::Value, serde_json::Error> {
    let value: T = serde_json::from_str(json)?;
    serde_json::to_value(&value)
}

/// Decodes `json` as `T` and validates it (the `validate` command).
pub fn validate_json<T: DeserializeOwned + Validate>(
    json: &str,
) -> Result<Result<(), Violations>, serde_json::Error> {
    let value: T = serde_json::from_str(json)?;
    Ok(value.validate())
}
