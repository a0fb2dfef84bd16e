//! Every operation of every built-in vendor, called through our client
//! against the mock, succeeds: the operations come from the generated mock
//! tables (`__hooks::MOCK_TABLE`, built from the specs), each request is
//! the document's request example where it has one, else built from its
//! type's schema in that table (documented codes, lengths, character classes
//! and formats; the required fields, else every field), the first that the
//! generated validator accepts. It is sent through the client's core, routed,
//! authenticated, decoded and validated by the mock, and answered with a
//! reply the client decodes.

mod mock_support;

use meeting_api_client::mock::{MockServer, MockSpec};
use mock_support::{core_for, examples, send};
use serde_json::{json, Map, Value};

/// The generated table of each built-in vendor.
const TABLES: &[(&str, &str)] = &[
    (
        "tencent_meeting",
        meeting_api_client::tencent_meeting::__hooks::MOCK_TABLE,
    ),
    ("yxt", meeting_api_client::yxt::__hooks::MOCK_TABLE),
    ("polyv", meeting_api_client::polyv::__hooks::MOCK_TABLE),
    ("kedacom", meeting_api_client::kedacom::__hooks::MOCK_TABLE),
];

#[tokio::test]
async fn every_operation_of_every_vendor_succeeds_through_the_client() {
    let mut called = 0;
    for (vendor, table) in TABLES {
        let table: Value = serde_json::from_str(table).unwrap();
        let mock = MockServer::start(MockSpec::builtin(vendor).unwrap())
            .await
            .unwrap();
        let core = core_for(vendor, &mock);
        let operations = table["operations"].as_array().unwrap();
        assert!(!operations.is_empty(), "{vendor} has no operations");
        for op in operations {
            let name = op["name"].as_str().unwrap();
            let request = valid_request(vendor, &table, op);
            let reply = send(vendor, &core, name, &request.to_string()).await;
            assert!(reply.is_ok(), "{vendor}.{name} with {request}: {reply:?}");
            let received = mock.received(name);
            assert_eq!(received.len(), 1, "{vendor}.{name} was not received once");
            assert_eq!(
                received[0].status / 100,
                2,
                "{vendor}.{name}: {}",
                received[0]
            );
            called += 1;
        }
    }
    assert!(called >= TABLES.len());
}

/// The first request of `op` the generated validator accepts: with the
/// document's example body, then with required fields only, then with all.
fn valid_request(vendor: &str, table: &Value, op: &Value) -> Value {
    let name = op["name"].as_str().unwrap();
    let mut candidates: Vec<Value> = examples(vendor, name)
        .into_iter()
        .map(|body| {
            let mut request = sample(table, op, false);
            request["body"] = body;
            request
        })
        .collect();
    candidates.push(sample(table, op, false));
    candidates.push(sample(table, op, true));
    let valid = candidates
        .iter()
        .find(|r| matches!(validate(vendor, name, r), Some(Ok(Ok(())))));
    valid
        .unwrap_or_else(|| panic!("{vendor}.{name}: no valid request among {candidates:?}"))
        .clone()
}

type Checked =
    Option<Result<Result<(), meeting_api_client::validation::Violations>, serde_json::Error>>;

/// The generated validator's verdict on `request`.
fn validate(vendor: &str, operation: &str, request: &Value) -> Checked {
    use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt};
    let json = request.to_string();
    match vendor {
        "tencent_meeting" => tencent_meeting::__hooks::validate_request_json(operation, &json),
        "yxt" => yxt::__hooks::validate_request_json(operation, &json),
        "polyv" => polyv::__hooks::validate_request_json(operation, &json),
        _ => kedacom::__hooks::validate_request_json(operation, &json),
    }
}

/// A request of `op` built from the table: required parameters and body
/// fields, or (`all`) every one.
fn sample(table: &Value, op: &Value, all: bool) -> Value {
    let mut request = Map::new();
    for p in op["params"].as_array().unwrap() {
        if all || p["required"] == json!(true) {
            request.insert(wire(p), value(table, p, &p["type"], all));
        }
    }
    if let Some(body) = op["body"].as_object() {
        let ty = json!({ "struct": body["type"] });
        request.insert("body".into(), value(table, &json!({}), &ty, all));
    }
    Value::Object(request)
}

fn wire(field: &Value) -> String {
    field["wire"].as_str().unwrap().to_string()
}

/// A valid value of type `ty` for `field` (whose checks apply); objects
/// with their required fields, or (`all`) every field.
fn value(table: &Value, field: &Value, ty: &Value, all: bool) -> Value {
    if let Some(name) = ty.get("struct") {
        let fields = table["types"][name.as_str().unwrap()]["fields"]
            .as_array()
            .unwrap();
        let kept = fields
            .iter()
            .filter(|f| all || f["required"] == json!(true));
        return kept
            .map(|f| (wire(f), value(table, f, &f["type"], all)))
            .collect::<Map<_, _>>()
            .into();
    }
    if let Some(name) = ty.get("enum") {
        return table["types"][name.as_str().unwrap()]["codes"][0].clone();
    }
    if let Some(item) = ty.get("array") {
        let count = check(field, "min_items")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        return (0..count)
            .map(|_| value(table, field, item, all))
            .collect::<Vec<_>>()
            .into();
    }
    if let Some(allowed) = check(field, "one_of") {
        return allowed[0].clone();
    }
    match ty.as_str().unwrap() {
        "string" => json!(text(field)),
        "integer" => json!(integer(field)),
        "number" => json!(1.0),
        "boolean" => json!(false),
        "file" => json!({ "file_name": "a.txt", "content_type": null, "bytes": [104, 105] }),
        _ => json!({}),
    }
}

/// The limit of `field`'s check named `name`.
fn check<'a>(field: &'a Value, name: &str) -> Option<&'a Value> {
    let checks = field["checks"].as_array()?;
    checks
        .iter()
        .find(|c| c["check"] == json!(name))
        .map(|c| &c["limit"])
}

/// Text in the field's format, of its exact length, from allowed characters.
fn text(field: &Value) -> String {
    match check(field, "format").and_then(Value::as_str) {
        Some("iso8601") => return "2024-01-01T08:00:00+08:00".into(),
        Some("datetime") => return "2024-01-01 08:00:00".into(),
        Some("timestamp_ms") => return "1704067200000".into(),
        Some("rgb_hex") => return "#000000".into(),
        _ => {}
    }
    let letter = match check(field, "chars") {
        Some(rule) if rule["restricted"] == json!(true) && rule["letters"] != json!(true) => {
            if rule["digits"] == json!(true) {
                '1'
            } else {
                rule["extra"].as_str().unwrap().chars().next().unwrap()
            }
        }
        _ => 'a',
    };
    let length = check(field, "length").and_then(Value::as_u64).unwrap_or(1);
    std::iter::repeat_n(letter, length as usize).collect()
}

/// A whole number within the field's range: 1 when it allows it.
fn integer(field: &Value) -> i64 {
    let range = check(field, "range");
    let bound = |i: usize| range.and_then(|r| r[i].as_i64());
    1i64.clamp(bound(0).unwrap_or(i64::MIN), bound(1).unwrap_or(i64::MAX))
}
