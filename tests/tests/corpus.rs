//! The conformance corpus (`tests/corpus/`) at work: constructs the vendor
//! specs do not use, generated, compiled, linted and exercised here.

use meeting_api_client::validation::Validate;
use meeting_api_client::Paged;
use meeting_api_tests::corpus::corpus_paging::{ListRowsRequest, Page, Row};
use meeting_api_tests::corpus::corpus_sensitive::{JoinBody, JoinRoomRequest, Room};

#[test]
fn paging_parameters_with_their_own_names_are_the_ones_a_page_sets() {
    let first = ListRowsRequest::new(10).with_owner("u1");
    let third = first.page(20, 10);
    assert_eq!(third.offset, Some(20));
    assert_eq!(third.limit, 10);
    assert_eq!(
        third.owner.as_deref(),
        Some("u1"),
        "other parameters are kept"
    );
    let page = Page {
        total_count: 21,
        rows: Some(vec![Row { id: "r1".into() }]),
    };
    let (total, rows) = ListRowsRequest::split(page);
    assert_eq!(total, Some(21));
    assert_eq!(rows.len(), 1);
}

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
    assert_eq!(shown, r#"Room { name: "Lobby", host_key: *** }"#);
}
