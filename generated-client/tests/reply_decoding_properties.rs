//! Property: no JSON, however wrong, makes a generated reply decoder panic.
//!
//! Every vendor's `__hooks::roundtrip_example` decodes text into the generated
//! reply type of an operation (and its error type); these tests feed it, for
//! every operation of every vendor, arbitrary JSON and the document's own
//! reply examples with one part replaced by arbitrary JSON (so the decoders
//! of nested fields are reached too, not only the top-level ones).
//!
//! The hook knows the operations whose document shows a reply. The Kedacom
//! operations without one are decoded through the client itself, against a
//! local server answering arbitrary objects built from the vendor's own field
//! names (read from the generated module), so their nested decoders are
//! reached as well.

mod support;

use std::sync::OnceLock;

use meeting_api_client::__private::{Example, ExampleKind};
use meeting_api_client::vendor::OperationInfo;
use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt, Json};
use proptest::prelude::*;
use serde_json::Value;
use support::hostile::{Fault, HostileServer};

type Roundtrip = fn(&Example) -> Option<Result<Json, serde_json::Error>>;

/// A vendor's operations, examples and decoding hook.
struct Hooks {
    operations: &'static [OperationInfo],
    examples: &'static [Example],
    roundtrip: Roundtrip,
}

fn vendors() -> [Hooks; 4] {
    [
        Hooks {
            operations: tencent_meeting::OPERATIONS,
            examples: tencent_meeting::__hooks::EXAMPLES,
            roundtrip: tencent_meeting::__hooks::roundtrip_example,
        },
        Hooks {
            operations: yxt::OPERATIONS,
            examples: yxt::__hooks::EXAMPLES,
            roundtrip: yxt::__hooks::roundtrip_example,
        },
        Hooks {
            operations: polyv::OPERATIONS,
            examples: polyv::__hooks::EXAMPLES,
            roundtrip: polyv::__hooks::roundtrip_example,
        },
        Hooks {
            operations: kedacom::OPERATIONS,
            examples: kedacom::__hooks::EXAMPLES,
            roundtrip: kedacom::__hooks::roundtrip_example,
        },
    ]
}

/// Arbitrary JSON: every scalar kind (numbers that overflow integers,
/// strings that look like numbers or dates), nested up to a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[0-9]{1,25}".prop_map(Value::String),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9:]{8})?".prop_map(Value::String),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Feeds `json` to every reply and error decoder of every vendor.
fn decode_everywhere(json: &str) {
    // `Example` holds a `&'static str`: the text is leaked, once per case.
    let json: &'static str = Box::leak(json.to_string().into_boxed_str());
    for vendor in vendors() {
        for op in vendor.operations {
            for kind in [ExampleKind::Response, ExampleKind::Error] {
                let example = Example {
                    operation: op.name,
                    name: "property",
                    kind,
                    json,
                };
                let _ = (vendor.roundtrip)(&example);
            }
        }
    }
}

/// `example` with its `pick`-th node (in document order) replaced by `part`.
fn replace_node(example: &mut Value, pick: usize, part: Value) {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(a) => a.iter().map(count).sum(),
            Value::Object(o) => o.values().map(count).sum(),
            _ => 0,
        }
    }
    fn walk(v: &mut Value, mut pick: usize, part: Value) {
        if pick == 0 {
            *v = part;
            return;
        }
        pick -= 1;
        let children: Vec<&mut Value> = match v {
            Value::Array(a) => a.iter_mut().collect(),
            Value::Object(o) => o.values_mut().collect(),
            _ => return,
        };
        for child in children {
            let n = count(child);
            if pick < n {
                return walk(child, pick, part);
            }
            pick -= n;
        }
    }
    let n = count(example);
    walk(example, pick % n, part);
}

/// Every reply and error example of every vendor, parsed.
fn reply_examples() -> Vec<(Roundtrip, Example, Value)> {
    vendors()
        .into_iter()
        .flat_map(|v| {
            v.examples
                .iter()
                .filter(|e| matches!(e.kind, ExampleKind::Response | ExampleKind::Error))
                .filter_map(move |e| Some((v.roundtrip, *e, serde_json::from_str(e.json).ok()?)))
        })
        .collect()
}

/// Every wire name the Kedacom module decodes (`field req "…"`,
/// `field opt "…"` in its `object_serde!` tables), from the checked-in
/// generated source.
fn kedacom_field_names() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/generated/kedacom.rs");
    let source = std::fs::read_to_string(path).expect("the generated Kedacom module");
    let words: Vec<&str> = source.split_whitespace().collect();
    let mut names: Vec<String> = words
        .windows(2)
        .filter(|pair| matches!(pair[0], "req" | "opt" | "req_either" | "opt_either"))
        .filter_map(|pair| Some(pair[1].strip_prefix('"')?.split_once('"')?.0.to_string()))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Objects keyed by `names`, with arbitrary values nested a few levels.
fn objects_of(names: Vec<String>) -> impl Strategy<Value = Value> {
    let key = prop::sample::select(names);
    let leaf = any_json();
    leaf.prop_recursive(3, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// One runtime and server for every case.
fn kedacom_server() -> &'static (tokio::runtime::Runtime, HostileServer) {
    static SERVER: OnceLock<(tokio::runtime::Runtime, HostileServer)> = OnceLock::new();
    SERVER.get_or_init(|| {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime");
        let server = runtime.block_on(HostileServer::start(Fault::reply(500, "unscripted")));
        server.count_only();
        (runtime, server)
    })
}

/// Sends the Kedacom calls whose replies no example shows, each answered
/// with `reply` plus the success flag; any outcome but a panic is fine.
fn kedacom_calls_answered_with(reply: &Value) {
    let (runtime, server) = kedacom_server();
    let mut body = match reply {
        Value::Object(_) => reply.clone(),
        other => serde_json::json!({ "data": other }),
    };
    body["success"] = Value::from(1);
    server.script(std::iter::repeat_n(Fault::json(200, &body), 4));
    let client = kedacom::Client::builder(meeting_api_client::auth::KedacomCredentials::new("t"))
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("valid configuration");
    runtime.block_on(async {
        let _ = client
            .get_meeting(&kedacom::GetMeetingRequest::new("m1"))
            .await;
        let _ = client.get_resources(&Default::default()).await;
        let _ = client.get_version(&Default::default()).await;
        let _ = client.list_meetings(&Default::default()).await;
    });
}

#[test]
fn the_kedacom_field_vocabulary_is_read_from_the_generated_module() {
    let names = kedacom_field_names();
    assert!(names.len() > 50, "{names:?}");
    assert!(names.iter().any(|n| n == "file_type"), "{names:?}");
}

#[test]
fn there_are_reply_examples_to_mutate() {
    assert!(reply_examples().len() >= 4);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics_a_reply_decoder(json in any_json()) {
        decode_everywhere(&json.to_string());
    }

    #[test]
    fn a_document_example_with_any_part_replaced_never_panics_its_decoder(
        pick in any::<usize>(),
        part in any_json(),
    ) {
        for (roundtrip, example, mut value) in reply_examples() {
            replace_node(&mut value, pick, part.clone());
            let json: &'static str = Box::leak(value.to_string().into_boxed_str());
            let _ = roundtrip(&Example { json, ..example });
        }
    }

    #[test]
    fn kedacom_replies_no_example_shows_never_panic_their_decoders(
        reply in objects_of(kedacom_field_names()),
    ) {
        kedacom_calls_answered_with(&reply);
    }
}
