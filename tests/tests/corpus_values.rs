//! The value and rule constructs of the format (tests/corpus/values.yaml) at
//! work: each accepted at its edge and rejected one past it, the violation
//! naming the field and the rule, and the wire shape where it matters.

use meeting_api_client::validation::{Rule, Validate, Violation};
use meeting_api_tests::corpus::corpus_values::Meeting;
use serde_json::{json, Value};

/// A meeting that keeps every rule, with `changes` written over it.
fn meeting(changes: Value) -> Meeting {
    let mut base = json!({"userid": "u1", "instanceid": 1});
    for (k, v) in changes.as_object().expect("changes are an object") {
        if v.is_null() {
            base.as_object_mut().expect("an object").remove(k);
        } else {
            base[k] = v.clone();
        }
    }
    serde_json::from_value(base).expect("the meeting decodes")
}

/// The violations of a meeting (none when it is valid).
fn violations(changes: Value) -> Vec<Violation> {
    match meeting(changes).validate() {
        Ok(()) => Vec::new(),
        Err(v) => v.0,
    }
}

fn accepted(changes: Value) {
    let found = violations(changes.clone());
    assert!(found.is_empty(), "{changes} is valid: {found:?}");
}

/// The one violation of a meeting: its path and rule.
fn rejected(changes: Value) -> (String, Rule) {
    let found = violations(changes.clone());
    let [one] = found.as_slice() else {
        panic!("{changes} breaks exactly one rule: {found:?}")
    };
    (one.path.clone(), one.rule.clone())
}

#[test]
fn a_digit_code_of_four_to_six_characters_is_accepted_at_both_ends_only() {
    accepted(json!({"password": "1234"}));
    accepted(json!({"password": "123456"}));
    let rule = Rule::MinChars {
        limit: 4,
        actual: 3,
    };
    assert_eq!(
        rejected(json!({"password": "123"})),
        ("password".into(), rule)
    );
    let rule = Rule::MaxChars {
        limit: 6,
        actual: 7,
    };
    assert_eq!(
        rejected(json!({"password": "1234567"})),
        ("password".into(), rule)
    );
    let (path, rule) = rejected(json!({"password": "12a4"}));
    assert_eq!(path, "password");
    assert!(matches!(rule, Rule::Chars { position: 3, .. }), "{rule:?}");
}

#[test]
fn a_minimum_in_bytes_counts_utf8_bytes_not_characters() {
    accepted(json!({"hint": "ab"}));
    accepted(json!({"hint": "会"}));
    let rule = Rule::MinBytes {
        limit: 2,
        actual: 1,
    };
    assert_eq!(rejected(json!({"hint": "a"})), ("hint".into(), rule));
    let rule = Rule::MaxBytes {
        limit: 8,
        actual: 9,
    };
    assert_eq!(rejected(json!({"hint": "会议室"})), ("hint".into(), rule));
}

#[test]
fn display_width_counts_a_chinese_character_as_two_latin_letters() {
    accepted(json!({"subject": "会".repeat(18)}));
    accepted(json!({"subject": "a".repeat(36)}));
    accepted(json!({"subject": format!("{}ab", "会".repeat(17))}));
    let rule = Rule::MaxWidth {
        limit: 36,
        actual: 38,
    };
    let wide = json!({"subject": "会".repeat(19)});
    assert_eq!(rejected(wide), ("subject".into(), rule));
    let rule = Rule::MaxWidth {
        limit: 36,
        actual: 37,
    };
    let mixed = json!({"subject": format!("{}abc", "会".repeat(17))});
    assert_eq!(rejected(mixed), ("subject".into(), rule));
}

#[test]
fn a_second_timestamp_is_accepted_as_a_numeric_string_or_an_integer() {
    accepted(json!({"start_time": "1577836800", "end_time": 1_577_836_801}));
    accepted(json!({"start_time": "0"}));
    accepted(json!({"end_time": 9_999_999_999_i64}));
    for bad in ["15778368000", "-1", "1577836800.5", ""] {
        let (path, rule) = rejected(json!({"start_time": bad}));
        assert_eq!(path, "start_time", "{bad}");
        assert!(matches!(rule, Rule::Format { .. }), "{bad}: {rule:?}");
    }
    let (path, rule) = rejected(json!({"end_time": 10_000_000_000_i64}));
    assert_eq!(path, "end_time");
    assert!(matches!(rule, Rule::Format { .. }), "{rule:?}");
}

