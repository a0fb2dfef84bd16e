//! End to end against local servers that verify each vendor's signature the way
//! the vendor does (tests/support): the right key passes, a wrong key is
//! refused with the vendor's failure reply, and retries are signed afresh.

mod support;

use std::time::Duration;

use meeting_api_client::auth::{
    KedacomCredentials, PolyvCredentials, TencentMeetingCredentials, YxtCredentials,
};
use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt, Error, RetryPolicy};
use serde_json::json;
use support::{
    closed_port, header, polyv_check, tencent_check, yxt_check, CountingNonce, SteppingClock,
    Verifying,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TC_ID: &str = "AKIDserver";
const TC_KEY: &str = "tc-secret-key-1";
const POLYV_APP: &str = "polyv-app";
const POLYV_SECRET: &str = "polyv-secret-1";
const YXT_KEY: &str = "yxt-key";
const YXT_SECRET: &str = "yxt-secret-1";
const KEDACOM_TOKEN: &str = "kd-token-1";

fn fast_retries(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
    }
}

fn tencent_rejection() -> ResponseTemplate {
    ResponseTemplate::new(401)
        .insert_header("X-TC-Trace", "trace-401")
        .set_body_json(json!({"error_info": {
            "error_code": 200003, "new_error_code": 9003, "message": "Invalid signature"
        }}))
}

async fn tencent_server(ok: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(Verifying {
            check: |r: &Request| tencent_check(r, TC_ID, TC_KEY),
            ok,
            rejected: tencent_rejection(),
        })
        .mount(&server)
        .await;
    server
}

fn tencent_client(base: String, key: &str) -> tencent_meeting::Client {
    tencent_meeting::Client::builder(TencentMeetingCredentials::enterprise(TC_ID, key, "app-1"))
        .base_url(base)
        .allow_http(true)
        .build()
        .expect("valid configuration")
}

fn live_config_request() -> tencent_meeting::UpdateLiveConfigByMeetingIdRequest {
    let config = tencent_meeting::LiveConfig::default()
        .with_live_subject("周会 & review")
        .with_enable_live_replay(true);
    let body = tencent_meeting::UpdateLiveConfigByMeetingIdBody::new(
        "test_userid",
        tencent_meeting::InstanceId::Pc,
        config,
    );
    tencent_meeting::UpdateLiveConfigByMeetingIdRequest::new("5939741786564101932", body)
}

fn replays_request() -> tencent_meeting::ListLiveReplaysByMeetingCodeRequest {
    tencent_meeting::ListLiveReplaysByMeetingCodeRequest::new(
        "13418515243",
        "tester 1",
        tencent_meeting::InstanceId::Pc,
    )
}

#[tokio::test]
async fn a_tencent_put_signed_with_the_right_key_passes_the_verifying_server() {
    let server = tencent_server(ResponseTemplate::new(200)).await;
    tencent_client(server.uri(), TC_KEY)
        .update_live_config_by_meeting_id(&live_config_request())
        .await
        .expect("the server accepts the signature");
}

#[tokio::test]
async fn a_tencent_get_with_an_encoded_query_passes_the_verifying_server() {
    let server = tencent_server(
        ResponseTemplate::new(200)
            .set_body_json(json!({"meeting_number": 1, "meeting_info_list": []})),
    )
    .await;
    let replays = tencent_client(server.uri(), TC_KEY)
        .list_live_replays_by_meeting_code(&replays_request())
        .await
        .expect("the server accepts the signature");
    assert_eq!(replays.meeting_number, Some(1));
}

#[tokio::test]
async fn a_tencent_signature_covers_a_base_url_path_prefix_as_sent() {
    let server = tencent_server(ResponseTemplate::new(200)).await;
    tencent_client(format!("{}/gateway", server.uri()), TC_KEY)
        .update_live_config_by_meeting_id(&live_config_request())
        .await
        .expect("the server accepts the signature");
    let received = server.received_requests().await.expect("recorded");
    assert!(received[0].url.path().starts_with("/gateway/v1/meetings/"));
}

#[tokio::test]
async fn a_tencent_request_signed_with_a_wrong_key_fails_with_the_vendor_error_and_trace() {
    let server = tencent_server(ResponseTemplate::new(200)).await;
    let err = tencent_client(server.uri(), "not-the-key")
        .update_live_config_by_meeting_id(&live_config_request())
        .await
        .expect_err("the server refuses the signature");
    let api = err.api().expect("a vendor error");
    assert_eq!(api.status, 401);
    assert_eq!(api.code.as_deref(), Some("200003"));
    assert_eq!(api.message.as_deref(), Some("Invalid signature"));
    assert_eq!(api.trace_id.as_deref(), Some("trace-401"));
    assert_eq!(
        api.body_field("error_info.new_error_code"),
        Some(json!(9003))
    );
}

