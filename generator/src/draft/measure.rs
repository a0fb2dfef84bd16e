//! How well a draft agrees with our hand-written specs: per endpoint field,
//! the name, type, required flag, enumeration (codes and labels) and limits
//! (with their unit). Used by the seed tests, and by `audit` (which reads
//! the document side through [`draft_side`]).
//!
//! Both sides are flattened into the same neutral rows so that a draft's
//! inline objects and a spec's shared types compare alike. Only
//! [`spec_side`] knows the generator's model, so a rename there touches one
//! function.

// The figure (`compare`, `Agreement`, `spec_side`) is for the seed tests only.

use serde_yaml::{Mapping, Value};

#[cfg(test)]
use crate::model;

/// The compared attributes of one field.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Attrs {
    /// The document's name when the wire name differs (`doc_name`).
    pub doc_name: Option<String>,
    /// `string`, `integer`, `number`, `boolean`, `json`, `file`, `object`, `array`.
    pub ty: String,
    pub required: bool,
    /// Codes and labels in order.
    pub enumeration: Vec<(String, String)>,
    /// `max_chars=100`, `min=0`, … sorted.
    pub limits: Vec<String>,
    /// The default, the format and the character rule, as text (reported,
    /// not in the figure).
    pub extras: (Option<String>, Option<String>, Option<String>),
    /// The draft carries a `resolve:` marker on this field.
    pub marked: bool,
}

/// The fields of one operation, keyed `place:dotted.path`.
#[derive(Debug, Clone, Default)]
pub(crate) struct OpFields {
    pub name: String,
    pub method: String,
    /// The path with placeholders written `{}`.
    pub path: String,
    pub fields: Vec<(String, Attrs)>,
    /// The examples, in order: (kind, verbatim text).
    pub examples: Vec<(String, String)>,
}

#[cfg(test)]
/// The agreement of one vendor's draft with its spec.
#[derive(Debug, Default)]
pub(crate) struct Agreement {
    /// Attributes compared (5 per spec field).
    pub total: usize,
    /// Attributes the draft writes as the spec has them.
    pub right: usize,
    /// Of those, the ones on fields the draft marks with a question.
    pub right_but_marked: usize,
    /// What differs: `operation field attribute: spec … draft …`.
    pub differences: Vec<String>,
    /// Draft fields the spec does not have.
    pub extra: Vec<String>,
    /// Defaults, formats and character rules compared, and how many agree
    /// (outside the figure).
    pub extras_total: usize,
    pub extras_right: usize,
    /// What differs among defaults and formats.
    pub extras_differences: Vec<String>,
}

#[cfg(test)]
impl Agreement {
    /// Right attributes as a percentage.
    pub(crate) fn percent(&self) -> f64 {
        100.0 * self.right as f64 / self.total.max(1) as f64
    }

    /// Right attributes on fields without any marker, as a percentage.
    pub(crate) fn percent_unmarked(&self) -> f64 {
        100.0 * (self.right - self.right_but_marked) as f64 / self.total.max(1) as f64
    }
}

