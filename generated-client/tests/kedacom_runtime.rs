//! Kedacom behaviour beyond single calls: the failure envelope, walking pages,
//! the `_method=DELETE` fallback, API levels, and the session helpers.

mod support;

use std::time::Duration;

use meeting_api_client::auth::{KedacomCredentials, Secret};
use meeting_api_client::kedacom::{self, *};
use meeting_api_client::kedacom_session::SessionClient;
use meeting_api_client::Error;
use serde_json::{json, Value};
use support::{form_fields, header, only_request};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOKEN: &str = "kd-token-1";

fn client_for(server: &MockServer) -> meeting_api_client::ClientBuilder<kedacom::Client> {
    kedacom::Client::builder(KedacomCredentials::new(TOKEN))
        .base_url(server.uri())
        .allow_http(true)
}

fn client(server: &MockServer) -> kedacom::Client {
    client_for(server).build().expect("valid configuration")
}

#[tokio::test]
async fn a_failure_reply_with_http_200_becomes_a_typed_api_error() {
    let server = MockServer::start().await;
    let body = r#"{"success":0,"error_code":20001,"description":"会议不存在"}"#;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    let err = client(&server)
        .get_booked_conference(&GetBookedConferenceRequest::new("404"))
        .await
        .expect_err("success 0");
    let Error::Api(api) = &err else {
        panic!("expected Error::Api, got {err:?}")
    };
    assert_eq!(api.status, 200);
    assert_eq!(api.code.as_deref(), Some("20001"));
    assert_eq!(api.message.as_deref(), Some("会议不存在"));
    assert_eq!(api.raw_body, body);
    assert!(err.to_string().contains("20001"), "{err}");
}

/// Serves `total` numbered items under `key`, honouring `start` and `count`.
struct Pages {
    key: &'static str,
    total: usize,
    item: fn(usize) -> Value,
}

impl Respond for Pages {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let param = |name: &str| {
            req.url
                .query_pairs()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse::<usize>().ok())
        };
        let (Some(start), Some(count)) = (param("start"), param("count")) else {
            return ResponseTemplate::new(200)
                .set_body_json(json!({"success": 0, "error_code": 1, "description": "no paging"}));
        };
        let items: Vec<Value> = (start..(start + count).min(self.total))
            .map(self.item)
            .collect();
        ResponseTemplate::new(200)
            .set_body_json(json!({"success": 1, "total": self.total, self.key: items}))
    }
}

async fn paged_server(route: &str, key: &'static str, item: fn(usize) -> Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(Pages {
            key,
            total: 5,
            item,
        })
        .mount(&server)
        .await;
    server
}

/// The (start, count) of every request, in order.
async fn page_requests(server: &MockServer) -> Vec<(String, String)> {
    let received = server.received_requests().await.expect("recorded");
    received
        .iter()
        .map(|r| {
            let get = |n: &str| {
                r.url
                    .query_pairs()
                    .find(|(k, _)| k == n)
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default()
            };
            (get("start"), get("count"))
        })
        .collect()
}

fn pages_of_two() -> Vec<(String, String)> {
    [("0", "2"), ("2", "2"), ("4", "2")]
        .iter()
        .map(|(s, c)| (s.to_string(), c.to_string()))
        .collect()
}

#[tokio::test]
async fn list_booked_conferences_all_walks_every_page_in_order() {
    let server = paged_server(
        "/api/v1/mc/booked_confs",
        "booked_confs",
        |i| json!({"conf_id": format!("c{i}")}),
    )
    .await;
    let all = client(&server)
        .list_booked_conferences_all(&ListBookedConferencesRequest::default(), 2)
        .await
        .expect("three pages");
    let ids: Vec<_> = all
        .iter()
        .map(|c| c.conf_id.clone().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["c0", "c1", "c2", "c3", "c4"]);
    assert_eq!(page_requests(&server).await, pages_of_two());
}

