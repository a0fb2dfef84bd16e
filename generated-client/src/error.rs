//! The one error type of every client: each failure a distinct, typed case.
//!
//! No case carries a credential: URLs are stripped from transport errors (Polyv
//! signs in the query, Kedacom sends its token there), header values are never
//! copied in, and configuration errors do not echo the base URL (it may hold
//! user info).

use std::fmt;

use crate::raw_body::RawBody;
use crate::validation::Violations;
use crate::vendor::{lookup, CatalogueEntry};

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
    /// The operation needs a newer server (Kedacom 最低支持版本); nothing was sent.
    #[error("`{operation}` needs API level {required}, but the server reports {server}")]
    ApiLevel {
        /// The operation refused.
        operation: &'static str,
        /// Its documented minimum API level.
        required: u32,
        /// The server's level (set on the builder or discovered).
        server: u32,
    },
    /// The request could not be encoded; nothing was sent.
    #[error("request could not be encoded: {0}")]
    Encode(String),
    /// The server could not be reached, or the connection broke. The reqwest
    /// error has its URL removed.
    #[error("transport error: {}", causes(.0))]
    Transport(#[source] reqwest::Error),
    /// No complete reply within the configured time (connect or total).
    #[error("timed out waiting for the server")]
    Timeout,
    /// The vendor answered with a failure (HTTP status, or a success flag that says so).
    #[error("{0}")]
    Api(Box<ApiError>),
    /// A success reply that does not fit the documented type; the body is kept.
    #[error("HTTP {status}: reply did not decode: {message}")]
    Decode {
        /// The HTTP status of the reply.
        status: u16,
        /// What did not fit.
        message: String,
        /// The reply body as received (printed only as a bounded prefix);
        /// [`Error::WITHHELD`] when the reply may hold a secret
        /// ([`crate::vendor::OperationInfo::reply_secrets`]).
        raw_body: RawBody,
    },
    /// The reply body grew past the client's size limit
    /// ([`crate::ClientBuilder::max_reply_bytes`]); reading stopped there.
    #[error("HTTP {status}: the reply exceeds the limit of {limit} bytes")]
    TooLarge {
        /// The HTTP status of the reply.
        status: u16,
        /// The limit in force.
        limit: usize,
        /// The first bytes of the body (at most [`RawBody::SHOWN`] of them);
        /// [`Error::WITHHELD`] when the reply may hold a secret.
        prefix: RawBody,
    },
    /// The server answered with a redirect this client does not follow: any
    /// redirect by default, and always one to another origin or past the
    /// configured number of hops ([`crate::RedirectPolicy`]).
    #[error("HTTP {status}: redirect{} not followed", location_text(.location))]
    Redirect {
        /// The 3xx status.
        status: u16,
        /// The `Location` header resolved to an absolute URL, without its
        /// query and fragment (they may echo a token or a signature).
        location: Option<String>,
    },
}

fn location_text(location: &Option<String>) -> String {
    location
        .as_deref()
        .map(|l| format!(" to {l}"))
        .unwrap_or_default()
}

impl Error {
    /// What an error keeps in place of the body of a reply that may hold a
    /// secret (a token reply, a field marked `sensitive`).
    pub const WITHHELD: &'static str = "<withheld: this reply may hold a secret>";

    /// The same error without the body of the reply it read, for a reply
    /// that may hold a secret: success replies only (a decode error, a reply
    /// over the size limit); a vendor failure keeps its body.
    pub(crate) fn withhold_reply_body(self) -> Error {
        match self {
            Error::Decode {
                status, message, ..
            } => Error::Decode {
                status,
                message,
                raw_body: Error::WITHHELD.into(),
            },
            Error::TooLarge { status, limit, .. } => Error::TooLarge {
                status,
                limit,
                prefix: Error::WITHHELD.into(),
            },
            other => other,
        }
    }

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

    /// The whole reply body as text, when a reply was received (vendor
    /// failure or decode error); only its first bytes for [`Error::TooLarge`].
    pub fn raw_body(&self) -> Option<&str> {
        self.body().map(RawBody::as_str)
    }

    /// The reply body byte for byte (see [`Error::raw_body`]).
    pub fn raw_body_bytes(&self) -> Option<&[u8]> {
        self.body().map(RawBody::as_bytes)
    }

    /// The HTTP status, when a reply was received.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode { status, .. }
            | Error::TooLarge { status, .. }
            | Error::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    fn body(&self) -> Option<&RawBody> {
        match self {
            Error::Api(e) => Some(&e.raw_body),
            Error::Decode { raw_body, .. } => Some(raw_body),
            Error::TooLarge { prefix, .. } => Some(prefix),
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

/// An error and its causes on one line (reqwest's own message is only
/// "error sending request"; the cause says what went wrong).
fn causes(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// A failure reply, decoded as far as the vendor's envelope allows.
///
/// The text fields come from the server, so each is cut to 256 bytes (with
/// the total size noted); `raw_body` keeps the whole reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status (200 when only the success flag said failure).
    pub status: u16,
    /// The vendor's numeric or symbolic code (`error_code`, `error.code`).
    pub code: Option<String>,
    /// The vendor's message (`message`, `desc`, `description`).
    pub message: Option<String>,
    /// A symbolic error key (YXT `global.noprivilege`).
    pub key: Option<String>,
    /// The request id of the body (Polyv `requestId`) or the `X-Request-Id` header.
    pub request_id: Option<String>,
    /// The trace id of the response headers (Tencent `X-TC-Trace`).
    pub trace_id: Option<String>,
    /// The documented catalogue entry for `key`, when there is one.
    pub catalogue: Option<CatalogueEntry>,
    /// The reply body as received (printed only as a bounded prefix).
    pub raw_body: RawBody,
}

impl ApiError {
    /// The reply body as JSON, when it is JSON.
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(self.raw_body.as_bytes()).ok()
    }

    /// A field of the JSON reply by dotted path, for parts the envelope does not
    /// name (Tencent `error_info.new_error_code`).
    pub fn body_field(&self, path: &str) -> Option<serde_json::Value> {
        let json = self.body_json()?;
        lookup(&json, path).cloned()
    }
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
