//! The conformance corpus (`tests/corpus/`) at work: constructs the vendor
//! specs do not use, generated, compiled, linted and exercised here.

use meeting_api_client::validation::Validate;
use meeting_api_client::Paged;
use meeting_api_tests::corpus::corpus_paging::{ListRowsRequest, Page, Row};

#[test]
fn paging_parameters_with_their_own_names_are_the_ones_a_page_sets() {
    let first = ListRowsRequest::new(10).with_owner("u1");
    let third = first.page(20, 10);
    assert_eq!(third.offset, Some(20));
    assert_eq!(third.limit, 10);
    assert_eq!(
        third.owner.as_deref(),
        Some("u1"),
        "other parameters are kept"
    );
    let page = Page {
        total_count: 21,
        rows: Some(vec![Row { id: "r1".into() }]),
    };
    let (total, rows) = ListRowsRequest::split(page);
    assert_eq!(total, Some(21));
    assert_eq!(rows.len(), 1);
}

#[test]
fn one_of_two_fields_is_required_through_a_presence_condition() {
    let neither = ListRowsRequest::new(10);
    let violations = neither.validate().expect_err("owner or team is required");
    let text = violations.to_string();
    assert!(text.contains("team"), "{text}");
    assert!(ListRowsRequest::new(10).with_owner("u1").validate().is_ok());
    assert!(ListRowsRequest::new(10).with_team("t1").validate().is_ok());
}

#[test]
fn a_field_allowed_only_when_another_is_present_is_rejected_without_it() {
    let without_owner = ListRowsRequest::new(10).with_team("t1").with_offset(5);
    let text = without_owner
        .validate()
        .expect_err("offset needs owner")
        .to_string();
    assert!(text.contains("offset"), "{text}");
    let with_owner = ListRowsRequest::new(10).with_owner("u1").with_offset(5);
    assert!(with_owner.validate().is_ok());
}
