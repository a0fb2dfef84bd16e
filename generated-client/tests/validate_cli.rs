//! The `validate` binary, run as a user would: request JSON from a file or
//! standard input, violations on standard output, exit status 0, 1 or 2.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Runs `validate` with `args`, writing `stdin` to its standard input.
fn validate(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_validate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the validate binary starts");
    let written = child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes());
    // A usage error ends validate before it reads; the input is then unread.
    if let Err(error) = written {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
    }
    child.wait_with_output().expect("validate finishes")
}

/// Writes `json` to a file of its own under the test target's scratch folder.
fn input_file(name: &str, json: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, json).expect("the scratch folder is writable");
    path
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// A Kedacom 修改虚拟会议室 request: only the required fields, plus `vacinterval`.
fn virtual_meeting_room(name: &str, vacinterval: i64) -> String {
    serde_json::json!({
        "id": "vmr-1",
        "body": {
            "name": name,
            "video_formats": [{"format": 4, "resolution": 3, "frame": 30, "bitrate": 8128}],
            "max_join_mt": 8,
            "force_mute": 1,
            "preoccupy_resource": 1,
            "vacinterval": vacinterval,
        }
    })
    .to_string()
}

#[test]
fn a_valid_request_in_a_file_prints_ok_and_exits_0() {
    let file = input_file("valid_room.json", &virtual_meeting_room("周会-二", 5));
    let path = file.to_str().expect("a UTF-8 scratch path");
    let output = validate(&["kedacom", "update_virtual_meeting_room", path], "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "ok\n");
}

#[test]
fn an_invalid_request_prints_one_line_per_violation_and_exits_1() {
    let request = serde_json::json!({
        "roomId": "r-1",
        "body": {
            "roomName": "会".repeat(101),
            "roomCode": "abc-1",
            "hostPassword": "p".repeat(33),
        }
    });
    let file = input_file("invalid_room.json", &request.to_string());
    let path = file.to_str().expect("a UTF-8 scratch path");
    let output = validate(&["yxt", "update_room", path], "");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output).lines().collect::<Vec<_>>(),
        [
            "roomName: is 101 characters long; at most 100 are allowed \
             (apis.zhibo.room.validation.roomname.length)",
            "roomCode: is 5 characters long; it must be exactly 11 \
             (apis.zhibo.room.validation.roomId.length)",
            "roomCode: contains '-' at character 4, which is not allowed \
             (apis.zhibo.room.validation.roomId.invalid)",
            "hostPassword: is 33 characters long; at most 32 are allowed",
        ]
    );
}

#[test]
fn forbidden_characters_in_a_kedacom_name_are_reported_under_the_field_path() {
    let output = validate(
        &["kedacom", "update_virtual_meeting_room"],
        &virtual_meeting_room("周会<二>_", 4),
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output).lines().collect::<Vec<_>>(),
        [
            "name: contains '<' at character 3, which is not allowed",
            "name: may not start or end with '_' (character 6)",
            "vacinterval: is 4; it must be one of 3, 5, 15, 30",
        ]
    );
}

#[test]
fn a_request_is_read_from_stdin_when_the_file_is_absent_or_a_dash() {
    let request = r#"{"roomId": "r-1", "body": {"roomName": "直播创建测试"}}"#;
    for args in [&["yxt", "update_room"][..], &["yxt", "update_room", "-"]] {
        let output = validate(args, request);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(stdout(&output), "ok\n");
    }
}

#[test]
fn the_dashed_feature_spelling_names_a_vendor_too() {
    let request = r#"{"meeting_id": "5939741786564101932", "userid": "tester", "instanceid": 1}"#;
    let output = validate(
        &["tencent-meeting", "list_live_replays_by_meeting_id"],
        request,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "ok\n");
}

#[test]
fn malformed_json_exits_2_with_the_file_line_and_column() {
    let file = input_file(
        "malformed.json",
        "{\n  \"roomId\": \"r-1\",\n  \"body\": {\"roomName\": }\n}\n",
    );
    let path = file.to_str().expect("a UTF-8 scratch path");
    let output = validate(&["yxt", "update_room", path], "");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert_eq!(stderr(&output), format!("{path}:3:24: expected value\n"));
}

#[test]
fn json_that_does_not_fit_the_request_type_exits_2_and_recalls_the_expected_shape() {
    let body_only = "{\n  \"roomName\": \"直播创建测试\"\n}";
    let output = validate(&["yxt", "update_room"], body_only);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let stderr = stderr(&output);
    let mut lines = stderr.lines();
    assert_eq!(lines.next(), Some("<stdin>:3:1: missing field `roomId`"));
    let note = lines.next().expect("a note on the expected shape");
    assert!(note.contains("PUT /zhibo/rooms/{roomId}"), "{note}");
    assert!(note.contains("`body`"), "{note}");
}

#[test]
fn list_prints_all_32_operations_of_the_4_vendors_with_method_and_path() {
    let output = validate(&["--list"], "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = stdout(&output);
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    // 4 Tencent Meeting + 2 YXT + 1 Polyv + 25 Kedacom documented operations.
    assert_eq!(rows.len(), 32, "{stdout}");
    let count = |vendor: &str| rows.iter().filter(|row| row[0] == vendor).count();
    assert_eq!(
        ["tencent_meeting", "yxt", "polyv", "kedacom"].map(count),
        [4, 2, 1, 25]
    );
    assert!(rows.contains(&vec!["yxt", "update_room", "PUT", "/zhibo/rooms/{roomId}"]));
    assert!(rows.contains(&vec![
        "kedacom",
        "delete_virtual_meeting_room",
        "DELETE",
        "/api/v1/mc/virtual_meeting_rooms/{id}",
    ]));
}

#[test]
fn an_unknown_vendor_exits_2_naming_the_known_vendors_and_the_closest_one() {
    let output = validate(&["yxtt", "update_room"], "");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let stderr = stderr(&output);
    assert!(
        stderr.starts_with("validate: unknown vendor `yxtt`; did you mean `yxt`?\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("vendors: tencent_meeting, yxt, polyv, kedacom\n"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_operation_exits_2_naming_the_vendors_operations_and_the_closest_one() {
    let output = validate(&["yxt", "updte_room"], "");
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr(&output);
    assert!(
        stderr.starts_with(
            "validate: unknown operation `updte_room` of yxt; did you mean `update_room`?\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("operations of yxt: update_room, update_room_with_sessions\n"),
        "{stderr}"
    );
}

#[test]
fn an_operation_of_another_vendor_is_pointed_to_its_vendor() {
    let output = validate(&["kedacom", "update_room"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(
            "validate: unknown operation `update_room` of kedacom (it is an operation of yxt)"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unreadable_file_exits_2() {
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-such-request.json");
    let path = missing.to_str().expect("a UTF-8 scratch path");
    let output = validate(&["yxt", "update_room", path], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(&format!("validate: cannot read {path}: ")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn wrong_arguments_exit_2_and_point_to_help() {
    for args in [
        &[][..],
        &["yxt"],
        &["yxt", "update_room", "a.json", "b.json"],
        &["--frob"],
    ] {
        let output = validate(args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).ends_with("Run `validate --help` for usage.\n"),
            "{args:?}"
        );
    }
}

#[test]
fn help_prints_usage_and_the_request_shape() {
    let output = validate(&["--help"], "");
    assert_eq!(output.status.code(), Some(0));
    let stdout = stdout(&output);
    assert!(
        stdout.contains("validate <vendor> <operation> [FILE]"),
        "{stdout}"
    );
    assert!(
        stdout.contains(r#"{"roomId": "r-1", "body": {"#),
        "{stdout}"
    );
}
