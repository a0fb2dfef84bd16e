//! The one error type of every client: each failure a distinct, typed case.
//!
//! No case carries a credential: URLs are stripped from transport errors (Polyv
//! signs in the query, Kedacom sends its token there) and header values are never
//! copied in.

use std::fmt;

use crate::validation::Violations;

/// Everything a call can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request breaks documented rules; nothing was sent.
    #[error("invalid request: {0}")]
    Invalid(Violations),
    /// The client is not configured well enough to send (no base URL, http://
    /// without permission, a bad page size).
    #[error("client configuration: {0}")]
    Config(String),
    /// The operation needs a newer server (Kedacom 最低支持版本).
    #[error("`{operation}` needs API level {required}, but the server reports {server}")]
    ApiLevel {
        operation: &'static str,
        required: u32,
        server: u32,
    },
    /// The request could not be encoded.
    #[error("request could not be encoded: {0}")]
    Encode(String),
    /// The server could not be reached, or the connection broke.
    #[error("transport error: {0}")]
    Transport(#[source] reqwest::Error),
    /// No complete reply within the configured time.
    #[error("timed out waiting for the server")]
    Timeout,
    /// The vendor answered with a failure (HTTP status, or a success flag that says so).
    #[error("{0}")]
    Api(Box<ApiError>),
    /// A success reply that does not fit the documented type; the body is kept.
    #[error("HTTP {status}: reply did not decode: {message}")]
    Decode {
        status: u16,
        message: String,
        raw_body: String,
    },
}

impl Error {
    /// The vendor failure, when this is one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The violations, when the request was rejected before sending.
    pub fn violations(&self) -> Option<&Violations> {
        match self {
            Error::Invalid(v) => Some(v),
            _ => None,
        }
    }

    pub(crate) fn transport(e: reqwest::Error) -> Error {
        if e.is_timeout() {
            Error::Timeout
        } else {
            Error::Transport(e.without_url())
        }
    }
}

/// A failure reply, decoded as far as the vendor's envelope allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    /// The vendor's numeric or symbolic code (`error_code`, `error.code`).
    pub code: Option<String>,
    pub message: Option<String>,
    /// A symbolic error key (YXT `global.noprivilege`).
    pub key: Option<String>,
    /// The request id of the body (Polyv `requestId`).
    pub request_id: Option<String>,
    /// The trace id of the response headers (Tencent `X-TC-Trace`).
    pub trace_id: Option<String>,
    /// The documented catalogue entry for `key`, when there is one.
    pub catalogue: Option<crate::CatalogueEntry>,
    /// The reply body as received (lossy UTF-8).
    pub raw_body: String,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}: vendor error", self.status)?;
        if let Some(c) = &self.code {
            write!(f, " {c}")?;
        }
        if let Some(k) = &self.key {
            write!(f, " [{k}]")?;
        }
        if let Some(m) = &self.message {
            write!(f, ": {m}")?;
        }
        if let Some(r) = self.request_id.as_ref().or(self.trace_id.as_ref()) {
            write!(f, " (request {r})")?;
        }
        Ok(())
    }
}