/// A path with every placeholder written `{}`, so `{meetingId}` and `{meeting_id}` compare equal.
fn normalize_path(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.trim_end_matches('/').chars() {
        match c {
            '{' => {
                depth += 1;
                out.push('{');
            }
            '}' => {
                depth -= 1;
                out.push('}');
            }
            _ if depth > 0 => {}
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------- the spec

#[cfg(test)]
/// Every operation of a vendor of the model, flattened.
pub(crate) fn spec_side(vendor: &model::Vendor) -> Vec<OpFields> {
    let walk = |prefix: &str, fields: &[model::Field], out: &mut Vec<(String, Attrs)>| {
        spec_fields(vendor, prefix, fields, out, 0, &[], Vec::new());
    };
    vendor
        .operations
        .iter()
        .map(|op| {
            let mut out = Vec::new();
            let mut path_params = op.path_params.clone();
            path_params.iter_mut().for_each(|f| f.required = true);
            walk("path:", &path_params, &mut out);
            walk("query:", &op.query, &mut out);
            if let Some(b) = &op.body {
                let rules = vendor.structure(b.ty).map_or(&[][..], |s| &s.rules);
                let fields = vendor.fields_of(b.ty);
                spec_fields(vendor, "body:", fields, &mut out, 0, rules, Vec::new());
            }
            if let Some(model::Ty::Struct(id)) = &op.response.ty {
                walk("response:", vendor.fields_of(*id), &mut out);
            }
            OpFields {
                name: op.name.clone(),
                method: op.method.as_str().to_string(),
                path: normalize_path(&op.path),
                fields: out,
                examples: Vec::new(),
            }
        })
        .collect()
}

#[cfg(test)]
/// The flattened keys (`body:vmp.members.chn_idx`) that a `require` rule of
/// the struct at `prefix` names inside its nested objects: a starred field of
/// a shared nested type may be required by a rule of the object holding it
/// rather than by `required:` (Kedacom's create_conference). A rule over the
/// struct's own fields transcribes a condition of the document's text and is
/// compared as the field's `required:` alone, as before.
fn required_by_rules(prefix: &str, rules: &[model::Rule]) -> Vec<String> {
    rules
        .iter()
        .filter_map(|r| match &r.kind {
            model::RuleKind::Require(paths) => Some(paths),
            _ => None,
        })
        .flatten()
        .filter(|p| p.steps.len() > 1)
        .map(|p| format!("{prefix}{}", p.wire.replace("[]", "")))
        .collect()
}

#[cfg(test)]
/// Flattens model fields under `prefix`, into the structs they name; `rules`
/// are those of the struct holding `fields`, `by_rules` the keys the rules of
/// the structs around it require.
#[allow(clippy::too_many_arguments)]
fn spec_fields(
    vendor: &model::Vendor,
    prefix: &str,
    fields: &[model::Field],
    out: &mut Vec<(String, Attrs)>,
    depth: usize,
    rules: &[model::Rule],
    mut by_rules: Vec<String>,
) {
    by_rules.extend(required_by_rules(prefix, rules));
    for f in fields {
        let key = format!("{prefix}{}", f.wire);
        let (ty, inner) = match &f.ty {
            model::Ty::Array(item) => ("array".to_string(), item.as_ref()),
            other => (spec_type(other), other),
        };
        let enumeration = match inner {
            model::Ty::Enum(id, _) => vendor.enumeration(*id).map(|e| {
                e.variants
                    .iter()
                    .map(|v| (literal(&v.code), v.label.clone()))
                    .collect()
            }),
            _ => None,
        };
        let attrs = Attrs {
            doc_name: f.doc.doc_name.clone(),
            ty,
            required: f.required || by_rules.contains(&key),
            enumeration: enumeration.unwrap_or_default(),
            limits: spec_limits(&f.checks),
            extras: (
                f.default.as_ref().map(literal),
                spec_format(&f.checks),
                spec_chars(&f.checks),
            ),
            marked: false,
        };
        out.push((key.clone(), attrs));
        if let (model::Ty::Struct(id), true) = (inner, depth < 8) {
            spec_fields(
                vendor,
                &format!("{key}."),
                vendor.fields_of(*id),
                out,
                depth + 1,
                vendor.structure(*id).map_or(&[][..], |s| &s.rules),
                by_rules.clone(),
            );
        }
    }
}

#[cfg(test)]
/// The compared type of a model type: an enumeration counts as its codes' type.
fn spec_type(ty: &model::Ty) -> String {
    match ty {
        model::Ty::String => "string",
        model::Ty::Integer => "integer",
        model::Ty::Number => "number",
        model::Ty::Boolean => "boolean",
        model::Ty::Json => "json",
        model::Ty::File => "file",
        model::Ty::Struct(_) => "object",
        model::Ty::Enum(_, model::EnumKind::Integer) => "integer",
        model::Ty::Enum(_, model::EnumKind::String) => "string",
        model::Ty::Array(_) => "array",
    }
    .to_string()
}

#[cfg(test)]
/// A model literal as text.
fn literal(l: &model::Literal) -> String {
    match l {
        model::Literal::Int(i) => i.to_string(),
        model::Literal::Str(s) => s.clone(),
        model::Literal::Bool(b) => b.to_string(),
        model::Literal::Float(f) => f.to_string(),
    }
}

#[cfg(test)]
/// The format a model field checks, by its spec name.
fn spec_format(checks: &[model::Check]) -> Option<String> {
    checks.iter().find_map(|c| match &c.kind {
        model::CheckKind::Format(f) => model::Format::NAMES
            .iter()
            .find(|n| model::Format::parse(n) == Some(*f))
            .map(|n| n.to_string()),
        _ => None,
    })
}

#[cfg(test)]
/// A model character rule as `letters digits extra/forbid/ends`.
fn spec_chars(checks: &[model::Check]) -> Option<String> {
    checks.iter().find_map(|c| match &c.kind {
        model::CheckKind::Chars(r) => Some(chars_text(
            r.restricted.then_some((r.letters, r.digits)),
            &r.extra,
            &r.forbid,
            &r.forbid_at_ends,
        )),
        _ => None,
    })
}

/// A character rule in one comparable text.
fn chars_text(allow: Option<(bool, bool)>, extra: &str, forbid: &str, ends: &str) -> String {
    format!("{allow:?} {extra}/{forbid}/{ends}")
}

#[cfg(test)]
/// The compared limits of a model field, sorted.
fn spec_limits(checks: &[model::Check]) -> Vec<String> {
    let mut out: Vec<String> = checks
        .iter()
        .flat_map(|c| match &c.kind {
            model::CheckKind::MaxChars(n) => vec![format!("max_chars={n}")],
            model::CheckKind::MaxBytes(n) => vec![format!("max_bytes={n}")],
            model::CheckKind::Length(n) => vec![format!("length={n}")],
            model::CheckKind::Range { min, max } => min
                .iter()
                .map(|m| format!("min={m}"))
                .chain(max.iter().map(|m| format!("max={m}")))
                .collect(),
            model::CheckKind::OneOf(values) => {
                vec![format!(
                    "one_of={}",
                    values.iter().map(literal).collect::<Vec<_>>().join(",")
                )]
            }
            model::CheckKind::MaxItems(n) => vec![format!("max_items={n}")],
            model::CheckKind::MinItems(n) => vec![format!("min_items={n}")],
            _ => Vec::new(),
        })
        .collect();
    out.sort();
    out
}

// ---------------------------------------------------------------- the draft

/// Every operation of a draft (parsed YAML), flattened.
pub(crate) fn draft_side(draft: &Value) -> Vec<OpFields> {
    let empty = Mapping::new();
    let types = draft
        .get("types")
        .and_then(Value::as_mapping)
        .unwrap_or(&empty);
    let ops = draft
        .get("operations")
        .and_then(Value::as_mapping)
        .unwrap_or(&empty);
    ops.iter()
        .map(|(name, op)| {
            let mut out = Vec::new();
            let text = |v: &Value, k: &str| {
                v.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            for (place, key) in [("path:", "path_params"), ("query:", "query")] {
                if let Some(m) = op.get(key).and_then(Value::as_mapping) {
                    draft_fields(types, place, m, &mut out, 0);
                }
            }
            for (place, key) in [("body:", "body"), ("response:", "response")] {
                if let Some(m) = op.get(key).and_then(|b| object_fields(types, b)) {
                    draft_fields(types, place, m, &mut out, 0);
                }
            }
            OpFields {
                name: name.as_str().unwrap_or_default().to_string(),
                method: text(op, "method"),
                path: normalize_path(&text(op, "path")),
                fields: out,
                examples: draft_examples(op),
            }
        })
        .collect()
}

/// The examples of an operation node: (kind, verbatim).
fn draft_examples(op: &Value) -> Vec<(String, String)> {
    let examples = op.get("examples").and_then(Value::as_sequence);
    examples
        .into_iter()
        .flatten()
        .map(|e| {
            let text = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or_default();
            (text("kind").to_string(), text("verbatim").to_string())
        })
        .collect()
}

/// The fields of a node that has them inline or names a type that has them.
fn object_fields<'a>(types: &'a Mapping, node: &'a Value) -> Option<&'a Mapping> {
    if let Some(m) = node.get("fields").and_then(Value::as_mapping) {
        return Some(m);
    }
    let name = node.get("type").or(Some(node)).and_then(Value::as_str)?;
    types.get(name)?.get("fields").and_then(Value::as_mapping)
}

/// Flattens draft fields under `prefix`, into the objects and types they name.
fn draft_fields(
    types: &Mapping,
    prefix: &str,
    fields: &Mapping,
    out: &mut Vec<(String, Attrs)>,
    depth: usize,
) {
    for (name, f) in fields {
        let key = format!("{prefix}{}", name.as_str().unwrap_or_default());
        let ty = f.get("type").and_then(Value::as_str).unwrap_or_default();
        let item = f.get("items");
        // A named enum type holds `values` itself; an inline one under `enum`.
        let named_enum = |name: &str| types.get(name).filter(|t| t.get("enum").is_some());
        let (kind, children, values) = match ty {
            "array" => (
                "array".to_string(),
                item.and_then(|i| object_fields(types, i)),
                item.and_then(|i| {
                    inline_values(i).or_else(|| i.as_str().and_then(named_enum)?.get("values"))
                }),
            ),
            "object" => ("object".to_string(), object_fields(types, f), None),
            "string" | "integer" | "number" | "boolean" | "json" | "file" => {
                (ty.to_string(), None, inline_values(f))
            }
            name => match named_enum(name) {
                Some(t) => {
                    let kind = t.get("enum").and_then(Value::as_str).unwrap_or_default();
                    (kind.to_string(), None, t.get("values"))
                }
                None => ("object".to_string(), object_fields(types, f), None),
            },
        };
        let attrs = Attrs {
            doc_name: f
                .get("doc_name")
                .and_then(Value::as_str)
                .map(str::to_string),
            ty: kind,
            required: f.get("required").and_then(Value::as_bool).unwrap_or(false),
            enumeration: values.map(draft_enum).unwrap_or_default(),
            limits: draft_limits(f),
            extras: (
                f.get("default").map(scalar_text),
                f.get("format").map(scalar_text),
                f.get("chars").map(draft_chars),
            ),
            marked: marked(f),
        };
        out.push((key.clone(), attrs));
        if let (Some(children), true) = (children, depth < 8) {
            draft_fields(types, &format!("{key}."), children, out, depth + 1);
        }
    }
}

/// Whether a field carries a question about its facts; naming its enum
/// values (no document fact) does not count.
fn marked(f: &Value) -> bool {
    let naming = |q: &Value| q.as_str().is_some_and(|q| q.starts_with("name the values"));
    match f.get("resolve") {
        None => false,
        Some(Value::Sequence(qs)) => !qs.iter().all(naming),
        Some(q) => !naming(q),
    }
}

/// A YAML scalar as text.
fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// The `values:` of a node's inline `enum:`.
fn inline_values(node: &Value) -> Option<&Value> {
    node.get("enum")?.get("values")
}

/// The codes and labels of a `values:` map.
fn draft_enum(values: &Value) -> Vec<(String, String)> {
    let Some(values) = values.as_mapping() else {
        return Vec::new();
    };
    values
        .iter()
        .map(|(code, v)| {
            let label = v.get("label").map_or_else(|| scalar_text(v), scalar_text);
            (scalar_text(code), label)
        })
        .collect()
}

/// A draft character rule in the same text as [`spec_chars`].
fn draft_chars(rule: &Value) -> String {
    let text = |k: &str| rule.get(k).map(scalar_text).unwrap_or_default();
    let allow = rule.get("allow").and_then(Value::as_sequence).map(|a| {
        let has = |n: &str| a.iter().any(|v| v.as_str() == Some(n));
        (has("letters"), has("digits"))
    });
    chars_text(
        allow,
        &text("extra"),
        &text("forbid"),
        &text("forbid_at_ends"),
    )
}

/// The compared limits of a draft field, sorted.
fn draft_limits(f: &Value) -> Vec<String> {
    let mut out: Vec<String> = [
        "max_chars",
        "max_bytes",
        "length",
        "min",
        "max",
        "max_items",
        "min_items",
    ]
    .iter()
    .filter_map(|k| f.get(*k).map(|v| format!("{k}={}", scalar_text(v))))
    .collect();
    if let Some(values) = f.get("one_of").and_then(Value::as_sequence) {
        out.push(format!(
            "one_of={}",
            values.iter().map(scalar_text).collect::<Vec<_>>().join(",")
        ));
    }
    out.sort();
    out
}

// ---------------------------------------------------------------- comparing

#[cfg(test)]
/// The same codes with the same labels, in any order: the format keeps
/// document order, but a spec may list them otherwise with a note.
fn same_values(a: &[(String, String)], b: &[(String, String)]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort();
    b.sort();
    a == b
}

#[cfg(test)]
/// Compares every spec field with the draft's field at the same place
/// (found by wire name or by the spec's `doc_name`).
pub(crate) fn compare(spec: &[OpFields], draft: &[OpFields]) -> Agreement {
    let mut a = Agreement::default();
    for op in spec {
        let found = draft
            .iter()
            .find(|d| d.method == op.method && d.path == op.path);
        let empty = Vec::new();
        let fields = found.map_or(&empty, |d| &d.fields);
        for (key, want) in &op.fields {
            a.total += 5;
            match find(fields, key, want) {
                Some(got) => compare_field(&mut a, &format!("{} {key}", op.name), want, got),
                None => a
                    .differences
                    .push(format!("{} {key}: missing from the draft", op.name)),
            }
        }
        if let Some(d) = found {
            extra_fields(&mut a, op, d);
        }
    }
    a
}

/// The draft's field at the spec field's place: by wire name, or by the
/// spec's `doc_name` in the last step.
pub(crate) fn find<'d>(
    fields: &'d [(String, Attrs)],
    key: &str,
    want: &Attrs,
) -> Option<&'d Attrs> {
    let alt = want
        .doc_name
        .as_ref()
        .map(|d| match key.rsplit_once(['.', ':']) {
            Some((head, _)) => format!("{head}{}{d}", &key[head.len()..head.len() + 1]),
            None => d.clone(),
        });
    fields
        .iter()
        .find(|(k, _)| k == key || Some(k) == alt.as_ref())
        .map(|(_, g)| g)
}

#[cfg(test)]
/// Counts the five attributes of one field found in the draft, and the
/// attributes reported beside the figure.
fn compare_field(a: &mut Agreement, at: &str, want: &Attrs, got: &Attrs) {
    let checks = [
        ("name", true, String::new(), String::new()),
        ("type", got.ty == want.ty, want.ty.clone(), got.ty.clone()),
        (
            "required",
            got.required == want.required,
            want.required.to_string(),
            got.required.to_string(),
        ),
        (
            "enum",
            same_values(&got.enumeration, &want.enumeration),
            format!("{:?}", want.enumeration),
            format!("{:?}", got.enumeration),
        ),
        (
            "limits",
            got.limits == want.limits,
            want.limits.join(" "),
            got.limits.join(" "),
        ),
    ];
    for (attr, ok, w, g) in checks {
        if ok {
            a.right += 1;
            a.right_but_marked += usize::from(got.marked);
        } else {
            a.differences
                .push(format!("{at} {attr}: spec {w} / draft {g}"));
        }
    }
    let extras = [
        ("default", &got.extras.0, &want.extras.0),
        ("format", &got.extras.1, &want.extras.1),
        ("chars", &got.extras.2, &want.extras.2),
    ];
    for (attr, g, w) in extras {
        a.extras_total += 1;
        if g == w {
            a.extras_right += 1;
        } else {
            a.extras_differences
                .push(format!("{at} {attr}: spec {w:?} / draft {g:?}"));
        }
    }
}

#[cfg(test)]
/// Records the draft's fields of an operation that the spec does not have.
fn extra_fields(a: &mut Agreement, op: &OpFields, draft: &OpFields) {
    for (key, _) in &draft.fields {
        let known = op.fields.iter().any(|(k, w)| {
            let by_doc_name = w.doc_name.as_ref().is_some_and(|n| {
                key.ends_with(&format!(":{n}")) || key.ends_with(&format!(".{n}"))
            });
            k == key || by_doc_name
        });
        if !known {
            a.extra.push(format!("{} {key}", op.name));
        }
    }
}