async fn polyv_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(Verifying {
            check: |r: &Request| polyv_check(r, POLYV_APP, POLYV_SECRET),
            ok: ResponseTemplate::new(200).set_body_json(json!({
                "code": 200, "status": "success", "requestId": "ok-1", "data": "", "success": true
            })),
            // Polyv answers failures inside the envelope.
            rejected: ResponseTemplate::new(200).set_body_json(json!({
                "code": 400, "status": "error", "requestId": "bad-1",
                "error": {"code": 20005, "desc": "sign error"}, "success": false
            })),
        })
        .mount(&server)
        .await;
    server
}

fn polyv_client(server: &MockServer, secret: &str) -> polyv::Client {
    polyv::Client::builder(PolyvCredentials::new(POLYV_APP, secret))
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("valid configuration")
}

fn role_config_request() -> polyv::UpdateChannelRoleConfigRequest {
    let body = polyv::RoleConfig::default()
        .with_web_start_check_in_display_enabled(polyv::Switch::Off)
        .with_ai_virtual_bg_url("https://cdn.example.com/bg.png?x=1&y=两");
    polyv::UpdateChannelRoleConfigRequest::new(4872391, polyv::Role::Teacher, body)
}

#[tokio::test]
async fn a_polyv_call_signed_with_the_right_secret_passes_the_verifying_server() {
    let server = polyv_server().await;
    let reply = polyv_client(&server, POLYV_SECRET)
        .update_channel_role_config(&role_config_request())
        .await
        .expect("the server accepts the sign");
    assert_eq!(reply.request_id.as_deref(), Some("ok-1"));
}

#[tokio::test]
async fn a_polyv_call_signed_with_a_wrong_secret_fails_with_the_envelope_error() {
    let server = polyv_server().await;
    let err = polyv_client(&server, "wrong-secret")
        .update_channel_role_config(&role_config_request())
        .await
        .expect_err("the server refuses the sign");
    let api = err.api().expect("a vendor error");
    assert_eq!(
        (api.status, api.code.as_deref(), api.message.as_deref()),
        (200, Some("20005"), Some("sign error"))
    );
    assert_eq!(api.request_id.as_deref(), Some("bad-1"));
}

async fn yxt_server(ok: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(Verifying {
            check: |r: &Request| yxt_check(r, YXT_KEY, YXT_SECRET),
            ok,
            rejected: ResponseTemplate::new(401).set_body_json(
                json!({"error": {"key": "global.noprivilege", "message": "No privilege."}}),
            ),
        })
        .mount(&server)
        .await;
    server
}

fn yxt_client(server: &MockServer, secret: &str) -> yxt::Client {
    yxt::Client::builder(YxtCredentials::new(YXT_KEY, secret, "src-1"))
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("valid configuration")
}

fn room_request() -> yxt::UpdateRoomRequest {
    yxt::UpdateRoomRequest::new(
        "fe04ddc7-3628-4740-8db7-a504f3719bf3",
        yxt::RoomUpdate::new("直播创建测试").with_description("直播创建测试desc"),
    )
}

#[tokio::test]
async fn a_yxt_call_signed_with_the_right_secret_passes_the_verifying_server() {
    let server = yxt_server(ResponseTemplate::new(204)).await;
    yxt_client(&server, YXT_SECRET)
        .update_room(&room_request())
        .await
        .expect("the server accepts the signature");
}

#[tokio::test]
async fn a_yxt_call_signed_with_a_wrong_secret_fails_with_the_error_key() {
    let server = yxt_server(ResponseTemplate::new(204)).await;
    let err = yxt_client(&server, "wrong")
        .update_room(&room_request())
        .await
        .expect_err("the server refuses the signature");
    let api = err.api().expect("a vendor error");
    assert_eq!(api.status, 401);
    assert_eq!(api.key.as_deref(), Some("global.noprivilege"));
    assert_eq!(api.message.as_deref(), Some("No privilege."));
}

/// Kedacom's check: the token in the query (GET/DELETE) or the form (POST).
fn kedacom_check(r: &Request) -> Result<(), String> {
    let token = if r.method.as_str() == "POST" {
        support::form_fields(r)
            .into_iter()
            .find(|(k, _)| k == "account_token")
    } else {
        r.url
            .query_pairs()
            .into_owned()
            .find(|(k, _)| k == "account_token")
    };
    match token {
        Some((_, t)) if t == KEDACOM_TOKEN => Ok(()),
        _ => Err("bad account_token".into()),
    }
}

async fn kedacom_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(Verifying {
            check: kedacom_check,
            ok: ResponseTemplate::new(200).set_body_json(json!({"success": 1, "id": "area-1"})),
            rejected: ResponseTemplate::new(200).set_body_json(
                json!({"success": 0, "error_code": 10002, "description": "token invalid"}),
            ),
        })
        .mount(&server)
        .await;
    server
}

fn kedacom_client(server: &MockServer, token: &str) -> kedacom::Client {
    kedacom::Client::builder(KedacomCredentials::new(token))
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("valid configuration")
}

