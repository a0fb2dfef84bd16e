//! The `meeting-api-codegen` command as a user runs it after editing YAML.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator sits in the workspace")
        .to_path_buf()
}

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meeting-api-codegen"))
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("the CLI runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_of_the_real_specs_exits_0_and_counts_what_it_read() {
    let out = codegen(&["check", "specs"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "ok: 4 vendors, 32 operations\n");
}

#[test]
fn check_of_a_broken_spec_exits_1_with_every_problem_located() {
    let out = codegen(&["check", "tests/broken-specs/several_problems.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stderr);
    for location in [
        "tests/broken-specs/several_problems.yaml:5:9",
        "tests/broken-specs/several_problems.yaml:10:23",
        "tests/broken-specs/several_problems.yaml:16:13",
    ] {
        assert!(
            report.contains(location),
            "{location} missing from:\n{report}"
        );
    }
    assert!(
        report.contains("did you mean `tencent_meeting`?"),
        "{report}"
    );
    assert!(
        report.ends_with("error: 6 problems found in the specs\n"),
        "{report}"
    );
    assert!(!report.contains("panicked"), "{report}");
}

#[test]
fn check_of_a_path_that_does_not_exist_exits_1_and_names_it() {
    let out = codegen(&["check", "specs/no_such_vendor.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no_such_vendor.yaml"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn generate_writes_one_module_per_vendor_and_the_catalogue() {
    let out_dir = std::env::temp_dir().join(format!("codegen-cli-{}", std::process::id()));
    let out = codegen(&[
        "generate",
        "specs/yxt.yaml",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("the output folder exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["catalogue.md", "yxt.rs"]);
    assert!(text(&out.stdout).contains("yxt"), "{}", text(&out.stdout));
    std::fs::remove_dir_all(&out_dir).ok();
}
