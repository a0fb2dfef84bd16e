//! Secrets stay secret, for every field the specs mark `sensitive: true`, of
//! every vendor, found by walking the model (no hand-kept list).
//!
//! For each such field a valid request holds (built from the model by
//! `meeting_api_tests::valid_requests`), a marker value put there never shows
//! in the request's `Debug`, and a value breaking each of the field's rules
//! (too long, a character outside its set) is rejected by a violation naming
//! the field whose message quotes neither the marker nor the offending
//! character. A last test fails when a field that the document calls a
//! password, a key or a token is not marked at all.

use std::collections::BTreeSet;

use meeting_api_codegen::model::{Api, CharRule, CheckKind, Field, Ty, TypeDecl, TypeId, Vendor};
use meeting_api_tests::valid_requests::{char_pool, Requests, Site, Tape};
use meeting_api_tests::{debug_request, load_specs, operations, validate_request};
use serde_json::Value;

/// The secret a test puts in a field: letters and digits, which every
/// password rule of the specs allows, and short enough for every limit.
const MARKER: &str = "Pw9Marker";

/// (vendor, type, wire name): one field declaration.
type Declared = (String, String, String);

/// The same request with `value` at the site's place.
fn with(base: &Value, site: &Site, value: &str) -> Value {
    let mut request = base.clone();
    *request
        .pointer_mut(&site.pointer)
        .unwrap_or_else(|| panic!("{} is in the request", site.pointer)) = Value::from(value);
    request
}

/// A character the rule rejects anywhere.
fn outside(rule: &CharRule) -> char {
    let (pool, _) = char_pool(Some(rule));
    let candidate = rule.forbid.chars().next().unwrap_or('§');
    assert!(!pool.contains(&candidate), "{candidate:?} breaks {rule:?}");
    candidate
}

/// Values breaking one rule of the field each, with the text no message may
/// show besides the marker: (label, value, also hidden).
fn breaking_values(f: &Field) -> Vec<(String, String, Option<char>)> {
    let too_long = |n: u64| MARKER.repeat(n as usize / MARKER.len() + 1);
    f.checks
        .iter()
        .filter_map(|c| match &c.kind {
            CheckKind::MaxChars(n) | CheckKind::MaxBytes(n) | CheckKind::Length(n) => {
                Some((format!("{} {n}", c.kind.key()), too_long(*n), None))
            }
            CheckKind::Chars(rule) => {
                let bad = outside(rule);
                Some(("chars".to_string(), format!("{MARKER}{bad}"), Some(bad)))
            }
            _ => None,
        })
        .collect()
}

/// Every field marked sensitive that a request can carry: of a request, or of
/// a struct requests contain.
fn declared_in_requests(api: &Api) -> BTreeSet<Declared> {
    let mut out = BTreeSet::new();
    for vendor in &api.vendors {
        let key = |owner: String, f: &Field| (vendor.name.clone(), owner, f.wire.clone());
        for op in &vendor.operations {
            let fields = op.request_fields();
            let secret = fields.iter().filter(|f| f.sensitive);
            out.extend(secret.map(|f| key(op.request_type(), f)));
        }
        for decl in &vendor.types {
            if let TypeDecl::Struct(s) = decl {
                let secret = s.fields.iter().filter(|f| f.sensitive && s.in_requests);
                out.extend(secret.map(|f| key(s.name.clone(), f)));
            }
        }
    }
    out
}

/// What went wrong with one sensitive field of one request.
fn check_site(vendor: &str, op: &str, base: &Value, site: &Site) -> Vec<String> {
    let mut failures = Vec::new();
    let json = with(base, site, MARKER).to_string();
    match debug_request(vendor, op, &json) {
        Some(Ok(shown)) if shown.contains(MARKER) || !shown.contains("***") => {
            failures.push(format!("{vendor} {op} {}: Debug shows {shown}", site.path));
        }
        Some(Ok(_)) => {}
        other => failures.push(format!("{vendor} {op} {}: {other:?}", site.path)),
    }
    for (label, value, bad) in breaking_values(&site.field) {
        let json = with(base, site, &value).to_string();
        let Some(Ok(Err(violations))) = validate_request(vendor, op, &json) else {
            failures.push(format!("{vendor} {op} {} {label}: not rejected", site.path));
            continue;
        };
        if !violations.0.iter().any(|v| v.path == site.path) {
            failures.push(format!(
                "{vendor} {op} {} {label}: {violations:?}",
                site.path
            ));
        }
        let messages = violations.to_string();
        let leaks = messages.contains(MARKER) || bad.is_some_and(|c| messages.contains(c));
        if leaks {
            failures.push(format!("{vendor} {op} {} {label}: {messages}", site.path));
        }
    }
    failures
}

