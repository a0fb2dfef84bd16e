//! The documents' rules across fields, per vendor, each accepted and rejected
//! at its edge, on requests as JSON (what deserializes is validated too); the
//! documented byte limits on typed values; and the messages of a request that
//! breaks many rules at once (a reviewed snapshot).
//!
//! Single-field constraints of every field are swept in
//! `validation_boundaries.rs`; this file holds the rules that tie fields
//! together, which a sweep cannot set up by itself.

use meeting_api_client::__private::ExampleKind;
use meeting_api_client::validation::{Rule, Validate, Violation};
use meeting_api_client::{kedacom, FilePart};
use meeting_api_tests::validate_request;
use serde_json::{json, Value};

/// The violations of a request given as JSON (`[]` when it is valid).
fn violations(vendor: &str, operation: &str, request: &Value) -> Vec<Violation> {
    match validate_request(vendor, operation, &request.to_string()) {
        Some(Ok(Ok(()))) => Vec::new(),
        Some(Ok(Err(v))) => v.0,
        other => panic!("{vendor} {operation}: {other:?} for {request}"),
    }
}

/// `path: message` of each violation.
fn lines(violations: &[Violation]) -> Vec<String> {
    violations.iter().map(ToString::to_string).collect()
}

fn required(path: &str, when: Option<&'static str>, key: Option<&'static str>) -> Violation {
    Violation {
        path: path.into(),
        rule: Rule::Required { when },
        vendor_key: key,
    }
}

fn example(operation: &str) -> Value {
    let e = kedacom::__hooks::EXAMPLES
        .iter()
        .find(|e| e.operation == operation && e.kind == ExampleKind::Request)
        .unwrap_or_else(|| panic!("{operation} has a request example"));
    serde_json::from_str(e.json).expect("the example is JSON")
}

// ---- YXT ---------------------------------------------------------------

fn session(start: &str, end: &str) -> Value {
    json!({ "sessionName": "第一场", "sessionStartTime": start, "sessionEndTime": end })
}

fn yxt_sessions(sessions: Vec<Value>) -> Value {
    json!({ "roomId": "fe04ddc7-3628-4740-8db7-a504f3719bf3",
            "body": { "roomName": "直播创建测试", "sessions": sessions } })
}

const START_END_REQUIRED: Option<&str> =
    Some("apis.zhibo.room.validation.session.startEndtime.required");

#[test]
fn a_yxt_session_needs_its_start_end_and_name_with_the_vendor_keys() {
    let request = yxt_sessions(vec![json!({ "sessionDesc": "无时间" })]);
    assert_eq!(
        violations("yxt", "update_room_with_sessions", &request),
        [
            required("sessions[0].sessionStartTime", None, START_END_REQUIRED),
            required("sessions[0].sessionEndTime", None, START_END_REQUIRED),
            required(
                "sessions[0].sessionName",
                None,
                Some("apis.zhibo.room.validation.session.sessionName.required")
            ),
        ]
    );
    let complete = yxt_sessions(vec![session("2024-03-01 09:00:00", "2024-03-01 10:00:00")]);
    assert_eq!(
        violations("yxt", "update_room_with_sessions", &complete),
        []
    );
}

#[test]
fn a_yxt_session_must_start_before_it_ends_one_second_is_enough() {
    let equal = yxt_sessions(vec![session("2024-03-01 09:00:00", "2024-03-01 09:00:00")]);
    assert_eq!(
        lines(&violations("yxt", "update_room_with_sessions", &equal)),
        [
            "sessions[0].sessionStartTime must be earlier than sessions[0].sessionEndTime \
          (apis.zhibo.room.validation.session.startEndtime.invalid)"
        ]
    );
    let later = yxt_sessions(vec![session("2024-03-01 09:00:01", "2024-03-01 09:00:00")]);
    assert_eq!(
        violations("yxt", "update_room_with_sessions", &later).len(),
        1
    );
    let one_second = yxt_sessions(vec![session("2024-03-01 09:00:00", "2024-03-01 09:00:01")]);
    assert_eq!(
        violations("yxt", "update_room_with_sessions", &one_second),
        []
    );
}

#[test]
fn yxt_sessions_may_touch_but_not_overlap() {
    let touching = yxt_sessions(vec![
        session("2024-03-01 09:00:00", "2024-03-01 10:00:00"),
        session("2024-03-01 10:00:00", "2024-03-01 11:00:00"),
    ]);
    assert_eq!(
        violations("yxt", "update_room_with_sessions", &touching),
        []
    );
    // Listed out of order, overlapping by one second.
    let overlapping = yxt_sessions(vec![
        session("2024-03-01 10:00:00", "2024-03-01 11:00:00"),
        session("2024-03-01 12:00:00", "2024-03-01 13:00:00"),
        session("2024-03-01 09:00:00", "2024-03-01 10:00:01"),
    ]);
    assert_eq!(
        lines(&violations(
            "yxt",
            "update_room_with_sessions",
            &overlapping
        )),
        ["sessions[0] and sessions[2] have overlapping time periods \
          (apis.zhibo.room.validation.session.timeConflict)"]
    );
}

