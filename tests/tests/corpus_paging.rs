//! Every paging style of the corpus (`tests/corpus/paging_styles.yaml`, and
//! the named offset parameters of `paging_and_presence.yaml`) walked against
//! a local server: the pages in order, the parameters each page sends, the
//! end of the list, and a server that lies about the end.

use std::collections::HashMap;

use meeting_api_client::auth::NoCredentials;
use meeting_api_client::{Error, Page, PageAt, Paged, PagingStyle, Token};
use meeting_api_tests::corpus::corpus_paging::{self, ListRowsRequest, Row};
use meeting_api_tests::corpus::corpus_paging_styles::{
    Client, ListByCursorRequest, ListByOffsetRequest, ListByPageRequest, ListByPositionRequest,
    ListWhileMoreRequest, Row as StyleRow,
};
use serde_json::{json, Value};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The rows a test server lists: `r0`, `r1`, ...
fn rows(from: usize, to: usize) -> Value {
    (from..to).map(|i| json!({"id": format!("r{i}")})).collect()
}

fn query(req: &Request) -> HashMap<String, String> {
    req.url.query_pairs().into_owned().collect()
}

fn number(q: &HashMap<String, String>, name: &str, default: usize) -> usize {
    q.get(name)
        .map_or(default, |v| v.parse().expect("a number"))
}

/// A server answering every request with `reply` of its query.
async fn server(
    reply: impl Fn(&HashMap<String, String>) -> Value + Send + Sync + 'static,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(move |req: &Request| {
            ResponseTemplate::new(200).set_body_json(reply(&query(req)))
        })
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder(NoCredentials)
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("a client builds")
}

/// The named query parameters of every request the server received, in order.
async fn sent(server: &MockServer, names: &[&str]) -> Vec<Vec<String>> {
    let requests = server.received_requests().await.expect("recording is on");
    requests
        .iter()
        .map(|r| {
            let q = query(r);
            names
                .iter()
                .map(|n| q.get(*n).cloned().unwrap_or_else(|| "-".into()))
                .collect()
        })
        .collect()
}

fn ids(rows: &[StyleRow]) -> Vec<String> {
    rows.iter().map(|r| r.id.clone()).collect()
}

fn r(ids: &[usize]) -> Vec<String> {
    ids.iter().map(|i| format!("r{i}")).collect()
}