#[test]
fn no_sensitive_field_of_any_vendor_shows_in_debug_or_in_a_violation_message() {
    let api = load_specs();
    let (mut failures, mut reached) = (Vec::new(), BTreeSet::new());
    for vendor in &api.vendors {
        let requests = Requests::new(vendor);
        for op in &vendor.operations {
            // The fullest request first, then varied ones for fields present
            // only under some condition.
            let tapes = std::iter::once(Tape::constant(u64::MAX, 100_000))
                .chain((1..=8u64).map(|seed| Tape::new((0..4_000).map(|i| i * seed).collect())));
            for mut tape in tapes {
                let base = requests.request(op, &mut tape);
                for site in requests.sites(op, &base) {
                    if !site.field.sensitive {
                        continue;
                    }
                    let declared = (
                        vendor.name.clone(),
                        site.owner.type_name(),
                        site.field.wire.clone(),
                    );
                    if reached.insert(declared) {
                        failures.extend(check_site(&vendor.name, &op.name, &base, &site));
                    }
                }
            }
        }
    }
    let declared = declared_in_requests(&api);
    let missing: Vec<_> = declared.difference(&reached).collect();
    assert!(
        missing.is_empty(),
        "sensitive fields no request reached: {missing:#?}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every vendor that documents a secret is exercised.
    let vendors: BTreeSet<&str> = reached.iter().map(|(v, _, _)| v.as_str()).collect();
    assert_eq!(
        vendors,
        BTreeSet::from(["kedacom", "tencent_meeting", "yxt"]),
        "{reached:#?}"
    );
}

/// Words by which the documents name a secret.
const SECRET_WORDS: &[&str] = &["password", "passwd", "secret", "token", "密码", "密钥"];

/// Whether the field's wire name, document name or description names a secret.
fn names_a_secret(f: &Field) -> bool {
    let doc = &f.doc;
    let texts = [Some(&f.wire), doc.doc_name.as_ref(), doc.text.as_ref()];
    texts
        .into_iter()
        .flatten()
        .any(|t| SECRET_WORDS.iter().any(|w| t.to_lowercase().contains(w)))
}

#[test]
fn every_text_field_the_document_calls_a_password_key_or_token_is_marked_sensitive() {
    let api = load_specs();
    let (mut unmarked, mut marked) = (Vec::new(), 0);
    for vendor in &api.vendors {
        let params = vendor.operations.iter().flat_map(|op| {
            let fields = op.request_fields();
            fields.into_iter().map(move |f| (op.request_type(), f))
        });
        let members = vendor.types.iter().flat_map(|decl| match decl {
            TypeDecl::Struct(s) => s
                .fields
                .iter()
                .map(|f| (s.name.clone(), f.clone()))
                .collect(),
            TypeDecl::Enum(_) => Vec::new(),
        });
        // A flag (`enable_live_password: bool`) says whether there is a
        // secret; only text can hold one.
        for (owner, f) in params.chain(members) {
            if f.ty == Ty::String && names_a_secret(&f) {
                if f.sensitive {
                    marked += 1;
                } else {
                    unmarked.push(format!("{} {owner}.{}", vendor.name, f.wire));
                }
            }
        }
    }
    assert!(unmarked.is_empty(), "not marked sensitive: {unmarked:#?}");
    assert!(marked >= 10, "only {marked} secrets found");
}

/// Whether a value of `ty` can hold a field marked sensitive, at any depth.
fn reaches_a_secret(vendor: &Vendor, ty: &Ty, seen: &mut BTreeSet<TypeId>) -> bool {
    match ty {
        Ty::Array(item) => reaches_a_secret(vendor, item, seen),
        Ty::Struct(id) => {
            seen.insert(*id)
                && vendor
                    .fields_of(*id)
                    .iter()
                    .any(|f| f.sensitive || reaches_a_secret(vendor, &f.ty, seen))
        }
        _ => false,
    }
}

#[test]
fn an_operation_whose_reply_can_hold_a_secret_says_so_in_its_vendor_s_operation_table() {
    let api = load_specs();
    let mut marked = Vec::new();
    for vendor in &api.vendors {
        let table = operations(&vendor.name)
            .unwrap_or_else(|| panic!("tests/src/lib.rs `operations` lacks {}", vendor.name));
        assert_eq!(table.len(), vendor.operations.len(), "{}", vendor.name);
        for (op, info) in vendor.operations.iter().zip(table) {
            assert_eq!(info.name, op.spec_name, "{}", vendor.name);
            let reply = op.response.ty.as_ref();
            let secret = reply.is_some_and(|t| reaches_a_secret(vendor, t, &mut BTreeSet::new()));
            assert_eq!(info.reply_secrets, secret, "{} {}", vendor.name, op.name);
            if secret {
                marked.push(format!("{} {}", vendor.name, op.name));
            }
        }
    }
    // The documents have replies with passwords (Kedacom's meetings): a
    // table that marks none would pass the loop above only by accident.
    assert!(!marked.is_empty(), "no reply of any vendor holds a secret");
}
