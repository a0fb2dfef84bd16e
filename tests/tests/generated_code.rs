//! The generated code: reviewed snapshots, the checked-in copy, determinism and
//! regeneration when a spec changes.

use std::fs;
use std::path::{Path, PathBuf};

use meeting_api_codegen::Config;
use meeting_api_tests::workspace_root;

fn render_specs(dir: &Path) -> Vec<(String, String)> {
    Config::new()
        .spec_dir(dir)
        .render()
        .unwrap_or_else(|report| panic!("the specs must check:\n{report}"))
        .files
}

#[test]
fn generated_code_of_each_vendor_matches_its_reviewed_snapshot() {
    let files = render_specs(&workspace_root().join("specs"));
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "kedacom.rs",
            "polyv.rs",
            "tencent_meeting.rs",
            "yxt.rs",
            "catalogue.md"
        ]
    );
    for (name, text) in &files {
        insta::assert_snapshot!(name.replace('.', "_"), text);
    }
}

#[test]
fn checked_in_generated_code_is_what_the_specs_generate() {
    let root = workspace_root();
    for (name, text) in render_specs(&root.join("specs")) {
        let path = root.join("generated-client/src/generated").join(&name);
        let checked_in = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == text,
            "{} is stale: run `cargo run -p meeting-api-codegen -- generate specs --out generated-client/src/generated`",
            path.display()
        );
    }
}

#[test]
fn generation_is_byte_for_byte_deterministic() {
    let dir = workspace_root().join("specs");
    assert_eq!(render_specs(&dir), render_specs(&dir));
}

/// A copy of `specs/` in a fresh temporary folder.
fn copy_specs(tag: &str) -> PathBuf {
    let to = std::env::temp_dir().join(format!("meeting-api-specs-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&to);
    copy_dir(&workspace_root().join("specs"), &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("temp dir is writable");
    for entry in fs::read_dir(from).expect("specs/ is readable") {
        let path = entry.expect("readable entry").path();
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copy a spec");
        }
    }
}

#[test]
fn editing_a_spec_changes_the_generated_output() {
    let dir = copy_specs("edit");
    let before = render_specs(&dir);
    let spec = dir.join("yxt.yaml");
    let text = fs::read_to_string(&spec).expect("yxt spec");
    let edited = text.replacen("doc: 直播间房间名称", "doc: 直播间房间名称(已修改)", 1);
    assert_ne!(text, edited, "the edit must apply");
    fs::write(&spec, edited).expect("write the edited spec");
    let after = render_specs(&dir);
    let yxt = |files: &[(String, String)]| {
        files
            .iter()
            .find(|(n, _)| n == "yxt.rs")
            .map(|(_, t)| t.clone())
    };
    assert_ne!(yxt(&before), yxt(&after));
    assert!(yxt(&after).is_some_and(|t| t.contains("直播间房间名称(已修改)")));
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn adding_an_operation_to_a_spec_adds_a_client_method() {
    let dir = copy_specs("add");
    let spec = dir.join("polyv.yaml");
    let mut text = fs::read_to_string(&spec).expect("polyv spec");
    text.push_str(
        "\n  get_channel_role_config:\n    method: GET\n    path: /live/v4/channel/role-config/get\n    query:\n      channelId: {type: integer, required: true}\n    response:\n      type: ApiResponse\n",
    );
    fs::write(&spec, text).expect("write the extended spec");
    let files = render_specs(&dir);
    let polyv = &files
        .iter()
        .find(|(n, _)| n == "polyv.rs")
        .expect("polyv module")
        .1;
    assert!(polyv.contains("pub async fn get_channel_role_config("));
    assert!(polyv.contains("pub struct GetChannelRoleConfigRequest"));
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn the_build_script_watches_every_spec_file_and_every_folder_that_can_gain_one() {
    let root = workspace_root().join("specs");
    let mut config = Config::new();
    config.spec_dir(&root);
    let files = config.spec_files();
    for vendor_file in [
        "tencent_meeting.yaml",
        "yxt.yaml",
        "polyv.yaml",
        "kedacom/vendor.yaml",
        "kedacom/confs.yaml",
    ] {
        assert!(
            files.contains(&root.join(vendor_file)),
            "{vendor_file} is not watched"
        );
    }
    let dirs = config.watched_dirs();
    assert!(
        dirs.contains(&root),
        "a new vendor file in specs/ must rerun the build script"
    );
    assert!(
        dirs.contains(&root.join("kedacom")),
        "a new file in specs/kedacom must rerun the build script"
    );
}