#[test]
fn yxt_allows_31_sessions_and_rejects_the_32nd_with_its_key() {
    let day = |i: usize| {
        session(
            &format!("2024-03-{:02} 09:00:00", i + 1),
            &format!("2024-03-{:02} 10:00:00", i + 1),
        )
    };
    let mut sessions: Vec<Value> = (0..31).map(day).collect();
    assert_eq!(
        violations(
            "yxt",
            "update_room_with_sessions",
            &yxt_sessions(sessions.clone())
        ),
        []
    );
    sessions.push(session("2024-04-01 09:00:00", "2024-04-01 10:00:00"));
    assert_eq!(
        lines(&violations(
            "yxt",
            "update_room_with_sessions",
            &yxt_sessions(sessions)
        )),
        ["sessions has 32 items; at most 31 are allowed \
          (apis.zhibo.room.validation.session.exceedMaxSize)"]
    );
}

#[test]
fn a_yxt_ad_needs_its_image_and_an_unknown_position_names_the_vendor_key() {
    let request = |ad: Value| json!({ "roomId": "r", "body": { "roomName": "直播", "ad": ad } });
    assert_eq!(
        violations(
            "yxt",
            "update_room_with_sessions",
            &request(json!({ "adLocation": 5 }))
        ),
        [
            Violation {
                path: "ad.adLocation".into(),
                rule: Rule::UnknownValue { actual: "5".into() },
                vendor_key: Some("apis.zhibo.room.validation.adLocation.invalid"),
            },
            required(
                "ad.adImgUrl",
                None,
                Some("apis.zhibo.room.validation.ad.adImgUrl.required")
            ),
        ]
    );
    let good = request(json!({ "adImgUrl": "https://example.com/ad.png", "adLocation": 4 }));
    assert_eq!(violations("yxt", "update_room_with_sessions", &good), []);
}

// ---- Kedacom -----------------------------------------------------------

#[test]
fn the_printed_kedacom_examples_are_valid_requests() {
    for operation in [
        "book_conference",
        "create_conference",
        "create_virtual_meeting_room",
    ] {
        let request = json!({ "body": example(operation) });
        assert_eq!(
            violations("kedacom", operation, &request),
            [],
            "{operation}"
        );
    }
}

#[test]
fn a_kedacom_auto_conference_needs_its_terminal_protocols() {
    let mut params = example("book_conference");
    params["conf_type"] = json!(4);
    params
        .as_object_mut()
        .unwrap()
        .remove("mt_supported_protocol");
    assert_eq!(
        violations(
            "kedacom",
            "book_conference",
            &json!({ "body": params.clone() })
        ),
        [required(
            "mt_supported_protocol",
            Some("conf_type is 4"),
            None
        )]
    );
    params["conf_type"] = json!(0);
    assert_eq!(
        violations(
            "kedacom",
            "book_conference",
            &json!({ "body": params.clone() })
        ),
        []
    );
    params["conf_type"] = json!(4);
    params["mt_supported_protocol"] = json!(["sip"]);
    assert_eq!(
        violations("kedacom", "book_conference", &json!({ "body": params })),
        []
    );
}

#[test]
fn a_kedacom_conference_from_a_template_needs_only_the_template_id() {
    let from_template = json!({ "body": { "create_type": 2 } });
    assert_eq!(
        violations("kedacom", "create_conference", &from_template),
        [required("template_id", Some("create_type is not 1"), None)]
    );
    let with_id = json!({ "body": { "create_type": 2, "template_id": "tpl-1" } });
    assert_eq!(violations("kedacom", "create_conference", &with_id), []);
}

#[test]
fn a_kedacom_conference_created_directly_needs_every_starred_field() {
    // create_type defaults to 1: the 27 fields marked * are required.
    let found = violations("kedacom", "create_conference", &json!({ "body": {} }));
    assert_eq!(found.len(), 27, "{:#?}", lines(&found));
    assert!(found.iter().all(|v| v.rule
        == Rule::Required {
            when: Some("create_type is 1")
        }));
    let names: Vec<&str> = found.iter().map(|v| v.path.as_str()).collect();
    for field in [
        "name",
        "duration",
        "bitrate",
        "encrypted_key",
        "one_reforming",
        "video_formats",
    ] {
        assert!(names.contains(&field), "{field} in {names:?}");
    }
}

