//! What a test can make the mock answer, per operation: the document's
//! examples by default, a JSON or typed reply, a status, a delay, a fault,
//! a sequence of replies; and what it recorded.

use std::time::Duration;

use meeting_api_client::auth::TencentMeetingCredentials;
use meeting_api_client::mock::{MockServer, MockSpec, Reply};
use meeting_api_client::tencent_meeting::{
    Client, InstanceId, ListLiveReplaysByMeetingIdRequest, LiveReplays,
};
use meeting_api_client::{Error, RetryPolicy};
use serde_json::json;

const OP: &str = "list_live_replays_by_meeting_id";

async fn tencent() -> (MockServer, Client) {
    let mock = MockServer::start(MockSpec::builtin("tencent_meeting").unwrap())
        .await
        .unwrap();
    let c = mock.credentials().clone();
    let credentials = TencentMeetingCredentials::enterprise(c.id, c.secret, "app");
    let client = Client::builder(credentials)
        .base_url(mock.base_url())
        .allow_http(true)
        .timeout(Some(Duration::from_millis(500)))
        .build()
        .unwrap();
    (mock, client)
}

fn request() -> ListLiveReplaysByMeetingIdRequest {
    ListLiveReplaysByMeetingIdRequest::new("m1", "u1", InstanceId::Pc)
}

#[tokio::test]
async fn by_default_the_reply_is_the_documents_example() {
    let (mock, client) = tencent().await;
    let replays = client
        .list_live_replays_by_meeting_id(&request())
        .await
        .unwrap();
    let example = meeting_api_client::tencent_meeting::__hooks::EXAMPLES
        .iter()
        .find(|e| {
            e.operation == OP && e.kind == meeting_api_client::__private::ExampleKind::Response
        })
        .unwrap();
    let documented: LiveReplays = serde_json::from_str(example.json).unwrap();
    assert_eq!(replays, documented);
    assert_eq!(mock.received(OP).len(), 1);
}

#[tokio::test]
async fn a_typed_reply_is_sent_and_the_request_is_recorded_decoded() {
    let (mock, client) = tencent().await;
    let reply = LiveReplays {
        meeting_number: Some(7),
        ..LiveReplays::default()
    };
    mock.reply(OP, Reply::value(&reply));
    let got = client
        .list_live_replays_by_meeting_id(&request())
        .await
        .unwrap();
    assert_eq!(got.meeting_number, Some(7));
    let received = mock.received(OP);
    assert_eq!(
        received[0].request,
        json!({"meeting_id": "m1", "userid": "u1", "instanceid": 1})
    );
    assert!(received[0]
        .to_string()
        .starts_with("GET /v1/meetings/m1/live_play/replays?"));
}

#[tokio::test]
async fn a_sequence_answers_in_order_and_its_last_reply_stays() {
    let (mock, client) = tencent().await;
    let client_with_retries = Client::builder(TencentMeetingCredentials::enterprise(
        mock.credentials().id.clone(),
        mock.credentials().secret.clone(),
        "app",
    ))
    .base_url(mock.base_url())
    .allow_http(true)
    .retry(RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
    })
    .build()
    .unwrap();
    let busy = Reply::failure(9001, "busy").status(503);
    let seven = Reply::json(json!({"meeting_number": 7}));
    mock.replies(OP, [busy, seven]);
    let got = client_with_retries
        .list_live_replays_by_meeting_id(&request())
        .await;
    assert_eq!(got.unwrap().meeting_number, Some(7));
    let again = client.list_live_replays_by_meeting_id(&request()).await;
    assert_eq!(again.unwrap().meeting_number, Some(7));
    let statuses: Vec<u16> = mock.received(OP).iter().map(|r| r.status).collect();
    assert_eq!(statuses, [503, 200, 200]);
}

#[tokio::test]
async fn a_failure_is_sent_in_the_vendors_envelope_with_its_status() {
    let (mock, client) = tencent().await;
    mock.reply(OP, Reply::failure(9001, "busy").status(429));
    match client.list_live_replays_by_meeting_id(&request()).await {
        Err(Error::Api(e)) => {
            assert_eq!((e.status, e.code.as_deref()), (429, Some("9001")));
            assert_eq!(e.message.as_deref(), Some("busy"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_error_example_is_the_documents_failure_reply() {
    let (mock, client) = tencent().await;
    mock.reply(OP, Reply::error_example());
    match client.list_live_replays_by_meeting_id(&request()).await {
        Err(Error::Api(e)) => assert_eq!(e.code.as_deref(), Some("200005"), "{e:?}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_delay_longer_than_the_clients_timeout_times_out() {
    let (mock, client) = tencent().await;
    mock.reply(OP, Reply::example().delay(Duration::from_secs(2)));
    let got = client.list_live_replays_by_meeting_id(&request()).await;
    assert!(matches!(got, Err(Error::Timeout)), "{got:?}");
}

#[tokio::test]
async fn a_fault_closes_the_connection_without_a_reply() {
    let (mock, client) = tencent().await;
    mock.reply(OP, Reply::fault());
    let got = client.list_live_replays_by_meeting_id(&request()).await;
    assert!(matches!(got, Err(Error::Transport(_))), "{got:?}");
    assert_eq!(mock.received(OP)[0].status, 0);
}

#[tokio::test]
async fn an_unknown_path_is_refused_in_the_vendors_envelope_and_recorded() {
    let (mock, _client) = tencent().await;
    let reply = reqwest::get(format!("{}/v1/nowhere", mock.base_url()))
        .await
        .unwrap();
    assert_eq!(reply.status(), 404);
    let body: serde_json::Value = serde_json::from_slice(&reply.bytes().await.unwrap()).unwrap();
    assert_eq!(body["error_info"]["error_code"], json!(40400));
    let all = mock.received_all();
    assert_eq!((all[0].operation.as_deref(), all[0].status), (None, 404));
}

#[tokio::test]
async fn a_sequence_of_pages_is_walked_by_the_clients_pager() {
    use meeting_api_client::auth::KedacomCredentials;
    use meeting_api_client::kedacom::{self, ListBookedConferencesRequest};
    let mock = MockServer::start(MockSpec::builtin("kedacom").unwrap())
        .await
        .unwrap();
    let credentials = KedacomCredentials::new(mock.credentials().secret.as_str());
    let client = kedacom::Client::builder(credentials)
        .base_url(mock.base_url())
        .allow_http(true)
        .build()
        .unwrap();
    let page = |items: usize| {
        let items = vec![json!({}); items];
        Reply::json(json!({"success": 1, "total": 3, "booked_confs": items}))
    };
    mock.replies("list_booked_conferences", [page(2), page(1)]);
    let request = ListBookedConferencesRequest::default();
    let all = client.list_booked_conferences_all(&request, 2).await;
    assert_eq!(all.unwrap().len(), 3);
    let received = mock.received("list_booked_conferences");
    let starts: Vec<&serde_json::Value> = received.iter().map(|r| &r.request["start"]).collect();
    assert_eq!(starts, [&json!(0), &json!(2)]);
}

#[test]
fn the_readme_quotes_the_mock_example_test_verbatim() {
    let readme = include_str!("../../README.md");
    let example = include_str!("mock_readme.rs");
    let body = example.split_once("\n\n").unwrap().1;
    assert!(
        readme.contains(body),
        "README.md must quote tests/mock_readme.rs after its header"
    );
}
