//! Arguments the macro refuses, each at the offending token.

mod missing_file {
    meeting_api_macros::generate_api!("../specs/no_such_vendor.yaml");
}

mod unknown_option {
    meeting_api_macros::generate_api!("../tests/corpus/retries.yaml", runtime = "::meeting_api_client");
}

mod bad_runtime_path {
    meeting_api_macros::generate_api!("../tests/corpus/retries.yaml", runtime_path = "not a path");
}

mod no_spec {
    meeting_api_macros::generate_api!(runtime_path = "::meeting_api_client");
}

mod not_a_literal {
    meeting_api_macros::generate_api!(concat!("../tests/corpus/", "retries.yaml"));
}

fn main() {}