#[tokio::test]
async fn list_meetings_all_walks_every_page_in_order() {
    let server = paged_server(
        "/api/v1/mc/meetings",
        "meetings",
        |i| json!({"meeting_id": format!("m{i}")}),
    )
    .await;
    let all = client(&server)
        .list_meetings_all(&ListMeetingsRequest::default(), 2)
        .await
        .expect("three pages");
    let ids: Vec<_> = all
        .iter()
        .map(|m| m.meeting_id.clone().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["m0", "m1", "m2", "m3", "m4"]);
    assert_eq!(page_requests(&server).await, pages_of_two());
}

#[tokio::test]
async fn list_meeting_room_areas_all_walks_every_page_in_order() {
    let server = paged_server(
        "/api/v1/mc/meeting_room_areas",
        "meeting_room_areas",
        |i| json!({"id": format!("a{i}")}),
    )
    .await;
    let all = client(&server)
        .list_meeting_room_areas_all(&ListMeetingRoomAreasRequest::default(), 2)
        .await
        .expect("three pages");
    let ids: Vec<_> = all
        .iter()
        .map(|a| a.id.clone().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["a0", "a1", "a2", "a3", "a4"]);
    assert_eq!(page_requests(&server).await, pages_of_two());
}

#[tokio::test]
async fn list_virtual_meeting_rooms_all_walks_every_page_in_order() {
    let server = paged_server(
        "/api/v1/mc/virtual_meeting_rooms",
        "virtual_meeting_rooms",
        |i| json!({"id": format!("v{i}")}),
    )
    .await;
    let all = client(&server)
        .list_virtual_meeting_rooms_all(&ListVirtualMeetingRoomsRequest::default(), 2)
        .await
        .expect("three pages");
    let ids: Vec<_> = all
        .iter()
        .map(|v| v.id.clone().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["v0", "v1", "v2", "v3", "v4"]);
    assert_eq!(page_requests(&server).await, pages_of_two());
}

#[tokio::test]
async fn a_failing_page_fails_the_whole_walk() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"success": 1, "total": 4, "booked_confs": [{"conf_id": "c0"}, {"conf_id": "c1"}]}),
        ))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"success": 0, "error_code": 500, "description": "busy"})),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .list_booked_conferences_all(&ListBookedConferencesRequest::default(), 2)
        .await
        .expect_err("the second page fails");
    assert_eq!(err.api().and_then(|a| a.code.as_deref()), Some("500"));
}

#[tokio::test]
async fn the_method_override_sends_a_delete_as_a_post_with_method_delete_and_the_token_in_the_form()
{
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": 1})))
        .mount(&server)
        .await;
    let client = client_for(&server)
        .method_override(true)
        .build()
        .expect("valid configuration");
    client
        .delete_booked_conference(&DeleteBookedConferenceRequest::new("123#456"))
        .await
        .expect("decodes");
    let req = only_request(&server).await;
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url.path(), "/api/v1/mc/booked_confs/123%23456");
    assert_eq!(req.url.query(), None);
    assert_eq!(
        header(&req, "Content-Type"),
        Ok("application/x-www-form-urlencoded")
    );
    assert_eq!(
        form_fields(&req),
        [
            ("_method".to_string(), "DELETE".to_string()),
            ("account_token".to_string(), TOKEN.to_string())
        ]
    );
}

#[tokio::test]
async fn without_the_method_override_a_delete_stays_a_delete() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": 1})))
        .mount(&server)
        .await;
    client(&server)
        .end_conference(&EndConferenceRequest::new("0001234"))
        .await
        .expect("decodes");
    assert_eq!(only_request(&server).await.method.as_str(), "DELETE");
}

