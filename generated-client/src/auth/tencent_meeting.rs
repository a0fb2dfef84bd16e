//! Tencent Meeting: how a request is signed (enterprise secret) or carries a
//! token (OAuth), and the headers both go in.

use base64::Engine;
use hmac::{Hmac, KeyInit as _, Mac};
use sha2::Sha256;

use super::secret::Secret;
use crate::vendor::Method;

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

impl TencentMeetingCredentials {
    /// The credential headers of one attempt: `uri` and `body` exactly as
    /// sent, `timestamp` in Unix seconds.
    pub(super) fn headers(
        &self,
        method: Method,
        uri: &str,
        body: &[u8],
        timestamp: u64,
        nonce: u64,
    ) -> Vec<(String, String)> {
        match self {
            TencentMeetingCredentials::EnterpriseSecret {
                secret_id,
                secret_key,
                app_id,
                sdk_id,
            } => {
                let sig = tencent_signature(
                    secret_key.expose(),
                    method.as_str(),
                    secret_id,
                    nonce,
                    timestamp,
                    uri,
                    body,
                );
                let mut h = vec![
                    ("X-TC-Key".to_string(), secret_id.clone()),
                    ("X-TC-Timestamp".to_string(), timestamp.to_string()),
                    ("X-TC-Nonce".to_string(), nonce.to_string()),
                    ("X-TC-Signature".to_string(), sig),
                    ("AppId".to_string(), app_id.clone()),
                    ("X-TC-Registered".to_string(), "1".to_string()),
                ];
                if let Some(sdk) = sdk_id {
                    h.push(("SdkId".to_string(), sdk.clone()));
                }
                h
            }
            TencentMeetingCredentials::OAuth {
                access_token,
                open_id,
            } => vec![
                ("AccessToken".to_string(), access_token.expose().to_string()),
                ("OpenId".to_string(), open_id.clone()),
            ],
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug_output() {
        let c = TencentMeetingCredentials::enterprise("id", "top-secret-key", "app");
        let shown = format!("{c:?} {}", Secret::new("top-secret-key"));
        assert!(!shown.contains("top-secret-key"), "{shown}");
    }
}
