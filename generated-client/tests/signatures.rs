//! Each vendor's signature on fixed inputs. Expected values were computed
//! outside this crate (Python's hmac/hashlib/base64, shown next to each), so a
//! test fails if the signing code drifts from the vendor's rule.

mod support;

use meeting_api_client::auth::{
    polyv_sign, tencent_signature, yxt_signature, PolyvCredentials, TencentMeetingCredentials,
    YxtCredentials,
};
use meeting_api_client::{polyv, tencent_meeting, yxt, NonceSource};
use support::{header, only_request, FixedClock};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Always the same nonce.
struct FixedNonce(u64);

impl NonceSource for FixedNonce {
    fn nonce(&self) -> u64 {
        self.0
    }
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn tencent_signature_of_a_put_is_base64_of_the_lowercase_hex_hmac() {
    // python3: s = b"PUT\nX-TC-Key=AKIDexample&X-TC-Nonce=12345&X-TC-Timestamp=1700000000\n"
    //   b"/v1/meetings/live_play/config\n" b'{"userid":"u"}'
    // base64.b64encode(hmac.new(b"secretKeyExample", s, hashlib.sha256).hexdigest().encode())
    let sig = tencent_signature(
        "secretKeyExample",
        "PUT",
        "AKIDexample",
        12345,
        1_700_000_000,
        "/v1/meetings/live_play/config",
        br#"{"userid":"u"}"#,
    );
    assert_eq!(
        sig,
        "YjM5MmJjMzY0YWNlOTk0ZGNjNzhlZTdlNjQxYTU3NTUyNjljOGFkMWEzMmYwMDU1OGE1M2E2YTZjYTkzZmMzZg=="
    );
}

#[test]
fn tencent_signature_of_a_get_covers_the_query_and_an_empty_body() {
    // python3: same recipe with "GET", nonce 99, timestamp 1700000001, uri
    // "/v1/meetings/live_play/replays?meeting_code=13418515243&userid=tester&instanceid=1", body b"".
    let sig = tencent_signature(
        "secretKeyExample",
        "GET",
        "AKIDexample",
        99,
        1_700_000_001,
        "/v1/meetings/live_play/replays?meeting_code=13418515243&userid=tester&instanceid=1",
        b"",
    );
    assert_eq!(
        sig,
        "NmY3Y2Q0NzAyYTJiY2E3MzZmMzk0MTFlOTI3ZTRhNWRhODAxMmEyMjJiOThkNTgwNzk3MTM4MTljOGFjOGJkNg=="
    );
}

#[test]
fn polyv_sign_reproduces_the_check_value_polyv_publishes() {
    let params = pairs(&[
        ("timestamp", "1660270926732"),
        ("appId", "g4rqgmmjuo"),
        ("startDay", "2022-05-20"),
        ("endDay", "2022-06-18"),
        ("channelIds", "2477096,2272655"),
    ]);
    assert_eq!(
        polyv_sign("fsq2k5weced1h8vui657xtdva66whf0g", &params),
        "0D2BDA2FD04D93A2B8832B91FD973C4D"
    );
}

#[test]
fn polyv_sign_leaves_out_empty_parameters_and_an_existing_sign() {
    let mut params = pairs(&[
        ("appId", "g4rqgmmjuo"),
        ("channelIds", "2477096,2272655"),
        ("endDay", "2022-06-18"),
        ("startDay", "2022-05-20"),
        ("timestamp", "1660270926732"),
    ]);
    params.push(("userId".into(), String::new()));
    params.push(("sign".into(), "SOMETHING".into()));
    assert_eq!(
        polyv_sign("fsq2k5weced1h8vui657xtdva66whf0g", &params),
        "0D2BDA2FD04D93A2B8832B91FD973C4D"
    );
}

#[test]
fn yxt_signature_is_the_lowercase_sha256_of_key_secret_nonce_and_timestamp() {
    // printf 'keysecretabc1700000000' | sha256sum
    assert_eq!(
        yxt_signature("key", "secret", "abc", 1_700_000_000),
        "46c5c56f9a2a1e8ba8c976705db5d173827d1371c8909cd6c56479f625b99c6c"
    );
}

async fn ok_server(body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_tencent_get_carries_the_documented_headers_and_the_precomputed_signature() {
    let server = ok_server(r#"{"meeting_number":0}"#).await;
    let client = tencent_meeting::Client::builder(
        TencentMeetingCredentials::enterprise("AKIDexample", "secretKeyExample", "app-1")
            .with_sdk_id("sdk-9"),
    )
    .base_url(server.uri())
    .allow_http(true)
    .clock(FixedClock(1_700_000_001_500))
    .nonce_source(FixedNonce(99))
    .build()
    .expect("valid configuration");
    let request = tencent_meeting::ListLiveReplaysByMeetingCodeRequest::new(
        "13418515243",
        "tester",
        tencent_meeting::InstanceId::Pc,
    );
    client
        .list_live_replays_by_meeting_code(&request)
        .await
        .expect("decodes");
    let req = only_request(&server).await;
    assert_eq!(req.method.as_str(), "GET");
    assert!(req.body.is_empty());
    let expect = [
        ("X-TC-Key", "AKIDexample"),
        ("X-TC-Timestamp", "1700000001"),
        ("X-TC-Nonce", "99"),
        ("X-TC-Registered", "1"),
        ("AppId", "app-1"),
        ("SdkId", "sdk-9"),
        ("Content-Type", "application/json"),
        (
            "X-TC-Signature",
            "NmY3Y2Q0NzAyYTJiY2E3MzZmMzk0MTFlOTI3ZTRhNWRhODAxMmEyMjJiOThkNTgwNzk3MTM4MTljOGFjOGJkNg==",
        ),
    ];
    for (name, value) in expect {
        assert_eq!(header(&req, name), Ok(value), "{name}");
    }
}

/// The request a Tencent client with `credentials` sends to list a meeting's
/// replays.
async fn tencent_replays_request(credentials: TencentMeetingCredentials) -> Request {
    let server = ok_server(r#"{"meeting_number":0}"#).await;
    let client = tencent_meeting::Client::builder(credentials)
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("valid configuration");
    let request = tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
        "5939741786564101932",
        "tester",
        tencent_meeting::InstanceId::Pc,
    );
    client
        .list_live_replays_by_meeting_id(&request)
        .await
        .expect("decodes");
    only_request(&server).await
}

#[tokio::test]
async fn a_tencent_client_without_sdk_id_sends_no_sdk_id_header() {
    let req = tencent_replays_request(TencentMeetingCredentials::enterprise(
        "AKIDexample",
        "secretKeyExample",
        "app-1",
    ))
    .await;
    assert!(req.headers.get("SdkId").is_none());
}

#[tokio::test]
async fn tencent_oauth_sends_the_token_and_open_id_and_no_signature() {
    let req = tencent_replays_request(TencentMeetingCredentials::oauth(
        "oauth-token-1",
        "open-id-1",
    ))
    .await;
    assert_eq!(header(&req, "AccessToken"), Ok("oauth-token-1"));
    assert_eq!(header(&req, "OpenId"), Ok("open-id-1"));
    assert_eq!(header(&req, "Content-Type"), Ok("application/json"));
    for absent in ["X-TC-Signature", "X-TC-Key", "X-TC-Nonce"] {
        assert!(req.headers.get(absent).is_none(), "{absent}");
    }
}

#[tokio::test]
async fn a_polyv_call_puts_app_id_timestamp_and_the_precomputed_sign_in_the_query() {
    let server = ok_server(r#"{"code":200,"status":"success","success":true,"data":""}"#).await;
    let client = polyv::Client::builder(PolyvCredentials::new(
        "fso8gzbxlr",
        "polyv-secret-for-tests",
    ))
    .base_url(server.uri())
    .allow_http(true)
    .clock(FixedClock(1_721_291_107_000))
    .build()
    .expect("valid configuration");
    let body =
        polyv::RoleConfig::default().with_web_start_check_in_display_enabled(polyv::Switch::Off);
    let request = polyv::UpdateChannelRoleConfigRequest::new(4872391, polyv::Role::Teacher, body);
    client
        .update_channel_role_config(&request)
        .await
        .expect("success");
    let req = only_request(&server).await;
    let mut query: Vec<(String, String)> = req.url.query_pairs().into_owned().collect();
    query.sort();
    // python3: s = "polyv-secret-for-tests"; hashlib.md5((s + "appIdfso8gzbxlrchannelId4872391"
    //   "roleTeachertimestamp1721291107000" + s).encode()).hexdigest().upper()
    assert_eq!(
        query,
        pairs(&[
            ("appId", "fso8gzbxlr"),
            ("channelId", "4872391"),
            ("role", "Teacher"),
            ("sign", "8F5D57B667B1D06CCD6B7D4337FB23B0"),
            ("timestamp", "1721291107000"),
        ])
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&req.body).expect("a JSON body"),
        serde_json::json!({"webStartCheckInDisplayEnabled": "N"})
    );
}

#[tokio::test]
async fn a_yxt_call_carries_appkey_nonce_timestamp_source_and_the_precomputed_signature() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = yxt::Client::builder(YxtCredentials::new("key", "secret", "src-7"))
        .base_url(server.uri())
        .allow_http(true)
        .clock(FixedClock(1_700_000_000_999))
        // 0xabc: the nonce goes on the wire as "abc".
        .nonce_source(FixedNonce(0xabc))
        .build()
        .expect("valid configuration");
    let request = yxt::UpdateRoomRequest::new("room-1", yxt::RoomUpdate::new("直播"));
    client.update_room(&request).await.expect("204 is success");
    let req = only_request(&server).await;
    let expect = [
        ("appkey", "key"),
        ("nonce", "abc"),
        ("timestamp", "1700000000"),
        ("source", "src-7"),
        // printf 'keysecretabc1700000000' | sha256sum
        (
            "signature",
            "46c5c56f9a2a1e8ba8c976705db5d173827d1371c8909cd6c56479f625b99c6c",
        ),
    ];
    for (name, value) in expect {
        assert_eq!(header(&req, name), Ok(value), "{name}");
    }
}
