//! Per-request run-time cost of the client, before anything reaches the network.
//!
//! For the largest documented request of each vendor the example is decoded once,
//! outside the timed loops, into the generated request type. Each group then times
//! one step of what `Core::send` does with it:
//!
//! - `validate`: the generated `Validate` impl (`request.validate()`, as `send`
//!   calls it while validation is on, the default);
//! - `serialize`: `ApiRequest::to_parts`, the public API the transport calls to
//!   turn a request into path, query and body bytes (`serde_json::to_vec` of the
//!   body for the JSON vendors). For Kedacom the form is then URL-encoded the way
//!   the transport encodes a form body, with the `account_token` field the
//!   credentials add, so the result is the exact body sent
//!   (`serialize_to_parts_only` times the `to_parts` half alone);
//! - `sign`: the vendor's signature over that request with a fixed clock and
//!   nonce, through the public functions of `meeting_api_client::auth` that the
//!   transport calls (the code that assembles the headers around them is private);
//! - `serde_json_baseline`: plain `serde_json::to_vec` of the same body value.
//!
//! Not timed: what is private to the transport and the same for every request of
//! an operation (URL building and parsing, header maps, reqwest), and the copy of
//! `RequestParts` (body bytes included) it makes for each attempt.
//!
//! Run: `cargo bench -p meeting-api-client --bench requests`.

use std::hint::black_box;

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion};
use meeting_api_client::auth::{polyv_sign, tencent_signature, yxt_signature};
use meeting_api_client::validation::Validate;
use meeting_api_client::ApiRequest;
use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt};
// The bench looks inside what `to_parts` makes, which only the runtime and
// generated code otherwise see.
use meeting_api_client::__private::{BodyParts, Example, ExampleKind, RequestParts};
use serde::de::DeserializeOwned;

/// A fixed clock (ms) and nonce for every signature.
const NOW_MS: u64 = 1_721_291_107_000;
const NONCE: u64 = 12_345;

/// The longest example of `kind` the document gives for `operation`.
fn example(examples: &[Example], operation: &str, kind: ExampleKind) -> &'static str {
    examples
        .iter()
        .filter(|e| e.operation == operation && e.kind == kind)
        .map(|e| e.json)
        .max_by_key(|json| json.len())
        .unwrap_or_else(|| panic!("no {kind:?} example for `{operation}`"))
}

fn decode<T: DeserializeOwned>(what: &str, json: &str) -> T {
    serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("{what}: the example does not decode: {e}"))
}

/// Says (once, outside the loops) whether the timed `validate` takes the success path.
fn report_validity<R: Validate>(name: &str, request: &R) {
    match request.validate() {
        Ok(()) => eprintln!("{name}: the request is valid"),
        Err(v) => eprintln!("{name}: the request has {} violation(s): {v}", v.len()),
    }
}

/// The `validate`, `serialize` and `serde_json_baseline` benchmarks of one request.
fn bench_common<R: ApiRequest, B: serde::Serialize>(
    g: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    request: &R,
    body: impl Fn(&R) -> &B,
) {
    report_validity(name, request);
    g.bench_function("validate", |b| b.iter(|| black_box(request).validate()));
    g.bench_function("serialize", |b| {
        b.iter(|| black_box(request).to_parts().expect("encodes"))
    });
    g.bench_function("serde_json_baseline", |b| {
        b.iter(|| serde_json::to_vec(body(black_box(request))).expect("encodes"))
    });
}

fn parts<R: ApiRequest>(request: &R) -> RequestParts {
    request.to_parts().expect("encodes")
}

fn json_body(parts: &RequestParts) -> &[u8] {
    match &parts.body {
        BodyParts::Json(bytes) => bytes,
        other => panic!("expected a JSON body, got {other:?}"),
    }
}

fn kedacom_book_conference(c: &mut Criterion) {
    const NAME: &str = "kedacom/book_conference";
    const TOKEN: &str = "kedacom-account-token-for-benches";
    // The booked conference (params示例), the largest request example of the document.
    let json = example(
        kedacom::__hooks::EXAMPLES,
        "book_conference",
        ExampleKind::Request,
    );
    let request = kedacom::BookConferenceRequest::new(decode(NAME, json));
    report_validity(NAME, &request);
    let mut g = c.benchmark_group(NAME);
    g.bench_function("validate", |b| b.iter(|| black_box(&request).validate()));
    // What the client sends: `to_parts` puts the JSON text in the `params` form
    // field; the credentials add `account_token`; the transport URL-encodes the
    // form (url::form_urlencoded, as its private `encode_body` does).
    g.bench_function("serialize", |b| {
        b.iter(|| {
            let parts = black_box(&request).to_parts().expect("encodes");
            let BodyParts::Form(fields) = parts.body else {
                panic!("book_conference sends a form")
            };
            url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&fields)
                .append_pair("account_token", TOKEN)
                .finish()
                .into_bytes()
        })
    });
    // The first half of `serialize` alone (`params` as JSON text, not yet
    // URL-encoded), to tell the JSON cost from the form encoding's.
    g.bench_function("serialize_to_parts_only", |b| {
        b.iter(|| black_box(&request).to_parts().expect("encodes"))
    });
    // No `sign` group: Kedacom signs nothing. Its only auth step is adding the
    // `account_token` field (and an optional cookie header), which is part of
    // the `serialize` group above.
    g.bench_function("serde_json_baseline", |b| {
        b.iter(|| serde_json::to_vec(&black_box(&request).body).expect("encodes"))
    });
    g.finish();
}

