//! The generated code: the checked-in copy (the one reviewed copy), determinism
//! and regeneration when a spec changes.

use std::fs;
use std::path::{Path, PathBuf};

use meeting_api_codegen::Config;
use meeting_api_tests::workspace_root;

fn render_specs(dir: &Path) -> Vec<(String, String)> {
    Config::new()
        .spec_dir(dir)
        .hooks(true)
        .render()
        .unwrap_or_else(|report| panic!("the specs must check:\n{report}"))
        .files
}

/// The README's command that rewrites the checked-in copy from the specs.
const REFRESH: &str =
    "cargo run -p meeting-api-codegen -- generate specs --hooks --out generated-client/src/generated";

/// What is wrong with the copy in `dir` of the `rendered` files: one line per
/// stale, missing or extra file, naming it, with the command that fixes it.
fn stale_files(rendered: &[(String, String)], dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, text) in rendered {
        let path = dir.join(name);
        match fs::read_to_string(&path) {
            Ok(checked_in) if checked_in == *text => {}
            Ok(checked_in) => {
                let line = checked_in
                    .lines()
                    .zip(text.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| checked_in.lines().count().min(text.lines().count()));
                problems.push(format!(
                    "{} is stale (first difference at line {}): run `{REFRESH}`",
                    path.display(),
                    line + 1
                ));
            }
            Err(_) => problems.push(format!("{} is missing: run `{REFRESH}`", path.display())),
        }
    }
    let entries = fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).collect::<Vec<_>>());
    for path in entries.unwrap_or_default() {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if !rendered.iter().any(|(n, _)| Some(n) == name.as_ref()) {
            problems.push(format!(
                "{} is not generated from any spec: delete it and run `{REFRESH}`",
                path.display()
            ));
        }
    }
    problems.sort();
    problems
}

#[test]
fn the_specs_generate_one_module_per_vendor_the_catalogue_and_the_fingerprint() {
    let root = workspace_root().join("specs");
    let files = render_specs(&root);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let api = Config::new()
        .spec_dir(&root)
        .load()
        .unwrap_or_else(|r| panic!("{r}"));
    let mut expected: Vec<String> = api
        .vendors
        .iter()
        .map(|v| format!("{}.rs", v.name))
        .collect();
    expected.sort();
    expected.extend(["catalogue.md".to_string(), "specs.sha256".to_string()]);
    assert_eq!(names, expected);
}