#[test]
fn a_kedacom_picture_member_named_by_the_chair_needs_its_name_and_account() {
    let mut params = example("book_conference");
    params["vmp"]["members"][0] = json!({ "member_type": 1, "chn_idx": 0, "account_type": 1 });
    assert_eq!(
        violations(
            "kedacom",
            "book_conference",
            &json!({ "body": params.clone() })
        ),
        [
            required("vmp.members[0].name", Some("member_type is 1"), None),
            required("vmp.members[0].account", Some("member_type is 1"), None),
        ]
    );
    params["vmp"]["members"][0]["member_type"] = json!(2);
    assert_eq!(
        violations("kedacom", "book_conference", &json!({ "body": params })),
        []
    );
}

#[test]
fn a_64_byte_kedacom_name_admits_21_chinese_characters_not_22() {
    let mut params = example("book_conference");
    // 21 × 3 bytes + 1 = 64 bytes.
    params["name"] = json!(format!("{}a", "会".repeat(21)));
    assert_eq!(
        violations(
            "kedacom",
            "book_conference",
            &json!({ "body": params.clone() })
        ),
        []
    );
    params["name"] = json!("会".repeat(22));
    assert_eq!(
        lines(&violations(
            "kedacom",
            "book_conference",
            &json!({ "body": params })
        )),
        ["name is 66 bytes of UTF-8; at most 64 bytes are allowed"]
    );
}

#[test]
fn a_kedacom_upload_of_exactly_20_mb_is_accepted_and_one_byte_more_is_rejected() {
    const LIMIT: usize = 20 * 1024 * 1024;
    let at_limit = kedacom::UploadMeetingFileBody::new(FilePart::new("纪要.pdf", vec![0u8; LIMIT]));
    assert_eq!(at_limit.validate(), Ok(()));
    let over = kedacom::UploadMeetingFileBody::new(FilePart::new("纪要.pdf", vec![0u8; LIMIT + 1]));
    let err = over.validate().expect_err("one byte over 20 MB");
    assert_eq!(
        err.0,
        [Violation {
            path: "file".into(),
            rule: Rule::MaxFileBytes {
                limit: LIMIT as u64,
                actual: LIMIT as u64 + 1
            },
            vendor_key: None,
        }]
    );
}

// ---- Polyv -------------------------------------------------------------

#[test]
fn polyv_teacher_only_settings_are_refused_for_a_guest() {
    let request = |role: &str| {
        json!({ "channelId": 2_477_096, "role": role,
                "body": { "webStartTimerDisplayEnabled": "Y", "multiplexingDefaultLayout": "2",
                          "webStartCheckInDisplayEnabled": "N" } })
    };
    assert_eq!(
        violations("polyv", "update_channel_role_config", &request("Teacher")),
        []
    );
    assert_eq!(
        lines(&violations(
            "polyv",
            "update_channel_role_config",
            &request("Guest")
        )),
        [
            "body.webStartTimerDisplayEnabled may only be given when role is Teacher",
            "body.multiplexingDefaultLayout may only be given when role is Teacher",
        ]
    );
}

// ---- Tencent Meeting ---------------------------------------------------

#[test]
fn tencent_enumerations_are_checked_at_every_depth() {
    let request = json!({
        "meeting_id": "5939741786564101932",
        "body": { "userid": "tester", "instanceid": 12,
                  "live_config": { "live_watermark": { "watermark_opt": 2 } } }
    });
    assert_eq!(
        lines(&violations(
            "tencent_meeting",
            "update_live_config_by_meeting_id",
            &request
        )),
        [
            "instanceid is 12, which is not a documented value",
            "live_config.live_watermark.watermark_opt is 2, which is not a documented value",
        ]
    );
    let documented = json!({
        "meeting_id": "5939741786564101932",
        "body": { "userid": "tester", "instanceid": 33,
                  "live_config": { "live_watermark": { "watermark_opt": 1 } } }
    });
    assert_eq!(
        violations(
            "tencent_meeting",
            "update_live_config_by_meeting_id",
            &documented
        ),
        []
    );
}

// ---- Many at once ------------------------------------------------------

#[test]
fn a_kedacom_booking_breaking_many_rules_lists_every_violation() {
    let mut params = example("book_conference");
    params["name"] = json!("_周例会<第一场>_会议名称很长很长很长很长很长很长很长很长很长很长");
    params["start_time"] = json!("2020-07-24 15:30:00");
    params["password"] = json!("密码 123");
    params["vacinterval"] = json!(4);
    params["conf_type"] = json!(4);
    params
        .as_object_mut()
        .unwrap()
        .remove("mt_supported_protocol");
    params["max_join_mt"] = json!(100);
    params["audio_formats"] = json!([2, 99]);
    params["vmp"]["mt_name_style"]["font_color"] = json!("white");
    params["vmp"]["members"][0] = json!({ "member_type": 1, "chn_idx": 0 });
    params["invite_members"][1]["name"] = json!("名".repeat(43));
    let found = violations("kedacom", "book_conference", &json!({ "body": params }));
    insta::assert_snapshot!(lines(&found).join("\n"));
}
