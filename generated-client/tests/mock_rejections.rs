//! Requests the vendor would refuse get the vendor's own error envelope from
//! the mock: a wrong key, a stale timestamp and an invalid body, for every
//! built-in vendor, read back by our client as the vendor's error.

mod mock_support;

use meeting_api_client::mock::{MockServer, MockSpec};
use meeting_api_client::{ApiError, Error};
use mock_support::{core_with, examples, send, Tweaks};
use serde_json::{json, Value};

/// A valid request of each vendor: operation and JSON.
fn valid(vendor: &str) -> (&'static str, Value) {
    match vendor {
        "tencent_meeting" => (
            "list_live_replays_by_meeting_id",
            json!({"meeting_id": "m1", "userid": "u1", "instanceid": 1}),
        ),
        "yxt" => (
            "update_room",
            json!({"roomId": "r1", "body": {"roomName": "room"}}),
        ),
        "polyv" => (
            "update_channel_role_config",
            json!({"channelId": 1, "role": "Teacher", "body": {}}),
        ),
        _ => {
            let body = examples("kedacom", "create_virtual_meeting_room").remove(0);
            ("create_virtual_meeting_room", json!({ "body": body }))
        }
    }
}

/// The API error of sending `request` as `operation` with `tweaks`.
async fn refused(
    vendor: &str,
    operation: &str,
    request: &Value,
    tweaks: Tweaks,
) -> (ApiError, MockServer) {
    let mock = MockServer::start(MockSpec::builtin(vendor).unwrap())
        .await
        .unwrap();
    let core = core_with(vendor, &mock, &tweaks);
    match send(vendor, &core, operation, &request.to_string()).await {
        Err(Error::Api(e)) => (*e, mock),
        other => panic!("{vendor}.{operation}: expected a vendor error, got {other:?}"),
    }
}

/// The mock's code where the vendor's envelope keeps one (YXT keeps a key).
fn code_of(e: &ApiError) -> Option<String> {
    e.code.clone().or_else(|| {
        e.key
            .clone()
            .map(|k| k.trim_start_matches("mock.").to_string())
    })
}

#[tokio::test]
async fn the_valid_requests_of_these_tests_are_accepted() {
    for vendor in MockSpec::builtin_names() {
        let mock = MockServer::start(MockSpec::builtin(vendor).unwrap())
            .await
            .unwrap();
        let (op, request) = valid(vendor);
        let core = core_with(vendor, &mock, &Tweaks::default());
        let reply = send(vendor, &core, op, &request.to_string()).await;
        assert!(reply.is_ok(), "{vendor}: {reply:?}");
    }
}

#[tokio::test]
async fn a_wrong_key_gets_the_vendors_envelope_with_status_401() {
    for vendor in MockSpec::builtin_names() {
        let (op, request) = valid(vendor);
        let tweaks = Tweaks {
            secret: Some("wrong".into()),
            ..Tweaks::default()
        };
        let (e, mock) = refused(vendor, op, &request, tweaks).await;
        assert_eq!(e.status, 401, "{vendor}: {e:?}");
        assert_eq!(code_of(&e).as_deref(), Some("40100"), "{vendor}: {e:?}");
        let expected = if vendor == "kedacom" {
            "invalid account_token"
        } else {
            "signature mismatch"
        };
        assert_eq!(e.message.as_deref(), Some(expected), "{vendor}: {e:?}");
        assert_eq!(mock.received(op)[0].status, 401);
    }
}

#[tokio::test]
async fn the_failure_envelopes_are_each_vendors_own() {
    let (op, request) = valid("kedacom");
    let tweaks = Tweaks {
        secret: Some("wrong".into()),
        ..Tweaks::default()
    };
    let (e, _) = refused("kedacom", op, &request, tweaks).await;
    assert_eq!(e.body_field("success"), Some(json!(0)), "{e:?}");
    assert_eq!(e.body_field("error_code"), Some(json!(40100)));
    let (op, request) = valid("tencent_meeting");
    let tweaks = Tweaks {
        secret: Some("wrong".into()),
        ..Tweaks::default()
    };
    let (e, _) = refused("tencent_meeting", op, &request, tweaks).await;
    assert_eq!(
        e.body_field("error_info.error_code"),
        Some(json!(40100)),
        "{e:?}"
    );
    let (op, request) = valid("polyv");
    let tweaks = Tweaks {
        secret: Some("wrong".into()),
        ..Tweaks::default()
    };
    let (e, _) = refused("polyv", op, &request, tweaks).await;
    assert_eq!(e.body_field("success"), Some(json!(false)), "{e:?}");
    assert!(
        e.request_id.is_some(),
        "Polyv's envelope has a request id: {e:?}"
    );
}

#[tokio::test]
async fn a_stale_timestamp_gets_the_vendors_envelope_with_status_401() {
    // Kedacom's token carries no timestamp.
    for vendor in ["tencent_meeting", "yxt", "polyv"] {
        let (op, request) = valid(vendor);
        let tweaks = Tweaks {
            clock_behind_ms: 10 * 60 * 1000,
            ..Tweaks::default()
        };
        let (e, _) = refused(vendor, op, &request, tweaks).await;
        assert_eq!(e.status, 401, "{vendor}: {e:?}");
        assert_eq!(code_of(&e).as_deref(), Some("40101"), "{vendor}: {e:?}");
    }
}

#[tokio::test]
async fn an_invalid_body_gets_the_documented_key_and_message_where_there_is_one() {
    let request = json!({"roomId": "r1", "body": {"roomName": "x".repeat(101)}});
    let tweaks = Tweaks {
        no_validation: true,
        ..Tweaks::default()
    };
    let (e, mock) = refused("yxt", "update_room", &request, tweaks).await;
    assert_eq!(e.status, 400);
    assert_eq!(
        e.key.as_deref(),
        Some("apis.zhibo.room.validation.roomname.length")
    );
    assert_eq!(e.message.as_deref(), Some("Max length of roomName is 100."));
    let received = &mock.received("update_room")[0];
    assert_eq!(received.request["body"]["roomName"], json!("x".repeat(101)));
}

#[tokio::test]
async fn an_invalid_body_gets_the_vendors_envelope_with_status_400() {
    let mut invalid = Vec::new();
    let (op, mut request) = valid("tencent_meeting");
    request["instanceid"] = json!(99);
    invalid.push(("tencent_meeting", op, request));
    let (op, mut request) = valid("polyv");
    request["role"] = json!("Nobody");
    invalid.push(("polyv", op, request));
    let (op, mut request) = valid("kedacom");
    request["body"]["name"] = json!("x".repeat(65));
    invalid.push(("kedacom", op, request));
    for (vendor, op, request) in invalid {
        let tweaks = Tweaks {
            no_validation: true,
            ..Tweaks::default()
        };
        let (e, _) = refused(vendor, op, &request, tweaks).await;
        assert_eq!(e.status, 400, "{vendor}: {e:?}");
        assert_eq!(code_of(&e).as_deref(), Some("40001"), "{vendor}: {e:?}");
    }
}