#[test]
fn before_orders_second_timestamps_whether_strings_or_integers() {
    let rule = Rule::Before {
        later: "end_time".into(),
    };
    let equal = json!({"start_time": "1577836800", "end_time": 1_577_836_800});
    assert_eq!(rejected(equal), ("start_time".into(), rule));
    // Compared as numbers, not as text: "999" < "1000" only as a number.
    accepted(json!({"start_time": "999", "end_time": 1000}));
}

#[test]
fn the_wire_keeps_a_timestamp_string_a_string_and_an_integer_a_number() {
    let m = meeting(json!({"start_time": "1577836800", "end_time": 1_577_836_801}));
    let wire = serde_json::to_value(&m).expect("encodes");
    assert_eq!(wire["start_time"], json!("1577836800"));
    assert_eq!(wire["end_time"], json!(1_577_836_801));
}

#[test]
fn at_least_one_of_two_fields_is_required_and_both_are_allowed() {
    accepted(json!({"userid": null, "operator_id": "op"}));
    accepted(json!({"operator_id": "op"}));
    let rule = Rule::AtLeastOneOf {
        fields: "userid, operator_id".into(),
        when: None,
    };
    assert_eq!(rejected(json!({"userid": null})), ("userid".into(), rule));
}

#[test]
fn exactly_one_of_two_fields_rejects_none_and_both_while_its_condition_holds() {
    accepted(json!({"instanceid": null, "device_id": "d"}));
    let none = violations(json!({"instanceid": null}));
    let [v] = none.as_slice() else {
        panic!("{none:?}")
    };
    assert_eq!(v.path, "instanceid");
    assert_eq!(v.vendor_key, Some("InvalidDevice"));
    assert_eq!(
        v.rule,
        Rule::ExactlyOneOf {
            fields: "instanceid, device_id".into(),
            given: String::new(),
            when: Some("meeting_type is 0"),
        }
    );
    let (_, both) = rejected(json!({"device_id": "d"}));
    assert_eq!(
        both,
        Rule::ExactlyOneOf {
            fields: "instanceid, device_id".into(),
            given: "instanceid, device_id".into(),
            when: Some("meeting_type is 0"),
        }
    );
    let text = Violation {
        path: "instanceid".into(),
        rule: both,
        vendor_key: None,
    }
    .to_string();
    assert!(
        text.contains("exactly one of instanceid, device_id"),
        "{text}"
    );
    // A recurring meeting is outside the rule's condition.
    accepted(json!({"device_id": "d", "meeting_type": 1}));
}

#[test]
fn a_limit_that_depends_on_another_field_follows_that_field() {
    accepted(json!({"until_count": 500}));
    let rule = Rule::Limit {
        min: None,
        max: Some(500),
        actual: "501".into(),
        when: Some("recurring_type is 0"),
    };
    assert_eq!(
        rejected(json!({"until_count": 501})),
        ("until_count".into(), rule)
    );
    accepted(json!({"until_count": 50, "recurring_type": 1}));
    let weekly = rejected(json!({"until_count": 51, "recurring_type": 1}));
    assert_eq!(weekly.0, "until_count");
    let text = Violation {
        path: weekly.0,
        rule: weekly.1,
        vendor_key: None,
    }
    .to_string();
    assert_eq!(
        text,
        "until_count is 51; it must be at most 50 when recurring_type is 1"
    );
    // The field's own bound holds whatever the other field says.
    let (_, own) = rejected(json!({"until_count": 0}));
    assert!(matches!(own, Rule::Range { .. }), "{own:?}");
}

#[test]
fn a_value_forbidden_under_a_condition_is_rejected_only_then() {
    accepted(json!({"type": 1}));
    accepted(json!({"type": 0, "meeting_type": 1}));
    let rule = Rule::ForbiddenValue {
        actual: "1".into(),
        when: Some("meeting_type is one of 1"),
    };
    let quick = json!({"type": 1, "meeting_type": 1});
    assert_eq!(rejected(quick), ("type".into(), rule));
}

#[test]
fn a_field_that_takes_effect_only_under_a_condition_is_documented_never_rejected() {
    accepted(json!({"live_watermark": "w", "enable_live": false}));
    accepted(json!({"live_watermark": "w"}));
    let generated = include_str!(concat!(env!("OUT_DIR"), "/corpus_values.rs"));
    assert!(
        generated.contains("Takes effect only when enable_live is true"),
        "the field's rustdoc says when it takes effect"
    );
}

