//! A vendor that `extends:` a published one (`vendor: {name, extends}`): its
//! code names the base's types by path and holds only its own items; what
//! cannot work is a check error that says why.

use std::path::PathBuf;

use meeting_api_codegen::{Config, Output, Report};

/// A spec file of its own under this test's scratch folder.
fn spec_file(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("extends");
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join(format!("{name}.yaml"));
    std::fs::write(&path, text).expect("a written spec");
    path
}

fn render(name: &str, text: &str, runtime_path: &str) -> Result<Output, Report> {
    Config::new()
        .spec(spec_file(name, text))
        .runtime_path(runtime_path)
        .render()
}

/// Each error's message and hint.
fn errors(name: &str, text: &str) -> Vec<(String, String)> {
    let report = render(name, text, "::meeting_api_client").expect_err("a rejected spec");
    report
        .errors()
        .map(|d| (d.message.clone(), d.hint.clone().unwrap_or_default()))
        .collect()
}

const EXTENSION: &str = "\
vendor: {name: more, extends: tencent_meeting}
types:
  Room:
    fields:
      instance: {type: InstanceId, required: true}
operations:
  create_room:
    method: POST
    path: /v1/rooms
    body:
      encoding: json
      fields:
        room: {type: Room, required: true}
        live_config: {type: LiveConfig}
    response: {type: Room}
";

#[test]
fn an_extension_names_the_base_types_by_path_and_generates_only_its_own_items() {
    let output = render("more", EXTENSION, "::meeting_api_client").expect("a valid extension");
    let (_, source) = &output.files[0];
    for expected in [
        "pub instance: ::meeting_api_client::tencent_meeting::InstanceId",
        "Option<::meeting_api_client::tencent_meeting::LiveConfig>",
        "pub struct Room",
        "pub async fn create_room",
        "TencentMeetingCredentials",
        "Some(\"https://api.meeting.qq.com\")",
    ] {
        assert!(source.contains(expected), "missing `{expected}`");
    }
    for absent in [
        "pub struct LiveConfig",
        "pub enum InstanceId",
        "pub struct ErrorResponse",
        "update_live_config_by_meeting_id",
    ] {
        assert!(!source.contains(absent), "`{absent}` is the base's");
    }
    let vendor = &output.api.vendors[0];
    let own: Vec<&str> = vendor.own_types().map(|t| t.name()).collect();
    assert_eq!(own, ["Room", "CreateRoomBody"]);
    assert_eq!(vendor.name, "more");
    assert_eq!(vendor.operations.len(), 1);
    assert_eq!(vendor.files, [spec_file("more", EXTENSION)]);
}

#[test]
fn an_extension_honours_the_runtime_path_when_it_names_the_base() {
    let output = render("more_rt", EXTENSION, "::my_runtime").expect("a valid extension");
    let (_, source) = &output.files[0];
    assert!(source.contains("pub instance: ::my_runtime::tencent_meeting::InstanceId"));
    assert!(!source.contains("::meeting_api_client::"));
}

#[test]
fn a_type_named_like_one_of_the_base_is_a_clash_that_names_the_base() {
    let spec = "vendor: {name: clash, extends: tencent_meeting}\ntypes:\n  LiveConfig:\n    fields:\n      a: {type: string}\n";
    let found = errors("clash", spec);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "type `LiveConfig` is declared twice");
    assert!(
        found[0]
            .1
            .starts_with("`tencent_meeting`, which this vendor extends, already has"),
        "{}",
        found[0].1
    );
}

#[test]
fn extending_a_vendor_that_is_not_published_names_the_ones_that_are() {
    let found = errors("zoom", "vendor: {name: more_zoom, extends: zoom}\n");
    assert_eq!(
        found,
        [(
            "`zoom` is not a vendor meeting-api-client publishes".to_string(),
            "a vendor extends one of the built-in vendors: `kedacom`, `polyv`, `tencent_meeting`, `yxt`".to_string()
        )]
    );
}

#[test]
fn an_extension_may_not_restate_what_its_base_decides() {
    let spec = "vendor: {name: restated, extends: tencent_meeting, auth: polyv, base_url: \"https://x.example\"}\n";
    let messages: Vec<String> = errors("restated", spec)
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    assert_eq!(
        messages,
        [
            "a vendor that `extends: tencent_meeting` takes `auth` from `tencent_meeting`",
            "a vendor that `extends: tencent_meeting` takes `base_url` from `tencent_meeting`",
        ]
    );
}

#[test]
fn a_reply_type_of_the_base_cannot_go_into_a_request_of_the_extension() {
    let spec = "vendor: {name: replying, extends: tencent_meeting}\noperations:\n  send:\n    method: POST\n    path: /x\n    body:\n      encoding: json\n      fields:\n        replay: {type: LiveReplay}\n";
    let report = render("replying", spec, "::meeting_api_client").expect_err("rejected");
    let found: Vec<&str> = report.errors().map(|d| d.message.as_str()).collect();
    assert_eq!(
        found,
        ["`LiveReplay` of `tencent_meeting` is a reply type: a request of `replying` cannot hold it"]
    );
    let at = report.location(&report.diagnostics()[0]);
    assert!(
        at.ends_with("replying.yaml:1:35"),
        "at the `extends:` value: {at}"
    );
}

#[test]
fn a_vendor_of_its_own_still_needs_a_title_and_an_auth_scheme() {
    let messages: Vec<String> = errors("bare", "vendor: {name: bare}\n")
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    assert_eq!(
        messages,
        [
            "the `vendor:` header has no `auth`",
            "the `vendor:` header has no `title`",
        ]
    );
}
