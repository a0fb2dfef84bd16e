//! The runtime's `object_serde!`, which gives every generated struct its
//! `Serialize` and `Deserialize` by wire name, and `object_constructor!`, which
//! gives a struct users build its `new` and `with_*` setters: exercised on
//! structs declared the way the generator declares them.

use meeting_api_client::__private::{object_constructor, object_serde};

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
    extra: Option<serde_json::Value>,
}
object_constructor!(Node {
    with_name "name" name(String),
    with_type "type" r#type(i64),
    with_next "next" next(Box<Node>),
    with_extra "extra" extra(serde_json::Value),
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
    assert_eq!(node.extra, Some(serde_json::json!(7)));
}

/// A struct with required fields of each kind `new` takes: text (`into`), a
/// value as is, a value its field boxes (as a field in a cycle is); and an
/// optional field.
#[derive(Debug, Clone, PartialEq)]
struct Tree {
    label: String,
    weight: i64,
    parent: Box<Node>,
    note: Option<String>,
}
object_constructor!(Tree new(label into(String), weight(i64), parent(Node)) {
    with_note "note" note(String),
});

/// A struct whose fields are all required: `new` and no setters.
#[derive(Debug, Clone, PartialEq)]
struct Pair {
    left: serde_json::Value,
    right: Vec<String>,
}
object_constructor!(Pair new(left into(serde_json::Value), right(Vec<String>)) {});

#[test]
fn new_takes_required_fields_in_order_converting_text_and_boxing_recursion() {
    let root = Node::default().with_name("root");
    let tree = Tree::new("a", 2, root.clone()).with_note("n");
    assert_eq!(tree.label, "a");
    assert_eq!(tree.weight, 2);
    assert_eq!(*tree.parent, root);
    assert_eq!(tree.note.as_deref(), Some("n"));
    assert_eq!(Tree::new(String::from("b"), 1, root).note, None);
    let pair = Pair::new(true, vec!["x".to_owned()]);
    assert_eq!(pair.left, serde_json::json!(true));
    assert_eq!(pair.right, ["x"]);
}

/// A coded enumeration, as generated.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Lecture,
    Unknown(i64),
}
meeting_api_client::__private::coded_enum!(int Kind { Lecture = 1 => "讲座" });

/// Every kind of field a generated reply struct holds.
#[derive(Debug, Clone, PartialEq)]
struct Listing {
    rooms: Vec<Room>,
    kind: Kind,
    size: i64,
    label: Option<String>,
    extra: Option<serde_json::Value>,
    next: Option<Box<Listing>>,
}
object_serde!(Listing {
    rooms req "rooms", kind req "kind", size req_either "size", label opt_either "label",
    extra opt "extra", next opt "next"
});

#[test]
fn nested_structs_lists_boxes_enums_json_and_either_fields_decode_and_encode_back() {
    let json = r#"{"rooms": [{"roomId": "r1", "tags": ["a"]}], "kind": 1, "size": "3",
        "label": 7, "extra": {"any": [null]}, "skipped": {"x": 1},
        "next": {"rooms": [], "kind": 9, "size": 4, "next": null}}"#;
    let listing: Listing = serde_json::from_str(json).unwrap();
    assert_eq!(listing.rooms[0].tags, Some(vec!["a".to_owned()]));
    assert_eq!((listing.kind, listing.size), (Kind::Lecture, 3));
    assert_eq!(listing.label.as_deref(), Some("7"));
    assert_eq!(listing.extra, Some(serde_json::json!({"any": [null]})));
    let next = listing.next.as_deref().unwrap();
    assert_eq!(
        (next.kind, next.size, next.next.is_none()),
        (Kind::Unknown(9), 4, true)
    );
    let back: Listing = serde_json::from_slice(&serde_json::to_vec(&listing).unwrap()).unwrap();
    assert_eq!(back, listing);
}

