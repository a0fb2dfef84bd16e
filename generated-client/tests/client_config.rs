//! What the builder controls: base URL, schemes, user agent, the reqwest
//! client, and which methods the method override touches.

mod support;

use meeting_api_client::auth::{KedacomCredentials, TencentMeetingCredentials, YxtCredentials};
use meeting_api_client::{kedacom, tencent_meeting, yxt, Error};
use support::{header, only_request};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn tencent_builder() -> meeting_api_client::ClientBuilder<tencent_meeting::Client> {
    tencent_meeting::Client::builder(TencentMeetingCredentials::enterprise("id", "key", "app"))
}

async fn ok_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"meeting_number":0}"#))
        .mount(&server)
        .await;
    server
}

fn replays() -> tencent_meeting::ListLiveReplaysByMeetingIdRequest {
    tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
        "1",
        "tester",
        tencent_meeting::InstanceId::Pc,
    )
}

#[test]
fn the_vendor_host_is_the_default_base_url() {
    let client = tencent_builder().build().expect("valid configuration");
    assert_eq!(client.core().base_url(), "https://api.meeting.qq.com");
}

#[test]
fn a_trailing_slash_on_the_base_url_is_dropped() {
    let client = tencent_builder()
        .base_url("https://proxy.example.com/tm/")
        .build()
        .expect("valid configuration");
    assert_eq!(client.core().base_url(), "https://proxy.example.com/tm");
}

#[test]
fn plain_http_is_refused_unless_allowed() {
    let err = tencent_builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .expect_err("http");
    assert!(matches!(err, Error::Config(_)), "{err}");
    tencent_builder()
        .base_url("http://127.0.0.1:9")
        .allow_http(true)
        .build()
        .expect("allowed");
}

#[test]
fn base_urls_that_cannot_prefix_a_path_are_refused() {
    for base in [
        "ftp://example.com",
        "https://example.com/?q=1",
        "https://example.com/#x",
        "not a url",
    ] {
        let err = tencent_builder()
            .base_url(base)
            .build()
            .expect_err("refused");
        assert!(matches!(err, Error::Config(_)), "{base}: {err}");
    }
}

#[tokio::test]
async fn the_default_user_agent_names_the_crate_and_a_custom_one_replaces_it() {
    let server = ok_server().await;
    let default = tencent_builder()
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("valid configuration");
    default
        .list_live_replays_by_meeting_id(&replays())
        .await
        .expect("decodes");
    let req = only_request(&server).await;
    assert!(header(&req, "User-Agent").is_ok_and(|ua| ua.starts_with("meeting-api-client/")));
    let server2 = ok_server().await;
    let custom = tencent_builder()
        .base_url(server2.uri())
        .allow_http(true)
        .user_agent("acme-sync/2.0")
        .build()
        .expect("valid configuration");
    custom
        .list_live_replays_by_meeting_id(&replays())
        .await
        .expect("decodes");
    assert_eq!(
        header(&only_request(&server2).await, "User-Agent"),
        Ok("acme-sync/2.0")
    );
}

#[tokio::test]
async fn a_user_supplied_reqwest_client_sends_the_requests() {
    let server = ok_server().await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "X-Tenant",
        reqwest::header::HeaderValue::from_static("t-42"),
    );
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("a reqwest client");
    let client = tencent_builder()
        .base_url(server.uri())
        .allow_http(true)
        .http_client(http)
        .build()
        .expect("valid configuration");
    client
        .list_live_replays_by_meeting_id(&replays())
        .await
        .expect("decodes");
    assert_eq!(header(&only_request(&server).await, "X-Tenant"), Ok("t-42"));
}

#[tokio::test]
async fn the_method_override_leaves_operations_without_a_documented_fallback_alone() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = yxt::Client::builder(YxtCredentials::new("k", "s", "src"))
        .base_url(server.uri())
        .allow_http(true)
        .method_override(true)
        .build()
        .expect("valid configuration");
    client
        .update_room(&yxt::UpdateRoomRequest::new("r", yxt::RoomUpdate::new("n")))
        .await
        .expect("204");
    assert_eq!(only_request(&server).await.method.as_str(), "PUT");
}

#[tokio::test]
async fn api_levels_cannot_be_discovered_for_a_vendor_without_them() {
    let client = tencent_builder().build().expect("valid configuration");
    let err = client
        .core()
        .discover_api_level()
        .await
        .expect_err("Tencent has no API levels");
    assert!(matches!(err, Error::Config(_)), "{err}");
}

#[test]
fn a_kedacom_client_needs_a_base_url() {
    let err = kedacom::Client::builder(KedacomCredentials::new("t"))
        .build()
        .expect_err("on-premise");
    assert!(matches!(err, Error::Config(_)), "{err}");
}

#[tokio::test]
async fn a_non_positive_page_size_is_a_configuration_error() {
    let client = kedacom::Client::builder(KedacomCredentials::new("t"))
        .base_url("https://mcu.example.com")
        .build()
        .expect("valid configuration");
    let err = client
        .list_booked_conferences_all(&kedacom::ListBookedConferencesRequest::default(), 0)
        .await
        .expect_err("page size 0");
    assert!(matches!(err, Error::Config(_)), "{err}");
}

#[tokio::test]
async fn clients_sharing_a_rate_limiter_wait_once_their_budget_is_spent() {
    let server = ok_server().await;
    let limiter = meeting_api_client::RateLimiter::new(2, std::time::Duration::from_millis(400))
        .expect("a budget");
    let client = |limiter: &meeting_api_client::RateLimiter| {
        tencent_builder()
            .base_url(server.uri())
            .allow_http(true)
            .rate_limiter(limiter.clone())
            .build()
            .expect("valid configuration")
    };
    let (first, second) = (client(&limiter), client(&limiter));
    first
        .list_live_replays_by_meeting_id(&replays())
        .await
        .expect("within the budget");
    second
        .list_live_replays_by_meeting_id(&replays())
        .await
        .expect("within the budget");
    let started = std::time::Instant::now();
    first
        .list_live_replays_by_meeting_id(&replays())
        .await
        .expect("after waiting");
    // The budget is 2 per 400 ms, so the third request waits for one
    // request's share, 200 ms (less clock granularity).
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(150),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.received_requests().await.map(|r| r.len()), Some(3));
}
