//! Obtaining Kedacom credentials: the `account_token` and the login cookie.
//!
//! Seed 004 requires `account_token*` on every call (登陆token, 认证token,
//! 通过oauth登录获取到的授权码) and never says how to get one; these two calls
//! are **outside seed 004**, from Kedacom's platform API conventions:
//!
//! - `POST /api/v1/system/token`, form fields `oauth_consumer_key` and
//!   `oauth_consumer_secret`, reply `{"success":1,"account_token":"…"}`;
//! - `POST /api/v1/system/login`, form fields `username`, `password` and
//!   `account_token`, reply `{"success":1,…}` with
//!   `Set-Cookie: SSO_COOKIE_KEY=…`, the session some deployments require.
//!
//! Failures use the envelope of every Kedacom reply (`success` 0,
//! `error_code`, `description`) and become [`Error::Api`].
//!
//! ```no_run
//! use meeting_api_client::auth::Secret;
//! use meeting_api_client::kedacom;
//! use meeting_api_client::kedacom_session::SessionClient;
//!
//! # async fn run() -> Result<(), meeting_api_client::Error> {
//! let session = SessionClient::builder().base_url("https://mcu.example.com").build()?;
//! let credentials = session
//!     .credentials("consumer-key", &Secret::new("consumer-secret"), Some(("admin", &Secret::new("password"))))
//!     .await?;
//! let client = kedacom::Client::builder(credentials)
//!     .base_url("https://mcu.example.com")
//!     .build()?;
//! # let _ = client;
//! # Ok(())
//! # }
//! ```

use reqwest::header::SET_COOKIE;

use crate::auth::{Credentials, KedacomCredentials, Secret, KEDACOM_SSO_COOKIE};
use crate::builder::{ClientBuilder, FromCore};
use crate::error::Error;
use crate::reply::{decode, decode_error, Reply};
use crate::request::{BodyParts, RequestParts};
use crate::send::Core;
use crate::vendor::{ErrorEnvelope, JsonScalar, Method, OperationInfo, VendorInfo};

/// The envelope every Kedacom reply shares; these calls are not in the spec, so
/// the runtime states it itself.
static SESSION_VENDOR: VendorInfo = VendorInfo {
    name: "kedacom",
    title: "科达视讯平台 (Kedacom) session",
    default_base_url: None,
    api_level: None,
    error: ErrorEnvelope {
        code: Some("error_code"),
        message: Some("description"),
        key: None,
        request_id: None,
        success: Some(("success", JsonScalar::Int(1))),
    },
    catalogue: &[],
};

const TOKEN: OperationInfo = OperationInfo {
    name: "kedacom_token",
    title: "获取account_token",
    method: Method::Post,
    path: "/api/v1/system/token",
    min_api_level: None,
    method_override: None,
    success_status: None,
    response_body: true,
    reply_secrets: true,
};

const LOGIN: OperationInfo = OperationInfo {
    name: "kedacom_login",
    title: "登录",
    method: Method::Post,
    path: "/api/v1/system/login",
    min_api_level: None,
    method_override: None,
    success_status: None,
    response_body: true,
    reply_secrets: true,
};

/// Calls Kedacom's token and login endpoints; configured like any client
/// (base URL, `allow_http`, timeouts, a custom reqwest client, retries).
#[derive(Debug, Clone)]
pub struct SessionClient {
    core: Core,
}

impl FromCore for SessionClient {
    fn from_core(core: Core) -> Self {
        SessionClient { core }
    }
}

impl SessionClient {
    /// A builder; a base URL is required (Kedacom is on-premise).
    pub fn builder() -> ClientBuilder<SessionClient> {
        ClientBuilder::new(&SESSION_VENDOR, Credentials::None)
    }

    /// `POST /api/v1/system/token`: exchanges the OAuth consumer key and secret
    /// for an `account_token`.
    pub async fn token(
        &self,
        oauth_consumer_key: &str,
        oauth_consumer_secret: &Secret,
    ) -> Result<Secret, Error> {
        let reply = self
            .post(
                &TOKEN,
                vec![
                    ("oauth_consumer_key".into(), oauth_consumer_key.into()),
                    (
                        "oauth_consumer_secret".into(),
                        oauth_consumer_secret.expose().into(),
                    ),
                ],
            )
            .await?;
        let json: serde_json::Value = decode(&TOKEN, &reply)?;
        match json.get("account_token") {
            Some(serde_json::Value::String(t)) if !t.is_empty() => Ok(Secret::new(t.clone())),
            // The body may hold the token in an unexpected shape: do not keep it.
            _ => Err(decode_error(
                &reply,
                "the token reply has no `account_token` string".into(),
            )
            .withhold_reply_body()),
        }
    }

    /// `POST /api/v1/system/login`: logs `username` in and returns the value of
    /// the `SSO_COOKIE_KEY` cookie the reply sets.
    pub async fn login(
        &self,
        username: &str,
        password: &Secret,
        account_token: &Secret,
    ) -> Result<Secret, Error> {
        let reply = self
            .post(
                &LOGIN,
                vec![
                    ("username".into(), username.into()),
                    ("password".into(), password.expose().into()),
                    ("account_token".into(), account_token.expose().into()),
                ],
            )
            .await?;
        let _: serde_json::Value = decode(&LOGIN, &reply)?;
        sso_cookie(&reply).ok_or_else(|| {
            decode_error(
                &reply,
                format!("the login reply sets no `{KEDACOM_SSO_COOKIE}` cookie"),
            )
        })
    }

    /// The token, and the login cookie when `login` (username, password) is
    /// given, as credentials for [`crate::kedacom::Client`].
    pub async fn credentials(
        &self,
        oauth_consumer_key: &str,
        oauth_consumer_secret: &Secret,
        login: Option<(&str, &Secret)>,
    ) -> Result<KedacomCredentials, Error> {
        let token = self
            .token(oauth_consumer_key, oauth_consumer_secret)
            .await?;
        let mut credentials = KedacomCredentials::new(token.clone());
        if let Some((username, password)) = login {
            credentials.sso_cookie = Some(self.login(username, password, &token).await?);
        }
        Ok(credentials)
    }

    async fn post(
        &self,
        op: &OperationInfo,
        fields: Vec<(String, String)>,
    ) -> Result<Reply, Error> {
        let mut parts = RequestParts::new(op.method);
        parts.path(op.path);
        parts.body = BodyParts::Form(fields);
        // Both operations' replies hold secrets (`reply_secrets`): the core
        // withholds their bodies from errors.
        self.core.execute(op, parts).await
    }
}

/// The value of `SSO_COOKIE_KEY` among the reply's `Set-Cookie` headers.
fn sso_cookie(reply: &Reply) -> Option<Secret> {
    reply
        .headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|cookie| {
            let pair = cookie.split(';').next()?;
            let (name, value) = pair.split_once('=')?;
            (name.trim() == KEDACOM_SSO_COOKIE).then(|| value.trim().trim_matches('"'))
        })
        .find(|v| !v.is_empty())
        .map(Secret::new)
}
