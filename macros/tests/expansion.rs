//! `generate_api!` expands to exactly what build.rs writes, for every spec.
//!
//! The macro's expansion code is compiled into this test (see `src/expand.rs`),
//! and build.rs's route is `Config::spec_dir(specs).render()`: one call emits
//! all tokens of a vendor at once, the other emits each item apart, formats it
//! with prettyplease on several threads and joins the text. Both are read back
//! into `syn::File`s and printed by prettyplease, which leaves nothing but the
//! syntax tree to compare (token spelling, trailing commas and line breaks are
//! its own): any difference in what is generated, in which order, or for which
//! runtime path shows up here.

#[path = "../src/expand.rs"]
#[allow(dead_code)]
mod expand;

use std::path::{Path, PathBuf};

use meeting_api_codegen::Config;

fn macros_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn specs_dir() -> PathBuf {
    macros_dir().join("../specs")
}

/// Every vendor under specs/, as the argument a caller in this crate would
/// write (`../specs/yxt.yaml`), with its vendor name.
fn vendor_specs() -> Vec<(String, String)> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(specs_dir())
        .expect("specs/ is readable")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|p| {
            let api = Config::new()
                .spec(&p)
                .load()
                .unwrap_or_else(|r| panic!("{r}"));
            let name = api.vendors[0].name.clone();
            let file = p.file_name().expect("a name").to_string_lossy();
            (format!("../specs/{file}"), name)
        })
        .collect()
}

fn expand(call: &str) -> syn::File {
    let args: expand::Args = syn::parse_str(call).expect("the arguments parse");
    let tokens = expand::expand(&args, &macros_dir());
    // Through text, as the build.rs route is: literals and doc comments are then
    // lexed the same way on both sides.
    syn::parse_file(&tokens.to_string()).expect("the expansion is a Rust file")
}

/// The `include_str!` constants that track the spec files, and the other items.
fn split_tracking(file: syn::File) -> (Vec<String>, String) {
    let mut tracked = Vec::new();
    let mut rest = Vec::new();
    for item in file.items {
        match &item {
            syn::Item::Const(c) if c.ident == "_" => {
                let syn::Expr::Macro(m) = c.expr.as_ref() else {
                    panic!("a tracking const holds include_str!")
                };
                assert!(m.mac.path.segments.last().unwrap().ident == "include_str");
                let lit: syn::LitStr = m.mac.parse_body().expect("one path");
                tracked.push(lit.value());
            }
            _ => rest.push(item),
        }
    }
    let rest = syn::File {
        shebang: None,
        frontmatter: None,
        attrs: file.attrs,
        items: rest,
    };
    (tracked, prettyplease::unparse(&rest))
}

/// build.rs's file for `vendor`, read back as tokens.
fn build_script_output(out: &meeting_api_codegen::Output, vendor: &str) -> String {
    let (_, text) = out
        .files
        .iter()
        .find(|(name, _)| *name == format!("{vendor}.rs"))
        .unwrap_or_else(|| panic!("build.rs writes {vendor}.rs"));
    prettyplease::unparse(&syn::parse_file(text).expect("generated code parses"))
}

/// Where two formatted files part, with some context, for the failure message.
fn first_difference(a: &str, b: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let context =
        |lines: &[&str]| lines[at.saturating_sub(3)..(at + 3).min(lines.len())].join("\n");
    format!(
        "from line {}:\nmacro:\n{}\nbuild.rs:\n{}",
        at + 1,
        context(&a),
        context(&b)
    )
}

#[test]
fn the_macro_expands_every_spec_to_exactly_what_build_rs_generates() {
    let specs = vendor_specs();
    assert!(
        specs.len() >= 4,
        "every vendor of specs/ is covered: {specs:?}"
    );
    let build_rs = Config::new()
        .spec_dir(specs_dir())
        .render()
        .unwrap_or_else(|r| panic!("{r}"));
    for (spec, vendor) in &specs {
        let (_, expanded) = split_tracking(expand(&format!("{spec:?}")));
        let written = build_script_output(&build_rs, vendor);
        assert!(
            expanded == written,
            "generate_api!({spec:?}) differs from build.rs's {vendor}.rs:\n{}",
            first_difference(&expanded, &written)
        );
    }
}

#[test]
fn the_macro_and_build_rs_agree_on_another_runtime_path() {
    let (spec, vendor) = vendor_specs()
        .into_iter()
        .next()
        .expect("a vendor in specs/");
    let (_, expanded) = split_tracking(expand(&format!(
        r#""{spec}", runtime_path = "crate::runtime""#
    )));
    let build_rs = Config::new()
        .spec_dir(specs_dir())
        .runtime_path("crate::runtime")
        .render()
        .unwrap_or_else(|r| panic!("{r}"));
    let written = build_script_output(&build_rs, &vendor);
    assert!(
        expanded == written,
        "{}",
        first_difference(&expanded, &written)
    );
    assert!(expanded.contains("pub const VENDOR: crate::runtime::vendor::VendorInfo"));
}