#[tokio::test]
async fn an_operation_above_the_configured_server_level_is_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": 1, "result": 1})))
        .mount(&server)
        .await;
    let client = client_for(&server)
        .server_api_level(2)
        .build()
        .expect("valid configuration");
    let err = client
        .check_conference_name(&CheckConferenceNameRequest::new("周会"))
        .await
        .expect_err("check_conference_name needs level 3");
    assert!(
        matches!(
            err,
            Error::ApiLevel {
                operation: "check_conference_name",
                required: 3,
                server: 2
            }
        ),
        "{err:?}"
    );
    assert!(server
        .received_requests()
        .await
        .expect("recorded")
        .is_empty());
    client
        .list_meetings(&ListMeetingsRequest::default())
        .await
        .expect("list_meetings needs level 2, which the server has");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}

/// A server at API level 2: the version endpoint and one list.
async fn level_two_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/mc/version"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"success": 1, "version": "V5.2", "api_level": 2})),
        )
        .mount(&server)
        .await;
    Mock::given(path("/api/v1/mc/meetings"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"success": 1, "total": 0, "meetings": []})),
        )
        .mount(&server)
        .await;
    server
}

async fn requests_to(server: &MockServer, route: &str) -> usize {
    server
        .received_requests()
        .await
        .expect("recorded")
        .iter()
        .filter(|r| r.url.path() == route)
        .count()
}

#[tokio::test]
async fn a_discovered_api_level_refuses_newer_operations_before_sending() {
    let server = level_two_server().await;
    let client = client(&server);
    assert_eq!(client.core().server_api_level(), None);
    assert_eq!(client.core().discover_api_level().await.expect("level"), 2);
    assert_eq!(client.core().server_api_level(), Some(2));
    let example = kedacom::__hooks::EXAMPLES
        .iter()
        .find(|e| e.operation == "book_conference")
        .expect("the document prints a params example");
    let body: BookedConferenceParams = serde_json::from_str(example.json).expect("fits");
    let err = client
        .book_conference(&BookConferenceRequest::new(body))
        .await
        .expect_err("book_conference needs level 3");
    assert!(
        matches!(
            err,
            Error::ApiLevel {
                required: 3,
                server: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(requests_to(&server, "/api/v1/mc/booked_confs").await, 0);
    client
        .list_meetings(&ListMeetingsRequest::default())
        .await
        .expect("level 2 suffices");
}

#[tokio::test]
async fn check_api_level_asks_the_server_once_before_the_first_leveled_call() {
    let server = level_two_server().await;
    let client = client_for(&server)
        .check_api_level(true)
        .build()
        .expect("valid configuration");
    client
        .list_meetings(&ListMeetingsRequest::default())
        .await
        .expect("level 2 suffices");
    let err = client
        .check_conference_name(&CheckConferenceNameRequest::new("周会"))
        .await
        .expect_err("needs level 3");
    assert!(matches!(err, Error::ApiLevel { .. }), "{err:?}");
    assert_eq!(requests_to(&server, "/api/mc/version").await, 1);
    assert_eq!(requests_to(&server, "/api/v1/mc/valid_conf_name").await, 0);
}

#[tokio::test]
async fn a_version_reply_without_an_api_level_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"success": 1, "version": "x"})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client
        .core()
        .discover_api_level()
        .await
        .expect_err("no api_level");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(client.core().server_api_level(), None);
}

fn session(server: &MockServer) -> SessionClient {
    SessionClient::builder()
        .base_url(server.uri())
        .allow_http(true)
        .timeout(Some(Duration::from_secs(5)))
        .build()
        .expect("valid configuration")
}

