//! Repeated shapes become shared types, as in our hand-written specs: an
//! enumeration written inline on two fields or more becomes one enum type,
//! and so does an inline object (innermost first, so that objects built of
//! shared parts can be shared too). A type is named after the first field
//! that has it (`closed_conf` → `ClosedConf`); the questions about naming its
//! values move to the type, so each is asked once.

use std::collections::{HashMap, HashSet};

use super::fields::{set_questions, type_name};
use super::yaml::{render, Node};

/// Promotes the repeated enumerations and objects of a draft's root node.
pub(crate) fn promote(root: &mut Node) {
    let mut types: Vec<(String, Node)> = Vec::new();
    let mut taken: HashSet<String> = existing_types(root);
    promote_enums(root, &mut types, &mut taken);
    let mut frozen: HashSet<String> = HashSet::new();
    loop {
        let mut found: Vec<(String, String)> = Vec::new();
        visit(root, &mut |name, node| match ready_object(node, &frozen) {
            Some(sig) if !frozen.contains(&sig) => found.push((sig, name.to_string())),
            _ => {}
        });
        if found.is_empty() {
            break;
        }
        let counts = count(&found);
        let mut named: HashMap<String, String> = HashMap::new();
        for (sig, name) in &found {
            if counts[sig] < 2 {
                frozen.insert(sig.clone());
            } else if !named.contains_key(sig) {
                named.insert(sig.clone(), fresh(name, &mut taken));
            }
        }
        replace_objects(root, &named, &mut types);
    }
    if !types.is_empty() {
        add_types(root, types);
    }
}

/// The type names the draft already has.
fn existing_types(root: &Node) -> HashSet<String> {
    match root.get("types") {
        Some(Node::Map(entries)) => entries.iter().filter_map(|(k, _)| key_text(k)).collect(),
        _ => HashSet::new(),
    }
}

/// A key or scalar node as text.
fn key_text(k: &Node) -> Option<String> {
    match k {
        Node::Str(s) | Node::Raw(s) => Some(s.clone()),
        _ => None,
    }
}

/// How often each signature occurs.
fn count(found: &[(String, String)]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for (sig, _) in found {
        *counts.entry(sig.clone()).or_insert(0) += 1;
    }
    counts
}

/// A type name from a field name not taken yet.
fn fresh(field: &str, taken: &mut HashSet<String>) -> String {
    let base = type_name(field);
    let mut name = base.clone();
    let mut n = 1;
    while taken.contains(&name) {
        n += 1;
        name = format!("{base}{n}");
    }
    taken.insert(name.clone());
    name
}

/// Calls `f` with every field-like node (a map with `type`) and the name of
/// the field it describes, children before parents.
fn visit(node: &mut Node, f: &mut dyn FnMut(&str, &mut Node)) {
    visit_named(node, "", f);
}

/// [`visit`] with the name of the field being visited.
fn visit_named(node: &mut Node, name: &str, f: &mut dyn FnMut(&str, &mut Node)) {
    match node {
        Node::Map(entries) => {
            for (k, v) in entries.iter_mut() {
                let key = key_text(k).unwrap_or_default();
                // An array's items are named after the array field.
                let child_name = if key == "items" {
                    name.to_string()
                } else {
                    key
                };
                visit_named(v, &child_name, f);
            }
            if node.get("type").is_some() {
                f(name, node);
            }
        }
        Node::Seq(items) => items.iter_mut().for_each(|i| visit_named(i, name, f)),
        _ => {}
    }
}

// ---------------------------------------------------------------- enums

/// What makes two inline enumerations the same: their kind and values.
fn enum_signature(node: &Node) -> Option<String> {
    let kind = match node.get("type") {
        Some(Node::Str(t)) if t == "integer" || t == "string" => t.clone(),
        _ => return None,
    };
    let values = node.get("enum")?.get("values")?;
    Some(format!("{kind}\n{}", render_values(values)))
}

/// A node printed, as a signature.
fn render_values(values: &Node) -> String {
    let mut m = Node::map();
    m.set("v", values.clone());
    render(&m)
}

