//! What a vendor module declares about itself: the types of its public consts
//! `VENDOR` ([`VendorInfo`]: host, API level, the shape of failure replies,
//! the documented error keys), `OPERATIONS` ([`OperationInfo`]) and
//! `ERROR_CATALOGUE` ([`CatalogueEntry`]).
//!
//! [`RetryCode`] is what a vendor's error catalogue says about retrying; the
//! generator does not emit it yet, and users may pass their own table to
//! [`crate::ClientBuilder::retry_codes`].
//!
//! Generated code fills these in; the runtime reads them to build URLs, retry,
//! check API levels and turn failure replies into [`crate::ApiError`].

use crate::policy::RetryClass;

/// A vendor: default host, API level and the shape of its failure replies.
#[derive(Debug, Clone, Copy)]
pub struct VendorInfo {
    /// The spec's name (`kedacom`), used in logs and spans.
    pub name: &'static str,
    /// The document's title.
    pub title: &'static str,
    /// `None` for on-premise products: the builder must be given a base URL.
    pub default_base_url: Option<&'static str>,
    /// The API level the source document describes.
    pub api_level: Option<u32>,
    /// Where failure replies keep code, message, key and request id.
    pub error: ErrorEnvelope,
    /// The documented error keys.
    pub catalogue: &'static [CatalogueEntry],
}

/// Where a failure reply keeps its parts (dotted JSON paths).
#[derive(Debug, Clone, Copy)]
pub struct ErrorEnvelope {
    /// The error code.
    pub code: Option<&'static str>,
    /// The human-readable message.
    pub message: Option<&'static str>,
    /// A symbolic error key, looked up in the catalogue.
    pub key: Option<&'static str>,
    /// A request id for support.
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
    /// An integer.
    Int(i64),
    /// A string.
    Str(&'static str),
    /// A boolean.
    Bool(bool),
    /// `null`.
    Null,
}

impl JsonScalar {
    /// Whether the JSON value `v` is this scalar.
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
    /// The key as the vendor sends it.
    pub key: &'static str,
    /// The HTTP status the vendor documents for it.
    pub status: u16,
    /// The documented message.
    pub message: &'static str,
}

/// A vendor error code (or symbolic key) that is retryable or a rate limit,
/// wherever it arrives: inside an HTTP 200, 400 or 500 envelope alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryCode {
    /// The code as [`crate::ApiError::code`] or [`crate::ApiError::key`] holds it.
    pub code: &'static str,
    /// How a reply with this code is retried.
    pub class: RetryClass,
}

/// An HTTP method of a documented operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// DELETE.
    Delete,
    /// PATCH.
    Patch,
}

impl Method {
    /// The method as on the wire (`GET`).
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
    /// The operation's name, also the client method's (`list_booked_conferences`).
    pub name: &'static str,
    /// The document's name for it.
    pub title: &'static str,
    /// The documented HTTP method.
    pub method: Method,
    /// The path template, for humans and logs.
    pub path: &'static str,
    /// The lowest server API level that has this operation (Kedacom 最低支持版本).
    pub min_api_level: Option<u32>,
    /// The parameter that carries the method when sent as POST (`_method`).
    pub method_override: Option<&'static str>,
    /// The documented success status (204), if any.
    pub success_status: Option<u16>,
    /// Whether a success reply has a JSON body to decode.
    pub response_body: bool,
    /// Whether a success reply may hold a field the spec marks `sensitive`
    /// (at any depth): an error about such a reply then keeps neither its
    /// body nor the values a decode message would quote.
    pub reply_secrets: bool,
}

impl OperationInfo {
    /// An operation whose success reply has a JSON body, with no API level,
    /// method override or documented success status (the builders below add
    /// them; generated operation tables are written with these).
    pub const fn new(
        name: &'static str,
        title: &'static str,
        method: Method,
        path: &'static str,
    ) -> OperationInfo {
        OperationInfo {
            name,
            title,
            method,
            path,
            min_api_level: None,
            method_override: None,
            success_status: None,
            response_body: true,
            reply_secrets: false,
        }
    }

    /// The lowest server API level that has this operation.
    pub const fn min_api_level(mut self, level: u32) -> OperationInfo {
        self.min_api_level = Some(level);
        self
    }

    /// The parameter that carries the method when sent as POST.
    pub const fn method_override(mut self, parameter: &'static str) -> OperationInfo {
        self.method_override = Some(parameter);
        self
    }

    /// The documented success status.
    pub const fn success_status(mut self, status: u16) -> OperationInfo {
        self.success_status = Some(status);
        self
    }

    /// A success reply without a body to decode.
    pub const fn without_response_body(mut self) -> OperationInfo {
        self.response_body = false;
        self
    }

    /// A success reply that may hold a secret (see [`OperationInfo::reply_secrets`]).
    pub const fn reply_holds_secrets(mut self) -> OperationInfo {
        self.reply_secrets = true;
        self
    }
}

/// Follows a dotted path (`error_info.error_code`) into JSON, as the paths of
/// an [`ErrorEnvelope`] and [`crate::ApiError::body_field`] are written.
pub(crate) fn lookup<'a>(json: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    path.split('.').try_fold(json, |v, key| v.get(key))
}
