//! Every documented constraint of every field, of every vendor, at its edge.
//!
//! For each field a valid request holds (built from the model by
//! `meeting_api_tests::valid_requests`), the value is moved exactly onto the
//! limit (accepted) and one step past it (rejected with exactly one violation:
//! that field's path, that rule, that limit, the vendor's key). A 64-byte
//! limit admits 64 bytes and rejects 65, with a 3-byte character straddling
//! the limit; `length: 11` rejects 10 and 12; an allowed-value set accepts
//! each value and rejects the nearest other; an enumeration accepts each
//! documented code and rejects an undocumented one; a field marked
//! `sensitive` is rejected with the same violation, its value redacted. The
//! test also proves that
//! every constraint the specs declare was reached.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use meeting_api_client::validation::{Format as VFormat, Rule as VRule, Violation};
use meeting_api_codegen::model::{Api, CharRule, CheckKind, Field, Format, Literal, Ty, TypeDecl};
use meeting_api_tests::valid_requests::{
    char_pool, char_rule, items_bounds, literal_json, text_limits, Keep, Requests, Site, Tape,
};
use meeting_api_tests::{load_specs, validate_request};
use serde_json::{json, Value};

/// One request to validate and what the validator must say.
struct Case {
    label: String,
    request: Value,
    expect: Option<Violation>,
}

/// (type, field, constraint): what a case exercises.
type Covered = (String, String, &'static str);

/// Limits the JSON route cannot reach: a 20 MB file as a JSON array of bytes
/// would dwarf the test. `a_kedacom_upload_of_exactly_20_mb_…` below checks it
/// on the typed value; a new file limit fails this test until it has its own.
const FILE_LIMITS_TESTED_ON_TYPED_VALUES: &[&str] = &["UploadMeetingFileBody.file"];

/// A vendor key as the runtime holds it (`&'static str`).
fn key(c: Option<&String>) -> Option<&'static str> {
    c.map(|k| &*Box::leak(k.clone().into_boxed_str()))
}

fn violation(path: &str, rule: VRule, key: Option<&'static str>) -> Option<Violation> {
    Some(Violation {
        path: path.to_string(),
        rule,
        vendor_key: key,
    })
}

fn runtime_format(f: Format) -> VFormat {
    match f {
        Format::Iso8601 => VFormat::Iso8601,
        Format::Iso8601LocalOrOffset => VFormat::Iso8601LocalOrOffset,
        Format::TimestampS => VFormat::TimestampS,
        Format::DateTime => VFormat::DateTime,
        Format::TimestampMs => VFormat::TimestampMs,
        Format::RgbHex => VFormat::RgbHex,
    }
}

