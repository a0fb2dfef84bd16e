//! The reports of broken specs (`tests/broken-specs/`): every problem at once,
//! sorted by position, each at the node it is about with `file:line:col`, an
//! excerpt with a caret, what is wrong and how to fix it.
//!
//! The rendered reports are reviewed snapshots; the tests below them pin the
//! facts each fixture is there for, so that a snapshot update cannot quietly
//! move a caret or drop a problem.

use std::path::PathBuf;

use meeting_api_codegen::{Config, Report};
use meeting_api_tests::workspace_root;

fn broken_specs() -> PathBuf {
    workspace_root().join("tests/broken-specs")
}

/// The report for one fixture (a file or a vendor folder), with paths relative
/// to the workspace so that snapshots do not depend on the checkout's place.
fn report(fixture: &str) -> Report {
    Config::new()
        .spec(broken_specs().join(fixture))
        .load()
        .expect_err("a broken spec does not load")
        .relative_to(&workspace_root())
}

/// `line:col: message` of each problem, in report order.
fn problems(fixture: &str) -> Vec<String> {
    let report = report(fixture);
    report
        .diagnostics()
        .iter()
        .map(|d| {
            let location = report.location(d);
            let line_col = location.rsplitn(3, ':').take(2).collect::<Vec<_>>();
            format!("{}:{}: {}", line_col[1], line_col[0], d.message)
        })
        .collect()
}