#[test]
fn the_expansion_includes_every_spec_file_so_that_editing_one_recompiles_the_caller() {
    // A vendor folder tracks each of its files; a vendor file, itself.
    for (spec, _) in vendor_specs() {
        let (tracked, _) = split_tracking(expand(&format!(r#"spec = "{spec}""#)));
        let path = macros_dir().join(&spec);
        let mut expected: Vec<PathBuf> = if path.is_dir() {
            std::fs::read_dir(&path)
                .unwrap_or_else(|e| panic!("{spec}: {e}"))
                .map(|e| e.expect("a readable entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect()
        } else {
            vec![path]
        };
        expected.sort();
        let canonical = |p: &PathBuf| p.canonicalize().expect("an existing spec file");
        let expected: Vec<PathBuf> = expected.iter().map(canonical).collect();
        let tracked: Vec<PathBuf> = tracked.iter().map(PathBuf::from).collect();
        let tracked_canonical: Vec<PathBuf> = tracked.iter().map(canonical).collect();
        assert_eq!(tracked_canonical, expected, "{spec}");
        assert!(tracked.iter().all(|p| p.is_absolute() && p.exists()));
    }
}

#[test]
fn a_broken_spec_expands_to_one_compile_error_per_problem_and_still_tracks_the_file() {
    let spec = "../tests/broken-specs/several_problems.yaml";
    let tokens = expand::expand(
        &syn::parse_str(&format!("{spec:?}")).expect("the arguments parse"),
        &macros_dir(),
    );
    let file = syn::parse_file(&tokens.to_string()).expect("compile errors are items");
    let errors: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Macro(m) if m.mac.path.segments.last()?.ident == "compile_error" => {
                Some(m.mac.parse_body::<syn::LitStr>().ok()?.value())
            }
            _ => None,
        })
        .collect();
    let report = Config::new()
        .spec(macros_dir().join(spec))
        .load()
        .expect_err("the spec is broken");
    assert!(report.diagnostics().len() >= 3);
    assert_eq!(errors.len(), report.diagnostics().len());
    for (error, d) in errors.iter().zip(report.diagnostics()) {
        assert!(error.starts_with(&format!("{spec}:")), "{error}");
        assert!(error.contains(&d.message), "{error}");
    }
    let (tracked, _) = split_tracking(syn::File {
        shebang: None,
        frontmatter: None,
        attrs: Vec::new(),
        items: file
            .items
            .into_iter()
            .filter(|i| matches!(i, syn::Item::Const(_)))
            .collect(),
    });
    assert_eq!(tracked.len(), 1);
    assert!(Path::new(&tracked[0]).ends_with("broken-specs/several_problems.yaml"));
}

#[test]
fn arguments_other_than_a_path_and_a_runtime_path_are_refused() {
    for (call, message) in [
        (r#""a.yaml", runtime = "x""#, "unknown option `runtime`"),
        (r#"runtime_path = "x""#, "generate_api! needs a spec"),
        (r#""a.yaml", spec = "b.yaml""#, "`spec` is given twice"),
    ] {
        let error = syn::parse_str::<expand::Args>(call)
            .err()
            .unwrap_or_else(|| panic!("`{call}` is refused"));
        assert!(error.to_string().contains(message), "{call}: {error}");
    }
}

/// The path an expansion `include!`s, if it is one `include!` (besides the
/// tracking constants).
fn included_path(call: &str, include_above: usize) -> Option<PathBuf> {
    let args: expand::Args = syn::parse_str(call).expect("the arguments parse");
    let tokens = expand::expand_with(&args, &macros_dir(), include_above);
    let file = syn::parse_file(&tokens.to_string()).expect("the expansion is a Rust file");
    let (_, rest) = split_tracking(file);
    let item: syn::ItemMacro = syn::parse_str(&rest).ok()?;
    let name = &item.mac.path.segments.last()?.ident;
    assert_eq!(name, "include", "{rest}");
    let lit: syn::LitStr = item.mac.parse_body().expect("one path");
    Some(PathBuf::from(lit.value()))
}

#[test]
fn a_module_over_the_size_limit_is_included_from_a_file_holding_what_build_rs_generates() {
    let (spec, vendor) = vendor_specs()
        .into_iter()
        .next()
        .expect("a vendor in specs/");
    let call = format!("{spec:?}");
    let path = included_path(&call, 0).expect("over the limit: an include!");
    let text = std::fs::read_to_string(&path).expect("the included file exists");
    let included = prettyplease::unparse(&syn::parse_file(&text).expect("it parses"));
    let build_rs = Config::new()
        .spec_dir(specs_dir())
        .render()
        .unwrap_or_else(|r| panic!("{r}"));
    let written = build_script_output(&build_rs, &vendor);
    assert!(
        included == written,
        "{}",
        first_difference(&included, &written)
    );
    // The same call again finds the file as it is and leaves it alone (cargo
    // reads its time stamp to decide whether the caller is rebuilt).
    let stamp = |p: &Path| {
        std::fs::metadata(p)
            .and_then(|m| m.modified())
            .expect("a file")
    };
    let before = stamp(&path);
    assert_eq!(included_path(&call, 0), Some(path.clone()));
    assert_eq!(stamp(&path), before);
    // Under the limit, the items come as tokens.
    assert_eq!(included_path(&call, usize::MAX), None);
}

/// A fresh folder under the test's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the target dir is writable");
    dir
}

#[cfg(unix)]
#[test]
fn the_module_file_goes_only_into_a_folder_of_this_user_that_no_other_can_write_into() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| {
        std::fs::metadata(p)
            .expect("it exists")
            .permissions()
            .mode()
            & 0o777
    };
    // Made by the macro: this user's alone.
    let fresh = scratch("private-dir-fresh");
    let dir = expand::private_dir(&fresh).expect("a fresh folder is made private");
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(
        expand::private_dir(&fresh).ok(),
        Some(dir.clone()),
        "and used again"
    );
    // This user's but writable by others: closed first.
    let shared = scratch("private-dir-shared");
    let open = shared.join("meeting-api-macros");
    std::fs::create_dir(&open).expect("made");
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).expect("set");
    assert_eq!(expand::private_dir(&shared).ok(), Some(open.clone()));
    assert_eq!(mode(&open), 0o700);
    // A link to a private folder: not used either (the link may be swapped).
    let linked = scratch("private-dir-linked");
    std::os::unix::fs::symlink(&dir, linked.join("meeting-api-macros")).expect("linked");
    assert!(expand::private_dir(&linked).is_err());
}