#[tokio::test]
async fn a_kedacom_call_with_the_right_token_passes_and_a_wrong_one_fails() {
    let server = kedacom_server().await;
    let request =
        kedacom::CreateMeetingRoomAreaRequest::new(kedacom::MeetingRoomAreaParams::new("三楼"));
    let created = kedacom_client(&server, KEDACOM_TOKEN)
        .create_meeting_room_area(&request)
        .await
        .expect("the server accepts the token");
    assert_eq!(created.id.as_deref(), Some("area-1"));
    let err = kedacom_client(&server, "stale-token")
        .create_meeting_room_area(&request)
        .await
        .expect_err("the server refuses the token");
    let api = err.api().expect("a vendor error");
    assert_eq!(api.code.as_deref(), Some("10002"));
    assert_eq!(api.message.as_deref(), Some("token invalid"));
}

/// Answers 503 `failures` times, then lets the verifying mock answer.
async fn mount_failures_first(server: &MockServer, failures: u64) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(failures)
        .with_priority(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn each_tencent_retry_is_signed_again_with_a_fresh_nonce_and_timestamp() {
    let server =
        tencent_server(ResponseTemplate::new(200).set_body_json(json!({"meeting_number": 0})))
            .await;
    mount_failures_first(&server, 2).await;
    let nonces = CountingNonce::default();
    let client = tencent_meeting::Client::builder(TencentMeetingCredentials::enterprise(
        TC_ID, TC_KEY, "app-1",
    ))
    .base_url(server.uri())
    .allow_http(true)
    .retry(fast_retries(3))
    .clock(SteppingClock::new(1_700_000_000_000))
    .nonce_source(nonces.clone())
    .build()
    .expect("valid configuration");
    client
        .list_live_replays_by_meeting_code(&replays_request())
        .await
        .expect("the third attempt succeeds");
    let received = server.received_requests().await.expect("recorded");
    assert_eq!(received.len(), 3);
    let mut seen = Vec::new();
    for r in &received {
        tencent_check(r, TC_ID, TC_KEY).expect("every attempt is correctly signed");
        seen.push((
            header(r, "X-TC-Nonce").map(str::to_string),
            header(r, "X-TC-Timestamp").map(str::to_string),
        ));
    }
    let expected: Vec<_> = [
        ("1", "1700000000"),
        ("2", "1700000001"),
        ("3", "1700000002"),
    ]
    .iter()
    .map(|(n, t)| (Ok(n.to_string()), Ok(t.to_string())))
    .collect();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn each_yxt_retry_of_an_idempotent_put_is_signed_again() {
    let server = yxt_server(ResponseTemplate::new(204)).await;
    mount_failures_first(&server, 1).await;
    let client = yxt::Client::builder(YxtCredentials::new(YXT_KEY, YXT_SECRET, "src-1"))
        .base_url(server.uri())
        .allow_http(true)
        .retry(fast_retries(2))
        .clock(SteppingClock::new(1_700_000_000_000))
        .nonce_source(CountingNonce::default())
        .build()
        .expect("valid configuration");
    client
        .update_room(&room_request())
        .await
        .expect("the retry succeeds");
    let received = server.received_requests().await.expect("recorded");
    assert_eq!(received.len(), 2);
    for r in &received {
        yxt_check(r, YXT_KEY, YXT_SECRET).expect("every attempt is correctly signed");
    }
    assert_ne!(header(&received[0], "nonce"), header(&received[1], "nonce"));
    assert_ne!(
        header(&received[0], "timestamp"),
        header(&received[1], "timestamp")
    );
}

#[tokio::test]
async fn retries_are_off_unless_configured() {
    let server = tencent_server(ResponseTemplate::new(200)).await;
    mount_failures_first(&server, 1).await;
    let err = tencent_client(server.uri(), TC_KEY)
        .list_live_replays_by_meeting_code(&replays_request())
        .await
        .expect_err("the 503 is final");
    assert_eq!(err.api().map(|a| a.status), Some(503));
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}

#[tokio::test]
async fn a_post_that_reached_the_server_is_not_retried() {
    let server = polyv_server().await;
    mount_failures_first(&server, 1).await;
    let client = polyv::Client::builder(PolyvCredentials::new(POLYV_APP, POLYV_SECRET))
        .base_url(server.uri())
        .allow_http(true)
        .retry(fast_retries(3))
        .build()
        .expect("valid configuration");
    let err = client
        .update_channel_role_config(&role_config_request())
        .await
        .expect_err("a POST is not repeated");
    assert_eq!(err.api().map(|a| a.status), Some(503));
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}

#[tokio::test]
async fn a_post_is_retried_when_the_connection_could_not_be_opened() {
    // Every attempt draws one nonce (NonceSource's contract), so the count of
    // nonces is the count of attempts even though nothing was received.
    let nonces = CountingNonce::default();
    let client = polyv::Client::builder(PolyvCredentials::new(POLYV_APP, POLYV_SECRET))
        .base_url(format!("http://127.0.0.1:{}", closed_port()))
        .allow_http(true)
        .retry(fast_retries(2))
        .nonce_source(nonces.clone())
        .build()
        .expect("valid configuration");
    let err = client
        .update_channel_role_config(&role_config_request())
        .await
        .expect_err("nothing listens");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(nonces.issued(), 3);
}
