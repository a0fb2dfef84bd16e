//! YXT live: `appkey`, `nonce`, `timestamp`, `signature` and `source`, all
//! headers.

use sha2::{Digest as _, Sha256};

use super::secret::Secret;

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

impl YxtCredentials {
    /// The credential headers of one attempt (`timestamp` in Unix seconds).
    pub(super) fn headers(&self, timestamp: u64, nonce: u64) -> Vec<(String, String)> {
        // Hex keeps it short (≤ 16 characters; the limit is 32).
        let nonce = format!("{nonce:x}");
        let sig = yxt_signature(&self.app_key, self.app_secret.expose(), &nonce, timestamp);
        vec![
            ("appkey".to_string(), self.app_key.clone()),
            ("nonce".to_string(), nonce),
            ("timestamp".to_string(), timestamp.to_string()),
            ("signature".to_string(), sig),
            ("source".to_string(), self.source.clone()),
        ]
    }
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
    fn yxt_signature_is_lowercase_sha256_of_the_concatenation() {
        // printf 'keysecretabc1700000000' | sha256sum
        assert_eq!(
            yxt_signature("key", "secret", "abc", 1_700_000_000),
            "46c5c56f9a2a1e8ba8c976705db5d173827d1371c8909cd6c56479f625b99c6c"
        );
    }
}
