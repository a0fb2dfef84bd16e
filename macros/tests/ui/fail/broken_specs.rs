//! Broken specs: one compile error per problem, at the spec argument, each
//! naming the spec file, line and column with an excerpt and a fix.

mod several_problems {
    meeting_api_macros::generate_api!("../tests/broken-specs/several_problems.yaml");
}

mod unknown_type {
    meeting_api_macros::generate_api!("../tests/broken-specs/unknown_type.yaml");
}

mod duplicate_keys {
    meeting_api_macros::generate_api!("../tests/broken-specs/duplicate_keys.yaml");
}

mod syntax_error {
    meeting_api_macros::generate_api!("../tests/broken-specs/syntax_error.yaml");
}

mod duplicate_operation {
    meeting_api_macros::generate_api!("../tests/broken-specs/duplicate_operation");
}

fn main() {}
