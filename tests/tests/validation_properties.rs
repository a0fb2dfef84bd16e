//! Properties of the generated validators over every documented operation:
//! any request the spec allows (built from the model by
//! `meeting_api_tests::valid_requests`, not by the validator) passes
//! `validate()`, and its body round-trips through serde unchanged.
//!
//! `PROPTEST_CASES` sets the number of requests per operation (default 64).

use meeting_api_codegen::model::{Operation, Vendor};
use meeting_api_tests::valid_requests::{Requests, Tape};
use meeting_api_tests::{load_specs, roundtrip_body, validate_request};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64)
}

/// Runs `property` on many requests of every operation; reports every
/// operation that fails, with its smallest failing request.
fn for_every_operation(
    property: fn(&Vendor, &Operation, &serde_json::Value) -> Result<(), String>,
) {
    let api = load_specs();
    let mut failures = Vec::new();
    let mut operations = 0;
    for vendor in &api.vendors {
        let requests = Requests::new(vendor);
        for op in &vendor.operations {
            operations += 1;
            let mut runner = TestRunner::new(Config {
                cases: cases(),
                failure_persistence: None,
                ..Config::default()
            });
            let result = runner.run(&prop::collection::vec(any::<u64>(), 0..400), |words| {
                let request = requests.request(op, &mut Tape::new(words));
                property(vendor, op, &request).map_err(TestCaseError::fail)
            });
            if let Err(e) = result {
                failures.push(format!("{} {}: {e}", vendor.name, op.name));
            }
        }
    }
    assert_eq!(operations, 32, "every documented operation is exercised");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_request_the_spec_allows_passes_validation() {
    for_every_operation(|vendor, op, request| {
        let json = request.to_string();
        match validate_request(&vendor.name, &op.name, &json) {
            Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(violations))) => Err(format!("rejected: {violations}\n{json}")),
            Some(Err(e)) => Err(format!("does not fit the type: {e}\n{json}")),
            None => Err("no validator for the operation".into()),
        }
    });
}

#[test]
fn every_request_body_the_spec_allows_round_trips_through_serde() {
    for_every_operation(|vendor, op, request| {
        let Some(body) = request.get("body") else {
            return Ok(());
        };
        match roundtrip_body(&vendor.name, &op.name, &body.to_string()) {
            Some(Ok(back)) if back == *body => Ok(()),
            Some(Ok(back)) => Err(format!("changed:\n{body}\n{back}")),
            Some(Err(e)) => Err(format!("does not decode: {e}\n{body}")),
            None => Err("no body type for the operation".into()),
        }
    });
}

#[test]
fn the_fullest_request_of_every_operation_passes_validation() {
    // Every optional field given, every array at its largest: the case random
    // choices reach least often.
    let api = load_specs();
    for vendor in &api.vendors {
        let requests = Requests::new(vendor);
        for op in &vendor.operations {
            let request = requests.request(op, &mut Tape::constant(u64::MAX, 100_000));
            let json = request.to_string();
            let result = validate_request(&vendor.name, &op.name, &json);
            assert!(
                matches!(result, Some(Ok(Ok(())))),
                "{} {}: {result:?}\n{json}",
                vendor.name,
                op.name
            );
        }
    }
}
