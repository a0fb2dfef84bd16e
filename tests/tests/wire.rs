//! One documented call per vendor against a local HTTP server: what goes on the
//! wire, and what comes back as typed values and typed errors.

use meeting_api_client::auth::{
    KedacomCredentials, PolyvCredentials, TencentMeetingCredentials, YxtCredentials,
};
use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt, Error};
use serde_json::json;
use wiremock::matchers::{body_json, header, header_exists, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn tencent(server: &MockServer) -> tencent_meeting::Client {
    tencent_meeting::Client::builder(TencentMeetingCredentials::enterprise(
        "AKIDtest",
        "secret-key",
        "app-1",
    ))
    .base_url(server.uri())
    .allow_http(true)
    .build()
    .expect("a valid configuration")
}

fn live_config_request() -> tencent_meeting::UpdateLiveConfigByMeetingIdRequest {
    let config = tencent_meeting::LiveConfig::default()
        .with_live_subject("test_subject")
        .with_enable_live_replay(true);
    let body = tencent_meeting::UpdateLiveConfigByMeetingIdBody::new(
        "test_userid",
        tencent_meeting::InstanceId::Pc,
        config,
    );
    tencent_meeting::UpdateLiveConfigByMeetingIdRequest::new("5939741786564101932", body)
}

#[tokio::test]
async fn tencent_live_config_is_a_signed_put_with_the_documented_json_body() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v1/meetings/5939741786564101932/live_play/config"))
        .and(header("X-TC-Key", "AKIDtest"))
        .and(header("AppId", "app-1"))
        .and(header("X-TC-Registered", "1"))
        .and(header_exists("X-TC-Signature"))
        .and(header_exists("X-TC-Nonce"))
        .and(header_exists("X-TC-Timestamp"))
        .and(body_json(json!({
            "userid": "test_userid",
            "instanceid": 1,
            "live_config": {"live_subject": "test_subject", "enable_live_replay": true}
        })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    tencent(&server)
        .update_live_config_by_meeting_id(&live_config_request())
        .await
        .expect("an empty 200 reply is success");
}

#[tokio::test]
async fn tencent_replays_are_a_get_with_query_parameters_decoded_into_types() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/meetings/live_play/replays"))
        .and(query_param("meeting_code", "13418515243"))
        .and(query_param("userid", "tester"))
        .and(query_param("instanceid", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "meeting_number": 1,
            "meeting_info_list": [{"meeting_id": "1", "live_replay_list": [{"live_room_id": "206830819"}]}]
        })))
        .mount(&server)
        .await;
    let request = tencent_meeting::ListLiveReplaysByMeetingCodeRequest::new(
        "13418515243",
        "tester",
        tencent_meeting::InstanceId::Pc,
    );
    let replays = tencent(&server)
        .list_live_replays_by_meeting_code(&request)
        .await
        .expect("decodes");
    assert_eq!(replays.meeting_number, Some(1));
    let meeting = &replays.meeting_info_list.expect("list")[0];
    assert_eq!(
        meeting.live_replay_list.as_ref().expect("replays")[0]
            .live_room_id
            .as_deref(),
        Some("206830819")
    );
}

#[tokio::test]
async fn a_tencent_failure_body_becomes_a_typed_error_with_code_message_and_trace() {
    let server = MockServer::start().await;
    let body = r#"{"error_info":{"error_code":200005,"message":"Json Schema validation failed!"}}"#;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_string(body)
                .insert_header("X-TC-Trace", "trace-42"),
        )
        .mount(&server)
        .await;
    let err = tencent(&server)
        .update_live_config_by_meeting_id(&live_config_request())
        .await
        .expect_err("a 400");
    let api = err.api().expect("a vendor error");
    assert_eq!(api.status, 400);
    assert_eq!(api.code.as_deref(), Some("200005"));
    assert_eq!(
        api.message.as_deref(),
        Some("Json Schema validation failed!")
    );
    assert_eq!(api.trace_id.as_deref(), Some("trace-42"));
    assert_eq!(api.raw_body, body);
}

fn yxt_client(server: &MockServer) -> yxt::Client {
    yxt::Client::builder(YxtCredentials::new("app-key", "app-secret", "src-1"))
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("a valid configuration")
}

#[tokio::test]
async fn yxt_room_update_sends_signed_headers_and_accepts_204() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/zhibo/rooms/fe04ddc7-3628-4740-8db7-a504f3719bf3"))
        .and(header("appkey", "app-key"))
        .and(header("source", "src-1"))
        .and(header_exists("signature"))
        .and(header_exists("nonce"))
        .and(header_exists("timestamp"))
        .and(body_json(json!({"roomName": "直播创建测试", "description": "直播创建测试desc", "hostPassword": "123456"})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let body = yxt::RoomUpdate::new("直播创建测试")
        .with_description("直播创建测试desc")
        .with_host_password("123456");
    let request = yxt::UpdateRoomRequest::new("fe04ddc7-3628-4740-8db7-a504f3719bf3", body);
    yxt_client(&server)
        .update_room(&request)
        .await
        .expect("204 is success");
}

#[tokio::test]
async fn a_yxt_error_key_is_matched_to_its_catalogue_entry() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(400).set_body_string(
            r#"{"error": {"key": "apis.zhibo.room.validation.roomNameOfOrg.existed","message": "roomName of this org is already existed."}}"#,
        ))
        .mount(&server)
        .await;
    let request = yxt::UpdateRoomRequest::new("room", yxt::RoomUpdate::new("name"));
    let err = yxt_client(&server)
        .update_room(&request)
        .await
        .expect_err("a 400");
    let api = err.api().expect("a vendor error");
    assert_eq!(
        api.key.as_deref(),
        Some("apis.zhibo.room.validation.roomNameOfOrg.existed")
    );
    assert_eq!(api.catalogue.map(|c| c.status), Some(400));
}

