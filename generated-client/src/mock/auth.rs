//! Each vendor's authentication, checked the way the vendor would: the same
//! signing functions the client uses (`crate::auth`) recomputed with the
//! secret the mock accepts, and the timestamp held to a window.

use std::time::Duration;

use super::incoming::{lookup, Incoming};
use super::rejection::Rejection;
use crate::auth::{polyv_sign, tencent_signature, yxt_signature};

/// The credentials a mock accepts: an identifier (Tencent's SecretId, YXT's
/// app key, Polyv's appId; unused by Kedacom) and a secret (Tencent's
/// SecretKey or OAuth access token, YXT's and Polyv's app secret, Kedacom's
/// account token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockCredentials {
    /// The identifier the client sends.
    pub id: String,
    /// The secret the client signs with or sends.
    pub secret: String,
}

impl Default for MockCredentials {
    /// `mock-id` and `mock-secret`.
    fn default() -> Self {
        MockCredentials {
            id: "mock-id".into(),
            secret: "mock-secret".into(),
        }
    }
}

/// How a request is authenticated: the accepted credentials, the timestamp
/// window and the current time.
pub(crate) struct AuthCheck<'a> {
    pub accepted: &'a MockCredentials,
    pub window: Duration,
    pub now_ms: u64,
}

impl AuthCheck<'_> {
    /// Checks `req` under `scheme` (the spec's `auth:` name).
    pub fn check(&self, scheme: &str, req: &Incoming) -> Result<(), Rejection> {
        match scheme {
            "tencent_meeting" => self.tencent(req),
            "yxt" => self.yxt(req),
            "polyv" => self.polyv(req),
            "kedacom" => self.kedacom(req),
            _ => Ok(()),
        }
    }

    /// Enterprise signature headers, or an OAuth token.
    fn tencent(&self, req: &Incoming) -> Result<(), Rejection> {
        if let Some(token) = req.header("AccessToken") {
            return self.same_secret(token, "AccessToken");
        }
        let key = required(req.header("X-TC-Key"), "X-TC-Key")?;
        self.same_id(key, "X-TC-Key")?;
        let timestamp = number(req.header("X-TC-Timestamp"), "X-TC-Timestamp")?;
        self.fresh(timestamp * 1000, "X-TC-Timestamp")?;
        let nonce = number(req.header("X-TC-Nonce"), "X-TC-Nonce")?;
        let sent = required(req.header("X-TC-Signature"), "X-TC-Signature")?;
        let (secret, method) = (&self.accepted.secret, req.method.as_str());
        let expected =
            tencent_signature(secret, method, key, nonce, timestamp, &req.uri, &req.body);
        signature_is(sent, &expected)
    }

    /// `appkey`, `nonce`, `timestamp` and `signature` headers.
    fn yxt(&self, req: &Incoming) -> Result<(), Rejection> {
        let key = required(req.header("appkey"), "appkey")?;
        self.same_id(key, "appkey")?;
        let timestamp = number(req.header("timestamp"), "timestamp")?;
        self.fresh(timestamp * 1000, "timestamp")?;
        let nonce = required(req.header("nonce"), "nonce")?;
        let sent = required(req.header("signature"), "signature")?;
        signature_is(
            sent,
            &yxt_signature(key, &self.accepted.secret, nonce, timestamp),
        )
    }

    /// `appId`, `timestamp` (milliseconds) and `sign` in the query.
    fn polyv(&self, req: &Incoming) -> Result<(), Rejection> {
        let app_id = required(req.query_value("appId"), "appId")?;
        self.same_id(app_id, "appId")?;
        self.fresh(
            number(req.query_value("timestamp"), "timestamp")?,
            "timestamp",
        )?;
        let sent = required(req.query_value("sign"), "sign")?;
        signature_is(sent, &polyv_sign(&self.accepted.secret, &req.query))
    }

    /// `account_token` in the query or the form.
    fn kedacom(&self, req: &Incoming) -> Result<(), Rejection> {
        let params = req.params();
        let token = required(lookup(&params, "account_token"), "account_token")?;
        self.same_secret(token, "account_token")
    }

    fn same_id(&self, sent: &str, what: &str) -> Result<(), Rejection> {
        if sent == self.accepted.id {
            Ok(())
        } else {
            Err(Rejection::credentials(format!("unknown {what}")))
        }
    }

    fn same_secret(&self, sent: &str, what: &str) -> Result<(), Rejection> {
        if sent == self.accepted.secret {
            Ok(())
        } else {
            Err(Rejection::credentials(format!("invalid {what}")))
        }
    }

    /// Whether `at_ms` is within the window of now.
    fn fresh(&self, at_ms: u64, what: &str) -> Result<(), Rejection> {
        let window = self.window.as_millis() as u64;
        if self.now_ms.abs_diff(at_ms) <= window {
            Ok(())
        } else {
            Err(Rejection::stale(format!(
                "{what} is outside the accepted window of {} s",
                window / 1000
            )))
        }
    }
}

/// A credential that must be present.
fn required<'a>(value: Option<&'a str>, what: &str) -> Result<&'a str, Rejection> {
    value.ok_or_else(|| Rejection::credentials(format!("missing {what}")))
}

/// A credential that must be a whole number.
fn number(value: Option<&str>, what: &str) -> Result<u64, Rejection> {
    required(value, what)?
        .parse()
        .map_err(|_| Rejection::credentials(format!("{what} is not a number")))
}

fn signature_is(sent: &str, expected: &str) -> Result<(), Rejection> {
    if sent == expected {
        Ok(())
    } else {
        Err(Rejection::credentials("signature mismatch"))
    }
}
