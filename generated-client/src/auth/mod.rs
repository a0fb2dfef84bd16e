//! Credentials, one scheme per vendor: how each is computed and where it
//! goes (header, query, form field, cookie). Each vendor's file owns both for
//! its vendor; `secret` holds what they share ([`Secret`]); this module the
//! [`Credentials`] a client is built with, which the core asks at two points of
//! every attempt: `place` before the URL is built, `sign` once the body's bytes
//! are known. Adding a scheme is a new file here and a variant of
//! `Credentials`.
//!
//! The seeds defer authentication to documents they do not include; these are
//! the vendors' public rules:
//!
//! - Tencent Meeting, enterprise secret: `X-TC-Key`, `X-TC-Timestamp` (Unix
//!   seconds), `X-TC-Nonce` (positive integer), `AppId`, `SdkId` (when set),
//!   `X-TC-Registered: 1`, `Content-Type: application/json` (GET included) and
//!   `X-TC-Signature` = base64 of the lowercase hex of HMAC-SHA256(SecretKey,
//!   METHOD \n `X-TC-Key=..&X-TC-Nonce=..&X-TC-Timestamp=..` \n URI as sent \n
//!   body as sent). OAuth mode: `AccessToken` and `OpenId`, unsigned.
//! - Polyv v4: `appId`, `timestamp` (13-digit ms) and `sign` in the query, where
//!   sign = uppercase hex MD5(secret + key1value1key2value2… + secret) over every
//!   non-empty query parameter but `sign` (endpoint parameters included), sorted
//!   by key, raw (unencoded) values. The JSON body is not signed.
//! - YXT: `appkey`, `nonce` (≤ 32 chars), `timestamp` (Unix seconds), `signature`
//!   = lowercase hex SHA-256(appkey + appSecret + nonce + timestamp), `source`.
//! - Kedacom: `account_token` in the query (GET/DELETE) or the form (POST and
//!   multipart), and the `SSO_COOKIE_KEY` cookie when the deployment needs a
//!   login session. Obtaining both is outside seed 004; see `kedacom_session`.
//!
//! Secrets live in [`Secret`], whose `Debug` and `Display` print `***`, so the
//! credential types can derive `Debug` safely.

use crate::request::RequestParts;
use crate::vendor::Method;

mod kedacom;
mod polyv;
mod secret;
mod tencent_meeting;
mod yxt;

pub use kedacom::{KedacomCredentials, KEDACOM_SSO_COOKIE};
pub use polyv::{polyv_sign, PolyvCredentials};
pub use secret::Secret;
pub use tencent_meeting::{tencent_signature, TencentMeetingCredentials};
pub use yxt::{yxt_signature, YxtCredentials};

/// No authentication.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoCredentials;

/// Any vendor's credentials.
#[derive(Debug, Clone)]
pub enum Credentials {
    /// Tencent Meeting.
    TencentMeeting(TencentMeetingCredentials),
    /// Polyv.
    Polyv(PolyvCredentials),
    /// YXT live.
    Yxt(YxtCredentials),
    /// Kedacom.
    Kedacom(KedacomCredentials),
    /// No authentication.
    None,
}

macro_rules! credentials_from {
    ($($t:ty => $v:ident),*) => {$(
        impl From<$t> for Credentials {
            fn from(c: $t) -> Credentials {
                Credentials::$v(c)
            }
        }
    )*};
}
credentials_from!(TencentMeetingCredentials => TencentMeeting, PolyvCredentials => Polyv, YxtCredentials => Yxt, KedacomCredentials => Kedacom);

impl From<NoCredentials> for Credentials {
    fn from(_: NoCredentials) -> Credentials {
        Credentials::None
    }
}

impl Credentials {
    /// Puts the credentials that travel in the request itself (Polyv's query,
    /// Kedacom's token) into `parts`, before the URL is built; returns the
    /// headers they need (Kedacom's cookie).
    pub(crate) fn place(&self, parts: &mut RequestParts, now_ms: u64) -> Vec<(String, String)> {
        match self {
            Credentials::Polyv(c) => {
                c.place(parts, now_ms);
                Vec::new()
            }
            Credentials::Kedacom(c) => c.place(parts),
            _ => Vec::new(),
        }
    }

    /// The headers that sign the final request (Tencent Meeting, YXT): `uri`
    /// is the path and query as sent, `body` the exact bytes sent.
    pub(crate) fn sign(
        &self,
        method: Method,
        uri: &str,
        body: &[u8],
        now_ms: u64,
        nonce: u64,
    ) -> Vec<(String, String)> {
        let timestamp = now_ms / 1000;
        match self {
            Credentials::TencentMeeting(c) => c.headers(method, uri, body, timestamp, nonce),
            Credentials::Yxt(c) => c.headers(timestamp, nonce),
            _ => Vec::new(),
        }
    }

    /// The query parameters `place` adds: dropped from a redirect's
    /// `Location` before the next hop places them afresh.
    pub(crate) fn query_names(&self) -> &'static [&'static str] {
        match self {
            Credentials::Polyv(_) => polyv::QUERY_NAMES,
            Credentials::Kedacom(_) => kedacom::QUERY_NAMES,
            _ => &[],
        }
    }

    /// The `Content-Type` to send when the body sets none.
    pub(crate) fn default_content_type(&self) -> Option<&'static str> {
        match self {
            // Tencent's gateway wants it on every request, bodiless GETs included.
            Credentials::TencentMeeting(_) => Some("application/json"),
            _ => None,
        }
    }
}