/// The checked-in copy is the one reviewed copy of the generated code (and of
/// the catalogue): it must be exactly what the specs generate.
#[test]
fn checked_in_generated_code_is_what_the_specs_generate() {
    let root = workspace_root();
    let rendered = render_specs(&root.join("specs"));
    let problems = stale_files(&rendered, &root.join("generated-client/src/generated"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_stale_missing_or_extra_checked_in_file_is_named_with_the_command_that_refreshes_it() {
    let dir = std::env::temp_dir().join(format!("meeting-api-stale-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir is writable");
    let rendered = vec![
        ("a.rs".to_string(), "one\ntwo\n".to_string()),
        ("b.rs".to_string(), "same\n".to_string()),
        ("c.rs".to_string(), "absent\n".to_string()),
    ];
    fs::write(dir.join("a.rs"), "one\nTWO\n").expect("write a.rs");
    fs::write(dir.join("b.rs"), "same\n").expect("write b.rs");
    fs::write(dir.join("old.rs"), "left over\n").expect("write old.rs");
    let problems = stale_files(&rendered, &dir);
    assert_eq!(
        problems,
        [
            format!(
                "{} is stale (first difference at line 2): run `{REFRESH}`",
                dir.join("a.rs").display()
            ),
            format!("{} is missing: run `{REFRESH}`", dir.join("c.rs").display()),
            format!(
                "{} is not generated from any spec: delete it and run `{REFRESH}`",
                dir.join("old.rs").display()
            ),
        ]
    );
    let _ = fs::remove_dir_all(dir);
}

/// The runtime items generated code may name: the contract between the
/// generator and `meeting-api-client` (paths under the crate's root).
const RUNTIME_CONTRACT: &[&str] = &[
    "Error",
    "Json",
    "FilePart",
    "ClientBuilder",
    "Core",
    "ApiRequest",
    "Paged",
    "PagingStyle",
    "PageAt",
    "Page",
    "Token",
    "Pages",
    "Items",
    "auth::TencentMeetingCredentials",
    "auth::PolyvCredentials",
    "auth::YxtCredentials",
    "auth::KedacomCredentials",
    "auth::NoCredentials",
    "validation::Validate",
    "validation::Validator",
    "validation::Violations",
    "vendor::VendorInfo",
    "vendor::OperationInfo",
    "vendor::CatalogueEntry",
    "vendor::ErrorEnvelope",
    "vendor::JsonScalar",
    "vendor::Method",
    "vendor::RetryCode",
    "RetryClass",
    "__private::serde_json",
    "__private::RequestParts",
    "__private::Parts",
    "__private::FromCore",
    "__private::object_serde",
    "__private::object_constructor",
    "__private::coded_enum",
    "__private::flag_set",
    "__private::CharRule",
    "__private::Format",
    "__private::Example",
    "__private::ExampleKind",
    "__private::roundtrip",
    "__private::validate_json",
    "__private::send_json",
];

/// The `::meeting_api_client::...` paths in `text` that the contract does not
/// allow (an item of the contract may be followed by its members:
/// `vendor::Method::Get`, `__private::serde::Serialize`).
fn outside_contract(text: &str) -> Vec<String> {
    let crate_root = "::meeting_api_client::";
    let mut outside: Vec<String> = text
        .match_indices(crate_root)
        .map(|(at, _)| {
            let rest = &text[at + crate_root.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            rest[..end].trim_end_matches(':')
        })
        .filter(|path| {
            !RUNTIME_CONTRACT.iter().any(|item| {
                path == item || path.strip_prefix(item).is_some_and(|m| m.starts_with("::"))
            })
        })
        .map(|path| format!("{crate_root}{path}"))
        .collect();
    outside.sort();
    outside.dedup();
    outside
}

#[test]
fn generated_code_names_only_the_runtime_items_of_the_contract() {
    let files = render_specs(&workspace_root().join("specs"));
    for (name, text) in files.iter().filter(|(n, _)| n.ends_with(".rs")) {
        let outside = outside_contract(text);
        assert!(
            outside.is_empty(),
            "{name} names runtime items outside the contract:\n{}",
            outside.join("\n")
        );
        assert!(
            !text.contains("__private::serde_json::Value"),
            "{name} names untyped JSON by its private path instead of `Json`"
        );
    }
}

#[test]
fn a_runtime_path_outside_the_contract_is_reported_and_members_of_contract_items_are_not() {
    let text =
        "a: ::meeting_api_client::transport::Core, b: ::meeting_api_client::vendor::Method::Get, \
                c: ::meeting_api_client::Core, d: ::meeting_api_client::Corex, \
                e: ::meeting_api_client::validation::CharRule";
    assert_eq!(
        outside_contract(text),
        [
            "::meeting_api_client::Corex",
            "::meeting_api_client::transport::Core",
            "::meeting_api_client::validation::CharRule",
        ]
    );
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

/// Every YAML file under `dir`, at any depth, in name order.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("a readable entry").path();
        if path.is_dir() {
            files.extend(yaml_files(&path));
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The one spec file under `dir` that holds `needle`: found by its text, so
/// that a vendor split into files or moved into a folder breaks no test.
fn spec_holding(dir: &Path, needle: &str) -> PathBuf {
    let holding: Vec<PathBuf> = yaml_files(dir)
        .into_iter()
        .filter(|f| fs::read_to_string(f).is_ok_and(|t| t.contains(needle)))
        .collect();
    match holding.as_slice() {
        [one] => one.clone(),
        _ => panic!("{needle:?} is in {holding:?}, not in exactly one spec file"),
    }
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
    let spec = spec_holding(&dir, "doc: 直播间房间名称");
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
    let spec = spec_holding(&dir, "  update_channel_role_config:");
    let text = fs::read_to_string(&spec).expect("polyv spec");
    let text = text.replacen(
        "\noperations:\n",
        "\noperations:\n  get_channel_role_config:\n    method: GET\n    path: /live/v4/channel/role-config/get\n    query:\n      channelId: {type: integer, required: true}\n    response:\n      type: ApiResponse\n",
        1,
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
    let on_disk = yaml_files(&root);
    assert!(!on_disk.is_empty());
    for file in &on_disk {
        assert!(files.contains(file), "{} is not watched", file.display());
    }
    let dirs = config.watched_dirs();
    assert!(
        dirs.contains(&root),
        "a new vendor file in specs/ must rerun the build script"
    );
    let folders = fs::read_dir(&root)
        .expect("specs/ is readable")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.is_dir());
    for folder in folders {
        assert!(
            dirs.contains(&folder),
            "a new file in {} must rerun the build script",
            folder.display()
        );
    }
}
