//! `generate_api!` as a user meets it, compiled by rustc through trybuild: real
//! and hostile specs compile against `meeting-api-client` and behave, broken
//! specs and arguments fail with the reviewed messages in `ui/fail/*.stderr`.
//!
//! All cases run in one trybuild invocation: it builds the runtime once and
//! then each case, which on two cores is most of this crate's test time.

#[test]
fn generate_api_compiles_real_and_hostile_specs_and_reports_broken_ones_at_the_argument() {
    // trybuild compiles each case as a crate under target/, so the macro would
    // resolve spec paths there; point it back at this crate (trybuild#202).
    std::env::set_var(
        "MEETING_API_MACROS_MANIFEST_DIR",
        env!("CARGO_MANIFEST_DIR"),
    );
    let real_specs = real_specs_case();
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.pass(real_specs);
    cases.compile_fail("tests/ui/fail/*.rs");
}

/// The pass case over every vendor of `specs/` as it is when the test runs
/// (written from `ui/real_specs.rs.in`), so that adding a vendor or turning
/// one into a folder needs no edit here. Each vendor gets the next way of
/// writing the arguments, so that every way is compiled, and the size limit
/// of the macro's token route is set between the smallest and the largest
/// vendor, so that both routes are.
fn real_specs_case() -> std::path::PathBuf {
    use std::fmt::Write;

    const ARGUMENTS: [&str; 3] = [
        r#""{spec}""#,
        r#""{spec}", runtime_path = "crate::rt""#,
        r#"spec = "{spec}", runtime_path = "::meeting_api_client","#,
    ];
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // Vendors over this size reach the compiler through an included file,
    // the others as tokens: both routes are compiled (see `INCLUDE_ABOVE`).
    let sizes: Vec<usize> = meeting_api_codegen::Config::new()
        .spec_dir(manifest.join("../specs"))
        .render_token_text()
        .unwrap_or_else(|r| panic!("{r}"))
        .iter()
        .map(|(_, text)| text.len())
        .collect();
    let (least, most) = (sizes.iter().min(), sizes.iter().max());
    let (Some(&least), Some(&most)) = (least, most) else {
        panic!("no vendor in specs/")
    };
    assert!(least < most, "all vendors are one size: {sizes:?}");
    let limit = least + (most - least) / 2;
    std::env::set_var("MEETING_API_MACROS_INCLUDE_ABOVE", limit.to_string());
    let mut entries: Vec<_> = std::fs::read_dir(manifest.join("../specs"))
        .expect("specs/ is readable")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    entries.sort();
    let (mut modules, mut checks) = (String::new(), String::new());
    for (i, path) in entries.iter().enumerate() {
        let api = meeting_api_codegen::Config::new()
            .spec(path)
            .load()
            .unwrap_or_else(|r| panic!("{r}"));
        let vendor = &api.vendors[0].name;
        let file = path.file_name().expect("a name").to_string_lossy();
        let arguments =
            ARGUMENTS[i % ARGUMENTS.len()].replace("{spec}", &format!("../specs/{file}"));
        let _ = writeln!(
            modules,
            "mod {vendor} {{\n    meeting_api_macros::generate_api!({arguments});\n}}\n"
        );
        let _ = writeln!(checks, "    same_as_build_rs!({vendor});");
    }
    assert!(!entries.is_empty(), "no vendor in specs/");
    let template = include_str!("ui/real_specs.rs.in");
    for marker in ["// @modules\n", "    // @checks\n"] {
        assert!(template.contains(marker), "the template lost {marker:?}");
    }
    let case = template
        .replace("// @modules\n", &modules)
        .replace("    // @checks\n", &checks);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui");
    std::fs::create_dir_all(&dir).expect("the target dir is writable");
    let path = dir.join("real_specs.rs");
    std::fs::write(&path, case).expect("the target dir is writable");
    path
}
