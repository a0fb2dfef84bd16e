//! Polyv v4: `appId`, `timestamp` and the `sign` over every query parameter,
//! all in the query.

use md5::{Digest as _, Md5};

use super::secret::Secret;
use crate::request::RequestParts;

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

/// The query parameters [`PolyvCredentials::place`] adds.
pub(super) const QUERY_NAMES: &[&str] = &["appId", "timestamp", "sign"];

impl PolyvCredentials {
    /// Adds `appId`, `timestamp` (`now_ms`) and `sign` to the query; the sign
    /// covers the endpoint's own parameters, so they must be in place.
    pub(super) fn place(&self, parts: &mut RequestParts, now_ms: u64) {
        parts.query.push(("appId".into(), self.app_id.clone()));
        parts.query.push(("timestamp".into(), now_ms.to_string()));
        let sign = polyv_sign(self.app_secret.expose(), &parts.query);
        parts.query.push(("sign".into(), sign));
    }
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
}
