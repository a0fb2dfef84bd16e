//! Request and reply hooks: what they see (never a secret), the headers they
//! may add (never over a credential), and when they run (every attempt).

mod support;

use std::sync::{Arc, Mutex};

use meeting_api_client::auth::{KedacomCredentials, TencentMeetingCredentials};
use meeting_api_client::{kedacom, tencent_meeting, Error, RetryPolicy, REDACTED};
use support::secret_clients::{assert_no_secret, SECRETS};
use support::{closed_port, header, only_request, tencent_check};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// What a hook saw, as text, for assertions after the call.
type Seen = Arc<Mutex<Vec<String>>>;

fn replays_request() -> tencent_meeting::ListLiveReplaysByMeetingIdRequest {
    tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
        "1",
        "u",
        tencent_meeting::InstanceId::Pc,
    )
}

fn tencent_builder(base: &str) -> meeting_api_client::ClientBuilder<tencent_meeting::Client> {
    tencent_meeting::Client::builder(TencentMeetingCredentials::enterprise(
        "AKID1", SECRETS[0], "app",
    ))
    .base_url(base)
    .allow_http(true)
}

fn kedacom_builder(base: &str) -> meeting_api_client::ClientBuilder<kedacom::Client> {
    kedacom::Client::builder(KedacomCredentials::new(SECRETS[4]).with_sso_cookie(SECRETS[5]))
        .base_url(base)
        .allow_http(true)
}

async fn server_replying(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_string(body))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_header_added_by_a_request_hook_is_sent_and_the_signature_still_holds() {
    let server = server_replying(200, "{}").await;
    let seen = Seen::default();
    let log = seen.clone();
    let client = tencent_builder(&server.uri())
        .on_request(move |request| {
            log.lock().unwrap().push(format!(
                "{} {} {:?} {} {}",
                request.vendor(),
                request.operation(),
                request.method(),
                request.path_template(),
                request.attempt()
            ));
            request.insert_header("X-Request-Source", "billing");
        })
        .build()
        .expect("valid configuration");
    client
        .list_live_replays_by_meeting_id(&replays_request())
        .await
        .expect("an empty reply decodes");
    let received = only_request(&server).await;
    assert_eq!(header(&received, "X-Request-Source"), Ok("billing"));
    tencent_check(&received, "AKID1", SECRETS[0]).expect("the signature verifies");
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(
        seen[0].starts_with("tencent_meeting list_live_replays_by_meeting_id Get /"),
        "{seen:?}"
    );
    assert!(
        seen[0].ends_with(" 1"),
        "the first attempt is attempt 1: {seen:?}"
    );
}

#[tokio::test]
async fn a_request_hook_sees_credential_headers_by_name_with_their_values_hidden() {
    let server = server_replying(200, r#"{"success":1}"#).await;
    let seen = Seen::default();
    let log = seen.clone();
    let client = kedacom_builder(&server.uri())
        .on_request(move |request| {
            let cookie = request.header("cookie").map(str::to_string);
            log.lock().unwrap().push(format!("{cookie:?} {request:?}"));
        })
        .build()
        .expect("valid configuration");
    let _ = client
        .get_resources(&kedacom::GetResourcesRequest::default())
        .await;
    let tencent_seen = Seen::default();
    let log = tencent_seen.clone();
    let tencent = tencent_builder(&server.uri())
        .on_request(move |request| {
            let names: Vec<String> = request.headers().map(|(n, v)| format!("{n}={v}")).collect();
            log.lock().unwrap().push(names.join(" "));
        })
        .build()
        .expect("valid configuration");
    let _ = tencent
        .list_live_replays_by_meeting_id(&replays_request())
        .await;
    let kedacom_text = seen.lock().unwrap().join("\n");
    let tencent_text = tencent_seen.lock().unwrap().join("\n");
    assert!(
        kedacom_text.starts_with(&format!("Some({REDACTED:?})")),
        "{kedacom_text}"
    );
    assert!(
        tencent_text.contains(&format!("X-TC-Signature={REDACTED}")),
        "{tencent_text}"
    );
    assert!(
        tencent_text.contains(&format!("X-TC-Key={REDACTED}")),
        "{tencent_text}"
    );
    assert!(!tencent_text.contains("AKID1"), "{tencent_text}");
    assert_no_secret(&format!("{kedacom_text}\n{tencent_text}"));
    // The secrets were sent: the hook saw a real request, only hidden.
    let received = server.received_requests().await.expect("recording");
    let cookie = header(&received[0], "cookie").expect("the login cookie is sent");
    assert!(cookie.contains(SECRETS[5]), "{cookie}");
}

#[tokio::test]
async fn a_request_hook_replacing_a_credential_header_fails_the_call_before_sending() {
    let server = server_replying(200, "{}").await;
    let client = tencent_builder(&server.uri())
        .on_request(|request| request.insert_header("x-tc-signature", "forged"))
        .build()
        .expect("valid configuration");
    let err = client
        .list_live_replays_by_meeting_id(&replays_request())
        .await
        .expect_err("a credential header cannot be replaced");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let received = server.received_requests().await.expect("recording");
    assert!(received.is_empty(), "nothing is sent: {received:?}");
}

#[tokio::test]
async fn hooks_run_on_every_attempt_and_reply_hooks_see_status_and_size() {
    let server = server_replying(503, "busy").await;
    let requests = Seen::default();
    let replies = Seen::default();
    let (log_requests, log_replies) = (requests.clone(), replies.clone());
    let client = kedacom_builder(&server.uri())
        .retry(RetryPolicy {
            max_retries: 1,
            base_delay: std::time::Duration::from_millis(1),
            max_delay: std::time::Duration::from_millis(1),
        })
        .on_request(move |r| log_requests.lock().unwrap().push(r.attempt().to_string()))
        .on_reply(move |r| {
            let line = format!(
                "{} {} {:?} {}",
                r.operation(),
                r.attempt(),
                r.status(),
                r.bytes()
            );
            log_replies.lock().unwrap().push(line);
        })
        .build()
        .expect("valid configuration");
    let err = client
        .get_resources(&kedacom::GetResourcesRequest::default())
        .await
        .expect_err("503 twice");
    assert_eq!(err.status(), Some(503));
    assert_eq!(*requests.lock().unwrap(), ["1", "2"]);
    assert_eq!(
        *replies.lock().unwrap(),
        ["get_resources 1 Some(503) 4", "get_resources 2 Some(503) 4"]
    );
}

#[tokio::test]
async fn a_reply_hook_sees_an_attempt_without_a_reply_as_no_status() {
    let statuses = Arc::new(Mutex::new(Vec::new()));
    let log = statuses.clone();
    let client = tencent_builder(&format!("http://127.0.0.1:{}", closed_port()))
        .on_reply(move |r| log.lock().unwrap().push(r.status()))
        .build()
        .expect("valid configuration");
    let err = client
        .list_live_replays_by_meeting_id(&replays_request())
        .await
        .expect_err("nothing listens");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(*statuses.lock().unwrap(), [None]);
}