#[tokio::test]
async fn an_invalid_yxt_request_is_rejected_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&server)
        .await;
    let request = yxt::UpdateRoomRequest::new("room", yxt::RoomUpdate::new("名".repeat(101)));
    let err = yxt_client(&server)
        .update_room(&request)
        .await
        .expect_err("too long");
    let violations = err.violations().expect("a validation error");
    assert_eq!(violations.len(), 1);
    assert_eq!(violations.0[0].path, "roomName");
    assert_eq!(
        violations.0[0].vendor_key,
        Some("apis.zhibo.room.validation.roomname.length")
    );
}

#[tokio::test]
async fn a_client_built_with_validation_off_sends_a_request_that_breaks_the_rules() {
    // The server is the judge then: the user chose to let it decide.
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/zhibo/rooms/room"))
        .and(body_json(json!({ "roomName": "名".repeat(101) })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = yxt::Client::builder(YxtCredentials::new("key", "secret", "source"))
        .base_url(server.uri())
        .allow_http(true)
        .validate(false)
        .build()
        .expect("a valid configuration");
    let request = yxt::UpdateRoomRequest::new("room", yxt::RoomUpdate::new("名".repeat(101)));
    client
        .update_room(&request)
        .await
        .expect("sent without client-side validation");
}

fn polyv_client(server: &MockServer) -> polyv::Client {
    polyv::Client::builder(PolyvCredentials::new("app-id-1", "app-secret"))
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("a valid configuration")
}

fn role_config_request() -> polyv::UpdateChannelRoleConfigRequest {
    let body =
        polyv::RoleConfig::default().with_web_start_check_in_display_enabled(polyv::Switch::Off);
    polyv::UpdateChannelRoleConfigRequest::new(4872391, polyv::Role::Teacher, body)
}

#[tokio::test]
async fn polyv_role_config_signs_the_query_and_sends_the_json_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/live/v4/channel/role-config/update-by-role"))
        .and(query_param("channelId", "4872391"))
        .and(query_param("role", "Teacher"))
        .and(query_param("appId", "app-id-1"))
        .and(wiremock::matchers::query_param_is_missing("appSecret"))
        .and(body_json(json!({"webStartCheckInDisplayEnabled": "N"})))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"code": 200, "status": "success", "requestId": "r-1", "data": "", "success": true}"#,
        ))
        .expect(1)
        .mount(&server)
        .await;
    let reply = polyv_client(&server)
        .update_channel_role_config(&role_config_request())
        .await
        .expect("success");
    assert_eq!(reply.success, Some(true));
    let received = &server.received_requests().await.expect("recorded")[0];
    let sign = received
        .url
        .query_pairs()
        .find(|(k, _)| k == "sign")
        .map(|(_, v)| v.into_owned());
    assert!(sign.is_some_and(|s| s.len() == 32
        && s.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())));
}

#[tokio::test]
async fn a_polyv_reply_with_success_false_is_an_error_even_with_http_200() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"code": 400, "status": "error", "requestId": "4081dbac", "error": {"code": 20001, "desc": "application not found."}, "success": false}"#,
        ))
        .mount(&server)
        .await;
    let err = polyv_client(&server)
        .update_channel_role_config(&role_config_request())
        .await
        .expect_err("success false");
    let api = err.api().expect("a vendor error");
    assert_eq!(
        (api.status, api.code.as_deref(), api.message.as_deref()),
        (200, Some("20001"), Some("application not found."))
    );
    assert_eq!(api.request_id.as_deref(), Some("4081dbac"));
}

#[tokio::test]
async fn kedacom_lists_carry_the_token_and_paging_in_the_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/mc/booked_confs"))
        .and(query_param("account_token", "tok-1"))
        .and(query_param("start", "0"))
        .and(query_param("count", "10"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": 1, "total": 1, "booked_confs": [{"name": "周会", "conf_id": "123#456"}]})))
        .expect(1)
        .mount(&server)
        .await;
    let client = kedacom::Client::builder(KedacomCredentials::new("tok-1"))
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("a valid configuration");
    let request = kedacom::ListBookedConferencesRequest::default()
        .with_start(0)
        .with_count(10);
    let list = client
        .list_booked_conferences(&request)
        .await
        .expect("decodes");
    assert_eq!(
        list.booked_confs.expect("items")[0].name.as_deref(),
        Some("周会")
    );
}

#[tokio::test]
async fn kedacom_requires_a_base_url_because_it_has_no_fixed_host() {
    let err = kedacom::Client::builder(KedacomCredentials::new("tok"))
        .build()
        .expect_err("no host");
    assert!(matches!(err, Error::Config(_)), "{err}");
}

#[tokio::test]
async fn plain_http_is_refused_unless_allowed() {
    let err = yxt::Client::builder(YxtCredentials::new("k", "s", "src"))
        .base_url("http://127.0.0.1:9")
        .build()
        .expect_err("http");
    assert!(matches!(err, Error::Config(_)), "{err}");
}