#[test]
fn every_broken_spec_renders_its_reviewed_report() {
    let mut fixtures: Vec<String> = std::fs::read_dir(broken_specs())
        .expect("tests/broken-specs is readable")
        .map(|e| {
            e.expect("a readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 10, "{fixtures:?}");
    for fixture in fixtures {
        let name = fixture.trim_end_matches(".yaml").to_string();
        insta::assert_snapshot!(name, report(&fixture).render());
    }
}

#[test]
fn an_unknown_type_is_reported_at_its_name_with_the_closest_declared_one() {
    let report = report("unknown_type.yaml");
    let [live, items] = report.diagnostics() else {
        panic!("two problems: {}", report.short())
    };
    assert_eq!(live.message, "unknown type `LiveConfg`");
    assert_eq!(live.hint.as_deref(), Some("did you mean `LiveConfig`?"));
    // Columns count characters: six Chinese characters precede it on the line.
    assert_eq!(
        report.location(live),
        "tests/broken-specs/unknown_type.yaml:11:33"
    );
    assert_eq!(
        &report.sources().get(live.file).text[live.span.clone()],
        "LiveConfg"
    );
    assert_eq!(items.hint.as_deref(), Some("did you mean `Session`?"));
}

#[test]
fn an_unknown_body_encoding_lists_the_encodings_that_exist() {
    let report = report("unknown_encoding.yaml");
    let encoding = report
        .diagnostics()
        .iter()
        .find(|d| d.message == "unknown body encoding `xml`")
        .expect("the encoding is reported");
    assert_eq!(
        encoding.hint.as_deref(),
        Some("expected one of: json, form_json, multipart")
    );
    assert_eq!(
        problems("unknown_encoding.yaml"),
        [
            "5:13: unknown method `post`",
            "8:17: unknown body encoding `xml`"
        ]
    );
}

#[test]
fn a_duplicate_operation_across_the_files_of_a_vendor_is_reported_at_the_second() {
    assert_eq!(
        problems("duplicate_operation"),
        ["4:3: duplicate operation name `get_room`"]
    );
    let report = report("duplicate_operation");
    let d = &report.diagnostics()[0];
    assert!(report
        .location(d)
        .contains("duplicate_operation/vendor.yaml"));
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("rooms.yaml")));
}

#[test]
fn names_that_collide_after_case_conversion_are_errors_not_silent_renames() {
    assert_eq!(
        problems("name_collisions.yaml"),
        [
            "8:7: fields `roomName` and `room_name` both become `room_name` in Rust",
            "9:7: fields `roomName` and `Room-Name` both become `room_name` in Rust",
            "10:3: `types.live_config` and `types.LiveConfig` both generate the Rust type `LiveConfig`",
            "17:13: two values of `Mode` are both named `FastLane`",
            "21:3: `operations.get_live (request type)` and `types.GetLiveRequest` both generate the Rust type `GetLiveRequest`",
        ]
    );
}

#[test]
fn path_parameters_and_the_path_template_are_checked_both_ways() {
    assert_eq!(
        problems("path_params.yaml"),
        [
            "8:11: path parameter `{replay_id}` is not declared in `path_params`",
            "11:7: path parameter `record_id` does not appear in the path `/v1/meetings/{meeting_id}/replays/{replay_id}`",
        ]
    );
}

#[test]
fn an_enum_value_listed_twice_is_reported_at_the_second_listing() {
    assert_eq!(
        problems("enum_values.yaml"),
        [
            "9:7: enum value `1` is listed twice",
            "10:10: label `平铺模式` does not make a Rust variant name",
            "15:7: `2` is not an integer code",
        ]
    );
}

#[test]
fn a_default_outside_its_enum_names_the_values_it_may_take() {
    let report = report("defaults.yaml");
    let first = &report.diagnostics()[0];
    assert_eq!(
        first.message,
        "default `2` is not a value of `WatermarkOption`"
    );
    assert_eq!(first.hint.as_deref(), Some("expected one of: 0, 1"));
    assert_eq!(
        problems("defaults.yaml"),
        [
            "11:74: default `2` is not a value of `WatermarkOption`",
            "12:38: default `large` does not fit the field's type integer",
            // The default is checked against the field's constraints too.
            "15:18: default `c` breaks `one_of`: it is not an allowed value",
            "16:24: allowed value `3` does not fit the field's type string",
        ]
    );
}

#[test]
fn a_rule_naming_a_field_that_does_not_exist_is_reported_at_that_name() {
    assert_eq!(
        problems("rule_fields.yaml"),
        [
            "12:29: no field `sesionEndTime` here (in `sesionEndTime`)",
            "14:23: no field `rol` here (in `rol`)",
            "15:36: no field `sessionEnd` here (in `sessionEnd`)",
            "27:23: no field `rolee` here (in `body.rolee`)",
        ]
    );
}

#[test]
fn a_field_that_did_not_resolve_hides_only_paths_through_it_not_the_same_name_elsewhere() {
    assert_eq!(
        problems("unresolved_fields.yaml"),
        [
            "10:20: unknown type `Hots`",
            "18:19: no field `host` here (in `host`)",
            "24:20: unknown type `Mdoe`",
        ]
    );
}

#[test]
fn a_key_written_twice_is_an_error_that_does_not_hide_the_rest_of_the_file() {
    assert_eq!(
        problems("duplicate_keys.yaml"),
        [
            "9:7: `name` is written twice in `types.Room.fields`",
            "10:21: unknown type `Usr`",
            "13:3: `Room` is written twice in `types`",
        ]
    );
}

#[test]
fn a_yaml_syntax_error_counts_columns_in_characters_after_chinese_text() {
    assert_eq!(
        problems("syntax_error.yaml"),
        ["7:13: YAML syntax error: mapping values are not allowed in this context"]
    );
}

#[test]
fn every_misspelt_key_of_an_item_is_reported_with_the_key_it_resembles() {
    let report = report("unknown_keys.yaml");
    let found: Vec<(String, Option<&str>)> = report
        .diagnostics()
        .iter()
        .map(|d| (d.message.clone(), d.hint.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "unknown key `base_ur` (in `vendor.base_ur`)".to_string(),
                Some("did you mean `base_url`?")
            ),
            (
                "unknown key `requried` (in `types.Room.fields.name.requried`)".to_string(),
                Some("did you mean `required`?")
            ),
            (
                "unknown key `max_char` (in `types.Room.fields.name.max_char`)".to_string(),
                Some("did you mean `max_chars`?")
            ),
            (
                "unknown top-level key `operation`".to_string(),
                Some("did you mean `operations`?")
            ),
        ]
    );
}

#[test]
fn several_problems_are_reported_together_sorted_by_position() {
    let report = report("several_problems.yaml");
    let starts: Vec<usize> = report.diagnostics().iter().map(|d| d.span.start).collect();
    assert!(starts.len() >= 5, "{}", report.short());
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    let rendered = report.render();
    assert!(rendered.ends_with(&format!(
        "error: {} problems found in the specs\n",
        starts.len()
    )));
    // Each problem comes with its excerpt and caret.
    let carets = rendered.lines().filter(|l| l.contains('^')).count();
    assert_eq!(carets, starts.len(), "{rendered}");
}

#[test]
fn the_real_specs_check_without_a_problem() {
    if let Err(report) = Config::new()
        .spec_dir(workspace_root().join("specs"))
        .load()
    {
        panic!("{report}");
    }
}

/// A folder of spec files written for one test (`name`: a file or `dir/file`),
/// under the system's temporary folder.
fn spec_folder(test: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("meeting-api-diag-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("a file in the folder")).expect("writable");
        std::fs::write(path, text).expect("writable");
    }
    dir
}

