//! One documented row as a field of the spec format: its type (scalar,
//! named object, inline object, array), required flag, default, limits,
//! format, enumeration and description, and a `resolve:` marker for every
//! question the row leaves open.

use super::document::{EnumValue, Enumeration, LimitKind, Row, Unit};
use super::lexicon::{classify_type_cell, Scalar, TypeClass};
use super::yaml::Node;
use crate::naming;

/// Where a row is documented, which decides what its silence means.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place {
    /// In a request (a missing required flag is a question) or a reply.
    pub request: bool,
    /// The table prints a required column or marks (an empty cell is a
    /// question even in a reply).
    pub required_column: bool,
}

/// Resolves a documented object name (`LiveConfig`, or a referenced table's
/// word `Error`) to a type of the draft.
pub(crate) trait Types {
    /// The draft's type name for the object, `None` when no table describes it.
    fn object(&mut self, name: &str) -> Option<String>;
}

/// The field nodes of `rows`, by wire name, in document order.
pub(crate) fn fields(rows: &[Row], place: Place, types: &mut dyn Types) -> Node {
    let mut map = Node::map();
    for row in rows {
        let name = row.name.trim_end_matches("[]");
        map.set(name, field(row, place, types));
    }
    map
}

/// One field node.
pub(crate) fn field(row: &Row, place: Place, types: &mut dyn Types) -> Node {
    let mut node = Node::map();
    let mut questions: Vec<String> = Vec::new();
    let kind = shape(row, place, types, &mut node, &mut questions);
    required(row, place, &mut node, &mut questions);
    if let Some(scalar) = kind {
        constraints(row, scalar, &mut node, &mut questions);
    }
    if !row.description.is_empty() {
        node.set("doc", Node::str(&row.description));
    }
    if let Some(scalar) = kind {
        enumeration(row, scalar, &mut node, &mut questions);
    }
    questions.extend(row.facts.questions.iter().cloned());
    set_questions(&mut node, questions);
    node
}

/// Adds `resolve:` with one question or a list of them, after the questions
/// the node already has.
pub(crate) fn set_questions(node: &mut Node, questions: Vec<String>) {
    let mut all = node.take("resolve").map_or_else(Vec::new, |old| match old {
        Node::Seq(items) => items
            .into_iter()
            .filter_map(|q| match q {
                Node::Str(q) => Some(q),
                _ => None,
            })
            .collect(),
        Node::Str(q) => vec![q],
        _ => Vec::new(),
    });
    for q in questions {
        if !all.contains(&q) {
            all.push(q);
        }
    }
    match all.len() {
        0 => {}
        1 => node.set("resolve", Node::Str(all.remove(0))),
        _ => node.set(
            "resolve",
            Node::Seq(all.into_iter().map(Node::Str).collect()),
        ),
    }
}

/// Writes `type` (and `items`/`fields`); returns the scalar when the field
/// is one, since constraints and enumerations apply to scalars only.
fn shape(
    row: &Row,
    place: Place,
    types: &mut dyn Types,
    node: &mut Node,
    questions: &mut Vec<String>,
) -> Option<Scalar> {
    let made_parent = row.type_text.is_none() && !row.children.is_empty();
    if made_parent {
        let array = row.name.ends_with("[]");
        let name = row.name.trim_end_matches("[]");
        questions.push(format!(
            "the table describes only the members of `{name}`: is the {} itself required?",
            if array { "array" } else { "object" }
        ));
        inline_object(row, place, types, node, array);
        return None;
    }
    let text = row.type_text.as_deref().unwrap_or_default();
    match classify_type_cell(text) {
        Some(TypeClass::Scalar(s)) => {
            node.set("type", Node::str(s.name()));
            Some(s)
        }
        Some(TypeClass::Object(name)) => {
            object(row, name, place, types, node, questions);
            None
        }
        Some(TypeClass::Array(name)) => array(row, name, place, types, node, questions),
        Some(TypeClass::ScalarArray(s)) => {
            node.set("type", Node::str("array"));
            let mut items = Node::map();
            items.set("type", Node::str(s.name()));
            enumeration(row, s, &mut items, questions);
            node.set("items", items);
            None
        }
        None => {
            node.set("type", Node::str("string"));
            questions.push(if text.is_empty() {
                "no type is documented: string?".to_string()
            } else {
                format!("`{text}` is not a type this reader knows: string?")
            });
            Some(Scalar::String)
        }
    }
}

