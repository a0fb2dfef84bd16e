//! Hostile but valid specs (`tests/hostile-specs/`) generate code: keyword,
//! digit-first and Chinese names, comment and raw-string terminators in docs,
//! deep nesting, recursive types, empty objects and one-value enums.
//!
//! These tests read the generated text; `macros/tests/ui/pass/hostile_spec.rs`
//! compiles it against `meeting-api-client` and runs it.

use meeting_api_codegen::Config;
use meeting_api_tests::workspace_root;

fn hostile_code() -> String {
    let out = Config::new()
        .spec(workspace_root().join("tests/hostile-specs/hostile.yaml"))
        .render()
        .unwrap_or_else(|report| panic!("the hostile spec is valid:\n{report}"));
    out.files
        .into_iter()
        .find(|(name, _)| name == "hostile.rs")
        .expect("the vendor module is generated")
        .1
}

#[test]
fn the_hostile_spec_generates_a_module_that_parses_as_rust() {
    // The emitter falls back to raw tokens when prettyplease cannot format
    // them; a parse here means every item was well-formed.
    let code = hostile_code();
    syn::parse_file(&code).unwrap_or_else(|e| panic!("{e}\n{code}"));
}

#[test]
fn keyword_names_become_raw_identifiers_or_take_an_underscore() {
    let code = hostile_code();
    for expected in [
        "pub r#type: Option<String>",
        "pub r#ref: Option<i64>",
        "pub r#match: Option<bool>",
        "pub self_: Option<String>",
        "pub crate_: Option<String>",
        "pub super_: Option<String>",
        "pub r#async: Option<String>",
        "pub struct Self_ {}",
        "pub struct Crate {}",
        "pub async fn r#match(",
        "pub async fn r#type(",
        "pub async fn self_(",
        "pub struct SelfRequest",
    ] {
        assert!(code.contains(expected), "missing `{expected}`");
    }
    // The wire keeps the spec's names: `object_serde!` encodes and decodes
    // the field by the name its table pairs it with.
    assert!(code.contains(r#"self_ opt "self""#));
    assert!(code.contains(r#"r#type opt "type""#));
    // The operation table names the operation as the spec does.
    assert!(code.contains("OperationInfo::new(\n        \"match\","));
    assert!(!code.contains(r#""r#match""#));
}

#[test]
fn names_starting_with_digits_get_a_letter_and_chinese_names_stay() {
    let code = hostile_code();
    for expected in [
        "pub struct V3dModel",
        "pub n3d: Option<String>",
        "pub n42: Option<i64>",
        "pub struct 名字",
        "pub 名称: Option<String>",
        "pub x_y_z_w: Option<String>",
    ] {
        assert!(code.contains(expected), "missing `{expected}`");
    }
}

#[test]
fn recursive_fields_are_boxed_and_empty_objects_and_single_values_are_kept() {
    let code = hostile_code();
    for expected in [
        "pub parent: Option<Box<Tree>>",
        "pub next: Option<Box<Node>>",
        "pub back: Box<Tree>",
        "pub me: Option<Box<Node>>",
        // An array holds its elements on the heap already.
        "pub children: Option<Vec<Tree>>",
        "pub struct SelfBody {}",
        // The single value is the whole table `ALL` and the codes come from.
        "int Lonely { Only = - 1 => ",
    ] {
        assert!(code.contains(expected), "missing `{expected}`");
    }
}

#[test]
fn documentation_text_cannot_open_code_blocks_or_close_comments() {
    let code = hostile_code();
    let docs: Vec<&str> = code
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("///"))
        .collect();
    assert!(docs.iter().any(|l| l.contains("*/")), "the text is kept");
    for line in &docs {
        let text = line.trim_start_matches('/').trim_start();
        // A fence or a four-space indent would be a doctest; raw HTML would be
        // rendered; both are escaped.
        assert!(!text.starts_with("```"), "{line}");
        assert!(!line.starts_with("///     "), "{line}");
        assert!(!text.contains("<script>"), "{line}");
    }
    // No block comment is ever emitted, so a `*/` in the text has nothing to end.
    assert!(!code.contains("/*"));
}

#[test]
fn very_deep_nesting_generates_one_struct_per_level() {
    let code = hostile_code();
    let levels = (1..=24)
        .filter(|i| code.contains(&format!("pub level{i}:")))
        .count();
    assert_eq!(levels, 24);
    assert!(code.contains("Option<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<String>>>>>>>>>>"));
}
