//! The drafts of the seed documents (`../shared/seeds`), measured against
//! our hand-written specs. Test-only.
//!
//! The seeds are not part of this repository: they sit beside it, in
//! `../shared/seeds` (CI has them there), or where `MEETING_API_SEEDS` points.
//! A missing folder fails the tests, naming where it was looked for: a skipped
//! measurement would hide a regression.

use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::measure::{compare, draft_side, spec_side, Agreement, OpFields};
use super::{draft, read, Options};

/// The seeds folder; a missing folder fails the test here.
fn seeds() -> PathBuf {
    let dir = std::env::var_os("MEETING_API_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds"));
    assert!(
        dir.is_dir(),
        "no seed documents at {}: set MEETING_API_SEEDS to the folder of the source documents",
        dir.display()
    );
    dir
}

/// The seed documents, sorted.
fn seed_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    files
}

/// A file's text (empty when unreadable: the test then fails on it).
fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// A path's file name.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The endpoints a document announces, counted from its own headers, not by
/// the readers: a `URI` line each (row style); a `接口描述` heading each, or
/// the `- /path` lines under `请求URL` (cell style).
fn announced(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let uris = lines.iter().filter(|l| l.starts_with("URI ")).count();
    if uris > 0 {
        return uris;
    }
    let described = lines.iter().filter(|l| **l == "接口描述").count();
    let listed = lines.iter().filter(|l| l.starts_with("- /")).count();
    described + listed
}

#[test]
fn every_seed_yields_the_endpoints_its_headers_announce() {
    let dir = seeds();
    let files = seed_files(&dir);
    assert!(
        files.len() >= 5,
        "expected the five seed documents in {}",
        dir.display()
    );
    for file in files {
        let text = text(&file);
        let doc = read(&text);
        let found = doc.endpoints.len();
        println!("{}: {found} endpoints", file_name(&file));
        assert_eq!(found, announced(&text), "{}", file.display());
        for ep in &doc.endpoints {
            assert!(
                ep.method.is_some() && ep.path.is_some(),
                "{}: {} lacks method or path",
                file.display(),
                ep.title
            );
        }
    }
}

/// The draft of one seed as parsed YAML.
fn drafted(file: &Path, vendor: &str) -> Value {
    let options = Options {
        vendor: Some(vendor.to_string()),
        source: Some(file_name(file)),
    };
    let yaml = draft(&text(file), &options);
    serde_yaml::from_str(&yaml)
        .unwrap_or_else(|e| panic!("{}: the draft is no YAML: {e}", file.display()))
}

/// Our specs, loaded by the generator.
fn specs() -> crate::model::Api {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    crate::Config::new()
        .spec_dir(dir)
        .load()
        .unwrap_or_else(|r| panic!("the specs do not load: {r}"))
}

/// Each vendor's agreement, from the drafts of its `sources:`.
fn agreements(dir: &Path) -> Vec<(String, Agreement)> {
    let api = specs();
    api.vendors
        .iter()
        .map(|v| {
            let drafts: Vec<OpFields> = v
                .sources
                .iter()
                .flat_map(|s| draft_side(&drafted(&dir.join(s), &v.name)))
                .collect();
            (v.name.clone(), compare(&spec_side(v), &drafts))
        })
        .collect()
}

/// The floor each vendor's figure must keep (what the drafts reach today,
/// rounded down), so a regression fails.
const FLOORS: &[(&str, f64)] = &[
    ("kedacom", 99.0),
    ("polyv", 99.0),
    ("tencent_meeting", 99.0),
    ("yxt", 99.0),
];

#[test]
fn drafts_agree_with_the_hand_written_specs() {
    let dir = seeds();
    for (vendor, a) in agreements(&dir) {
        println!(
            "{vendor}: {}/{} attributes right = {:.1}% ({:.1}% on fields without a marker); {} draft fields not in the spec",
            a.right,
            a.total,
            a.percent(),
            a.percent_unmarked(),
            a.extra.len()
        );
        println!(
            "  defaults, formats and character rules (not in the figure): {}/{} agree",
            a.extras_right, a.extras_total
        );
        for d in a.extras_differences.iter().take(60) {
            println!("  differs (outside the figure): {d}");
        }
        for d in a.differences.iter().take(60) {
            println!("  differs: {d}");
        }
        for e in a.extra.iter().take(10) {
            println!("  extra: {e}");
        }
        let floor = FLOORS
            .iter()
            .find(|(v, _)| *v == vendor)
            .map_or(95.0, |f| f.1);
        assert!(
            a.percent() >= floor,
            "{vendor}: {:.1}% is below the floor {floor}%",
            a.percent()
        );
    }
}

/// How many questions the `resolve:` markers of `value` ask.
fn questions(value: &Value) -> usize {
    match value {
        Value::Mapping(m) => {
            let own = match m.get("resolve") {
                Some(Value::String(_)) => 1,
                Some(Value::Sequence(s)) => s.len(),
                _ => 0,
            };
            own + m.iter().map(|(_, v)| questions(v)).sum::<usize>()
        }
        Value::Sequence(s) => s.iter().map(questions).sum(),
        _ => 0,
    }
}

/// `value` without any `resolve:` key, at any depth.
fn strip_markers(value: &mut Value) {
    match value {
        Value::Mapping(m) => {
            m.remove("resolve");
            m.iter_mut().for_each(|(_, v)| strip_markers(v));
        }
        Value::Sequence(s) => s.iter_mut().for_each(strip_markers),
        _ => {}
    }
}

#[test]
fn each_draft_passes_check_once_its_markers_are_deleted() {
    let dir = seeds();
    let out = std::env::temp_dir().join(format!("meeting-api-draft-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    for (i, file) in seed_files(&dir).iter().enumerate() {
        let vendor = format!("seed_{i}");
        let mut value = drafted(file, &vendor);
        let path = out.join(format!("{vendor}.yaml"));
        std::fs::write(&path, serde_yaml::to_string(&value).unwrap()).unwrap();
        let report = crate::Config::new()
            .spec(&path)
            .load()
            .expect_err("check accepts a draft with unresolved markers");
        let reported = report
            .diagnostics()
            .iter()
            .filter(|d| d.message.starts_with("unresolved draft marker: "))
            .count();
        assert_eq!(
            reported,
            questions(&value),
            "{}: check reports each question of the draft once\n{report}",
            file.display()
        );
        strip_markers(&mut value);
        std::fs::write(&path, serde_yaml::to_string(&value).unwrap()).unwrap();
        let loaded = crate::Config::new().spec(&path).load();
        assert!(
            loaded.is_ok(),
            "{}: {}",
            file.display(),
            loaded.err().map(|r| r.to_string()).unwrap_or_default()
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}
