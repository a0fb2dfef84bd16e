//! Kedacom: the `account_token` in the query (GET, DELETE) or the form (POST,
//! multipart), and the login cookie as a header.

use super::secret::Secret;
use crate::request::RequestParts;
use crate::vendor::Method;

/// The cookie a Kedacom login sets and later calls send back.
pub const KEDACOM_SSO_COOKIE: &str = "SSO_COOKIE_KEY";

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

/// The query parameter [`KedacomCredentials::place`] may add.
pub(super) const QUERY_NAMES: &[&str] = &["account_token"];

impl KedacomCredentials {
    /// Puts the token in the query or form; returns the cookie header, if any.
    pub(super) fn place(&self, parts: &mut RequestParts) -> Vec<(String, String)> {
        let token = self.account_token.expose().to_string();
        if matches!(parts.method, Method::Get | Method::Delete) {
            parts.query.push(("account_token".into(), token));
        } else {
            parts.form_field("account_token", token);
        }
        self.sso_cookie
            .iter()
            .map(|cookie| {
                let value = format!("{KEDACOM_SSO_COOKIE}={}", cookie.expose());
                ("Cookie".to_string(), value)
            })
            .collect()
    }
}