/// Deterministic word streams (splitmix64) for the base requests.
fn tape(seed: u64) -> Tape {
    let mut x = seed;
    let words = (0..2000)
        .map(|_| {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
        .collect();
    Tape::new(words)
}

/// A string of `n` characters, each allowed by the field's rules, made of
/// multi-byte characters where nothing limits bytes (so that a character
/// limit is not mistaken for a byte limit).
fn fill(f: &Field, n: usize) -> String {
    let (_, _, max_bytes) = text_limits(&f.checks);
    let (pool, ends) = char_pool(char_rule(&f.checks));
    let wide = max_bytes.is_none();
    let pick = |set: &[char]| -> char {
        let wanted = if wide { '会' } else { 'a' };
        if set.contains(&wanted) {
            wanted
        } else {
            *set.iter()
                .find(|c| c.is_ascii_alphanumeric())
                .or(set.first())
                .expect("an allowed character")
        }
    };
    let (inner, edge) = (pick(&pool), pick(&ends));
    (0..n)
        .map(|i| if i == 0 || i + 1 == n { edge } else { inner })
        .collect()
}

/// The length a character-rule probe uses: at least 3, within the limits.
fn probe_len(f: &Field) -> usize {
    match text_limits(&f.checks) {
        (Some(n), _, _) => n,
        (None, chars, bytes) => 3.min(chars.unwrap_or(3)).min(bytes.unwrap_or(3)),
    }
}

fn with(base: &Value, site: &Site, value: Value) -> Value {
    let mut request = base.clone();
    *request
        .pointer_mut(&site.pointer)
        .unwrap_or_else(|| panic!("{} is in the request", site.pointer)) = value;
    request
}

/// The cases of one string/number/array constraint of a field.
fn constraint_cases(
    requests: &Requests,
    base: &Value,
    site: &Site,
    kind: &CheckKind,
    key: Option<&'static str>,
) -> Vec<Case> {
    let f = &site.field;
    let p = site.path.as_str();
    let case = |label: String, v: Value, expect: Option<Violation>| Case {
        label,
        request: with(base, site, v),
        expect,
    };
    let mut out = Vec::new();
    match kind {
        CheckKind::MaxChars(n) => {
            let n = *n as usize;
            out.push(case(format!("{n} characters"), json!(fill(f, n)), None));
            let actual = n + 1;
            let rule = VRule::MaxChars { limit: n, actual };
            out.push(case(
                format!("{actual} characters"),
                json!(fill(f, actual)),
                violation(p, rule, key),
            ));
        }
        CheckKind::MaxBytes(n) => {
            let n = *n as usize;
            let (pool, _) = char_pool(char_rule(&f.checks));
            let (at_limit, over) = if pool.contains(&'会') {
                // As many 3-byte characters as fit, then ASCII: exactly n
                // bytes; and n - 2 ASCII bytes with one 3-byte character
                // straddling the limit.
                (
                    "会".repeat(n / 3) + &"a".repeat(n % 3),
                    "a".repeat(n - 2) + "会",
                )
            } else {
                // Only ASCII is allowed: a byte is a character.
                (fill(f, n), fill(f, n + 1))
            };
            assert_eq!((at_limit.len(), over.len()), (n, n + 1), "{p}");
            let chars = at_limit.chars().count();
            out.push(case(
                format!("{n} bytes ({chars} characters)"),
                json!(at_limit),
                None,
            ));
            let rule = VRule::MaxBytes {
                limit: n,
                actual: n + 1,
            };
            out.push(case(
                format!("{} bytes: {over:?}", n + 1),
                json!(over),
                violation(p, rule, key),
            ));
        }
        CheckKind::Length(n) => {
            let n = *n as usize;
            out.push(case(
                format!("exactly {n} characters"),
                json!(fill(f, n)),
                None,
            ));
            for actual in [n - 1, n + 1] {
                let rule = VRule::ExactChars {
                    expected: n,
                    actual,
                };
                out.push(case(
                    format!("{actual} characters"),
                    json!(fill(f, actual)),
                    violation(p, rule, key),
                ));
            }
        }
        CheckKind::Chars(rule) => out.extend(chars_cases(base, site, rule, key)),
        CheckKind::Format(format) => out.extend(format_cases(base, site, *format, key)),
        CheckKind::Range { min, max } => {
            for (bound, step) in [(min, -1), (max, 1)] {
                let Some(b) = *bound else { continue };
                out.push(case(format!("{b}"), json!(b), None));
                let rule = VRule::Range {
                    min: *min,
                    max: *max,
                    actual: (b + step).to_string(),
                };
                out.push(case(
                    format!("{}", b + step),
                    json!(b + step),
                    violation(p, rule, key),
                ));
            }
        }
        CheckKind::OneOf(values) => {
            for v in values {
                out.push(case(format!("allowed {v:?}"), literal_json(v), None));
            }
            let (other, allowed, actual) = not_one_of(values);
            let rule = VRule::OneOf { allowed, actual };
            out.push(case(
                format!("{other} (not allowed)"),
                other,
                violation(p, rule, key),
            ));
        }
        CheckKind::MinItems(_) | CheckKind::MaxItems(_) => {
            let Ty::Array(item) = &f.ty else {
                panic!("{p}: items limit on a non-array")
            };
            let (lo, hi) = items_bounds(&f.checks);
            // One past the limit: above a maximum, below a minimum (none below 0).
            let (at, past) = match kind {
                CheckKind::MaxItems(_) => (hi, Some(hi + 1)),
                _ => (lo, lo.checked_sub(1)),
            };
            let items = |count: usize| {
                let mut t = Tape::constant(u64::MAX, 100_000);
                Value::Array(
                    (0..count)
                        .map(|_| requests.value(item, &[], &mut t, 1))
                        .collect(),
                )
            };
            out.push(case(format!("{at} items"), items(at), None));
            if let Some(actual) = past {
                let rule = match kind {
                    CheckKind::MaxItems(n) => VRule::MaxItems {
                        limit: *n as usize,
                        actual,
                    },
                    _ => VRule::MinItems { limit: at, actual },
                };
                out.push(case(
                    format!("{actual} items"),
                    items(actual),
                    violation(p, rule, key),
                ));
            }
        }
        CheckKind::MinChars(n) => {
            let n = *n as usize;
            out.push(case(format!("{n} characters"), json!(fill(f, n)), None));
            if let Some(actual) = n.checked_sub(1) {
                let rule = VRule::MinChars { limit: n, actual };
                out.push(case(
                    format!("{actual} characters"),
                    json!(fill(f, actual)),
                    violation(p, rule, key),
                ));
            }
        }
        CheckKind::MinBytes(_) | CheckKind::MaxWidth(_) => {
            unreachable!(
                "{p}: byte minimums and widths are walked on the corpus (corpus_values.rs)"
            )
        }
        CheckKind::MaxFileBytes(_) => unreachable!("file limits are tested on typed values"),
    }
    out
}

/// A value outside an allowed-value set, the set as the validator lists it,
/// and the value as it shows it.
fn not_one_of(values: &[Literal]) -> (Value, String, String) {
    let shown: Vec<String> = values
        .iter()
        .map(|v| match v {
            Literal::Str(s) => s.clone(),
            Literal::Int(i) => i.to_string(),
            other => panic!("an allowed value {other:?}"),
        })
        .collect();
    match values.first() {
        Some(Literal::Str(_)) => ("ZZ".into(), shown.join(", "), "\"ZZ\"".into()),
        _ => {
            let ints: HashSet<i64> = values
                .iter()
                .filter_map(|v| match v {
                    Literal::Int(i) => Some(*i),
                    _ => None,
                })
                .collect();
            let first = *ints.iter().min().expect("allowed values");
            let other = (first..).find(|i| !ints.contains(i)).expect("a gap");
            (json!(other), shown.join(", "), other.to_string())
        }
    }
}

fn chars_cases(base: &Value, site: &Site, rule: &CharRule, key: Option<&'static str>) -> Vec<Case> {
    let f = &site.field;
    let p = site.path.as_str();
    let n = probe_len(f);
    assert!(n >= 3, "{p}: a character rule on strings shorter than 3");
    let (pool, ends) = char_pool(Some(rule));
    let mut out = Vec::new();
    // Every allowed character, in the middle, is accepted.
    let mut every = String::new();
    every.push(ends[0]);
    for c in pool.iter().take(n - 2) {
        every.push(*c);
    }
    while every.chars().count() < n - 1 {
        every.push(pool[0]);
    }
    every.push(ends[0]);
    out.push(Case {
        label: format!("allowed characters {every:?}"),
        request: with(base, site, json!(every)),
        expect: None,
    });
    let middle = |c: char| -> String {
        let s = fill(f, n);
        let mut chars: Vec<char> = s.chars().collect();
        chars[1] = c;
        chars.into_iter().collect()
    };
    let mut offending: Vec<char> = rule.forbid.chars().collect();
    if rule.restricted {
        // Outside the allowed classes: a Chinese character, and punctuation.
        offending.extend(['会', '!'].into_iter().filter(|c| !pool.contains(c)));
    }
    for c in offending {
        let rule = VRule::Chars {
            offending: c,
            position: 2,
            at_end: false,
        };
        out.push(Case {
            label: format!("{c:?} inside"),
            request: with(base, site, json!(middle(c))),
            expect: violation(p, rule, key),
        });
    }
    for c in rule.forbid_at_ends.chars().filter(|c| pool.contains(c)) {
        let inner = middle(c);
        out.push(Case {
            label: format!("{c:?} inside (allowed there)"),
            request: with(base, site, json!(inner)),
            expect: None,
        });
        for (label, position, s) in [
            (
                "first",
                1,
                format!(
                    "{c}{}",
                    &fill(f, n)[fill(f, n).chars().next().unwrap().len_utf8()..]
                ),
            ),
            ("last", n, {
                let mut s: Vec<char> = fill(f, n).chars().collect();
                s[n - 1] = c;
                s.into_iter().collect()
            }),
        ] {
            let rule = VRule::Chars {
                offending: c,
                position,
                at_end: true,
            };
            out.push(Case {
                label: format!("{c:?} {label}"),
                request: with(base, site, json!(s)),
                expect: violation(p, rule, key),
            });
        }
    }
    out
}

fn format_cases(base: &Value, site: &Site, format: Format, key: Option<&'static str>) -> Vec<Case> {
    let p = site.path.as_str();
    let current = base.pointer(&site.pointer).cloned().unwrap_or(Value::Null);
    let as_number = current.is_number();
    let (accepted, rejected): (Vec<Value>, Vec<Value>) = match format {
        Format::DateTime => (
            vec![json!("2024-02-29 23:59:59"), json!("2000-01-01 00:00:00")],
            vec![
                json!("2023-02-29 10:00:00"), // not a calendar date
                json!("2024-02-29T10:00:00"),
                json!("2024-2-29 10:00:00"),
                json!("2024-02-29 24:00:00"),
            ],
        ),
        Format::Iso8601 => (
            vec![
                json!("2020-07-24T15:30:00+08:00"),
                json!("2024-02-29T23:59:59Z"),
            ],
            vec![
                json!("2020-07-24T15:30:00"), // no offset
                json!("2020-07-24 15:30:00+08:00"),
                json!("2023-02-29T10:00:00+08:00"),
            ],
        ),
        Format::Iso8601LocalOrOffset => (
            vec![
                json!("2020-07-24T15:30:00"), // 格式为ISO8601:2000标准: no offset needed
                json!("2020-07-24T15:30:00+08:00"),
            ],
            vec![
                json!("2020-07-24 15:30:00"),
                json!("2023-02-29T10:00:00"),
                json!("2020-07-24T15:30"),
            ],
        ),
        Format::TimestampS if as_number => (
            vec![json!(1_577_836_800_i64), json!(0)],
            vec![json!(15_778_368_000_i64), json!(-1)],
        ),
        Format::TimestampS => (
            vec![json!("1577836800"), json!("0")],
            vec![json!("15778368000"), json!("-1"), json!("1577836800.0")],
        ),
        Format::TimestampMs if as_number => (
            vec![json!(1_660_270_926_732_i64), json!(1_000_000_000_000_i64)],
            vec![json!(166_027_092_673_i64), json!(16_602_709_267_320_i64)],
        ),
        Format::TimestampMs => (
            vec![json!("1660270926732")],
            vec![json!("166027092673"), json!("1660270926732x")],
        ),
        Format::RgbHex => (
            vec![json!("#FFFFFF"), json!("#00a0ff")],
            vec![json!("FFFFFF"), json!("#FFFFF"), json!("#GGGGGG")],
        ),
    };
    let mut out = Vec::new();
    for v in accepted {
        out.push(Case {
            label: format!("{v}"),
            request: with(base, site, v),
            expect: None,
        });
    }
    for v in rejected {
        let rule = VRule::Format {
            format: runtime_format(format),
        };
        out.push(Case {
            label: format!("{v}"),
            request: with(base, site, v),
            expect: violation(p, rule, key),
        });
    }
    out
}

fn enum_cases(
    requests: &Requests,
    base: &Value,
    site: &Site,
    key: Option<&'static str>,
) -> Vec<Case> {
    let (id, in_array) = match &site.field.ty {
        Ty::Enum(id, _) => (*id, false),
        Ty::Array(item) => match item.as_ref() {
            Ty::Enum(id, _) => (*id, true),
            _ => unreachable!(),
        },
        _ => unreachable!(),
    };
    let wrap = |v: Value| if in_array { json!([v]) } else { v };
    let mut out = Vec::new();
    let codes = requests.codes(id);
    for code in &codes {
        out.push(Case {
            label: format!("documented {code:?}"),
            request: with(base, site, wrap(literal_json(code))),
            expect: None,
        });
    }
    let (unknown, shown) = match codes.first() {
        Some(Literal::Str(_)) => (json!("undocumented"), "\"undocumented\"".to_string()),
        _ => (json!(987_654), "987654".to_string()),
    };
    let path = if in_array {
        format!("{}[0]", site.path)
    } else {
        site.path.clone()
    };
    let rule = VRule::UnknownValue { actual: shown };
    out.push(Case {
        label: format!("undocumented {unknown}"),
        request: with(base, site, wrap(unknown)),
        expect: violation(&path, rule, key),
    });
    out
}

/// Every (type, field, constraint) a request of the specs can hold.
fn declared(api: &Api) -> BTreeSet<Covered> {
    let mut out = BTreeSet::new();
    for vendor in &api.vendors {
        let structs: BTreeMap<&str, &Vec<Field>> = vendor
            .types
            .iter()
            .filter_map(|t| match t {
                TypeDecl::Struct(s) if s.in_requests => Some((s.name.as_str(), &s.fields)),
                _ => None,
            })
            .collect();
        let mut add = |owner: &str, fields: &[Field]| {
            for f in fields {
                for c in &f.checks {
                    out.insert((owner.to_string(), f.wire.clone(), c.kind.key()));
                }
                if f.ty.is_enum_valued() {
                    out.insert((owner.to_string(), f.wire.clone(), "enum"));
                }
            }
        };
        for op in &vendor.operations {
            add(&op.request_type(), &op.request_fields());
        }
        for (name, fields) in structs {
            add(name, fields);
        }
    }
    out
}

/// The cases of every constraint of every field present in `base`.
fn cases_of<'s, 'a>(
    requests: &Requests,
    base: &Value,
    sites: &'s [Site<'a>],
    seen: &mut HashSet<(String, String, &'static str)>,
    covered: &mut BTreeSet<Covered>,
) -> Vec<(String, Case, &'s Site<'a>)> {
    let mut out = Vec::new();
    for site in sites {
        let normalized: String = site
            .path
            .split('[')
            .map(|s| s.split_once(']').map_or(s, |(_, r)| r))
            .collect::<Vec<_>>()
            .join("[]");
        let owner = site.owner.type_name();
        let mut kinds: Vec<(&'static str, Option<&CheckKind>, Option<&'static str>)> = site
            .field
            .checks
            .iter()
            .map(|c| (c.kind.key(), Some(&c.kind), key(c.error_key.as_ref())))
            .collect();
        if site.field.ty.is_enum_valued() {
            kinds.push(("enum", None, key(site.field.enum_error_key.as_ref())));
        }
        for (kind_key, kind, vkey) in kinds {
            if !seen.insert((normalized.clone(), owner.clone(), kind_key)) {
                continue;
            }
            let label = format!("{owner}.{} {kind_key}", site.field.wire);
            if kind_key == "max_file_bytes" {
                assert!(
                    FILE_LIMITS_TESTED_ON_TYPED_VALUES
                        .contains(&format!("{owner}.{}", site.field.wire).as_str()),
                    "{label}: add a typed test of this file limit"
                );
                covered.insert((owner.clone(), site.field.wire.clone(), kind_key));
                continue;
            }
            let cases = match kind {
                Some(k) => constraint_cases(requests, base, site, k, vkey),
                None => enum_cases(requests, base, site, vkey),
            };
            covered.insert((owner.clone(), site.field.wire.clone(), kind_key));
            out.extend(cases.into_iter().map(|c| (label.clone(), c, site)));
        }
    }
    out
}

/// Makes the other rules hold again around a changed value: the object that
/// holds it (a changed time moves its partner), then the object holding the
/// array it is an item of (the other items' periods move around it). The
/// changed value stays, unless it is a whole array.
fn repair(requests: &Requests, sites: &[Site], request: &mut Value, site: &Site) {
    let field = (!matches!(site.field.ty, Ty::Array(_))).then_some(site.field.wire.as_str());
    let keep = Keep { field, item: None };
    requests.repair_at(request, &site.parent, site.owner, keep);
    let Some((array_pointer, index)) = site.parent.rsplit_once('/') else {
        return;
    };
    let Ok(index) = index.parse::<usize>() else {
        return;
    };
    let array = sites
        .iter()
        .find(|s| s.pointer == array_pointer)
        .expect("the array holding an item is a site");
    let keep = Keep {
        field: None,
        item: Some((array.field.wire.as_str(), index)),
    };
    requests.repair_at(request, &array.parent, array.owner, keep);
}

#[test]
fn every_documented_constraint_accepts_its_limit_and_rejects_one_past_it() {
    let api = load_specs();
    let mut failures = Vec::new();
    let mut covered = BTreeSet::new();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for vendor in &api.vendors {
        let requests = Requests::new(vendor);
        for op in &vendor.operations {
            let mut seen = HashSet::new();
            // The fullest request first, then varied ones for fields that
            // appear only under some condition.
            let tapes =
                std::iter::once(Tape::constant(u64::MAX, 100_000)).chain((1..=24).map(tape));
            for mut t in tapes {
                let base = requests.request(op, &mut t);
                let sites = requests.sites(op, &base);
                let cases = cases_of(&requests, &base, &sites, &mut seen, &mut covered);
                for (label, mut case, site) in cases {
                    // The other rules of the object hold again (a changed time
                    // moves its partner; an array is re-spaced); the changed
                    // value itself stays, unless it is an array.
                    repair(&requests, &sites, &mut case.request, site);
                    // A secret's violation keeps no part of its value.
                    if site.field.sensitive {
                        case.expect = case.expect.map(|e| Violation {
                            rule: e.rule.redacted(),
                            ..e
                        });
                    }
                    let json = case.request.to_string();
                    let got = validate_request(&vendor.name, &op.name, &json);
                    let entry = counts.entry(vendor.name.as_str()).or_default();
                    if case.expect.is_some() {
                        entry.1 += 1
                    } else {
                        entry.0 += 1
                    }
                    let ok = match (&got, &case.expect) {
                        (Some(Ok(Ok(()))), None) => true,
                        (Some(Ok(Err(v))), Some(e)) => v.0 == [e.clone()],
                        _ => false,
                    };
                    if !ok {
                        failures.push(format!(
                            "{} {} {label} = {}: expected {:?}, got {got:?}",
                            vendor.name, op.name, case.label, case.expect
                        ));
                    }
                }
            }
        }
    }
    let missing: Vec<_> = declared(&api).difference(&covered).cloned().collect();
    assert!(
        missing.is_empty(),
        "constraints no request reached: {missing:#?}"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every vendor has accepted and rejected cases.
    assert_eq!(counts.len(), 4, "{counts:?}");
    for (vendor, (accepted, rejected)) in &counts {
        assert!(
            *accepted > 0 && *rejected > 0,
            "{vendor}: {accepted} accepted, {rejected} rejected"
        );
    }
    eprintln!("cases per vendor (accepted, rejected): {counts:?}");
}
