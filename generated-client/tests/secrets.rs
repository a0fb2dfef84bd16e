//! No secret is ever printed: not by Debug or Display of credentials, builders,
//! clients or errors, and not in any tracing span or event of a call.

mod support;

use std::fmt::Write as _;

use meeting_api_client::auth::{
    PolyvCredentials, Secret, TencentMeetingCredentials, YxtCredentials,
};
use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt, Error};
use support::closed_port;
use support::secret_clients::{
    assert_no_secret, kedacom, kedacom_credentials, polyv, tencent, tencent_oauth, yxt, SECRETS,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn credentials_builders_and_clients_print_no_secret() {
    let base = "https://example.com";
    let mut shown = String::new();
    write!(
        shown,
        "{:?} {:?} {:?} {:?} {:?} {:?}",
        TencentMeetingCredentials::enterprise("AKID1", SECRETS[0], "app").with_sdk_id("sdk"),
        TencentMeetingCredentials::oauth(SECRETS[1], "open-1"),
        PolyvCredentials::new("app", SECRETS[2]),
        YxtCredentials::new("key", SECRETS[3], "src"),
        kedacom_credentials(),
        kedacom::Client::builder(kedacom_credentials()).base_url(base),
    )
    .expect("formatting");
    write!(
        shown,
        "{:?} {:?} {:?} {:?} {:?} {:?}",
        tencent(base),
        tencent_oauth(base),
        polyv(base),
        yxt(base),
        kedacom(base),
        kedacom(base).core(),
    )
    .expect("formatting");
    let secret = Secret::new(SECRETS[0]);
    write!(shown, "{secret} {secret:?}").expect("formatting");
    assert_no_secret(&shown);
    // The check itself can fail: the values are really in there.
    assert_eq!(secret.expose(), SECRETS[0]);
}

/// Display, Debug and every source of an error.
fn error_text(err: &Error) -> String {
    let mut text = format!("{err} {err:?}");
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        write!(text, " {s} {s:?}").expect("formatting");
        source = s.source();
    }
    text
}

#[tokio::test]
async fn a_transport_error_names_neither_the_token_in_the_url_nor_the_url() {
    let err = kedacom(&format!("http://127.0.0.1:{}", closed_port()))
        .list_booked_conferences(&kedacom::ListBookedConferencesRequest::default())
        .await
        .expect_err("nothing listens");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    let text = error_text(&err);
    assert_no_secret(&text);
    assert!(!text.contains("account_token"), "{text}");
}

#[tokio::test]
async fn a_polyv_transport_error_does_not_show_the_signed_query() {
    let request = polyv::UpdateChannelRoleConfigRequest::new(
        1,
        polyv::Role::Guest,
        polyv::RoleConfig::default(),
    );
    let err = polyv(&format!("http://127.0.0.1:{}", closed_port()))
        .update_channel_role_config(&request)
        .await
        .expect_err("nothing listens");
    let text = error_text(&err);
    assert!(!text.contains("sign="), "{text}");
}

#[tokio::test]
async fn vendor_and_decode_errors_print_no_secret() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"success":0,"error_code":1}"#))
        .mount(&server)
        .await;
    let api = kedacom(&server.uri())
        .get_resources(&kedacom::GetResourcesRequest::default())
        .await
        .expect_err("a failure reply");
    assert!(api.api().is_some());
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{"))
        .mount(&server)
        .await;
    let decode = tencent(&server.uri())
        .list_live_replays_by_meeting_id(&tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
            "1",
            "u",
            tencent_meeting::InstanceId::Pc,
        ))
        .await
        .expect_err("truncated");
    assert!(matches!(decode, Error::Decode { .. }));
    assert_no_secret(&(error_text(&api) + &error_text(&decode)));
}

#[test]
fn a_base_url_with_a_password_is_refused_without_echoing_it() {
    let builder = yxt::Client::builder(YxtCredentials::new("k", "s", "src"))
        .base_url("https://user:hunter2-secret@example.com");
    let shown = format!("{builder:?}");
    let err = builder.build().expect_err("user info is refused");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let text = format!("{shown} {}", error_text(&err));
    assert!(!text.contains("hunter2"), "{text}");
}

#[tokio::test]
async fn a_credential_that_is_not_a_valid_header_is_refused_without_echoing_it() {
    let client = tencent_meeting::Client::builder(TencentMeetingCredentials::oauth(
        format!("bad\n{}", SECRETS[1]),
        "open-1",
    ))
    .base_url("http://127.0.0.1:9")
    .allow_http(true)
    .build()
    .expect("valid configuration");
    let err = client
        .list_live_replays_by_meeting_id(&tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
            "1",
            "u",
            tencent_meeting::InstanceId::Pc,
        ))
        .await
        .expect_err("a newline cannot go in a header");
    assert!(matches!(err, Error::Encode(_)), "{err:?}");
    assert_no_secret(&error_text(&err));
}
