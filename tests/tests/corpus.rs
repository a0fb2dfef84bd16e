//! The conformance corpus (`tests/corpus/`) at work: constructs the vendor
//! specs do not use, generated, compiled, linted and exercised here.

use meeting_api_client::auth::NoCredentials;
use meeting_api_client::validation::Validate;
use meeting_api_client::vendor::RetryCode;
use meeting_api_client::{RetryClass, RetryPolicy};
use meeting_api_tests::corpus::corpus_paging::ListRowsRequest;
use meeting_api_tests::corpus::corpus_retries::{self, AddItemRequest, PutItemRequest};
use meeting_api_tests::corpus::corpus_sensitive::{
    self, JoinBody, JoinRoomRequest, LeaveRoomRequest, ListRoomsRequest, Room,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn one_of_two_fields_is_required_through_a_presence_condition() {
    let neither = ListRowsRequest::new(10);
    let violations = neither.validate().expect_err("owner or team is required");
    let text = violations.to_string();
    assert!(text.contains("team"), "{text}");
    assert!(ListRowsRequest::new(10).with_owner("u1").validate().is_ok());
    assert!(ListRowsRequest::new(10).with_team("t1").validate().is_ok());
}

#[test]
fn a_field_allowed_only_when_another_is_present_is_rejected_without_it() {
    let without_owner = ListRowsRequest::new(10).with_team("t1").with_offset(5);
    let text = without_owner
        .validate()
        .expect_err("offset needs owner")
        .to_string();
    assert!(text.contains("offset"), "{text}");
    let with_owner = ListRowsRequest::new(10).with_owner("u1").with_offset(5);
    assert!(with_owner.validate().is_ok());
}

/// A request with a secret in its path, query, header and body.
fn join_request(pin: i64, passcode: &str, kind: &str, token: &str) -> JoinRoomRequest {
    let body = JoinBody::new("ann", kind).with_passcode(passcode);
    JoinRoomRequest::new("inv-SECRET", token, body).with_pin(pin)
}

#[test]
fn debug_shows_every_secret_as_stars_and_every_other_field_as_the_derive_would() {
    let shown = format!("{:?}", join_request(4321, "alpha", "kSecrt", "tok12345"));
    for secret in ["inv-SECRET", "4321", "alpha", "kSecrt", "tok12345"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert_eq!(shown.matches("***").count(), 5, "{shown}");
    assert!(
        shown.starts_with("JoinRoomRequest { invite: ***,"),
        "{shown}"
    );
    assert!(shown.contains("nickname: \"ann\""), "{shown}");
    assert!(
        shown.contains("type: ***"),
        "a raw name shows unraw: {shown}"
    );
}

#[test]
fn violations_of_secret_rules_name_the_field_and_the_rule_but_never_the_value() {
    let request = join_request(987_654, "gamma", "kSecret9", "tok123");
    let violations = request
        .validate()
        .expect_err("every secret breaks its rule");
    let text = violations.to_string();
    let paths: Vec<&str> = violations.0.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        paths,
        ["pin", "X-Session-Token", "passcode", "type"],
        "{text}"
    );
    for secret in ["987654", "gamma", "kSecret9", "tok123"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(text.contains("9999"), "the limit is not a secret: {text}");
}

#[test]
fn a_reply_holding_a_secret_decodes_it_and_hides_it_from_debug() {
    let room: Room = serde_json::from_str(r#"{"name": "Lobby", "host_key": "hk-SECRET"}"#)
        .expect("a room decodes");
    assert_eq!(room.host_key.as_deref(), Some("hk-SECRET"));
    let shown = format!("{room:?}");
    assert_eq!(
        shown,
        r#"Room { name: "Lobby", host_key: Some(***), host_pin: None }"#
    );
}

#[test]
fn an_optional_secret_that_is_absent_shows_as_none() {
    let room: Room = serde_json::from_str(r#"{"name": "Lobby"}"#).expect("a room decodes");
    assert_eq!(
        format!("{room:?}"),
        r#"Room { name: "Lobby", host_key: None, host_pin: None }"#
    );
    let request = JoinRoomRequest::new("inv-SECRET", "tok12345", JoinBody::new("ann", "kSecrt"));
    let shown = format!("{request:?}");
    assert!(shown.contains("pin: None"), "{shown}");
    assert!(shown.contains("passcode: None"), "{shown}");
    assert_eq!(shown.matches("***").count(), 3, "{shown}");
}

#[test]
fn retry_classes_of_the_catalogue_and_idempotent_operations_are_emitted_as_data() {
    let class = |code, class| RetryCode { code, class };
    assert_eq!(
        corpus_retries::RETRY_CODES,
        [
            class("190004", RetryClass::RateLimited),
            class("500123", RetryClass::Transient)
        ]
    );
    assert_eq!(corpus_retries::IDEMPOTENT_OPERATIONS, ["put_item"]);
}

/// A server failing the first call to `route` with `status` and the vendor
/// `code`, then succeeding; and a client of it built by `Client::builder()`.
async fn failing_once(
    route: &str,
    status: u16,
    code: &str,
) -> (MockServer, corpus_retries::Client) {
    let server = MockServer::start().await;
    let failure = serde_json::json!({"code": code, "message": "try later"});
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(status).set_body_json(failure))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    let policy = RetryPolicy {
        max_retries: 2,
        base_delay: std::time::Duration::from_millis(1),
        max_delay: std::time::Duration::from_millis(5),
    };
    let client = corpus_retries::Client::builder(NoCredentials)
        .base_url(server.uri())
        .allow_http(true)
        .retry(policy)
        .build()
        .expect("a client builds");
    (server, client)
}

/// The secret the reply tests put in a reply.
const MARKER: &str = "Pw9Marker";

/// A client of `corpus_sensitive` whose server answers every call with 200
/// and `body`, reading replies up to `limit` bytes.
async fn answering(body: &str, limit: usize) -> (MockServer, corpus_sensitive::Client) {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let client = corpus_sensitive::Client::builder(NoCredentials)
        .base_url(server.uri())
        .allow_http(true)
        .max_reply_bytes(limit)
        .build()
        .expect("a client builds");
    (server, client)
}

/// Every way an error shows itself: `Display`, `Debug` and the kept body.
fn shown(e: &meeting_api_client::Error) -> String {
    format!("{e}\n{e:?}\n{}", e.raw_body().unwrap_or_default())
}

#[test]
fn replies_reaching_a_secret_directly_or_through_a_list_are_marked_in_the_operation_table() {
    let marked: Vec<(&str, bool)> = corpus_sensitive::OPERATIONS
        .iter()
        .map(|op| (op.name, op.reply_secrets))
        .collect();
    assert_eq!(
        marked,
        [
            ("join_room", true),
            ("list_rooms", true),
            ("leave_room", false)
        ]
    );
}

#[tokio::test]
async fn a_reply_holding_secrets_that_does_not_decode_names_the_value_s_path_but_shows_neither_body_nor_value(
) {
    let body = format!(
        r#"{{"rooms": [{{"name": "a", "host_key": "{MARKER}"}}, {{"name": "b", "host_pin": "{MARKER}"}}]}}"#
    );
    let (_server, client) = answering(&body, 1 << 20).await;
    let e = client
        .list_rooms(&ListRoomsRequest::default())
        .await
        .unwrap_err();
    assert!(
        matches!(e, meeting_api_client::Error::Decode { status: 200, .. }),
        "{e:?}"
    );
    assert_eq!(e.raw_body(), Some(meeting_api_client::Error::WITHHELD));
    let text = shown(&e);
    assert!(!text.contains(MARKER), "{text}");
    assert!(text.contains("`rooms`[1]: `host_pin`: "), "{text}");
    assert!(text.contains(" at line 1 column "), "{text}");
}

#[tokio::test]
async fn a_missing_field_of_a_reply_holding_secrets_is_still_named() {
    let body = format!(r#"{{"rooms": [{{"host_key": "{MARKER}"}}]}}"#);
    let (_server, client) = answering(&body, 1 << 20).await;
    let e = client
        .list_rooms(&ListRoomsRequest::default())
        .await
        .unwrap_err();
    let text = shown(&e);
    assert!(text.contains("`rooms`[0]: missing field `name`"), "{text}");
    assert!(!text.contains(MARKER), "{text}");
}

#[tokio::test]
async fn a_reply_holding_secrets_past_the_size_limit_keeps_none_of_its_bytes() {
    let body = format!(
        r#"{{"name": "a", "host_key": "{MARKER}", "pad": "{}"}}"#,
        "x".repeat(4096)
    );
    let (_server, client) = answering(&body, 1024).await;
    let request = JoinRoomRequest::new("inv", "tok12345", JoinBody::new("ann", "kSecrt"));
    let e = client.join_room(&request).await.unwrap_err();
    assert!(
        matches!(
            e,
            meeting_api_client::Error::TooLarge {
                status: 200,
                limit: 1024,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.raw_body(), Some(meeting_api_client::Error::WITHHELD));
    assert!(!shown(&e).contains(MARKER), "{}", shown(&e));
}

#[tokio::test]
async fn a_reply_without_secrets_that_does_not_decode_keeps_its_body_and_the_value() {
    let body = format!(r#"{{"left": "{MARKER}"}}"#);
    let (_server, client) = answering(&body, 1 << 20).await;
    let e = client
        .leave_room(&LeaveRoomRequest::new("inv"))
        .await
        .unwrap_err();
    assert_eq!(e.raw_body(), Some(body.as_str()));
    assert!(
        e.to_string()
            .contains(&format!("`left`: invalid type: string \"{MARKER}\"")),
        "{e}"
    );
}

async fn calls(server: &MockServer) -> usize {
    server.received_requests().await.map_or(0, |r| r.len())
}

#[tokio::test]
async fn a_rate_limit_code_of_the_catalogue_is_retried_even_for_a_post() {
    let (server, client) = failing_once("/items", 400, "190004").await;
    let result = client.add_item(&AddItemRequest::default()).await;
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(calls(&server).await, 2);
}

#[tokio::test]
async fn a_transient_code_is_retried_for_an_operation_the_spec_calls_idempotent() {
    let (server, client) = failing_once("/items/i1", 500, "500123").await;
    let result = client.put_item(&PutItemRequest::new("i1")).await;
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(calls(&server).await, 2);
}

#[tokio::test]
async fn a_transient_code_is_not_retried_for_a_post_the_spec_leaves_unmarked() {
    let (server, client) = failing_once("/items", 500, "500123").await;
    let result = client.add_item(&AddItemRequest::default()).await;
    assert!(result.is_err(), "{result:?}");
    assert_eq!(calls(&server).await, 1);
}

#[test]
fn a_field_marked_either_spelling_decodes_from_a_number_or_from_text() {
    use meeting_api_tests::corpus::corpus_spellings::{Kind, Report};
    let as_numbers: Report =
        serde_json::from_str(r#"{"count": 3, "size": 20, "kind": 2}"#).expect("numbers decode");
    let as_text: Report =
        serde_json::from_str(r#"{"count": "3", "size": "20", "kind": "2"}"#).expect("text decodes");
    assert_eq!(as_numbers, as_text);
    assert_eq!(as_numbers.count, 3);
    assert_eq!(as_numbers.size.as_deref(), Some("20"));
    assert_eq!(as_numbers.kind, Some(Kind::Image));
    // Neither spelling of something else: the error names the field.
    let wrong = serde_json::from_str::<Report>(r#"{"count": "three"}"#).unwrap_err();
    assert!(wrong.to_string().contains("count"), "{wrong}");
    // A field not marked keeps its one spelling.
    let strict = serde_json::from_str::<Report>(r#"{"count": 1, "strict": "4"}"#).unwrap_err();
    assert!(strict.to_string().contains("strict"), "{strict}");
}

mod recursion {
    use meeting_api_client::validation::Validate;
    use meeting_api_tests::corpus::corpus_recursion::{Drive, Folder, Node};

    #[test]
    fn a_recursive_reply_decodes_through_its_boxes_and_encodes_back_the_same() {
        let json = r#"{"top": {"name": "根", "parent": {"name": "上"},
            "drive": {"top": {"name": "内"}}}}"#;
        let drive: Drive = serde_json::from_str(json).unwrap();
        assert_eq!(drive.top.name, "根");
        assert_eq!(
            drive.top.parent.as_ref().map(|p| p.name.as_str()),
            Some("上")
        );
        let inner = drive.top.drive.as_ref().map(|d| d.top.name.as_str());
        assert_eq!(inner, Some("内"));
        let back: Drive = serde_json::from_slice(&serde_json::to_vec(&drive).unwrap()).unwrap();
        assert_eq!(back, drive);
    }

    #[test]
    fn a_required_field_missing_deep_in_a_recursive_reply_is_an_error_with_its_path() {
        let json = r#"{"top": {"name": "a", "drive": {"top": {"parent": {"name": "b"}}}}}"#;
        let err = serde_json::from_str::<Drive>(json).unwrap_err().to_string();
        assert!(
            err.starts_with("`top`: `drive`: `top`: missing field `name`"),
            "{err}"
        );
        let err = serde_json::from_str::<Drive>(r#"{"top": {"name": "a", "drive": {}}}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("`top`: `drive`: missing field `top`"),
            "{err}"
        );
    }

    #[test]
    fn a_list_of_its_own_type_decodes_to_any_depth_and_names_the_item_that_fails() {
        let tree: Node =
            serde_json::from_str(r#"{"id": 1, "children": [{"id": 2, "children": [{"id": 3}]}]}"#)
                .unwrap();
        let grandchild = &tree.children.as_ref().unwrap()[0]
            .children
            .as_ref()
            .unwrap()[0];
        assert_eq!(grandchild.id, 3);
        let err =
            serde_json::from_str::<Node>(r#"{"id": 1, "children": [{"id": 2}, {"id": "x"}]}"#)
                .unwrap_err()
                .to_string();
        assert!(
            err.starts_with("`children`[1]: `id`: invalid type: string \"x\", expected i64"),
            "{err}"
        );
    }

    #[test]
    fn setters_box_a_recursive_value_and_its_rules_hold_at_every_level() {
        let folder = Folder::new("子").with_parent(Folder::new("父文件夹的名字太长了"));
        assert_eq!(
            folder.parent.as_deref().map(|p| p.name.as_str()),
            Some("父文件夹的名字太长了")
        );
        let text = folder
            .validate()
            .expect_err("the parent's name is too long")
            .to_string();
        assert!(text.contains("parent.name"), "{text}");
        assert!(Folder::new("子")
            .with_parent(Folder::new("父"))
            .validate()
            .is_ok());
    }
}
