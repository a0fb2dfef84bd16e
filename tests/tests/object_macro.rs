//! The runtime's `object_serde!`, which gives every generated struct its
//! `Serialize` and `Deserialize` by wire name, and `object_setters!`, which
//! gives a request struct its `with_*` setters: exercised on structs declared
//! the way the generator declares them.

use meeting_api_client::__private::{object_serde, object_setters};

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

#[derive(Debug, Clone, PartialEq, Default)]
struct Node {
    name: Option<String>,
    r#type: Option<i64>,
    next: Option<Box<Node>>,
    extra: Option<Box<serde_json::Value>>,
}
object_setters!(Node {
    with_name "name" name into(String),
    with_type "type" r#type set(i64),
    with_next "next" next boxed(Node),
    with_extra "extra" extra into_boxed(serde_json::Value),
});

#[test]
fn setters_set_each_optional_field_converting_and_boxing_as_declared() {
    let node = Node::default()
        .with_name("a")
        .with_type(3)
        .with_next(Node::default().with_type(4))
        .with_extra(7);
    assert_eq!(node.name.as_deref(), Some("a"));
    assert_eq!(node.r#type, Some(3));
    assert_eq!(node.next.as_ref().and_then(|n| n.r#type), Some(4));
    assert_eq!(node.extra.as_deref(), Some(&serde_json::json!(7)));
}
