//! `audit`: our specs agree with the seed documents, and a spec changed
//! against its document is reported at the spec node and the document line.
//!
//! The seeds sit beside the repository (`../shared/seeds`) or where
//! `MEETING_API_SEEDS` points; a missing folder fails these tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use meeting_api_codegen::{audit, AuditDocuments, Config, Report};

const POLYV_DOC: &str = "003_b240927f29be54c4.txt";
const KEDACOM_DOC: &str = "004_7db24c9dc3c75b46.txt";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator sits in the workspace")
        .to_path_buf()
}

/// The seed documents; a missing folder fails the test.
fn seeds() -> AuditDocuments {
    let dir = std::env::var_os("MEETING_API_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared/seeds"));
    assert!(
        dir.is_dir(),
        "no seed documents at {}: set MEETING_API_SEEDS",
        dir.display()
    );
    AuditDocuments {
        dir,
        files: Vec::new(),
    }
}

/// A copy of `specs/` in a temporary folder, removed when dropped.
struct SpecsCopy(PathBuf);

impl std::ops::Deref for SpecsCopy {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for SpecsCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh copy of `specs/` in a temporary folder.
fn copy_specs(name: &str) -> SpecsCopy {
    let dir = std::env::temp_dir().join(format!("audit-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&workspace().join("specs"), &dir);
    SpecsCopy(dir)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Every YAML file under `dir`, at any depth, in name order.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(yaml_files(&path));
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The one spec file of the copy that holds `needle`: tests find what they
/// change by its text, so a vendor split into files (or moved into a folder)
/// does not break them.
fn spec_holding(dir: &Path, needle: &str) -> PathBuf {
    let holding: Vec<PathBuf> = yaml_files(dir)
        .into_iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().contains(needle))
        .collect();
    match holding.as_slice() {
        [one] => one.clone(),
        _ => panic!("{needle:?} is in {holding:?}, not in exactly one spec file"),
    }
}

/// `file-name:line`, as [`located`] writes a location.
fn at(file: &Path, line: usize) -> String {
    format!("{}:{line}", file.file_name().unwrap().to_string_lossy())
}

/// Replaces the first `old` after the first line containing `after` in a
/// spec file, returning the 1-based line where `old` was.
fn mutate(file: &Path, after: &str, old: &str, new: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    let from = text
        .find(after)
        .unwrap_or_else(|| panic!("{after} not in {}", file.display()));
    let at = from
        + text[from..]
            .find(old)
            .unwrap_or_else(|| panic!("{old} after {after}"));
    let line = text[..at].matches('\n').count() + 1;
    let changed = format!("{}{new}{}", &text[..at], &text[at + old.len()..]);
    std::fs::write(file, changed).unwrap();
    line
}

/// The 1-based line of the first line of `file` containing `needle`.
fn line_of(file: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

fn audit_of(specs: &Path) -> Report {
    let mut config = Config::new();
    config.spec_dir(specs);
    audit(&config, &seeds()).expect_err("the mutated specs differ from their documents")
}

/// Each problem as `file-name:line message`.
fn located(report: &Report) -> Vec<String> {
    report
        .diagnostics()
        .iter()
        .map(|d| {
            let at = report.location(d);
            let at = at.rsplit(['/', '\\']).next().unwrap_or(&at).to_string();
            let line = at.rsplit_once(':').map_or(at.as_str(), |(l, _)| l);
            format!("{line} {}", d.message)
        })
        .collect()
}

fn assert_reported(found: &[String], at: &str, fragments: &[&str]) {
    assert!(
        found
            .iter()
            .any(|f| f.starts_with(&format!("{at} ")) && fragments.iter().all(|x| f.contains(x))),
        "nothing at {at} with {fragments:?} in:\n{}",
        found.join("\n")
    );
}

#[test]
fn our_specs_agree_with_the_seed_documents() {
    let mut config = Config::new();
    config.spec_dir(workspace().join("specs"));
    let audited = audit(&config, &seeds()).map_err(|r| r.short()).unwrap();
    let api = config.load().expect("the specs check");
    assert_eq!(audited.vendors, api.vendors.len());
    let operations: usize = api.vendors.iter().map(|v| v.operations.len()).sum();
    assert_eq!(audited.operations, operations, "{audited}");
    assert!(audited.fields > 0, "{audited}");
}

#[test]
fn every_mutation_of_a_spec_is_reported_at_its_spec_line_and_document_line() {
    let dir = copy_specs("mutations");
    let polyv = spec_holding(&dir, "  update_channel_role_config:");
    let confs = spec_holding(&dir, "  create_conference:");
    let role = mutate(
        &polyv,
        "Role:",
        "      Guest: {name: Guest, label: 嘉宾}\n",
        "",
    );
    assert!(role > 0);
    let channel = mutate(&polyv, "channelId:", "required: true", "required: false");
    let renamed = mutate(&polyv, "aiVirtualBgUrl", "aiVirtualBgUrl", "aiVirtualBgUri");
    mutate(
        &polyv,
        "RoleConfig:",
        "      cameraSingleModeEnabled:",
        "      #",
    );
    mutate(&confs, "      password:", "max_bytes: 16", "max_chars: 16");
    // A field's difference is reported at its key, wherever its limit line is.
    let password = line_of(&confs, "      password:");
    let level = mutate(&confs, "conf_level:", "max: 16", "max: 15");
    let role_field = line_of(&polyv, "      role: {type: Role");
    let operation = line_of(&polyv, "  update_channel_role_config:");
    let doc = |name: &str, line: usize| format!("({name}:{line})");

    let found = located(&audit_of(&dir));
    let polyv_at = |line: usize| at(&polyv, line);
    let confs_at = |line: usize| at(&confs, line);
    assert_reported(
        &found,
        &polyv_at(role_field),
        &["query:role", "enumeration", &doc(POLYV_DOC, 62)],
    );
    assert_reported(
        &found,
        &polyv_at(channel),
        &["query:channelId", "required", &doc(POLYV_DOC, 54)],
    );
    assert_reported(
        &found,
        &polyv_at(renamed),
        &["body:aiVirtualBgUri", "not in the document"],
    );
    assert_reported(
        &found,
        &polyv_at(operation),
        &[
            "body:aiVirtualBgUrl",
            "not in the spec",
            &doc(POLYV_DOC, 204),
        ],
    );
    assert_reported(
        &found,
        &polyv_at(operation),
        &[
            "body:cameraSingleModeEnabled",
            "not in the spec",
            &doc(POLYV_DOC, 196),
        ],
    );
    assert_reported(
        &found,
        &confs_at(password),
        &["body:password", "max_bytes=16", &doc(KEDACOM_DOC, 1017)],
    );
    assert_reported(
        &found,
        &confs_at(level),
        &["body:conf_level", "max=16", &doc(KEDACOM_DOC, 1009)],
    );
    assert_eq!(found.len(), 7, "only the mutations:\n{}", found.join("\n"));
}

#[test]
fn a_note_on_the_field_accepts_its_difference() {
    let dir = copy_specs("noted");
    let polyv = spec_holding(&dir, "  update_channel_role_config:");
    mutate(
        &polyv,
        "channelId:",
        "required: true",
        "required: false, note: \"optional on purpose\"",
    );
    let mut config = Config::new();
    config.spec_dir(dir.to_path_buf());
    audit(&config, &seeds()).map_err(|r| r.short()).unwrap();
}

#[test]
fn a_missing_document_is_reported_at_the_vendor_sources() {
    let mut config = Config::new();
    config.spec_dir(workspace().join("specs"));
    let nowhere = AuditDocuments {
        dir: workspace().join("no-such-folder"),
        files: Vec::new(),
    };
    let report = audit(&config, &nowhere).expect_err("no document, no clean audit");
    let found = located(&report);
    // Each vendor's header names its documents; each is reported there.
    let headers = yaml_files(&workspace().join("specs"))
        .into_iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().contains("\n  sources:"));
    let mut vendors = 0;
    for header in headers {
        let line = line_of(&header, "  sources:");
        let sources = std::fs::read_to_string(&header).unwrap();
        let listed = sources.lines().nth(line - 1).unwrap();
        let first = listed
            .split(['[', ']', ',', '"', ' '])
            .find(|w| w.ends_with(".txt"))
            .unwrap_or_else(|| panic!("a document in {listed}"));
        assert_reported(
            &found,
            &at(&header, line),
            &["cannot read the document", first],
        );
        vendors += 1;
    }
    assert_eq!(vendors, config.load().unwrap().vendors.len());
}

#[test]
fn the_audit_command_exits_0_on_our_specs_and_1_on_a_difference() {
    let run = |specs: &Path| {
        Command::new(env!("CARGO_BIN_EXE_meeting-api-codegen"))
            .arg("audit")
            .arg(specs)
            .arg("--docs")
            .arg(&seeds().dir)
            .output()
            .expect("the CLI runs")
    };
    let clean = run(&workspace().join("specs"));
    let stdout = String::from_utf8_lossy(&clean.stdout);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stderr)
    );
    let vendors = Config::new()
        .spec_dir(workspace().join("specs"))
        .load()
        .unwrap()
        .vendors
        .len();
    assert!(
        stdout.starts_with(&format!("audit clean: {vendors} vendors")),
        "{stdout}"
    );
    let dir = copy_specs("cli");
    let polyv = spec_holding(&dir, "  update_channel_role_config:");
    mutate(&polyv, "channelId:", "required: true", "required: false");
    let differs = run(&dir);
    let stderr = String::from_utf8_lossy(&differs.stderr);
    assert_eq!(differs.status.code(), Some(1), "{stderr}");
    let file = polyv.file_name().unwrap().to_string_lossy();
    assert!(stderr.contains(&format!("{file}:")), "{stderr}");
    assert!(stderr.contains(&format!("{POLYV_DOC}:54")), "{stderr}");
    let usage = Command::new(env!("CARGO_BIN_EXE_meeting-api-codegen"))
        .arg("audit")
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn an_operation_on_another_path_is_reported_both_ways() {
    let dir = copy_specs("path");
    let polyv = spec_holding(&dir, "  update_channel_role_config:");
    let header = spec_holding(&dir, &format!("sources: [{POLYV_DOC}"));
    mutate(&polyv, "operations:", "update-by-role\n", "update-by-rol\n");
    let operation = line_of(&polyv, "  update_channel_role_config:");
    let found = located(&audit_of(&dir));
    assert_reported(
        &found,
        &at(&polyv, operation),
        &["`update_channel_role_config`", "described in none"],
    );
    assert_reported(
        &found,
        &at(&header, line_of(&header, "  sources:")),
        &[
            "POST /live/v4/channel/role-config/update-by-role ",
            "no operation",
        ],
    );
    assert_eq!(found.len(), 2, "{}", found.join("\n"));
}

#[test]
fn character_rules_and_examples_are_compared_and_a_note_excuses_only_what_it_speaks_of() {
    let dir = copy_specs("extras");
    let polyv = spec_holding(&dir, "  update_channel_role_config:");
    let confs = spec_holding(&dir, "  create_conference:");
    mutate(&polyv, "name: 请求体json参数", "\"N\"", "\"Y\"");
    let operation = line_of(&polyv, "  update_channel_role_config:");
    // The password's rule loses the underscore and the dot the document allows.
    mutate(&confs, "      password:", "extra: \"_.\", ", "");
    let password = line_of(&confs, "      password:");
    // A note that speaks of something else does not excuse a required flag.
    let channel = mutate(
        &polyv,
        "channelId:",
        "required: true",
        "required: false, note: \"see the vendor's FAQ\"",
    );
    let found = located(&audit_of(&dir));
    assert_reported(
        &found,
        &at(&polyv, operation),
        &["the document's request example", &format!("({POLYV_DOC}:")],
    );
    assert_reported(
        &found,
        &at(&polyv, operation),
        &["a request example of the spec is not printed in the document"],
    );
    assert_reported(
        &found,
        &at(&confs, password),
        &[
            "body:password",
            "character rule differs",
            &format!("({KEDACOM_DOC}:"),
        ],
    );
    assert_reported(
        &found,
        &at(&polyv, channel),
        &["query:channelId", "required"],
    );
    assert_eq!(found.len(), 4, "only the mutations:\n{}", found.join("\n"));
}