#[test]
fn a_bad_value_deep_inside_is_reported_with_its_path_at_the_end_of_the_reply_object() {
    let json = "{\n \"kind\": 1, \"size\": 1, \"rooms\": [],\n \"next\": {\"kind\": 1, \"size\": 2, \"rooms\": [\n  {\"roomId\": \"r\",\n   \"tags\": [\"a\", 2]}\n ]}\n}";
    let err = serde_json::from_str::<Listing>(json).unwrap_err();
    // The path leads to the value, list items by index; the position is
    // printed once, the document's own (the end of the object read), never
    // one inside a value.
    assert_eq!(
        err.to_string(),
        "`next`: `rooms`[0]: `tags`[1]: invalid type: integer `2`, expected a string at line 7 column 1"
    );
    assert_eq!((err.line(), err.column()), (7, 1));
}

#[test]
fn a_key_repeated_in_one_object_is_an_error() {
    let err = serde_json::from_str::<Room>(r#"{"roomId": "a", "roomId": "b"}"#).unwrap_err();
    assert!(
        err.to_string().starts_with("duplicate field `roomId`"),
        "{err}"
    );
}

/// A reply struct whose required fields are of every kind that needs a
/// stand-in when it cannot be read: a struct, a list, an enumeration, a
/// number, text, free-form JSON.
#[derive(Debug, Clone, PartialEq)]
struct Session {
    room: Room,
    rooms: Vec<Room>,
    kind: Kind,
    size: i64,
    title: String,
    extra: serde_json::Value,
}
object_serde!(Session {
    room req "room", rooms req "rooms", kind req "kind", size req "size", title req "title",
    extra req "extra"
});

#[test]
fn the_first_field_that_cannot_be_read_is_the_error_whatever_follows() {
    let whole = r#"{"room": {"roomId": "r"}, "rooms": [], "kind": 1, "size": 2, "title": "t", "extra": null}"#;
    let session: Session = serde_json::from_str(whole).unwrap();
    assert_eq!(
        (session.room.room_id.as_str(), session.kind),
        ("r", Kind::Lecture)
    );
    let broken = [
        (
            r#"{"room": {}, "rooms": [], "kind": 1, "size": 2, "title": "t", "extra": 0}"#,
            "`room`: missing field `roomId`",
        ),
        (
            r#"{"room": {"roomId": "r"}, "rooms": [{"roomId": 1}], "kind": "x", "size": 2, "title": "t", "extra": 0}"#,
            "`rooms`[0]: `roomId`: invalid type: integer `1`, expected a string",
        ),
        (
            r#"{"room": {"roomId": "r"}, "rooms": {}, "title": 5, "extra": 0}"#,
            "`rooms`: invalid type: map, expected a sequence",
        ),
        (
            r#"{"room": {"roomId": "r"}, "rooms": [], "kind": "1", "size": 2, "title": "t", "extra": 0}"#,
            "`kind`: invalid type: string \"1\", expected i64",
        ),
        (
            r#"{"room": {"roomId": "r"}, "rooms": [], "kind": 1, "size": 2.5, "title": null, "extra": 0}"#,
            "`size`: invalid type: floating point `2.5`, expected i64",
        ),
        (
            r#"{"room": {"roomId": "r"}, "rooms": [], "kind": 1, "size": 2, "title": null, "extra": 0}"#,
            "`title`: invalid type: null, expected a string",
        ),
        (
            r#"{"room": {"roomId": "r"}, "rooms": [], "kind": 1, "size": 2, "title": "t"}"#,
            "missing field `extra`",
        ),
        (
            r#"{"room": [], "rooms": [], "kind": 1, "size": 2, "title": "t", "extra": 0}"#,
            "`room`: invalid type: sequence, expected a JSON object",
        ),
    ];
    for (json, expected) in broken {
        let err = serde_json::from_str::<Session>(json)
            .unwrap_err()
            .to_string();
        let message = err
            .rsplit_once(" at line ")
            .map_or(err.as_str(), |(m, _)| m);
        assert_eq!(message, expected, "{json}");
    }
}
