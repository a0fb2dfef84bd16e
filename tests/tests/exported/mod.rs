//! What the export tests (`openapi_export.rs`, `html_reference.rs`) share: the
//! vendors they check, each with its exported text.

use meeting_api_codegen::model::Vendor;
use meeting_api_codegen::{Config, Report};
use meeting_api_tests::workspace_root;

/// Texts by vendor name, or the specs' problems (`Config::openapi`, `Config::html`).
pub type Export = fn(&Config) -> Result<Vec<(String, String)>, Report>;

/// Every vendor of `specs/`, of the conformance corpus and of the hostile spec
/// (which reach constructs the vendors do not), with what `export` renders
/// for it.
pub fn vendors_with(export: Export) -> Vec<(Vendor, String)> {
    let mut config = Config::new();
    let root = workspace_root();
    config
        .spec_dir(root.join("specs"))
        .spec_dir(root.join("tests/corpus"))
        .spec_dir(root.join("tests/hostile-specs"));
    let api = config
        .load()
        .unwrap_or_else(|r| panic!("the specs are valid:\n{r}"));
    let texts = export(&config).expect("the specs export");
    assert_eq!(texts.len(), api.vendors.len(), "one text per vendor");
    api.vendors
        .into_iter()
        .zip(texts)
        .map(|(v, (name, text))| {
            assert_eq!(v.name, name, "texts come by vendor name");
            (v, text)
        })
        .collect()
}