#[test]
fn an_array_is_accepted_from_its_minimum_to_its_maximum_of_items() {
    accepted(json!({"invitees": ["a"]}));
    accepted(json!({"invitees": ["a", "b", "c"]}));
    let rule = Rule::MinItems {
        limit: 1,
        actual: 0,
    };
    assert_eq!(rejected(json!({"invitees": []})), ("invitees".into(), rule));
    let rule = Rule::MaxItems {
        limit: 3,
        actual: 4,
    };
    let four = json!({"invitees": ["a", "b", "c", "d"]});
    assert_eq!(rejected(four), ("invitees".into(), rule));
}

#[test]
fn a_millisecond_timestamp_has_thirteen_digits() {
    accepted(json!({"remind_at": 1_577_836_800_000_i64}));
    let (path, rule) = rejected(json!({"remind_at": 1_577_836_800}));
    assert_eq!(path, "remind_at");
    assert!(matches!(rule, Rule::Format { .. }), "{rule:?}");
}

/// The Kedacom `book_conference` example body, as the document prints it.
fn kedacom_booking() -> Value {
    kedacom_example("book_conference")
}

fn kedacom_booking_violations(body: Value) -> Vec<Violation> {
    kedacom_violations("book_conference", body)
}

#[test]
fn a_kedacom_picture_member_with_an_account_needs_its_starred_account_type() {
    let mut body = kedacom_booking();
    assert_eq!(kedacom_booking_violations(body.clone()), []);
    body["vmp"]["members"][0]
        .as_object_mut()
        .expect("a member")
        .remove("account_type");
    let found = kedacom_booking_violations(body);
    let [v] = found.as_slice() else {
        panic!("{found:?}")
    };
    assert_eq!(v.path, "vmp.members[0].account_type");
    assert_eq!(
        v.rule,
        Rule::Required {
            when: Some("account is given")
        }
    );
}

#[test]
fn kedacom_list_and_booking_times_accept_a_value_without_a_utc_offset() {
    let mut body = kedacom_booking();
    for time in ["2020-07-24T15:30:00", "2020-07-24T15:30:00+08:00"] {
        body["start_time"] = json!(time);
        assert_eq!(kedacom_booking_violations(body.clone()), [], "{time}");
    }
    body["start_time"] = json!("2020-07-24 15:30:00");
    let found = kedacom_booking_violations(body);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, "start_time");
    let list = r#"{"start_time": "2020-07-24T15:30:00", "end_time": "2020-07-25T15:30:00"}"#;
    for operation in ["list_booked_conferences", "list_meetings"] {
        let result = meeting_api_tests::validate_request("kedacom", operation, list);
        assert!(
            matches!(result, Some(Ok(Ok(())))),
            "{operation}: {result:?}"
        );
    }
}

#[test]
fn a_kedacom_font_colour_is_six_hex_digits_as_its_default_and_examples() {
    let mut body = kedacom_booking();
    body["vmp"]["mt_name_style"]["font_color"] = json!("#FFF");
    let found = kedacom_booking_violations(body);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, "vmp.mt_name_style.font_color");
}

#[test]
fn flags_combine_by_or_and_keep_undocumented_bits_on_the_wire() {
    use meeting_api_tests::corpus::corpus_values::{FeatureSet, MediaSet};
    let both = MediaSet::AUDIO | MediaSet::VIDEO;
    assert_eq!(both.code(), 3);
    assert!(both.contains(MediaSet::VIDEO) && !both.contains(MediaSet::SCREEN));
    assert_eq!(both.labels(), ["音频", "视频"]);
    let mut all = both;
    all |= MediaSet::SCREEN;
    assert_eq!(all.code(), MediaSet::DOCUMENTED);
    assert_eq!(
        FeatureSet::RECORD | FeatureSet::CHAT,
        FeatureSet::from_code(9)
    );
    // An undocumented bit is kept through decoding and encoding.
    let m = meeting(json!({"media": 7 | 16}));
    assert_eq!(m.media.map(MediaSet::unknown_bits), Some(16));
    let wire = serde_json::to_value(&m).expect("encodes");
    assert_eq!(wire["media"], json!(23));
}

#[test]
fn a_flag_set_is_accepted_with_documented_bits_only() {
    accepted(json!({"media": 0}));
    accepted(json!({"media": 7}));
    accepted(json!({"features": 9}));
    let (path, rule) = rejected(json!({"media": 8}));
    assert_eq!(path, "media");
    assert_eq!(rule, Rule::UnknownValue { actual: "8".into() });
    let (path, _) = rejected(json!({"features": 2}));
    assert_eq!(path, "features");
    let (path, _) = rejected(json!({"media": -1}));
    assert_eq!(path, "media");
}

