//! The extension's operations, from both generated modules, against a local
//! server: requests built with the published types, validated, and signed
//! with Tencent Meeting's credentials as the published client signs them.

use extend_vendor::{built, inline};
use meeting_api_client::auth::TencentMeetingCredentials;
use meeting_api_client::tencent_meeting::{InstanceId, LiveConfig};
use meeting_api_client::validation::Validate;
use meeting_api_client::{ClientBuilder, Error};
use serde_json::json;
use wiremock::matchers::{body_json, header, header_exists, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn credentials() -> TencentMeetingCredentials {
    TencentMeetingCredentials::enterprise("AKIDtest", "secret-key", "app-1")
}

/// A client of either module pointed at the local `server`.
fn local<C>(builder: ClientBuilder<C>, server: &MockServer) -> ClientBuilder<C> {
    builder.base_url(server.uri()).allow_http(true)
}

/// Tencent's signature headers on a request to `server` at `method` `route`.
fn signed(verb: &str, route: &str) -> wiremock::MockBuilder {
    Mock::given(method(verb))
        .and(path(route))
        .and(header("X-TC-Key", "AKIDtest"))
        .and(header("AppId", "app-1"))
        .and(header_exists("X-TC-Signature"))
        .and(header_exists("X-TC-Nonce"))
        .and(header_exists("X-TC-Timestamp"))
}

fn create_request() -> built::CreateMeetingRequest {
    let live = LiveConfig::default().with_live_subject("weekly");
    let body = built::CreateMeetingBody::new(
        "tester",
        InstanceId::Pc,
        "周会",
        built::MeetingType::Scheduled,
    )
    .with_start_time("1577836800")
    .with_end_time("1577840400")
    .with_enable_live(true)
    .with_live_config(live);
    built::CreateMeetingRequest::new(body)
}

#[tokio::test]
async fn a_created_meeting_is_a_signed_post_carrying_the_published_live_config() {
    let server = MockServer::start().await;
    signed("POST", "/v1/meetings")
        .and(body_json(json!({
            "userid": "tester",
            "instanceid": 1,
            "subject": "周会",
            "type": 0,
            "start_time": "1577836800",
            "end_time": "1577840400",
            "enable_live": true,
            "live_config": {"live_subject": "weekly"}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "meeting_number": 1,
            "meeting_info_list": [{"subject": "周会", "meeting_id": "7567173273889276131", "meeting_code": "806146667"}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let request = create_request();
    request.validate().expect("a valid request");
    let client = local(built::Client::builder(credentials()), &server)
        .build()
        .expect("a valid configuration");
    let created = client.create_meeting(&request).await.expect("a 200 reply");
    assert_eq!(created.meeting_number, Some(1));
    let meetings = created.meeting_info_list.unwrap_or_default();
    assert_eq!(
        meetings[0].meeting_id.as_deref(),
        Some("7567173273889276131")
    );
}

#[tokio::test]
async fn an_undocumented_instance_id_is_refused_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let body = built::CancelMeetingBody::new("tester", InstanceId::Unknown(99), 1);
    let request = built::CancelMeetingRequest::new("7567173273889276131", body);
    let violations = request
        .validate()
        .expect_err("99 is not a documented instance id");
    assert!(
        violations.to_string().contains("instanceid"),
        "{violations}"
    );
    let client = local(built::Client::builder(credentials()), &server)
        .build()
        .expect("a valid configuration");
    let err = client.cancel_meeting(&request).await.expect_err("invalid");
    assert!(matches!(err, Error::Invalid(_)), "{err}");
}

#[tokio::test]
async fn the_inline_module_queries_a_meeting_and_reads_the_published_error_envelope() {
    let server = MockServer::start().await;
    signed("GET", "/v1/meetings/7567173273889276131")
        .and(query_param("userid", "tester"))
        .and(query_param("instanceid", "1"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error_info": {"error_code": 9003, "message": "meeting not exist"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = local(inline::Client::builder(credentials()), &server)
        .build()
        .expect("a valid configuration");
    let request = inline::GetMeetingRequest::new("7567173273889276131", "tester", InstanceId::Pc);
    let err = client
        .get_meeting(&request)
        .await
        .expect_err("a vendor error");
    let Error::Api(api) = err else {
        panic!("the error envelope of tencent_meeting is read: {err}")
    };
    assert_eq!(api.message.as_deref(), Some("meeting not exist"));
}