/// A Kedacom login server: a token for the right consumer, a cookie for the
/// right user.
async fn session_server() -> MockServer {
    struct Token;
    impl Respond for Token {
        fn respond(&self, req: &Request) -> ResponseTemplate {
            let fields = form_fields(req);
            let ok = fields.contains(&("oauth_consumer_key".into(), "consumer".into()))
                && fields.contains(&("oauth_consumer_secret".into(), "consumer-secret".into()));
            ResponseTemplate::new(200).set_body_json(if ok {
                json!({"success": 1, "account_token": "issued-token"})
            } else {
                json!({"success": 0, "error_code": 10001, "description": "consumer rejected"})
            })
        }
    }
    struct Login;
    impl Respond for Login {
        fn respond(&self, req: &Request) -> ResponseTemplate {
            let fields = form_fields(req);
            let ok = fields
                == [
                    ("username".to_string(), "admin".to_string()),
                    ("password".to_string(), "p@ss word&=".to_string()),
                    ("account_token".to_string(), "issued-token".to_string()),
                ];
            if ok {
                ResponseTemplate::new(200)
                    .append_header("Set-Cookie", "JSESSIONID=other; Path=/")
                    .append_header("Set-Cookie", "SSO_COOKIE_KEY=cookie-42; Path=/; HttpOnly")
                    .set_body_json(json!({"success": 1, "username": "admin"}))
            } else {
                ResponseTemplate::new(200).set_body_json(
                    json!({"success": 0, "error_code": 10103, "description": "bad password"}),
                )
            }
        }
    }
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/system/token"))
        .respond_with(Token)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/system/login"))
        .respond_with(Login)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_session_helpers_obtain_a_token_and_the_login_cookie() {
    let server = session_server().await;
    let credentials = session(&server)
        .credentials(
            "consumer",
            &Secret::new("consumer-secret"),
            Some(("admin", &Secret::new("p@ss word&="))),
        )
        .await
        .expect("token and login succeed");
    assert_eq!(credentials.account_token.expose(), "issued-token");
    assert_eq!(
        credentials.sso_cookie.as_ref().map(Secret::expose),
        Some("cookie-42")
    );
    let received = server.received_requests().await.expect("recorded");
    assert_eq!(
        header(&received[0], "Content-Type"),
        Ok("application/x-www-form-urlencoded")
    );
}

#[tokio::test]
async fn a_rejected_consumer_or_password_is_a_typed_api_error() {
    let server = session_server().await;
    let session = session(&server);
    let err = session
        .token("consumer", &Secret::new("wrong"))
        .await
        .expect_err("rejected");
    assert_eq!(err.api().and_then(|a| a.code.as_deref()), Some("10001"));
    let err = session
        .login("admin", &Secret::new("wrong"), &Secret::new("issued-token"))
        .await
        .expect_err("rejected");
    assert_eq!(err.api().and_then(|a| a.code.as_deref()), Some("10103"));
}

#[tokio::test]
async fn a_login_reply_without_the_sso_cookie_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": 1})))
        .mount(&server)
        .await;
    let err = session(&server)
        .login("admin", &Secret::new("pw"), &Secret::new("t"))
        .await
        .expect_err("no cookie");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn a_malformed_token_reply_does_not_keep_the_body_that_may_hold_the_token() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"success": 1, "token": "leaky-token-value"})),
        )
        .mount(&server)
        .await;
    let err = session(&server)
        .token("consumer", &Secret::new("consumer-secret"))
        .await
        .expect_err("no account_token");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("leaky-token-value"));
}

#[tokio::test]
async fn a_token_reply_over_the_size_limit_does_not_keep_its_first_bytes() {
    let server = MockServer::start().await;
    let padded = format!(
        r#"{{"success": 1, "account_token": "leaky-token-value", "pad": "{}"}}"#,
        "x".repeat(4096)
    );
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(padded))
        .mount(&server)
        .await;
    let err = SessionClient::builder()
        .base_url(server.uri())
        .allow_http(true)
        .max_reply_bytes(1024)
        .build()
        .expect("valid configuration")
        .token("consumer", &Secret::new("consumer-secret"))
        .await
        .expect_err("over the limit");
    assert!(
        matches!(err, Error::TooLarge { limit: 1024, .. }),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?}").contains("leaky-token-value"));
    assert!(!err.raw_body().unwrap_or_default().contains("leaky"));
}