#[test]
fn a_starred_field_of_a_nested_object_is_required_only_when_the_object_and_condition_are() {
    accepted(json!({"host": {"name": "h"}, "guests": [{"name": "a"}, {"name": "b"}]}));
    // No host, no guests: nothing inside them is required.
    accepted(json!({}));
    let (path, rule) = rejected(json!({"host": {"phone": "1"}}));
    assert_eq!(path, "host.name");
    assert_eq!(
        rule,
        Rule::Required {
            when: Some("meeting_type is 0")
        }
    );
    let (path, _) = rejected(json!({"guests": [{"name": "a"}, {"phone": "2"}]}));
    assert_eq!(path, "guests[1].name", "each item is checked, by its index");
    // Outside the condition the starred fields are optional.
    accepted(json!({"meeting_type": 1, "host": {}, "guests": [{}]}));
}

/// The Kedacom request example of `operation`, as the document prints it.
fn kedacom_example(operation: &str) -> Value {
    use meeting_api_client::__private::ExampleKind;
    let e = meeting_api_client::kedacom::__hooks::EXAMPLES
        .iter()
        .find(|e| e.operation == operation && e.kind == ExampleKind::Request)
        .expect("the operation has a request example");
    serde_json::from_str(e.json).expect("the example is JSON")
}

fn kedacom_violations(operation: &str, body: Value) -> Vec<Violation> {
    let request = json!({ "body": body }).to_string();
    match meeting_api_tests::validate_request("kedacom", operation, &request) {
        Some(Ok(Ok(()))) => Vec::new(),
        Some(Ok(Err(v))) => v.0,
        other => panic!("the request decodes: {other:?}"),
    }
}

#[test]
fn a_kedacom_conference_from_a_template_may_leave_out_starred_nested_fields() {
    // 当create_type不为1时,template_id为必填参数,其余参数是非必填参数.
    let body = json!({
        "create_type": 2,
        "template_id": "tpl-1",
        "conf_type": 4,
        "speaker": {"name": "mxm"},
        "mix": {"members": [{}]},
        "video_formats": [{"format": 4}],
        "vmp": {"members": [{"chn_idx": 0}], "mt_name_style": {}},
        "poll": {"members": [{"account": "a"}]},
        "recorder": {},
        "dcs": {},
    });
    assert_eq!(kedacom_violations("create_conference", body), []);
}

#[test]
fn a_kedacom_conference_created_directly_needs_the_starred_fields_of_each_nested_item() {
    let mut body = kedacom_example("create_conference");
    assert_eq!(kedacom_violations("create_conference", body.clone()), []);
    body["vmp"]["members"][1]
        .as_object_mut()
        .expect("a member")
        .remove("chn_idx");
    body["video_formats"][2]
        .as_object_mut()
        .expect("a format")
        .remove("frame");
    body["conf_type"] = json!(4);
    body.as_object_mut()
        .expect("params")
        .remove("mt_supported_protocol");
    let found: Vec<(String, Rule)> = kedacom_violations("create_conference", body)
        .into_iter()
        .map(|v| (v.path, v.rule))
        .collect();
    let when = |w| Rule::Required { when: Some(w) };
    assert_eq!(
        found,
        [
            ("video_formats[2].frame".into(), when("create_type is 1")),
            ("vmp.members[1].chn_idx".into(), when("create_type is 1")),
            (
                "mt_supported_protocol".into(),
                when("create_type is 1 and conf_type is 4")
            ),
        ]
    );
}

#[test]
fn a_kedacom_booking_needs_the_starred_fields_of_nested_items_whatever_else_it_says() {
    let mut body = kedacom_booking();
    body["video_formats"][0]
        .as_object_mut()
        .expect("a format")
        .remove("format");
    body["vmp"]["members"][1]["poll"]["members"][0]
        .as_object_mut()
        .expect("a polled member")
        .remove("account");
    let found: Vec<(String, Rule)> = kedacom_violations("book_conference", body)
        .into_iter()
        .map(|v| (v.path, v.rule))
        .collect();
    let always = Rule::Required { when: None };
    assert_eq!(
        found,
        [
            ("video_formats[0].format".into(), always.clone()),
            ("vmp.members[1].poll.members[0].account".into(), always),
        ]
    );
}