/// Makes every enumeration written inline twice or more a shared type.
fn promote_enums(root: &mut Node, types: &mut Vec<(String, Node)>, taken: &mut HashSet<String>) {
    let mut found: Vec<(String, String)> = Vec::new();
    visit(root, &mut |name, node| {
        if let Some(sig) = enum_signature(node) {
            found.push((sig, name.to_string()));
        }
    });
    let counts = count(&found);
    let mut named: HashMap<String, String> = HashMap::new();
    for (sig, name) in &found {
        if counts[sig] >= 2 && !named.contains_key(sig) {
            named.insert(sig.clone(), fresh(name, taken));
        }
    }
    let mut made: HashSet<String> = HashSet::new();
    visit(root, &mut |_, node| {
        let Some(name) = enum_signature(node).and_then(|s| named.get(&s).cloned()) else {
            return;
        };
        let kind = node.take("type");
        let inline = node.take("enum");
        let naming = take_naming_questions(node);
        if made.insert(name.clone()) {
            let mut t = Node::map();
            t.set("enum", kind.unwrap_or_else(|| Node::str("integer")));
            if let Some(values) = inline.and_then(|mut e| e.take("values")) {
                t.set("values", values);
            }
            set_questions(&mut t, naming);
            types.push((name.clone(), t));
        }
        put_first(node, "type", Node::str(&name));
    });
}

/// Removes the questions about naming enum values from a field's marker.
fn take_naming_questions(node: &mut Node) -> Vec<String> {
    let Some(old) = node.take("resolve") else {
        return Vec::new();
    };
    let all: Vec<String> = match old {
        Node::Seq(items) => items.into_iter().filter_map(|q| key_text(&q)).collect(),
        other => key_text(&other).into_iter().collect(),
    };
    let (naming, rest): (Vec<String>, Vec<String>) = all
        .into_iter()
        .partition(|q| q.starts_with("name the values"));
    set_questions(node, rest);
    naming
}

/// Sets `key` as the first entry of a map (the field's type leads).
fn put_first(node: &mut Node, key: &str, value: Node) {
    if let Node::Map(entries) = node {
        entries.insert(0, (Node::str(key), value));
    }
}

// ---------------------------------------------------------------- objects

/// The signature of an inline object whose inline objects are all frozen
/// (staying inline): it can be decided now.
fn ready_object(node: &Node, frozen: &HashSet<String>) -> Option<String> {
    if node.get("type") != Some(&Node::str("object")) {
        return None;
    }
    let fields = node.get("fields")?;
    let mut ready = true;
    check_inner(fields, frozen, &mut ready);
    ready.then(|| render_values(fields))
}

/// Clears `ready` when an inline object inside `node` is not decided yet.
fn check_inner(node: &Node, frozen: &HashSet<String>, ready: &mut bool) {
    if let Node::Map(entries) = node {
        for (_, v) in entries {
            if let (Some(Node::Str(t)), Some(f)) = (v.get("type"), v.get("fields")) {
                if t == "object" && !frozen.contains(&render_values(f)) {
                    *ready = false;
                }
            }
            check_inner(v, frozen, ready);
        }
    }
}

/// Replaces the inline objects whose signature is `named` by their type.
fn replace_objects(
    root: &mut Node,
    named: &HashMap<String, String>,
    types: &mut Vec<(String, Node)>,
) {
    let mut made: HashSet<String> = HashSet::new();
    visit(root, &mut |_, node| {
        if node.get("type") != Some(&Node::str("object")) {
            return;
        }
        let Some(name) = node
            .get("fields")
            .map(render_values)
            .and_then(|s| named.get(&s).cloned())
        else {
            return;
        };
        node.take("type");
        let fields = node.take("fields");
        if made.insert(name.clone()) {
            let mut t = Node::map();
            t.set("fields", fields.unwrap_or_else(Node::map));
            types.push((name.clone(), t));
        }
        put_first(node, "type", Node::str(&name));
    });
    collapse_items(root);
}

