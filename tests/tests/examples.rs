//! Every example of the source documents fits the generated types.

use meeting_api_client::__private::{Example, ExampleKind};
use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt};
use serde_json::Value;

type Roundtrip = fn(&Example) -> Option<Result<Value, serde_json::Error>>;

/// A vendor's name, examples and round trip, from its test hooks.
macro_rules! vendor {
    ($module:ident) => {
        (
            stringify!($module),
            $module::__hooks::EXAMPLES,
            $module::__hooks::roundtrip_example as Roundtrip,
        )
    };
}

fn vendors() -> [(&'static str, &'static [Example], Roundtrip); 4] {
    [
        vendor!(tencent_meeting),
        vendor!(yxt),
        vendor!(polyv),
        vendor!(kedacom),
    ]
}

/// Whether every value of `small` is in `big` at the same place (`big` may have more keys).
fn is_subset(small: &Value, big: &Value) -> bool {
    match (small, big) {
        (Value::Object(a), Value::Object(b)) => a
            .iter()
            .all(|(k, v)| b.get(k).is_some_and(|w| is_subset(v, w))),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(v, w)| is_subset(v, w))
        }
        _ => small == big,
    }
}

#[test]
fn every_request_example_serializes_back_equal_to_itself() {
    let mut checked = 0;
    for (vendor, examples, roundtrip) in vendors() {
        for ex in examples.iter().filter(|e| e.kind == ExampleKind::Request) {
            let original: Value = serde_json::from_str(ex.json)
                .expect("examples are JSON (checked by the generator)");
            let back = roundtrip(ex)
                .unwrap_or_else(|| {
                    panic!(
                        "{vendor}/{}: no body type for a request example",
                        ex.operation
                    )
                })
                .unwrap_or_else(|e| {
                    panic!(
                        "{vendor}/{} `{}` does not decode: {e}",
                        ex.operation, ex.name
                    )
                });
            assert_eq!(back, original, "{vendor}/{} `{}`", ex.operation, ex.name);
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} request examples were checked");
}

#[test]
fn every_reply_example_decodes_into_the_documented_type_and_keeps_its_values() {
    let mut checked = 0;
    for (vendor, examples, roundtrip) in vendors() {
        for ex in examples
            .iter()
            .filter(|e| matches!(e.kind, ExampleKind::Response | ExampleKind::Error))
        {
            let original: Value = serde_json::from_str(ex.json).expect("examples are JSON");
            let back = roundtrip(ex)
                .unwrap_or_else(|| {
                    panic!(
                        "{vendor}/{}: no type for a {:?} example",
                        ex.operation, ex.kind
                    )
                })
                .unwrap_or_else(|e| {
                    panic!(
                        "{vendor}/{} `{}` does not decode: {e}",
                        ex.operation, ex.name
                    )
                });
            assert!(
                is_subset(&back, &original),
                "{vendor}/{} `{}` re-encodes to {back}",
                ex.operation,
                ex.name
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} reply examples were checked");
}

#[test]
fn every_vendor_has_examples_transcribed() {
    for (vendor, examples, _) in vendors() {
        assert!(!examples.is_empty(), "{vendor} has no examples");
    }
}

#[test]
fn an_undocumented_integer_code_is_kept_and_sent_back_unchanged() {
    let v: tencent_meeting::InstanceId = serde_json::from_str("99").expect("any integer decodes");
    assert_eq!(v, tencent_meeting::InstanceId::Unknown(99));
    assert_eq!(serde_json::to_string(&v).expect("encodes"), "99");
    assert_eq!(v.label(), None);
    let known: tencent_meeting::InstanceId = serde_json::from_str("33").expect("decodes");
    assert_eq!(known, tencent_meeting::InstanceId::ControllerForTouchIos);
    assert_eq!(known.label(), Some("Controller for Touch iOS"));
}

#[test]
fn an_undocumented_string_code_is_kept_and_sent_back_unchanged() {
    let v: polyv::Switch = serde_json::from_str(r#""M""#).expect("any string decodes");
    assert_eq!(v, polyv::Switch::Unknown("M".into()));
    assert_eq!(serde_json::to_string(&v).expect("encodes"), r#""M""#);
    let layout: polyv::MultiplexingLayout = serde_json::from_str(r#""2""#).expect("decodes");
    assert_eq!(layout, polyv::MultiplexingLayout::Tiled);
    assert_eq!(layout.label(), Some("平铺模式"));
}

#[test]
fn a_reply_with_an_unknown_enum_value_still_decodes() {
    let reply = r#"{"success":1,"total":1,"meeting_files":[{"file_id":"f","file_type":"99"}]}"#;
    let list: kedacom::MeetingFileList =
        serde_json::from_str(reply).expect("a new server value never breaks a reply");
    let file = &list.meeting_files.expect("files")[0];
    assert_eq!(
        file.file_type,
        Some(kedacom::FileType::Unknown("99".into()))
    );
}

#[test]
fn enums_list_every_documented_value_with_gaps_in_document_order() {
    let codes: Vec<i64> = tencent_meeting::InstanceId::ALL
        .iter()
        .map(|v| v.code())
        .collect();
    assert_eq!(
        codes,
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21, 22, 30, 32, 33]
    );
    assert_eq!(
        tencent_meeting::InstanceId::MiniProgram.label(),
        Some("小程序")
    );
}
