//! A hostile but valid spec (keyword, digit-first and Chinese names, comment and
//! raw-string terminators in docs, deep nesting, recursive types, empty objects,
//! one-value enums) compiles warning-free and its names keep their wire names.
#![deny(warnings)]
// A binary uses little of a generated client.
#![allow(dead_code)]

mod hostile {
    meeting_api_macros::generate_api!("../tests/hostile-specs/hostile.yaml");
}

use hostile::*;
use meeting_api_client::__private::serde_json;
use meeting_api_client::validation::Validate;

fn main() {
    // Keyword fields are raw or get an underscore; the wire keeps the spec's name.
    let body = Type::default()
        .with_type("t")
        .with_ref(1)
        .with_match(true)
        .with_self_("s")
        .with_self_upper("S")
        .with_crate_("c")
        .with_super_("p")
        .with_async("a")
        .with_fn(Self_::default())
        .with_n3d("3")
        .with_n42(42)
        .with_名称("名")
        .with_x_y_z_w("w");
    let json = serde_json::to_value(&body).expect("serializes");
    for key in ["type", "ref", "match", "self", "Self", "crate", "super", "async", "fn", "3d", "42", "名称", "x-y.z w"] {
        assert!(json.get(key).is_some(), "wire name `{key}` in {json}");
    }
    assert_eq!(serde_json::from_value::<Type>(json).expect("decodes"), body);

    // Recursive types are boxed, directly and through another type.
    let tree = Tree {
        children: Some(vec![Tree::default()]),
        parent: Some(Box::new(Tree::default())),
        next: Some(Box::new(Node { back: Box::new(Tree::default()), me: None })),
    };
    let text = serde_json::to_string(&tree).expect("serializes");
    assert_eq!(serde_json::from_str::<Tree>(&text).expect("decodes"), tree);

    // Empty objects and one-value enums.
    assert_eq!(serde_json::to_string(&Self_::default()).expect("serializes"), "{}");
    assert_eq!(Lonely::ALL, &[Lonely::Only]);
    assert_eq!(Lonely::from_code(-1), Lonely::Only);
    assert_eq!(Keywords::from_code("*/"), Keywords::CommentEnd);
    assert_eq!(Keywords::RawEnd.code(), "\"#");

    // Very deep nesting: the innermost field is nine arrays deep.
    let deep: Deep = serde_json::from_str(
        r#"{"level1":{"level2":{"level3":{"level4":{"level5":{"level6":{"level7":{"level8":{"level9":{"level10":{"level11":{"level12":{"level13":{"level14":{"level15":{"level16":{"level17":{"level18":{"level19":{"level20":{"level21":{"level22":{"level23":{"level24":[[[[[[[[["x"]]]]]]]]]}}}}}}}}}}}}}}}}}}}}}}}}"#,
    )
    .expect("decodes");
    assert!(deep.level1.is_some());

    // Keyword operations: methods `r#match`, `r#type`, `self_`; the table keeps
    // the spec's names, and requests validate.
    let names: Vec<&str> = OPERATIONS.iter().map(|op| op.name).collect();
    assert_eq!(names, ["match", "type", "self", "empty_reply"]);
    let _methods = (Client::r#match, Client::r#type, Client::self_, Client::empty_reply);
    let request = MatchRequest::new("t", "s", 3, body).with_crate_(Lonely::Only);
    let violations = request.validate().expect_err("`ref` is required when `crate` is -1");
    assert!(format!("{violations:?}").contains("ref"), "{violations:?}");
    assert!(request.with_ref(1).validate().is_ok());
}
