//! Synchronous callers: `blocking::Runtime` drives a call to completion on a
//! plain thread, and refuses (with an error, not a panic) inside a runtime.

mod support;

use meeting_api_client::auth::TencentMeetingCredentials;
use meeting_api_client::blocking::Runtime;
use meeting_api_client::{tencent_meeting, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn replays_request() -> tencent_meeting::ListLiveReplaysByMeetingIdRequest {
    tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
        "1",
        "u",
        tencent_meeting::InstanceId::Pc,
    )
}

fn client(base: &str) -> tencent_meeting::Client {
    tencent_meeting::Client::builder(TencentMeetingCredentials::enterprise("id", "key", "app"))
        .base_url(base)
        .allow_http(true)
        .build()
        .expect("valid configuration")
}

#[test]
fn a_synchronous_caller_gets_the_typed_reply() {
    // The server runs on a runtime of its own, as a remote server would.
    let server_runtime = tokio::runtime::Runtime::new().expect("a runtime for the server");
    let server = server_runtime.block_on(async {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"meeting_number":3}"#))
            .mount(&server)
            .await;
        server
    });
    let runtime = Runtime::new().expect("a runtime");
    let client = client(&server.uri());
    let replays = runtime
        .block_on(client.list_live_replays_by_meeting_id(&replays_request()))
        .expect("the reply decodes");
    assert_eq!(replays.meeting_number, Some(3));
    // The same runtime serves the next call: its connection pool is still there.
    let again = runtime
        .block_on(client.list_live_replays_by_meeting_id(&replays_request()))
        .expect("a second call");
    assert_eq!(again.meeting_number, Some(3));
}

#[test]
fn a_failed_call_is_the_calls_error() {
    let runtime = Runtime::new().expect("a runtime");
    let base = format!("http://127.0.0.1:{}", support::closed_port());
    let err = runtime
        .block_on(client(&base).list_live_replays_by_meeting_id(&replays_request()))
        .expect_err("nothing listens");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn blocking_inside_an_async_runtime_is_an_error_not_a_panic() {
    let runtime = Runtime::new().expect("a runtime can be made anywhere");
    let ran = std::cell::Cell::new(false);
    let result = runtime.block_on(async {
        ran.set(true);
        Ok(())
    });
    let err = result.expect_err("refused inside a runtime");
    assert!(
        matches!(&err, Error::Config(m) if m.contains("`.await` the call")),
        "{err:?}"
    );
    assert!(!ran.get(), "the call is not run");
    // Dropping it here does not panic either (tokio's own Drop would).
    drop(runtime);
}
