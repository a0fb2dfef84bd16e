//! The runtime's `object_serde!`, which gives every generated struct its
//! `Serialize` and `Deserialize` by wire name: exercised on a struct declared
//! the way the generator declares one.

use meeting_api_client::__private::object_serde;

#[derive(Debug, Clone, PartialEq)]
struct Room {
    room_id: String,
    r#type: Option<i64>,
    tags: Option<Vec<String>>,
}
object_serde!(Room { room_id req "roomId", r#type opt "type", tags opt "tags" });

#[derive(Debug, Clone, PartialEq, Default)]
struct Empty {}
object_serde!(Empty {});

#[test]
fn fields_travel_under_their_wire_names_and_absent_optional_ones_are_left_out() {
    let room = Room {
        room_id: "r1".into(),
        r#type: Some(2),
        tags: None,
    };
    assert_eq!(
        serde_json::to_string(&room).unwrap(),
        r#"{"roomId":"r1","type":2}"#
    );
    let back: Room = serde_json::from_str(r#"{"type":2,"roomId":"r1","extra":true}"#).unwrap();
    assert_eq!(back, room);
}

#[test]
fn a_missing_required_field_is_an_error_that_names_it() {
    let err = serde_json::from_str::<Room>(r#"{"type":2}"#).unwrap_err();
    assert!(err.to_string().contains("roomId"), "{err}");
}

#[test]
fn a_struct_without_fields_is_an_empty_object() {
    assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
    assert_eq!(serde_json::from_str::<Empty>("{}").unwrap(), Empty {});
}