/// The report of the specs under `dir` (each entry a vendor), then the
/// folder removed.
fn report_of_folder(dir: &PathBuf) -> Report {
    let report = Config::new()
        .spec_dir(dir)
        .load()
        .expect_err("the specs are broken")
        .relative_to(dir);
    let _ = std::fs::remove_dir_all(dir);
    report
}

const ACME: &str = "vendor: {name: acme, title: Acme, auth: none}\noperations:\n  get_room: {method: GET, path: /room}\n";

#[test]
fn a_new_file_beside_a_vendor_file_is_told_to_turn_the_vendor_into_a_folder() {
    let more = "operations:\n  list_rooms: {method: GET, path: /rooms}\n";
    let dir = spec_folder("beside", &[("acme.yaml", ACME), ("acme_more.yaml", more)]);
    let report = report_of_folder(&dir);
    let [d] = report.diagnostics() else {
        panic!("one problem: {}", report.short())
    };
    assert_eq!(
        d.message,
        "no `vendor:` header among the files of `acme_more.yaml`"
    );
    let hint = d.hint.as_deref().unwrap_or_default();
    assert!(
        hint.contains("to add to `acme`, make it a folder: move `acme.yaml` to `acme/vendor.yaml` and this file into `acme/`"),
        "{hint}"
    );
    assert!(
        hint.contains("a new vendor starts with `vendor: {name, title, auth}`"),
        "{hint}"
    );
}

#[test]
fn a_null_or_boolean_word_where_text_is_meant_is_named_with_quote_it() {
    let spec = "vendor: {name: acme, title: Acme, auth: none}\ntypes:\n  Mode:\n    enum: integer\n    values:\n      0: {name: Null, label: 空}\n      1: {name: Off, label: 关}\n";
    let dir = spec_folder("null", &[("acme.yaml", spec)]);
    let report = report_of_folder(&dir);
    let [d] = report.diagnostics() else {
        panic!("only the null, not a missing name: {}", report.short())
    };
    assert_eq!(
        d.message,
        "`Null` is read by YAML as null (no value), not as the text `Null`"
    );
    assert_eq!(d.hint.as_deref(), Some("quote it: `\"Null\"`"));
    assert_eq!(report.location(d), "acme.yaml:6:17");
}

#[test]
fn a_hint_never_suggests_a_key_or_format_of_another_meaning() {
    let spec = "vendor: {name: acme, title: Acme, auth: none}\ntypes:\n  Upload:\n    fields:\n      file: {type: file, min_file_bytes: 1}\n      at: {type: string, format: timestamp_us}\n      a: {type: string}\n      b: {type: string}\n    rules:\n      - require_one_of: [a, b]\n";
    let dir = spec_folder("meaning", &[("acme.yaml", spec)]);
    let report = report_of_folder(&dir);
    let hints: Vec<(String, String)> = report
        .diagnostics()
        .iter()
        .map(|d| (d.message.clone(), d.hint.clone().unwrap_or_default()))
        .collect();
    let hint_of = |start: &str| {
        let found = hints.iter().find(|(m, _)| m.starts_with(start));
        found
            .map(|(_, h)| h.as_str())
            .unwrap_or_else(|| panic!("{start}: {hints:?}"))
    };
    for (problem, wrong) in [
        ("unknown key `min_file_bytes`", "did you mean"),
        ("unknown format `timestamp_us`", "did you mean"),
        ("unknown key `require_one_of`", "did you mean"),
        ("a rule states exactly one of", "split it"),
    ] {
        let hint = hint_of(problem);
        assert!(!hint.contains(wrong), "{problem}: {hint}");
    }
    let one_of = hint_of("unknown key `require_one_of`");
    assert!(
        one_of.contains("`at_least_one_of: [a, b]`") && one_of.contains("`exactly_one_of: [a, b]`"),
        "{one_of}"
    );
}

#[test]
fn a_type_declared_twice_names_both_places() {
    let rooms = "types:\n  Room:\n    fields:\n      id: {type: string}\n";
    let more = "\ntypes:\n  Room:\n    fields:\n      name: {type: string}\n";
    let dir = spec_folder(
        "twice",
        &[
            ("acme/vendor.yaml", ACME),
            ("acme/a.yaml", rooms),
            ("acme/b.yaml", more),
        ],
    );
    let report = report_of_folder(&dir);
    let [d] = report.diagnostics() else {
        panic!("one problem: {}", report.short())
    };
    assert_eq!(d.message, "type `Room` is declared twice");
    assert_eq!(
        report.location(d),
        "acme/b.yaml:3:3",
        "the second, as the primary label"
    );
    let [first] = &d.related[..] else {
        panic!("the first as a secondary label: {d:?}")
    };
    assert_eq!(report.related_location(first), "acme/a.yaml:2:3");
    assert_eq!(first.label, "first declared here");
    let rendered = report.render();
    assert!(
        rendered.contains("acme/a.yaml:2:3") && rendered.contains("acme/b.yaml:3:3"),
        "{rendered}"
    );
    assert!(report
        .short()
        .contains("(first declared here: acme/a.yaml:2:3)"));
}