/// An object: described below the row (inline), in its own table (named),
/// or not at all (`json`).
fn object(
    row: &Row,
    name: Option<String>,
    place: Place,
    types: &mut dyn Types,
    node: &mut Node,
    questions: &mut Vec<String>,
) {
    if !row.children.is_empty() {
        inline_object(row, place, types, node, false);
        return;
    }
    let named = name.clone().or_else(|| row.facts.reference.clone());
    match named {
        Some(n) => {
            let resolved = types.object(&n);
            if resolved.is_none() {
                questions.push(format!(
                    "`{n}` is not described in this document: which fields does it have?"
                ));
            }
            node.set("type", Node::str(resolved.unwrap_or_else(|| type_name(&n))));
        }
        None => node.set("type", Node::str("json")),
    }
}

/// The row's children as an inline object (`type: object, fields:`), or as the items of an array.
fn inline_object(row: &Row, place: Place, types: &mut dyn Types, node: &mut Node, array: bool) {
    let mut object = Node::map();
    object.set("type", Node::str("object"));
    object.set("fields", fields(&row.children, place, types));
    if array {
        node.set("type", Node::str("array"));
        node.set("items", object);
    } else if let Node::Map(entries) = object {
        for (k, v) in entries {
            node.set_node(k, v);
        }
    }
}

/// An array: of named objects, of inline objects, of enumerated codes, or
/// of something the document does not say.
fn array(
    row: &Row,
    name: Option<String>,
    place: Place,
    types: &mut dyn Types,
    node: &mut Node,
    questions: &mut Vec<String>,
) -> Option<Scalar> {
    if !row.children.is_empty() {
        inline_object(row, place, types, node, true);
        return None;
    }
    node.set("type", Node::str("array"));
    // `Array 【详见xxx字段说明`: the items are the referenced table's objects.
    if let Some(n) = name.or_else(|| row.facts.reference.clone()) {
        let resolved = types.object(&n);
        if resolved.is_none() {
            questions.push(format!(
                "`{n}` is not described in this document: which fields does it have?"
            ));
        }
        node.set(
            "items",
            Node::str(resolved.unwrap_or_else(|| type_name(&n))),
        );
        return None;
    }
    match &row.facts.enumeration {
        Some(e) => {
            let scalar = if e.integer {
                Scalar::Integer
            } else {
                Scalar::String
            };
            let mut items = Node::map();
            items.set("type", Node::str(scalar.name()));
            enumeration(row, scalar, &mut items, questions);
            node.set("items", items);
        }
        None => {
            node.set("items", Node::str("string"));
            questions.push("the type of the array's items is not documented: string?".to_string());
        }
    }
    None
}

/// `required: true` as documented; a question when the document is silent
/// where it should speak, or says more than yes or no.
fn required(row: &Row, place: Place, node: &mut Node, questions: &mut Vec<String>) {
    if row.required == Some(true) {
        node.set("required", Node::Raw("true".into()));
    }
    if let Some(text) = &row.required_text {
        questions.push(format!(
            "the required cell says `{text}`: a rule (`rules: - require: … when: …`)?"
        ));
    } else if row.required.is_none()
        && row.type_text.is_some()
        && (place.request || place.required_column)
    {
        let why = if place.required_column {
            "its required cell is empty"
        } else {
            "the document does not say whether it is required"
        };
        questions.push(format!("{why}: required or not?"));
    }
}

