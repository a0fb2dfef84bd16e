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
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