fn params(pages: &[&[&str]]) -> Vec<Vec<String>> {
    pages
        .iter()
        .map(|p| p.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// An offset server over `n` rows that claims `total`.
fn offset_server(n: usize, total: usize) -> impl Fn(&HashMap<String, String>) -> Value {
    move |q| {
        let from = number(q, "offset", 0).min(n);
        let to = (from + number(q, "limit", 10)).min(n);
        json!({"total": total, "rows": rows(from, to)})
    }
}

#[tokio::test]
async fn offset_paging_walks_every_page_in_order_and_stops_at_the_total() {
    let server = server(offset_server(4, 4)).await;
    let all = client(&server)
        .list_by_offset_all(&ListByOffsetRequest::default(), 2)
        .await
        .expect("two pages");
    assert_eq!(ids(&all), r(&[0, 1, 2, 3]));
    let pages = params(&[&["0", "2"], &["2", "2"]]);
    assert_eq!(
        sent(&server, &["offset", "limit"]).await,
        pages,
        "no third call: the total is reached"
    );
}

#[tokio::test]
async fn offset_paging_stops_at_a_short_page_when_the_total_lies() {
    let server = server(offset_server(3, 100)).await;
    let all = client(&server)
        .list_by_offset_all(&ListByOffsetRequest::default(), 2)
        .await
        .expect("two pages");
    assert_eq!(ids(&all), r(&[0, 1, 2]));
    assert_eq!(sent(&server, &["offset"]).await, params(&[&["0"], &["2"]]));
}

#[tokio::test]
async fn page_number_paging_counts_from_the_documented_first_page_and_stops_at_the_page_count() {
    let server = server(|q| {
        let (page, size) = (number(q, "page_no", 0), number(q, "page_size", 10));
        let from = ((page - 1) * size).min(5);
        json!({"total_pages": 3, "rows": rows(from, (from + size).min(5))})
    })
    .await;
    let client = client(&server);
    let mut walk = client.list_by_page_pages(&ListByPageRequest::new(9), 2);
    let mut pages = Vec::new();
    while let Some(page) = walk.next_page().await {
        pages.push(ids(&page.expect("a page")));
    }
    assert_eq!(pages, [r(&[0, 1]), r(&[2, 3]), r(&[4])]);
    let wire = params(&[&["1", "2"], &["2", "2"], &["3", "2"]]);
    assert_eq!(sent(&server, &["page_no", "page_size"]).await, wire);
}

#[tokio::test]
async fn page_number_paging_stops_when_a_lying_page_count_meets_an_empty_page() {
    let server = server(|q| {
        let page = number(q, "page_no", 0);
        let rows = if page == 1 { rows(0, 2) } else { rows(0, 0) };
        json!({"total_pages": 100, "rows": rows})
    })
    .await;
    let all = client(&server)
        .list_by_page_all(&ListByPageRequest::new(1), 2)
        .await
        .expect("pages");
    assert_eq!(ids(&all), r(&[0, 1]));
    assert_eq!(sent(&server, &["page_no"]).await, params(&[&["1"], &["2"]]));
}

/// A Tencent-style position server over `n` rows, two a page; `stuck` hands
/// back the same position every time.
fn position_server(n: usize, stuck: bool) -> impl Fn(&HashMap<String, String>) -> Value {
    move |q| {
        let pos = number(q, "pos", 0);
        let next = if stuck { pos } else { (pos + 2).min(n) };
        json!({"next_pos": next, "remaining": n - (pos + 2).min(n), "rows": rows(pos.min(n), (pos + 2).min(n))})
    }
}

#[tokio::test]
async fn position_paging_sends_each_next_position_and_stops_when_none_remain() {
    let server = server(position_server(5, false)).await;
    let client = client(&server);
    let mut items = client.list_by_position_items(&ListByPositionRequest::new("u1"));
    let mut seen = Vec::new();
    while let Some(row) = items.next_item().await {
        seen.push(row.expect("a row").id);
    }
    assert_eq!(seen, r(&[0, 1, 2, 3, 4]));
    let wire = params(&[&["-", "u1"], &["2", "u1"], &["4", "u1"]]);
    assert_eq!(
        sent(&server, &["pos", "userid"]).await,
        wire,
        "the first page keeps the request's own position"
    );
}

#[tokio::test]
async fn position_paging_stops_when_the_position_does_not_advance() {
    let server = server(position_server(9, true)).await;
    let all = client(&server)
        .list_by_position_all(&ListByPositionRequest::new("u1").with_pos(0))
        .await
        .expect("one page");
    assert_eq!(ids(&all), r(&[0, 1]));
    assert_eq!(
        sent(&server, &["pos"]).await,
        params(&[&["0"]]),
        "next_pos 0 is where it stood"
    );
}

/// A cursor server over `n` rows: cursor `c<k>` starts at row k; `repeat`
/// always hands back `c2`.
fn cursor_server(n: usize, repeat: bool) -> impl Fn(&HashMap<String, String>) -> Value {
    move |q| {
        let at = q.get("cursor").map_or(0, |c| c[1..].parse().expect("c<k>"));
        let to = (at + number(q, "limit", 10)).min(n);
        let next = match (repeat, to < n) {
            (true, _) => json!("c2"),
            (false, true) => json!(format!("c{to}")),
            (false, false) => json!(""),
        };
        json!({"next_cursor": next, "rows": rows(at, to)})
    }
}

#[tokio::test]
async fn cursor_paging_sends_each_next_cursor_and_stops_at_an_empty_one() {
    let server = server(cursor_server(5, false)).await;
    let all = client(&server)
        .list_by_cursor_all(&ListByCursorRequest::default(), 2)
        .await
        .expect("three pages");
    assert_eq!(ids(&all), r(&[0, 1, 2, 3, 4]));
    let wire = params(&[&["-", "2"], &["c2", "2"], &["c4", "2"]]);
    assert_eq!(sent(&server, &["cursor", "limit"]).await, wire);
}

#[tokio::test]
async fn cursor_paging_stops_when_the_cursor_repeats() {
    let server = server(cursor_server(9, true)).await;
    let all = client(&server)
        .list_by_cursor_all(&ListByCursorRequest::default(), 2)
        .await
        .expect("pages");
    assert_eq!(ids(&all), r(&[0, 1, 2, 3]));
    assert_eq!(sent(&server, &["cursor"]).await, params(&[&["-"], &["c2"]]));
}

#[tokio::test]
async fn a_has_more_flag_ends_the_walk_and_pages_count_from_zero() {
    let server = server(|q| {
        let (page, size) = (number(q, "page", 0), number(q, "per_page", 10));
        let to = ((page + 1) * size).min(5);
        json!({"has_more": to < 5, "rows": rows(page * size, to)})
    })
    .await;
    let all = client(&server)
        .list_while_more_all(&ListWhileMoreRequest::default(), 3)
        .await
        .expect("two pages");
    assert_eq!(ids(&all), r(&[0, 1, 2, 3, 4]));
    assert_eq!(
        sent(&server, &["page", "per_page"]).await,
        params(&[&["0", "3"], &["1", "3"]])
    );
}

#[tokio::test]
async fn a_has_more_flag_that_lies_is_stopped_by_an_empty_page() {
    let server = server(|q| {
        let page = number(q, "page", 0);
        let rows = if page == 0 { rows(0, 3) } else { rows(0, 0) };
        json!({"has_more": true, "rows": rows})
    })
    .await;
    let all = client(&server)
        .list_while_more_all(&ListWhileMoreRequest::default(), 3)
        .await
        .expect("pages");
    assert_eq!(ids(&all), r(&[0, 1, 2]));
    assert_eq!(sent(&server, &["page"]).await, params(&[&["0"], &["1"]]));
}

#[tokio::test]
async fn a_page_size_that_is_not_positive_fails_before_any_call() {
    let server = server(offset_server(4, 4)).await;
    let client = client(&server);
    let mut pages = client.list_by_offset_pages(&ListByOffsetRequest::default(), 0);
    let first = pages.next_page().await.expect("an error");
    assert!(matches!(first, Err(Error::Config(_))), "{first:?}");
    assert!(
        pages.next_page().await.is_none(),
        "the walk ends with its error"
    );
    assert!(sent(&server, &[]).await.is_empty());
}

#[test]
fn each_operation_declares_its_style() {
    assert_eq!(ListByOffsetRequest::STYLE, PagingStyle::Offset);
    assert_eq!(ListByPageRequest::STYLE, PagingStyle::Page { first: 1 });
    assert_eq!(ListWhileMoreRequest::STYLE, PagingStyle::Page { first: 0 });
    assert_eq!(ListByPositionRequest::STYLE, PagingStyle::Token);
    assert_eq!(ListByCursorRequest::STYLE, PagingStyle::Token);
    assert_eq!(
        ListByCursorRequest::default().with_cursor("c7").token(),
        Some(Token::Text("c7".into()))
    );
}

#[test]
fn paging_parameters_with_their_own_names_are_the_ones_a_page_sets() {
    let first = ListRowsRequest::new(10).with_owner("u1");
    let third = first.page(&PageAt::Offset(20), Some(10));
    assert_eq!(third.offset, Some(20));
    assert_eq!(third.limit, 10);
    assert_eq!(
        third.owner.as_deref(),
        Some("u1"),
        "other parameters are kept"
    );
    let page = corpus_paging::Page {
        total_count: 21,
        rows: Some(vec![Row { id: "r1".into() }]),
    };
    let Page {
        total, items: rows, ..
    } = ListRowsRequest::split(page);
    assert_eq!(total, Some(21));
    assert_eq!(rows.len(), 1);
}

#[test]
fn an_operation_source_is_shown_in_its_rustdoc_and_in_the_catalogue() {
    let corpus = meeting_api_tests::workspace_root().join("tests/corpus");
    let files = meeting_api_codegen::Config::new()
        .spec_dir(&corpus)
        .render()
        .unwrap_or_else(|report| panic!("the corpus checks:\n{report}"))
        .files;
    let text = |name: &str| {
        let found = files.iter().find(|(n, _)| n == name);
        found.map(|(_, t)| t.clone()).expect("rendered")
    };
    let module = text("corpus_paging_styles.rs");
    assert!(
        module.contains("/// Source: paging-notes.txt, 查询用户的会议列表."),
        "the header's one source is implied"
    );
    // A URL is an autolink: rustdoc warns on a bare one.
    assert!(module.contains("/// Source: <https://corpus.example/docs/lists>, Cursors."));
    let catalogue = text("catalogue.md");
    assert!(
        catalogue.contains("(Source: https://corpus.example/docs/lists, Cursors) |"),
        "{catalogue}"
    );
}
