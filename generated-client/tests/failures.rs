//! Replies that are not what the document promises, and servers that misbehave:
//! each gives its own typed error, keeps the body, and nothing panics.

mod support;

use std::io::{Read, Write};
use std::time::Duration;

use meeting_api_client::auth::{KedacomCredentials, TencentMeetingCredentials, YxtCredentials};
use meeting_api_client::{kedacom, tencent_meeting, yxt, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serving(reply: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(reply).mount(&server).await;
    server
}

fn tencent(base: String) -> tencent_meeting::Client {
    tencent_meeting::Client::builder(TencentMeetingCredentials::enterprise("id", "key", "app"))
        .base_url(base)
        .allow_http(true)
        .timeout(Some(Duration::from_millis(200)))
        .build()
        .expect("valid configuration")
}

fn kedacom(base: String) -> kedacom::Client {
    kedacom::Client::builder(KedacomCredentials::new("tok"))
        .base_url(base)
        .allow_http(true)
        .build()
        .expect("valid configuration")
}

async fn list_replays(reply: ResponseTemplate) -> Result<tencent_meeting::LiveReplays, Error> {
    let server = serving(reply).await;
    let request = tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
        "1",
        "tester",
        tencent_meeting::InstanceId::Pc,
    );
    tencent(server.uri())
        .list_live_replays_by_meeting_id(&request)
        .await
}

fn expect_decode(result: Result<impl std::fmt::Debug, Error>, status: u16, body: &str) {
    match result {
        Err(Error::Decode {
            status: s,
            raw_body,
            message,
        }) => {
            assert_eq!(s, status, "{message}");
            assert_eq!(raw_body, body);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_garbage_success_body_is_a_decode_error_that_keeps_the_body() {
    let body = "this is not JSON";
    expect_decode(
        list_replays(ResponseTemplate::new(200).set_body_string(body)).await,
        200,
        body,
    );
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_that_keeps_the_body() {
    let body = r#"{"meeting_number":1,"meeting_info_list":[{"meeting_id":"19"#;
    expect_decode(
        list_replays(ResponseTemplate::new(200).set_body_string(body)).await,
        200,
        body,
    );
}

#[tokio::test]
async fn json_of_the_wrong_shape_is_a_decode_error() {
    let body = r#"{"meeting_number":"one"}"#;
    expect_decode(
        list_replays(ResponseTemplate::new(200).set_body_string(body)).await,
        200,
        body,
    );
}

#[tokio::test]
async fn an_html_page_with_a_success_status_is_a_decode_error() {
    let body = "<html><body>Welcome to nginx!</body></html>";
    expect_decode(
        list_replays(ResponseTemplate::new(200).set_body_raw(body, "text/html")).await,
        200,
        body,
    );
}

#[tokio::test]
async fn an_html_error_page_is_an_api_error_with_the_status_and_the_page() {
    let body = "<html><head><title>502 Bad Gateway</title></head></html>";
    let err = list_replays(ResponseTemplate::new(502).set_body_raw(body, "text/html"))
        .await
        .expect_err("a 502");
    let api = err.api().expect("an HTTP status error");
    assert_eq!(api.status, 502);
    assert_eq!((api.code.as_ref(), api.message.as_ref()), (None, None));
    assert_eq!(api.raw_body, body);
}

#[tokio::test]
async fn a_204_where_a_body_was_documented_is_a_decode_error() {
    expect_decode(list_replays(ResponseTemplate::new(204)).await, 204, "");
}

#[tokio::test]
async fn a_204_where_no_body_was_documented_is_success() {
    let server = serving(ResponseTemplate::new(204)).await;
    let client = yxt::Client::builder(YxtCredentials::new("k", "s", "src"))
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("valid configuration");
    let request = yxt::UpdateRoomRequest::new("room", yxt::RoomUpdate::new("name"));
    client.update_room(&request).await.expect("204 is success");
}

#[tokio::test]
async fn a_server_that_answers_after_the_timeout_gives_a_timeout_error() {
    let err = list_replays(
        ResponseTemplate::new(200)
            .set_body_string("{}")
            .set_delay(Duration::from_secs(2)),
    )
    .await
    .expect_err("the client gives up after 200 ms");
    assert!(matches!(err, Error::Timeout), "{err:?}");
}

#[tokio::test]
async fn a_connection_closed_in_the_middle_of_the_body_is_a_transport_error() {
    // A raw server: promises 100 bytes, sends 12, hangs up.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = listener.local_addr().expect("bound").port();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("one connection");
        let mut buf = [0u8; 4096];
        let _ = stream.read(&mut buf);
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"success\":1",
        );
    });
    let err = kedacom(format!("http://127.0.0.1:{port}"))
        .get_resources(&kedacom::GetResourcesRequest::default())
        .await
        .expect_err("the body is cut short");
    server.join().expect("the raw server ran");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn a_kedacom_reply_without_the_success_flag_is_a_decode_error() {
    let server = serving(ResponseTemplate::new(200).set_body_string(r#"{"version":"6.1"}"#)).await;
    let err = kedacom(server.uri())
        .get_version(&kedacom::GetVersionRequest::default())
        .await
        .expect_err("nothing says it succeeded");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn a_failure_status_wins_over_a_success_flag_in_the_body() {
    let server = serving(ResponseTemplate::new(500).set_body_string(r#"{"success":1}"#)).await;
    let err = kedacom(server.uri())
        .get_version(&kedacom::GetVersionRequest::default())
        .await
        .expect_err("a 500");
    assert_eq!(err.api().map(|a| a.status), Some(500));
}

#[tokio::test]
async fn a_path_parameter_that_would_climb_out_of_the_endpoint_is_refused_before_sending() {
    let server = serving(ResponseTemplate::new(200)).await;
    for id in ["..", "."] {
        let err = kedacom(server.uri())
            .delete_booked_conference(&kedacom::DeleteBookedConferenceRequest::new(id))
            .await
            .expect_err("a relative segment");
        assert!(matches!(err, Error::Encode(_)), "{id}: {err:?}");
    }
    assert!(server
        .received_requests()
        .await
        .expect("recorded")
        .is_empty());
}

#[tokio::test]
async fn no_reply_however_malformed_makes_the_client_panic() {
    let deep = "[".repeat(100_000);
    let bodies: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"   ".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        b"\"text\"".to_vec(),
        b"{\"success\":\"1\"}".to_vec(),
        b"{\"success\":null,\"error_code\":{\"deep\":[1]}}".to_vec(),
        b"{\"success\":0,\"error_code\":1e400}".to_vec(),
        b"{\"success\":1,\"api_level\":-5}".to_vec(),
        vec![0xff, 0xfe, 0x00, 0x7b],
        deep.into_bytes(),
        b"{\"error_info\":\"flat\"}".to_vec(),
    ];
    let server = MockServer::start().await;
    for status in [200u16, 400, 500] {
        for body in &bodies {
            server.reset().await;
            Mock::given(any())
                .respond_with(ResponseTemplate::new(status).set_body_bytes(body.clone()))
                .mount(&server)
                .await;
            let kd = kedacom(server.uri());
            let versions = kd.get_version(&kedacom::GetVersionRequest::default()).await;
            let level = kd.core().discover_api_level().await;
            let request = tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
                "1",
                "tester",
                tencent_meeting::InstanceId::Pc,
            );
            let replays = tencent(server.uri())
                .list_live_replays_by_meeting_id(&request)
                .await;
            // Whatever the outcome, a failure status is never a success.
            if status != 200 {
                assert!(versions.is_err() && level.is_err() && replays.is_err());
            }
        }
    }
}