#[test]
fn example_keys_their_types_lack_are_warnings_at_the_key_and_a_noted_example_is_not_warned() {
    let spec = workspace_root().join("tests/warning-specs/example_keys.yaml");
    let text = std::fs::read_to_string(&spec).expect("the fixture reads");
    let checked = Config::new()
        .spec(&spec)
        .check()
        .unwrap_or_else(|r| panic!("warnings do not reject the spec:\n{r}"));
    assert_eq!(checked.api.vendors.len(), 1);
    let warnings = &checked.warnings;
    let found: Vec<(String, String)> = warnings
        .diagnostics()
        .iter()
        .map(|d| (warnings.location(d), d.message.clone()))
        .collect();
    // Each warning points at the key itself inside the example's text.
    let at = |needle: &str| {
        let (line, row) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(needle))
            .expect("the key is in the fixture");
        format!(
            "{}:{}:{}",
            spec.display(),
            line + 1,
            row.find(needle).unwrap() + 1
        )
    };
    assert_eq!(
        found,
        [
            (
                at("\"nmae\""),
                "the example has `$.nmae`, which `Room` does not declare".to_string()
            ),
            (
                at("\"label\""),
                "the example has `$.tags[0].label`, which `Tag` does not declare".to_string()
            ),
        ]
    );
    assert!(warnings.diagnostics().iter().all(|d| !d.is_error()));
    assert!(warnings
        .to_string()
        .contains("warning: 2 warnings in the specs"));
    // `load` and `render` accept the spec too: a warning is not an error.
    let output = Config::new().spec(&spec).render().expect("rendered");
    assert_eq!(output.warnings, *warnings);
}

#[test]
fn misused_value_constraints_and_rules_are_each_reported_at_their_key() {
    let found = problems("value_constructs.yaml");
    let expected = [
        "11:39: `min_chars: 8` is greater than `max_chars: 6`",
        "12:39: `min_bytes: 4` is greater than `max_bytes: 2`",
        "13:54: default `会议主题` breaks `max_width`: 8 columns wide",
        "14:59: default `15778368000` breaks `format`: it is not `timestamp_s`",
        "16:29: `format` does not apply to a boolean field",
        "17:56: default `51` breaks `range`: it is not from 1 to 50",
        "23:9: comparing times needs both fields to declare the same time `format:` \
         (`start` is `timestamp_s`, `end` is `datetime`)",
        "24:27: `userid` is required, so it is always present",
        "25:9: a choice between fields names two or more fields",
        "26:24: `limit` bounds integers, and `label` is a string",
        "27:47: value `2` is not a value of `Kind`",
        "28:28: `effective_only_when` needs a `when` condition",
        "34:7: `3` is not a single bit",
        "37:11: `bits` needs integer codes",
        "42:37: default `4` sets a bit `Media` does not document",
        "48:19: `seats` is an array: write `seats[]` to reach into its items",
        "49:32: `seats[]`: only `require` reaches into the items of an array",
        "59:31: `seat.number` is not a field of this object",
        "66:9: `no_overlap` compares times written as strings",
        "68:9: `when: []` states no condition",
    ];
    assert_eq!(found, expected);
}

#[test]
fn new_keys_and_formats_are_not_answered_with_a_key_of_another_meaning() {
    let report = report("value_constructs.yaml");
    for d in report.diagnostics() {
        let hint = d.hint.as_deref().unwrap_or_default();
        assert!(!hint.contains("did you mean"), "{}: {hint}", d.message);
    }
}

#[test]
fn a_cycle_of_required_struct_fields_is_reported_at_each_field_on_it() {
    assert_eq!(
        problems("required_cycles.yaml"),
        [
            "9:7: required field `next` of `Node` leads back to `Node` through required fields only: no finite value has this type",
            "12:7: required field `host` of `Meeting` leads back to `Meeting` through required fields only: no finite value has this type",
            "15:7: required field `meeting` of `Host` leads back to `Host` through required fields only: no finite value has this type",
        ]
    );
}
