//! The library's entry points besides `generate`: tokens for the macro, stage
//! timings for benchmarks.

use std::path::{Path, PathBuf};

use meeting_api_codegen::Config;

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator sits in the workspace")
        .join("specs")
}

#[test]
fn render_tokens_gives_each_vendor_module_by_vendor_name() {
    let modules = Config::new()
        .spec_dir(specs())
        .render_tokens()
        .expect("the real specs are valid");
    let names: Vec<&str> = modules.iter().map(|(name, _)| name.as_str()).collect();
    let api = Config::new().spec_dir(specs()).load().expect("valid");
    let vendors: Vec<&str> = api.vendors.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, vendors);
    for (name, tokens) in &modules {
        let file: syn::File = syn::parse2(tokens.clone()).expect("the tokens are a module");
        assert!(!file.items.is_empty(), "{name} has items");
    }
}

#[test]
fn test_hooks_are_written_only_when_asked_for() {
    let module_text = |hooks: bool| {
        let output = Config::new()
            .spec_dir(specs())
            .hooks(hooks)
            .render()
            .expect("the real specs are valid");
        output
            .files
            .into_iter()
            .filter(|(name, _)| name.ends_with(".rs"))
            .map(|(_, text)| text)
            .collect::<Vec<_>>()
    };
    let (without, with) = (module_text(false), module_text(true));
    assert!(!without.is_empty());
    for (plain, hooked) in without.iter().zip(&with) {
        assert!(!plain.contains("mod __hooks"), "hooks written unasked");
        assert!(hooked.contains("pub mod __hooks"), "hooks missing");
        assert!(hooked.contains("MOCK_TABLE"), "mock table missing");
        // The hooks come last: everything before them is the same module.
        assert!(
            hooked.starts_with(plain.trim_end()),
            "hooks changed other items"
        );
    }
}

#[test]
fn render_tokens_reports_a_broken_spec_as_load_does() {
    let dir = std::env::temp_dir().join(format!("meeting-api-tokens-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("broken.yaml");
    std::fs::write(
        &spec,
        "vendor: {name: broken, title: B, auth: nope}\noperations: {}\n",
    )
    .unwrap();
    let mut config = Config::new();
    config.spec(&spec);
    let tokens = config.render_tokens().expect_err("an unknown auth scheme");
    let load = config.load().expect_err("an unknown auth scheme");
    assert_eq!(tokens.short(), load.short());
    assert!(tokens.short().contains("unknown auth scheme `nope`"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stage_timings_count_every_endpoint_and_line_they_generate() {
    let mut config = Config::new();
    config.spec_dir(specs());
    let times = config.time_stages().expect("the real specs are valid");
    let api = config.load().expect("the real specs are valid");
    let endpoints: usize = api.vendors.iter().map(|v| v.operations.len()).sum();
    assert_eq!(times.endpoints, endpoints);
    assert!(times.lines > 1000, "{} lines", times.lines);
    assert_eq!(
        times.total(),
        times.parse + times.check + times.emit + times.format
    );
}
