//! Credentials and request signing, one scheme per vendor.
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

use std::fmt;

use base64::Engine;
use hmac::{Hmac, Mac};
use md5::{Digest as _, Md5};
use sha2::Sha256;

/// The cookie a Kedacom login sets and later calls send back.
pub const KEDACOM_SSO_COOKIE: &str = "SSO_COOKIE_KEY";

/// A secret value: shown as `***` by `Debug` and `Display`.
///
/// Equality is not constant-time; do not use it to check secrets a peer sends.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for signing. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Secret {
        Secret::new(s)
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Secret {
        Secret(s)
    }
}

/// Tencent Meeting: enterprise secret (signed) or OAuth 2.0 (token).
#[derive(Debug, Clone)]
pub enum TencentMeetingCredentials {
    /// 企业自建应用: every request is signed with the SecretKey.
    EnterpriseSecret {
        /// `X-TC-Key` (an identifier, not a secret).
        secret_id: String,
        /// The HMAC key; never sent.
        secret_key: Secret,
        /// `AppId`: the enterprise id.
        app_id: String,
        /// `SdkId`, for applications that have one.
        sdk_id: Option<String>,
    },
    /// OAuth 2.0 application: the user's access token, unsigned.
    OAuth {
        /// `AccessToken`.
        access_token: Secret,
        /// `OpenId` of the authorising user.
        open_id: String,
    },
}

impl TencentMeetingCredentials {
    /// Enterprise-secret credentials (`SdkId` unset; see [`Self::with_sdk_id`]).
    pub fn enterprise(
        secret_id: impl Into<String>,
        secret_key: impl Into<Secret>,
        app_id: impl Into<String>,
    ) -> Self {
        TencentMeetingCredentials::EnterpriseSecret {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            app_id: app_id.into(),
            sdk_id: None,
        }
    }

    /// Sets the `SdkId` header (enterprise mode only).
    #[must_use]
    pub fn with_sdk_id(mut self, id: impl Into<String>) -> Self {
        if let TencentMeetingCredentials::EnterpriseSecret { sdk_id, .. } = &mut self {
            *sdk_id = Some(id.into());
        }
        self
    }

    /// OAuth 2.0 credentials.
    pub fn oauth(access_token: impl Into<Secret>, open_id: impl Into<String>) -> Self {
        TencentMeetingCredentials::OAuth {
            access_token: access_token.into(),
            open_id: open_id.into(),
        }
    }
}

/// Polyv v4: app id and secret.
#[derive(Debug, Clone)]
pub struct PolyvCredentials {
    /// `appId`, sent in the query.
    pub app_id: String,
    /// The salt of `sign`; never sent.
    pub app_secret: Secret,
}

impl PolyvCredentials {
    /// Polyv credentials.
    pub fn new(app_id: impl Into<String>, app_secret: impl Into<Secret>) -> Self {
        PolyvCredentials {
            app_id: app_id.into(),
            app_secret: app_secret.into(),
        }
    }
}

/// YXT live: app key and secret, and the `source` client code.
#[derive(Debug, Clone)]
pub struct YxtCredentials {
    /// `appkey` header.
    pub app_key: String,
    /// Hashed into `signature`; never sent.
    pub app_secret: Secret,
    /// `source` header: the caller's client code.
    pub source: String,
}

impl YxtCredentials {
    /// YXT credentials.
    pub fn new(
        app_key: impl Into<String>,
        app_secret: impl Into<Secret>,
        source: impl Into<String>,
    ) -> Self {
        YxtCredentials {
            app_key: app_key.into(),
            app_secret: app_secret.into(),
            source: source.into(),
        }
    }
}

/// Kedacom: the account token, and the login cookie when the deployment needs it.
#[derive(Debug, Clone)]
pub struct KedacomCredentials {
    /// `account_token`, sent with every call.
    pub account_token: Secret,
    /// The value of the `SSO_COOKIE_KEY` login cookie.
    pub sso_cookie: Option<Secret>,
}

impl KedacomCredentials {
    /// Token-only credentials.
    pub fn new(account_token: impl Into<Secret>) -> Self {
        KedacomCredentials {
            account_token: account_token.into(),
            sso_cookie: None,
        }
    }

    /// Sends `Cookie: SSO_COOKIE_KEY=<value>` with every call.
    #[must_use]
    pub fn with_sso_cookie(mut self, value: impl Into<Secret>) -> Self {
        self.sso_cookie = Some(value.into());
        self
    }
}

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