/// Limits, format, range, allowed values and the default.
fn constraints(row: &Row, scalar: Scalar, node: &mut Node, questions: &mut Vec<String>) {
    let facts = &row.facts;
    if scalar == Scalar::String {
        for limit in facts.limits.iter().take(1) {
            let (key, question) = limit_key(limit.kind, limit.unit, &limit.phrase);
            node.set(key, Node::Raw(limit.value.to_string()));
            questions.extend(question);
        }
        if let Some(f) = facts.format {
            node.set("format", Node::str(f.name()));
        }
        if let Some(rule) = &facts.chars {
            node.set("chars", chars(rule));
        }
    } else if let Some(limit) = facts.limits.first() {
        questions.push(format!(
            "`{}` is a length on a {} value: which rule?",
            limit.phrase,
            scalar.name()
        ));
    }
    if scalar == Scalar::Integer {
        if let Some((lo, hi)) = facts.range {
            node.set("min", Node::Raw(lo.to_string()));
            node.set("max", Node::Raw(hi.to_string()));
        }
        if !facts.one_of.is_empty() {
            node.set(
                "one_of",
                Node::Seq(
                    facts
                        .one_of
                        .iter()
                        .map(|v| Node::Raw(v.to_string()))
                        .collect(),
                ),
            );
        }
    }
    // A default under a condition, or one of several, is not proposed: the
    // question says why.
    if let Some(d) = facts.default.as_ref().filter(|d| d.question.is_none()) {
        if let Some(value) = &d.value {
            node.set("default", literal(value, scalar));
        }
    }
}

/// A character rule as `chars: {allow, extra, forbid, forbid_at_ends, doc}`.
fn chars(rule: &super::document::CharRule) -> Node {
    let mut node = Node::map();
    if rule.restricted {
        let classes = [(rule.letters, "letters"), (rule.digits, "digits")];
        let allow = classes
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| Node::str(*n))
            .collect();
        node.set("allow", Node::Seq(allow));
    }
    for (key, text) in [
        ("extra", &rule.extra),
        ("forbid", &rule.forbid),
        ("forbid_at_ends", &rule.forbid_at_ends),
    ] {
        if !text.is_empty() {
            node.set(key, Node::str(text));
        }
    }
    node.set("doc", Node::str(&rule.phrase));
    node
}

/// The spec key of a limit and, when the unit is not stated, the question.
fn limit_key(kind: LimitKind, unit: Option<Unit>, phrase: &str) -> (&'static str, Option<String>) {
    match (kind, unit) {
        (LimitKind::Max, Some(Unit::Bytes)) => ("max_bytes", None),
        (LimitKind::Max, Some(Unit::Chars)) => ("max_chars", None),
        (LimitKind::Max, None) => (
            "max_chars",
            Some(format!(
                "`{phrase}` does not say characters or bytes: keep max_chars or write max_bytes"
            )),
        ),
        (LimitKind::Exact, Some(Unit::Chars)) => ("length", None),
        (LimitKind::Exact, unit) => (
            "length",
            Some(format!(
                "`{phrase}` is an exact length{}: `length` counts characters",
                if unit.is_some() {
                    " in bytes"
                } else {
                    " without a unit"
                }
            )),
        ),
    }
}

/// A literal of the field's type: a number for integers and numbers, a
/// boolean for booleans, a string otherwise.
fn literal(value: &str, scalar: Scalar) -> Node {
    let raw = match scalar {
        Scalar::Integer => value.parse::<i64>().is_ok(),
        Scalar::Number => value.parse::<f64>().is_ok(),
        Scalar::Boolean => matches!(value, "true" | "false"),
        _ => false,
    };
    if raw {
        Node::Raw(value.to_string())
    } else {
        Node::str(value)
    }
}

