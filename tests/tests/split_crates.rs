//! A vendor split across crates (`Config::split`): the crates hold exactly
//! the one module's items, each once; a struct goes with the one part whose
//! operations reach it, else to the shared crate; the parts see only the
//! shared crate and the vendor's own crate re-exports them all. That the
//! crates build (and pass clippy and rustdoc with `-D warnings`) is
//! `tests/scripts/split-build.sh`, run by CI.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use meeting_api_codegen::Config;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every spec folder the workspace generates: the vendors and the corpus.
fn spec_dirs() -> Vec<PathBuf> {
    vec![root().join("specs"), root().join("tests/corpus")]
}

/// The rendered files by path.
fn render(config: &mut Config) -> BTreeMap<String, String> {
    let output = config.render().unwrap_or_else(|report| panic!("{report}"));
    output.files.into_iter().collect()
}

/// The items of a Rust file as normalized text, `use` lines left out.
fn items(source: &str) -> Vec<String> {
    let file = syn::parse_file(source).expect("generated Rust parses");
    file.items
        .into_iter()
        .filter(|item| !matches!(item, syn::Item::Use(_)))
        .map(|item| quote::ToTokens::to_token_stream(&unsplit(item)).to_string())
        .collect()
}

/// What a split writes differently from one module, undone: a character
/// rule is public (hidden) for the parts to read, and a request's doc names
/// `Client::op` as text, not as a link the part could not resolve.
fn unsplit(mut item: syn::Item) -> syn::Item {
    if let syn::Item::Const(c) = &mut item {
        if c.ident.to_string().starts_with("CHAR_RULE_") {
            c.vis = syn::Visibility::Inherited;
            c.attrs
                .retain(|a| quote::ToTokens::to_token_stream(a).to_string() != "# [doc (hidden)]");
        }
    }
    if let syn::Item::Struct(s) = &mut item {
        for attr in &mut s.attrs {
            if let syn::Meta::NameValue(nv) = &mut attr.meta {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) = &nv.value
                {
                    let value = text.value();
                    if let Some(method) = value
                        .strip_prefix(" Request of `Client::")
                        .and_then(|rest| rest.strip_suffix("`."))
                    {
                        let linked = format!(" Request of [`Client::{method}`].");
                        nv.value = syn::parse_quote!(#linked);
                    }
                }
            }
        }
    }
    item
}

#[test]
fn a_split_vendor_holds_every_item_of_the_one_module_exactly_once() {
    for dir in spec_dirs() {
        let whole = render(Config::new().spec_dir(&dir).hooks(true));
        let split = render(Config::new().spec_dir(&dir).hooks(true).split(3));
        let api = Config::new().spec_dir(&dir).load().expect("specs load");
        assert!(!api.vendors.is_empty(), "{}: no vendor", dir.display());
        for vendor in &api.vendors {
            let mut expected = items(&whole[&format!("{}.rs", vendor.name)]);
            let mut found: Vec<String> = split
                .iter()
                .filter(|(path, _)| {
                    path.ends_with("/src/lib.rs") && is_crate_of(&vendor.name, path)
                })
                .flat_map(|(_, source)| items(source))
                .collect();
            assert!(!found.is_empty(), "{}: no crate written", vendor.name);
            expected.sort();
            found.sort();
            assert!(
                expected == found,
                "{}: the crates' items differ from the module's ({} vs {} items)",
                vendor.name,
                found.len(),
                expected.len()
            );
        }
    }
}

/// Whether `path` is a file of one of the crates of vendor `name`.
fn is_crate_of(name: &str, path: &str) -> bool {
    let dir = path.split('/').next().unwrap_or_default();
    let Some(rest) = dir.strip_prefix(name) else {
        return false;
    };
    rest.is_empty() || rest == "_shared" || rest.starts_with("_part_")
}

#[test]
fn parts_see_only_the_shared_crate_and_the_vendor_crate_reexports_every_other() {
    for dir in spec_dirs() {
        let split = render(Config::new().spec_dir(&dir).split(3));
        let api = Config::new().spec_dir(&dir).load().expect("specs load");
        for vendor in &api.vendors {
            let v = &vendor.name;
            let parts = vendor.operations.len().clamp(1, 3);
            let lib = |krate: &str| {
                split
                    .get(&format!("{krate}/src/lib.rs"))
                    .unwrap_or_else(|| panic!("{v}: no crate {krate}"))
            };
            for n in 0..parts {
                let uses = use_lines(lib(&format!("{v}_part_{n}")));
                assert_eq!(uses, [format!("use {v}_shared::*;")], "{v}: part {n}");
                let manifest = &split[&format!("{v}_part_{n}/Cargo.toml")];
                assert!(
                    manifest.contains(&format!("{v}_shared = {{ path = \"../{v}_shared\" }}")),
                    "{v}: part {n}'s manifest:\n{manifest}"
                );
            }
            assert!(
                use_lines(lib(&format!("{v}_shared"))).is_empty(),
                "{v}: shared"
            );
            let mut expected: Vec<String> = std::iter::once(format!("pub use {v}_shared::*;"))
                .chain((0..parts).map(|n| format!("pub use {v}_part_{n}::*;")))
                .collect();
            let mut found = use_lines(lib(v));
            expected.sort();
            found.sort();
            assert_eq!(found, expected, "{v}: the vendor's own crate");
            assert!(
                !split.contains_key(&format!("{v}_part_{parts}/src/lib.rs")),
                "{v}: more parts than asked for or than operations"
            );
        }
    }
}

