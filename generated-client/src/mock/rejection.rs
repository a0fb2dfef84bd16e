//! Why the mock refuses a request: the HTTP status, the mock's numeric code,
//! the vendor's error key when the document has one, and the message. The
//! envelope module puts these into the vendor's own failure reply.

/// A refused request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rejection {
    /// The HTTP status sent.
    pub status: u16,
    /// The code put where the vendor's envelope keeps its code.
    pub code: i64,
    /// The vendor's error key (YXT's catalogue), when known.
    pub key: Option<String>,
    /// The message.
    pub message: String,
}

/// The mock's codes, documented in docs/mock.md.
pub(crate) mod codes {
    /// The request does not decode or breaks a documented rule.
    pub const INVALID: i64 = 40001;
    /// Missing or wrong credentials or signature.
    pub const CREDENTIALS: i64 = 40100;
    /// A timestamp outside the accepted window.
    pub const STALE: i64 = 40101;
    /// No operation has this method and path.
    pub const UNKNOWN_OPERATION: i64 = 40400;
}

impl Rejection {
    /// Missing or wrong credentials.
    pub fn credentials(message: impl Into<String>) -> Rejection {
        Rejection::new(401, codes::CREDENTIALS, message)
    }

    /// A timestamp outside the window.
    pub fn stale(message: impl Into<String>) -> Rejection {
        Rejection::new(401, codes::STALE, message)
    }

    /// An invalid request.
    pub fn invalid(message: impl Into<String>) -> Rejection {
        Rejection::new(400, codes::INVALID, message)
    }

    /// No such operation.
    pub fn unknown_operation(method: &str, path: &str) -> Rejection {
        let message = format!("no operation is {method} {path}");
        Rejection::new(404, codes::UNKNOWN_OPERATION, message)
    }

    fn new(status: u16, code: i64, message: impl Into<String>) -> Rejection {
        Rejection {
            status,
            code,
            key: None,
            message: message.into(),
        }
    }
}