/// Tencent Meeting's `X-TC-Signature`: base64 of the lowercase hex of
/// HMAC-SHA256(`secret_key`, METHOD \n `X-TC-Key=…&X-TC-Nonce=…&X-TC-Timestamp=…`
/// \n `uri` \n `body`). `uri` is the path and query exactly as sent; `body`
/// the exact bytes sent (empty for GET).
pub fn tencent_signature(
    secret_key: &str,
    method: &str,
    secret_id: &str,
    nonce: u64,
    timestamp: u64,
    uri: &str,
    body: &[u8],
) -> String {
    let header = format!("X-TC-Key={secret_id}&X-TC-Nonce={nonce}&X-TC-Timestamp={timestamp}");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(format!("{method}\n{header}\n{uri}\n").as_bytes());
    mac.update(body);
    let hex = hex::encode(mac.finalize().into_bytes());
    base64::engine::general_purpose::STANDARD.encode(hex)
}

/// Polyv's `sign`: uppercase hex MD5(`app_secret` + k1v1k2v2… + `app_secret`)
/// over the non-empty parameters but `sign`, sorted by key in byte order, with
/// raw (not URL-encoded) values.
pub fn polyv_sign(app_secret: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params
        .iter()
        .filter(|(k, v)| k != "sign" && !v.is_empty())
        .collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut md5 = Md5::new();
    md5.update(app_secret.as_bytes());
    for (k, v) in sorted {
        md5.update(k.as_bytes());
        md5.update(v.as_bytes());
    }
    md5.update(app_secret.as_bytes());
    hex::encode_upper(md5.finalize())
}

/// YXT's `signature`: lowercase hex SHA-256 of appkey + secret + nonce +
/// timestamp (Unix seconds).
pub fn yxt_signature(app_key: &str, app_secret: &str, nonce: &str, timestamp: u64) -> String {
    let mut sha = Sha256::new();
    sha.update(format!("{app_key}{app_secret}{nonce}{timestamp}").as_bytes());
    hex::encode(sha.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polyv_sign_matches_the_public_check_value() {
        let params = [
            ("appId", "g4rqgmmjuo"),
            ("channelIds", "2477096,2272655"),
            ("endDay", "2022-06-18"),
            ("startDay", "2022-05-20"),
            ("timestamp", "1660270926732"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()));
        assert_eq!(
            polyv_sign("fsq2k5weced1h8vui657xtdva66whf0g", &params),
            "0D2BDA2FD04D93A2B8832B91FD973C4D"
        );
    }

    #[test]
    fn polyv_sign_skips_empty_values_and_the_sign_itself() {
        let base =
            [("appId", "a"), ("timestamp", "1")].map(|(k, v)| (k.to_string(), v.to_string()));
        let mut with_extra = base.to_vec();
        with_extra.push(("empty".into(), String::new()));
        with_extra.push(("sign".into(), "X".into()));
        assert_eq!(polyv_sign("s", &base), polyv_sign("s", &with_extra));
    }

    #[test]
    fn yxt_signature_is_lowercase_sha256_of_the_concatenation() {
        // printf 'keysecretabc1700000000' | sha256sum
        assert_eq!(
            yxt_signature("key", "secret", "abc", 1_700_000_000),
            "46c5c56f9a2a1e8ba8c976705db5d173827d1371c8909cd6c56479f625b99c6c"
        );
    }

    #[test]
    fn tencent_signature_is_base64_of_lowercase_hex_hmac() {
        // Computed independently with Python's hmac/hashlib/base64 over the same string to sign.
        let sig = tencent_signature(
            "secretKeyExample",
            "PUT",
            "AKIDexample",
            12345,
            1_700_000_000,
            "/v1/meetings/live_play/config",
            br#"{"userid":"u"}"#,
        );
        assert_eq!(sig, "YjM5MmJjMzY0YWNlOTk0ZGNjNzhlZTdlNjQxYTU3NTUyNjljOGFkMWEzMmYwMDU1OGE1M2E2YTZjYTkzZmMzZg==");
    }

    #[test]
    fn secrets_never_show_in_debug_output() {
        let c = TencentMeetingCredentials::enterprise("id", "top-secret-key", "app");
        let shown = format!("{c:?} {}", Secret::new("top-secret-key"));
        assert!(!shown.contains("top-secret-key"), "{shown}");
    }
}