fn use_lines(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| l.starts_with("use ") || l.starts_with("pub use "))
        .map(str::to_owned)
        .collect()
}

/// Three operations, each its own part: `Alone` only the first reaches,
/// `Together` the second and the third (through `Holder`), `Nobody` none.
const SPEC: &str = r#"
vendor:
  name: split_probe
  title: Split probe
  base_url: https://split.example
  auth: none
types:
  Alone:
    doc: 只有第一个接口用到。
    fields:
      a: {type: string, required: true, doc: 甲}
  Together:
    doc: 第二、三个接口都用到。
    fields:
      t: {type: integer, doc: 乙}
  Holder:
    doc: 装着 Together。
    fields:
      inner: {type: Together, required: true, doc: 丙}
  Nobody:
    doc: 没有接口用到。
    fields:
      n: {type: boolean, doc: 丁}
operations:
  first:
    title: first
    method: POST
    path: /first
    body: {encoding: json, type: Alone}
  second:
    title: second
    method: GET
    path: /second
    response: {type: Together}
  third:
    title: third
    method: POST
    path: /third
    body: {encoding: json, type: Holder}
"#;

#[test]
fn a_struct_goes_with_the_one_part_that_reaches_it_and_a_shared_one_to_the_shared_crate() {
    let dir = std::env::temp_dir().join(format!("meeting-api-split-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("split_probe.yaml"), SPEC).unwrap();
    let split = render(Config::new().spec_dir(&dir).split(3));
    std::fs::remove_dir_all(&dir).unwrap();
    let declares = |krate: &str, ty: &str| {
        split[&format!("{krate}/src/lib.rs")].contains(&format!("pub struct {ty} {{"))
    };
    let homes = [
        ("Alone", "split_probe_part_0"),
        ("FirstRequest", "split_probe_part_0"),
        ("SecondRequest", "split_probe_part_1"),
        ("Holder", "split_probe_part_2"),
        ("ThirdRequest", "split_probe_part_2"),
        ("Together", "split_probe_shared"),
        ("Nobody", "split_probe_shared"),
        ("Client", "split_probe"),
    ];
    let crates: Vec<&str> = split
        .keys()
        .filter_map(|k| k.strip_suffix("/src/lib.rs"))
        .collect();
    assert_eq!(
        crates.len(),
        5,
        "three parts, shared, the vendor's own: {crates:?}"
    );
    for (ty, home) in homes {
        for krate in &crates {
            assert_eq!(
                declares(krate, ty),
                *krate == home,
                "{ty} should be declared in {home} only (looked in {krate})"
            );
        }
    }
}

#[test]
fn a_vendor_with_fewer_operations_than_parts_gets_one_part_per_operation() {
    let split = render(Config::new().spec_dir(root().join("specs")).split(1000));
    let api = Config::new().spec_dir(root().join("specs")).load().unwrap();
    for vendor in &api.vendors {
        let parts = split
            .keys()
            .filter(|k| {
                k.starts_with(&format!("{}_part_", vendor.name)) && k.ends_with("/Cargo.toml")
            })
            .count();
        assert_eq!(parts, vendor.operations.len(), "{}", vendor.name);
    }
}

#[test]
fn the_runtime_dependency_line_is_written_into_every_manifest_whichever_is_set_first() {
    let line = r#"meeting-api-client = { path = "../../rt", default-features = false }"#;
    let split = render(
        Config::new()
            .spec_dir(root().join("specs"))
            // Either order of the two calls.
            .runtime_dependency(line)
            .split(2),
    );
    let manifests: Vec<&String> = split
        .iter()
        .filter(|(k, _)| k.ends_with("/Cargo.toml"))
        .map(|(_, v)| v)
        .collect();
    assert!(!manifests.is_empty());
    for manifest in manifests {
        assert!(manifest.contains(&format!("\n{line}\n")), "{manifest}");
        let parsed: toml::Table = manifest.parse().expect("the manifest is TOML");
        assert!(parsed["dependencies"].get("meeting-api-client").is_some());
    }
}

#[test]
fn a_vendor_of_types_only_is_a_shared_crate_and_its_own_without_parts() {
    let dir = std::env::temp_dir().join(format!("meeting-api-split-types-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = SPEC
        .split("operations:")
        .next()
        .unwrap()
        .replace("split_probe", "types_probe");
    std::fs::write(
        dir.join("types_probe.yaml"),
        format!("{spec}operations: {{}}\n"),
    )
    .unwrap();
    let split = render(Config::new().spec_dir(&dir).split(3));
    std::fs::remove_dir_all(&dir).unwrap();
    let crates: Vec<&str> = split
        .keys()
        .filter_map(|k| k.strip_suffix("/src/lib.rs"))
        .collect();
    assert_eq!(crates, ["types_probe", "types_probe_shared"]);
    assert_eq!(
        use_lines(&split["types_probe/src/lib.rs"]),
        ["pub use types_probe_shared::*;"]
    );
    for ty in ["Alone", "Together", "Holder", "Nobody"] {
        assert!(
            split["types_probe_shared/src/lib.rs"].contains(&format!("pub struct {ty} {{")),
            "{ty}"
        );
    }
}