/// `items: {type: Name}` becomes `items: Name`.
fn collapse_items(node: &mut Node) {
    match node {
        Node::Map(entries) => {
            for (k, v) in entries.iter_mut() {
                if *k == Node::str("items") {
                    if let Node::Map(inner) = v {
                        if let [(tk, Node::Str(name))] = inner.as_slice() {
                            if *tk == Node::str("type") {
                                *v = Node::str(name.clone());
                                continue;
                            }
                        }
                    }
                }
                collapse_items(v);
            }
        }
        Node::Seq(items) => items.iter_mut().for_each(collapse_items),
        _ => {}
    }
}

/// Appends the new types to `types:` (made when missing, before `operations:`).
fn add_types(root: &mut Node, new: Vec<(String, Node)>) {
    let Node::Map(entries) = root else { return };
    let at = entries.iter().position(|(k, _)| *k == Node::str("types"));
    let types = match at {
        Some(i) => &mut entries[i].1,
        None => {
            let ops = entries
                .iter()
                .position(|(k, _)| *k == Node::str("operations"))
                .unwrap_or(entries.len());
            entries.insert(ops, (Node::str("types"), Node::map()));
            &mut entries[ops].1
        }
    };
    for (name, node) in new {
        types.set(&name, node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(ty: &str, extra: &[(&str, Node)]) -> Node {
        let mut n = Node::map();
        n.set("type", Node::str(ty));
        for (k, v) in extra {
            n.set(k, v.clone());
        }
        n
    }

    fn on_off() -> Node {
        let mut values = Node::map();
        values.set_node(Node::Raw("0".into()), Node::str("关闭"));
        let mut e = Node::map();
        e.set("values", values);
        e
    }

    #[test]
    fn an_enumeration_on_two_fields_becomes_one_type_asked_about_once() {
        let mut fields = Node::map();
        let marker = Node::str("name the values 0 (their labels are no Rust names)");
        fields.set(
            "sms",
            field(
                "integer",
                &[("enum", on_off()), ("resolve", marker.clone())],
            ),
        );
        fields.set(
            "email",
            field("integer", &[("enum", on_off()), ("resolve", marker)]),
        );
        fields.set("alone", field("string", &[("enum", on_off())]));
        let mut body = Node::map();
        body.set("fields", fields);
        let mut op = Node::map();
        op.set("body", body);
        let mut ops = Node::map();
        ops.set("x", op);
        let mut root = Node::map();
        root.set("operations", ops);
        promote(&mut root);
        let text = render(&root);
        assert!(
            text.starts_with("types:\n  Sms: {enum: integer, values: {0: 关闭}, resolve: "),
            "{text}"
        );
        assert!(
            text.contains("sms: {type: Sms}") && text.contains("email: {type: Sms}"),
            "{text}"
        );
        assert_eq!(text.matches("name the values").count(), 1, "{text}");
        assert!(text.contains("alone:"), "{text}");
    }

    #[test]
    fn repeated_inline_objects_become_types_innermost_first() {
        let mut account = Node::map();
        account.set("name", field("string", &[]));
        let inner = field("object", &[("fields", account)]);
        let mut outer_fields = Node::map();
        outer_fields.set("account", inner);
        let speaker = field("object", &[("fields", outer_fields)]);
        let mut fields = Node::map();
        fields.set("speaker", speaker.clone());
        fields.set("chairman", speaker);
        let mut list_items = Node::map();
        list_items.set("type", Node::str("object"));
        list_items.set(
            "fields",
            match fields.get("speaker").and_then(|s| s.get("fields")) {
                Some(f) => f.clone(),
                None => Node::map(),
            },
        );
        fields.set("members", field("array", &[("items", list_items)]));
        let mut root = Node::map();
        let mut response = Node::map();
        response.set("fields", fields);
        root.set("response", response);
        promote(&mut root);
        let text = render(&root);
        assert!(
            text.contains("Account: {fields: {name: {type: string}}}"),
            "{text}"
        );
        assert!(
            text.contains("Speaker: {fields: {account: {type: Account}}}"),
            "{text}"
        );
        assert!(
            text.contains("members: {type: array, items: Speaker}"),
            "{text}"
        );
    }
}