fn tencent_update_live_config(c: &mut Criterion) {
    const NAME: &str = "tencent_meeting/update_live_config_by_meeting_id";
    let json = example(
        tencent_meeting::__hooks::EXAMPLES,
        "update_live_config_by_meeting_id",
        ExampleKind::Request,
    );
    // The meeting id of the document's request-line example (通过会议 ID 查询直播回看).
    let request = tencent_meeting::UpdateLiveConfigByMeetingIdRequest::new(
        "5939741786564101932",
        decode(NAME, json),
    );
    let mut g = c.benchmark_group(NAME);
    bench_common(&mut g, NAME, &request, |r| &r.body);
    // The transport signs METHOD, the X-TC-* header string, the URI as sent and
    // the body bytes as sent; both are computed here once, outside the loop.
    let parts = parts(&request);
    let body = json_body(&parts).to_vec();
    let uri = parts.path.clone();
    g.bench_function("sign", |b| {
        b.iter(|| {
            tencent_signature(
                black_box("secretKeyExample"),
                parts.method.as_str(),
                "AKIDexample",
                NONCE,
                NOW_MS / 1000,
                black_box(&uri),
                black_box(&body),
            )
        })
    });
    g.finish();
}

fn yxt_update_room_with_sessions(c: &mut Criterion) {
    // The document gives one request body (请求体), shown for the page's PUT
    // without sessions; it has no example with `sessions` or `ad`. That body,
    // decoded as the with-sessions body type, is the documented request...
    const NAME: &str = "yxt/update_room_with_sessions";
    // ...and the roomId is the one of the document's request line.
    const ROOM_ID: &str = "fe04ddc7-3628-4740-8db7-a504f3719bf3";
    let json = example(yxt::__hooks::EXAMPLES, "update_room", ExampleKind::Request);
    let request = yxt::UpdateRoomWithSessionsRequest::new(ROOM_ID, decode(NAME, json));
    let mut g = c.benchmark_group(NAME);
    bench_common(&mut g, NAME, &request, |r| &r.body);
    // YXT signs appkey + secret + nonce + timestamp, not the request: the cost
    // is the same for every request. The transport sends the nonce as hex.
    g.bench_function("sign", |b| {
        b.iter(|| {
            let nonce = format!("{:x}", black_box(NONCE));
            yxt_signature("key", black_box("secret"), &nonce, NOW_MS / 1000)
        })
    });
    g.finish();

    // Not a document example: the same body with the most the document allows,
    // 31 sessions (every field of the sessions[] table filled) and the ad, so
    // the per-session rules (lengths, date formats, no overlap) are measured.
    const FULL: &str = "yxt/update_room_with_31_sessions";
    let mut value: serde_json::Value = decode(FULL, json);
    let sessions: Vec<serde_json::Value> = (0..31)
        .map(|day| {
            serde_json::json!({
                "sessionStartTime": format!("2018-03-{:02} 09:00:00", day + 1),
                "sessionEndTime": format!("2018-03-{:02} 11:30:00", day + 1),
                "hostName": "主讲人",
                "hostAvatarUrl": "https://example.com/avatar.png",
                "sessionName": format!("直播场次 {}", day + 1),
                "sessionDesc": "直播场次简介",
                "pid": "fe04ddc7-3628-4740-8db7-a504f3719bf3",
                "deletedFlag": 0,
            })
        })
        .collect();
    value["sessions"] = serde_json::Value::Array(sessions);
    value["ad"] = serde_json::json!({
        "adImgUrl": "https://example.com/ad.png",
        "adLink": "https://example.com/",
        "enableAd": 1,
        "adLocation": 2,
    });
    let full = yxt::UpdateRoomWithSessionsRequest::new(
        ROOM_ID,
        serde_json::from_value(value).expect("the constructed body decodes"),
    );
    let mut g = c.benchmark_group(FULL);
    bench_common(&mut g, FULL, &full, |r| &r.body);
    g.finish();
}

fn polyv_update_role_config(c: &mut Criterion) {
    const NAME: &str = "polyv/update_channel_role_config";
    const APP_SECRET: &str = "polyv-secret-for-tests";
    let json = example(
        polyv::__hooks::EXAMPLES,
        "update_channel_role_config",
        ExampleKind::Request,
    );
    // channelId and role of the document's request line.
    let request = polyv::UpdateChannelRoleConfigRequest::new(
        4872391,
        polyv::Role::Teacher,
        decode(NAME, json),
    );
    let mut g = c.benchmark_group(NAME);
    bench_common(&mut g, NAME, &request, |r| &r.body);
    // Polyv signs the query (the endpoint's parameters plus appId and
    // timestamp, which the credentials add), not the body.
    let mut query = parts(&request).query;
    query.push(("appId".into(), "fso8gzbxlr".into()));
    query.push(("timestamp".into(), NOW_MS.to_string()));
    g.bench_function("sign", |b| {
        b.iter(|| polyv_sign(black_box(APP_SECRET), black_box(&query)))
    });
    g.finish();
}

criterion_group!(
    benches,
    kedacom_book_conference,
    tencent_update_live_config,
    yxt_update_room_with_sessions,
    polyv_update_role_config
);
criterion_main!(benches);
