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
    let api = meeting_api_codegen::Config::new()
        .spec_dir(workspace().join("specs"))
        .load()
        .expect("the specs check");
    let operations: usize = api.vendors.iter().map(|v| v.operations.len()).sum();
    assert_eq!(
        text(&out.stdout),
        format!(
            "ok: {} vendors, {operations} operations\n",
            api.vendors.len()
        )
    );
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
fn generate_writes_one_module_per_vendor_the_catalogue_and_the_specs_fingerprint() {
    let out_dir = std::env::temp_dir().join(format!("codegen-cli-{}", std::process::id()));
    let out = codegen(&["generate", "specs", "--out", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("the output folder exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let api = meeting_api_codegen::Config::new()
        .spec_dir(workspace().join("specs"))
        .load()
        .expect("the specs check");
    let mut expected: Vec<String> = api
        .vendors
        .iter()
        .map(|v| format!("{}.rs", v.name))
        .collect();
    expected.extend(["catalogue.md".to_string(), "specs.sha256".to_string()]);
    expected.sort();
    assert_eq!(written, expected);
    for vendor in &api.vendors {
        assert!(
            text(&out.stdout).contains(&vendor.name),
            "{}",
            text(&out.stdout)
        );
    }
    // One `sha256sum` line per spec file read, named from the specs folder.
    let fingerprint = std::fs::read_to_string(out_dir.join("specs.sha256")).unwrap();
    let files = meeting_api_codegen::Config::new()
        .spec_dir(workspace().join("specs"))
        .spec_files();
    assert_eq!(fingerprint.lines().count(), files.len(), "{fingerprint}");
    for line in fingerprint.lines() {
        let (digest, name) = line.split_once("  ").expect("digest, two spaces, path");
        assert_eq!(digest.len(), 64, "{line}");
        assert!(workspace().join("specs").join(name).is_file(), "{line}");
    }
    std::fs::remove_dir_all(&out_dir).ok();
}

#[test]
fn output_cut_short_by_its_reader_is_not_a_crash() {
    // `generate ... | head -0`: the reader is gone before the summary is written.
    let out_dir = std::env::temp_dir().join(format!("meeting-api-cli-pipe-{}", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_meeting-api-codegen"))
        .args(["generate", "specs", "--out"])
        .arg(&out_dir)
        .current_dir(workspace())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("the CLI ends");
    let _ = std::fs::remove_dir_all(&out_dir);
    assert!(
        !text(&out.stderr).contains("panicked"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// A small document in the Kedacom table style, with a limit whose unit it states
/// and an enumeration, and a field whose required flag it leaves open.
const KEDACOM_PAGE: &str = "\
名称 修改会议名称
URI /api/v1/mc/confs/{conf_id}/name
方法 POST
说明 修改会议名称
最低支持版本 2

参数说明

参数名称 数据类型 说明
account_token* str 登陆token
conf_id* str 会议号
name* str 会议名称 最大字符长度:64个字节
mute int 初始化哑音
0-关闭;
1-开启;
";

#[test]
fn draft_writes_a_spec_whose_open_questions_check_reports_with_their_place() {
    let dir = std::env::temp_dir().join(format!("meeting-api-cli-draft-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let doc = dir.join("page.txt");
    std::fs::write(&doc, KEDACOM_PAGE).unwrap();
    let spec = dir.join("kedacom.yaml");
    let doc_arg = doc.to_str().unwrap();
    let spec_arg = spec.to_str().unwrap();

    let to_stdout = codegen(&["draft", doc_arg, "--vendor", "kedacom"]);
    assert_eq!(
        to_stdout.status.code(),
        Some(0),
        "{}",
        text(&to_stdout.stderr)
    );
    let written = codegen(&["draft", doc_arg, "--vendor", "kedacom", "-o", spec_arg]);
    assert_eq!(written.status.code(), Some(0), "{}", text(&written.stderr));
    let yaml = std::fs::read_to_string(&spec).unwrap();
    assert_eq!(yaml, text(&to_stdout.stdout), "-o writes what stdout shows");
    for expected in [
        "/api/v1/mc/confs/{conf_id}/name",
        "max_bytes: 64",
        "min_api_level: 2",
        "关闭",
    ] {
        assert!(
            yaml.contains(expected),
            "the draft lacks {expected}:\n{yaml}"
        );
    }

    let check = codegen(&["check", spec_arg]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "a draft with markers does not check"
    );
    let report = text(&check.stderr);
    let markers: Vec<&str> = yaml
        .lines()
        .filter(|l| l.trim_start().starts_with("resolve:"))
        .collect();
    assert!(
        !markers.is_empty(),
        "the vendor header always asks for its auth scheme"
    );
    assert!(report.contains("unresolved draft marker"), "{report}");
    assert!(
        report.contains("kedacom.yaml:"),
        "markers are located: {report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_prints_warnings_to_stderr_and_still_exits_0() {
    let out = codegen(&["check", "tests/warning-specs/example_keys.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("warning: the example has `$.nmae`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("tests/warning-specs/example_keys.yaml:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: 2 warnings in the specs"),
        "{stderr}"
    );
    assert_eq!(text(&out.stdout), "ok: 1 vendors, 1 operations\n");
}