/// The enumeration as `enum: {values: …}` with a name for every value; a
/// boolean's `true:开启false:不开启` is no enumeration.
fn enumeration(row: &Row, scalar: Scalar, node: &mut Node, questions: &mut Vec<String>) {
    let Some(e) = &row.facts.enumeration else {
        return;
    };
    if scalar == Scalar::Boolean || !matches!(scalar, Scalar::Integer | Scalar::String) {
        return;
    }
    if scalar == Scalar::Integer && !e.integer {
        questions.push("an integer field whose codes are not integers: which type?".to_string());
    }
    let (values, unnamed) = values(e, scalar);
    if !unnamed.is_empty() {
        questions.push(format!(
            "name the values {} (their labels are no Rust names)",
            unnamed.join(", ")
        ));
    }
    if let Some(d) = &row.facts.default {
        let known = d
            .value
            .as_ref()
            .is_none_or(|v| e.values.iter().any(|x| &x.code == v));
        if !known {
            questions.push(format!(
                "the default in `{}` is not one of the codes",
                d.phrase
            ));
        }
    }
    let mut inline = Node::map();
    inline.set("values", values);
    node.set("enum", inline);
}

/// The `values:` map and the codes that got a placeholder name.
fn values(e: &Enumeration, scalar: Scalar) -> (Node, Vec<String>) {
    let names = value_names(&e.values);
    let mut map = Node::map();
    let mut unnamed = Vec::new();
    for (v, name) in e.values.iter().zip(names) {
        let key = if scalar == Scalar::Integer && v.code.parse::<i64>().is_ok() {
            Node::Raw(v.code.clone())
        } else {
            Node::str(&v.code)
        };
        let value = match name {
            ValueName::Label => Node::str(&v.label),
            ValueName::Given(n) => {
                let mut m = Node::map();
                m.set("name", Node::str(n));
                m.set("label", Node::str(&v.label));
                m
            }
            ValueName::Placeholder(n) => {
                unnamed.push(v.code.clone());
                let mut m = Node::map();
                m.set("name", Node::str(n));
                m.set("label", Node::str(&v.label));
                m
            }
        };
        map.set_node(key, value);
    }
    (map, unnamed)
}

/// How a value is named.
enum ValueName {
    /// The label makes the name (`PSTN` → `Pstn`): write the bare label.
    Label,
    /// A name from the code (`Y`, `Teacher`).
    Given(String),
    /// A placeholder (`V8`) a person should replace.
    Placeholder(String),
}

/// A unique name for every value: from its label when ASCII, else from its
/// code when the code is a word, else a placeholder.
fn value_names(values: &[EnumValue]) -> Vec<ValueName> {
    let derived: Vec<(ValueName, String)> = values
        .iter()
        .map(|v| {
            if let Some(n) = naming::variant_ident(&v.label) {
                (ValueName::Label, n)
            } else if let Some(n) = (!v.code.starts_with(|c: char| c.is_ascii_digit()))
                .then(|| naming::type_ident(&v.code))
                .flatten()
            {
                (ValueName::Given(n.clone()), n)
            } else {
                let n = format!("V{}", v.code.replace('-', "Minus"));
                (ValueName::Placeholder(n.clone()), n)
            }
        })
        .collect();
    let mut seen = std::collections::HashMap::new();
    for (_, n) in &derived {
        *seen.entry(n.clone()).or_insert(0) += 1;
    }
    derived
        .into_iter()
        .zip(values)
        .map(|((kind, n), v)| {
            if seen[&n] > 1 {
                ValueName::Placeholder(format!("V{}", v.code))
            } else {
                kind
            }
        })
        .collect()
}

/// The draft's type name for a documented object name (`body` → `Body`);
/// names the generated code reserves get `Object` appended (`ErrorObject`).
pub(crate) fn type_name(name: &str) -> String {
    let ident = naming::type_ident(name).unwrap_or_else(|| "Object".to_string());
    if naming::RESERVED_TYPE_NAMES.contains(&ident.as_str()) {
        format!("{ident}Object")
    } else {
        ident
    }
}

