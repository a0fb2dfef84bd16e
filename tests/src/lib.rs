//! Integration and snapshot tests of the workspace live in `tests/tests/`.
//!
//! This crate depends on `meeting-api-client` with the `codegen` feature, so that
//! building the workspace regenerates the clients from `specs/`.

/// The workspace root, for tests that read `specs/` and the checked-in code.
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub mod valid_requests;

use meeting_api_client::__private::{Example, ExampleKind};
use meeting_api_client::validation::Violations;

/// `validate_request_json` of the vendor module named `vendor`.
pub fn validate_request(
    vendor: &str,
    operation: &str,
    json: &str,
) -> Option<Result<Result<(), Violations>, serde_json::Error>> {
    use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt};
    match vendor {
        "kedacom" => kedacom::__hooks::validate_request_json(operation, json),
        "polyv" => polyv::__hooks::validate_request_json(operation, json),
        "tencent_meeting" => tencent_meeting::__hooks::validate_request_json(operation, json),
        "yxt" => yxt::__hooks::validate_request_json(operation, json),
        _ => None,
    }
}

/// The body JSON of `operation` decoded into its generated type and encoded
/// back (`None` when the operation has no body).
pub fn roundtrip_body(
    vendor: &str,
    operation: &str,
    body: &str,
) -> Option<Result<serde_json::Value, serde_json::Error>> {
    use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt};
    // Examples carry `&'static str`; the few bodies a test run decodes are leaked.
    let leak = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
    let json = leak(body);
    let example = Example {
        operation: leak(operation),
        name: "",
        kind: ExampleKind::Request,
        json,
    };
    match vendor {
        "kedacom" => kedacom::__hooks::roundtrip_example(&example),
        "polyv" => polyv::__hooks::roundtrip_example(&example),
        "tencent_meeting" => tencent_meeting::__hooks::roundtrip_example(&example),
        "yxt" => yxt::__hooks::roundtrip_example(&example),
        _ => None,
    }
}

/// The resolved model of the workspace's specs.
pub fn load_specs() -> meeting_api_codegen::model::Api {
    meeting_api_codegen::Config::new()
        .spec_dir(workspace_root().join("specs"))
        .load()
        .unwrap_or_else(|report| panic!("the specs load:\n{report}"))
}
