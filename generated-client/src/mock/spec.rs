//! What a mock serves: a vendor's table, with the generated validator of its
//! requests for the built-in vendors; or a table built at run time from a
//! user's specs (validated by the table's own schema).

use std::path::Path;
use std::sync::Arc;

use super::table::Table;
use super::validate::TypedValidator;

/// One vendor's operations, auth scheme, error envelope and examples, as the
/// mock serves them.
#[derive(Debug, Clone)]
pub struct MockSpec {
    pub(crate) table: Arc<Table>,
    pub(crate) typed: Option<TypedValidator>,
}

impl MockSpec {
    /// A vendor from its table's JSON (`meeting_api_codegen::mock_table`);
    /// requests are validated by the table's own schema.
    pub fn from_table(json: &str) -> Result<MockSpec, serde_json::Error> {
        Ok(MockSpec {
            table: Arc::new(Table::parse(json)?),
            typed: None,
        })
    }

    /// A vendor of the specs in `dir` (files or vendor folders, as the
    /// generator reads them), checked by the generator first.
    pub fn load(dir: &Path, vendor: &str) -> Result<MockSpec, String> {
        let api = meeting_api_codegen::Config::new()
            .spec_dir(dir)
            .load()
            .map_err(|report| report.render())?;
        let found = api.vendors.iter().find(|v| v.name == vendor);
        let vendor = found.ok_or_else(|| format!("no vendor {vendor} in {}", dir.display()))?;
        let table = meeting_api_codegen::mock_table(vendor);
        MockSpec::from_table(&table).map_err(|e| e.to_string())
    }

    /// A built-in vendor by its spec name (`kedacom`), when its feature is on.
    pub fn builtin(vendor: &str) -> Option<MockSpec> {
        BUILTIN
            .iter()
            .find(|(name, _, _)| *name == vendor)
            .map(|(_, table, typed)| MockSpec::generated(table, *typed))
    }

    /// The spec names of the built-in vendors compiled in.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(name, _, _)| *name).collect()
    }

    /// The vendor's spec name.
    pub fn vendor(&self) -> &str {
        &self.table.vendor
    }

    /// Its auth scheme, as the spec names it (`tencent_meeting`, `polyv`,
    /// `yxt`, `kedacom`, `none`).
    pub fn auth(&self) -> &str {
        &self.table.auth
    }

    /// The spec names of its operations, in document order.
    pub fn operations(&self) -> Vec<&str> {
        self.table
            .operations
            .iter()
            .map(|o| o.name.as_str())
            .collect()
    }

    fn generated(table: &str, typed: TypedValidator) -> MockSpec {
        MockSpec {
            table: Arc::new(Table::parse(table).expect("generated tables are valid")),
            typed: Some(typed),
        }
    }
}

/// The built-in vendors: spec name, generated table and validator.
const BUILTIN: &[(&str, &str, TypedValidator)] = &[
    #[cfg(feature = "tencent-meeting")]
    (
        "tencent_meeting",
        crate::tencent_meeting::__hooks::MOCK_TABLE,
        crate::tencent_meeting::__hooks::validate_request_json,
    ),
    #[cfg(feature = "yxt")]
    (
        "yxt",
        crate::yxt::__hooks::MOCK_TABLE,
        crate::yxt::__hooks::validate_request_json,
    ),
    #[cfg(feature = "polyv")]
    (
        "polyv",
        crate::polyv::__hooks::MOCK_TABLE,
        crate::polyv::__hooks::validate_request_json,
    ),
    #[cfg(feature = "kedacom")]
    (
        "kedacom",
        crate::kedacom::__hooks::MOCK_TABLE,
        crate::kedacom::__hooks::validate_request_json,
    ),
];