#[cfg(test)]
mod tests {
    use super::super::phrases;
    use super::super::yaml::render;
    use super::*;

    struct NoTypes;
    impl Types for NoTypes {
        fn object(&mut self, name: &str) -> Option<String> {
            (name == "LiveConfig").then(|| "LiveConfig".to_string())
        }
    }

    fn row(name: &str, ty: &str, required: Option<bool>, description: &str) -> Row {
        Row {
            name: name.into(),
            type_text: Some(ty.into()),
            required,
            description: description.into(),
            facts: phrases::facts(description, None, None),
            ..Row::default()
        }
    }

    fn yaml(row: &Row, request: bool) -> String {
        let mut root = Node::map();
        root.set(
            &row.name,
            field(
                row,
                Place {
                    request,
                    required_column: false,
                },
                &mut NoTypes,
            ),
        );
        render(&root)
    }

    #[test]
    fn an_enumeration_is_written_with_names_or_placeholders() {
        let r = row(
            "instanceid",
            "integer",
            Some(true),
            "类型:0:PSTN1:PC8:小程序",
        );
        let text = yaml(&r, true);
        assert!(text.contains("0: PSTN"), "{text}");
        assert!(text.contains("8: {name: V8, label: 小程序}"), "{text}");
        assert!(text.contains("resolve: name the values 8"), "{text}");
        assert!(text.contains("required: true"));
    }

    #[test]
    fn string_codes_are_quoted_and_named_from_the_code() {
        let r = row("x", "String", Some(false), "1:单人模式、2:平铺模式");
        assert!(yaml(&r, true).contains("\"1\": {name: V1, label: 单人模式}"));
        let r = row(
            "role",
            "String",
            Some(true),
            "角色类型 Teacher:讲师、Guest:嘉宾",
        );
        assert!(yaml(&r, true).contains("Teacher: {name: Teacher, label: 讲师}"));
    }

    #[test]
    fn a_limit_without_unit_is_proposed_with_a_marker() {
        let mut r = row("roomName", "String", Some(true), "直播间房间名称");
        r.facts = phrases::facts("直播间房间名称", Some("最大长度100"), Some(Scalar::String));
        let text = yaml(&r, true);
        assert!(text.contains("max_chars: 100"), "{text}");
        assert!(text.contains("does not say characters or bytes"), "{text}");
    }

    #[test]
    fn silence_about_required_is_a_question_in_requests_only() {
        let r = row("userid", "String", None, "用户");
        assert!(yaml(&r, true).contains("required or not?"));
        assert!(!yaml(&r, false).contains("resolve"));
    }

    #[test]
    fn booleans_keep_their_values_in_the_doc_only() {
        let r = row(
            "enable",
            "Boolean",
            Some(false),
            "是否开启。true:开启false:不开启",
        );
        let text = yaml(&r, true);
        assert!(!text.contains("enum"), "{text}");
        assert!(!text.contains("required"), "{text}");
    }

    #[test]
    fn arrays_of_scalars_and_of_referenced_tables_are_typed() {
        let r = row("ids", "String 数组", Some(false), "会议 ID 列表");
        assert!(yaml(&r, true).contains("items: {type: string}"));
        let r = row("list", "Array", None, "列表【详见LiveConfig字段说明");
        assert!(
            yaml(&r, false).contains("items: LiveConfig"),
            "{}",
            yaml(&r, false)
        );
    }

    #[test]
    fn named_objects_and_arrays_refer_to_types() {
        let r = row("live_config", "LiveConfig 对象", Some(true), "直播配置。");
        assert!(yaml(&r, true).contains("type: LiveConfig"));
        let r = row("list", "Missing 对象数组", None, "x");
        let text = yaml(&r, false);
        assert!(
            text.contains("items: Missing") && text.contains("not described"),
            "{text}"
        );
        assert_eq!(type_name("Error"), "ErrorObject");
    }
}
