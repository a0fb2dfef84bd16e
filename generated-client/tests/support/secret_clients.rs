//! Clients of every vendor holding recognisable secrets, and the check that
//! a text shows none of them (the secrets and tracing tests share them).

use std::time::Duration;

use meeting_api_client::auth::{
    KedacomCredentials, PolyvCredentials, TencentMeetingCredentials, YxtCredentials,
};
use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt, RetryPolicy};

/// Every secret the clients hold: Tencent key and OAuth token, Polyv and YXT
/// secrets, Kedacom token and login cookie.
pub const SECRETS: [&str; 6] = [
    "tc-secret-key-7f3a",
    "oauth-access-9b2c",
    "polyv-secret-51de",
    "yxt-secret-c0a8",
    "kedacom-token-e61f",
    "sso-cookie-4d90",
];

pub fn assert_no_secret(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "`{secret}` leaked in: {text}");
    }
}

pub fn tencent(base: &str) -> tencent_meeting::Client {
    tencent_meeting::Client::builder(TencentMeetingCredentials::enterprise(
        "AKID1", SECRETS[0], "app",
    ))
    .base_url(base)
    .allow_http(true)
    .build()
    .expect("valid configuration")
}

pub fn tencent_oauth(base: &str) -> tencent_meeting::Client {
    tencent_meeting::Client::builder(TencentMeetingCredentials::oauth(SECRETS[1], "open-1"))
        .base_url(base)
        .allow_http(true)
        .build()
        .expect("valid configuration")
}

pub fn polyv(base: &str) -> polyv::Client {
    polyv::Client::builder(PolyvCredentials::new("app", SECRETS[2]))
        .base_url(base)
        .allow_http(true)
        .build()
        .expect("valid configuration")
}

pub fn yxt(base: &str) -> yxt::Client {
    yxt::Client::builder(YxtCredentials::new("key", SECRETS[3], "src"))
        .base_url(base)
        .allow_http(true)
        .build()
        .expect("valid configuration")
}

pub fn kedacom_credentials() -> KedacomCredentials {
    KedacomCredentials::new(SECRETS[4]).with_sso_cookie(SECRETS[5])
}

pub fn kedacom(base: &str) -> kedacom::Client {
    kedacom::Client::builder(kedacom_credentials())
        .base_url(base)
        .allow_http(true)
        .retry(RetryPolicy {
            max_retries: 1,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(1),
        })
        .build()
        .expect("valid configuration")
}
