//! A small ordered YAML tree and its printer, so a draft reads like our
//! hand-written specs: keys in document order, short maps on one line
//! (`{type: string, required: true}`), descriptions as `|-` blocks, and
//! anything a plain scalar cannot hold double-quoted.

use std::fmt::Write;

/// A YAML node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// A mapping, in insertion order.
    Map(Vec<(Node, Node)>),
    /// A sequence.
    Seq(Vec<Node>),
    /// A string, quoted when YAML would read it as something else.
    Str(String),
    /// A number or boolean, printed as is.
    Raw(String),
}

impl Node {
    /// An empty mapping.
    pub(crate) fn map() -> Node {
        Node::Map(Vec::new())
    }

    /// A string node.
    pub(crate) fn str(text: impl Into<String>) -> Node {
        Node::Str(text.into())
    }

    /// Adds `key: value` to a mapping (ignored on other nodes).
    pub(crate) fn set(&mut self, key: &str, value: Node) {
        self.set_node(Node::str(key), value);
    }

    /// Adds `key: value` with a key that is a code (`0`, `"1"`, `Y`). A key
    /// the map already has (a document listing a field twice) is kept under
    /// a numbered name, since YAML forbids the same key twice.
    pub(crate) fn set_node(&mut self, key: Node, value: Node) {
        if let Node::Map(entries) = self {
            let mut unique = key.clone();
            let mut n = 1;
            while entries.iter().any(|(k, _)| *k == unique) {
                n += 1;
                unique = Node::str(format!(
                    "{}_{n}",
                    flow(&key).unwrap_or_default().trim_matches('"')
                ));
            }
            entries.push((unique, value));
        }
    }

    /// The value of `key` in a mapping.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| *k == Node::str(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Removes `key` from a mapping and returns its value.
    pub(crate) fn take(&mut self, key: &str) -> Option<Node> {
        let Node::Map(entries) = self else {
            return None;
        };
        let at = entries.iter().position(|(k, _)| *k == Node::str(key))?;
        Some(entries.remove(at).1)
    }

    /// Whether this is an empty mapping or sequence.
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, Node::Map(m) if m.is_empty()) || matches!(self, Node::Seq(s) if s.is_empty())
    }
}

/// The YAML text of a top-level mapping.
pub(crate) fn render(node: &Node) -> String {
    let mut out = String::new();
    match node {
        Node::Map(entries) => block_map(&mut out, entries, 0),
        other => out.push_str(&flow(other).unwrap_or_default()),
    }
    out
}

/// Widest line a short map is written on in flow style.
const FLOW_WIDTH: usize = 100;

/// A mapping in block style at `indent`.
fn block_map(out: &mut String, entries: &[(Node, Node)], indent: usize) {
    for (key, value) in entries {
        let key = flow(key).unwrap_or_else(|| "\"\"".into());
        let pad = " ".repeat(indent);
        let _ = write!(out, "{pad}{key}:");
        value_after_key(out, value, indent, pad.len() + key.chars().count() + 2);
    }
}

/// A value after `key:` at `indent`; `column` is where it would start.
fn value_after_key(out: &mut String, value: &Node, indent: usize, column: usize) {
    if let Node::Str(text) = value {
        if text.contains('\n') {
            literal(out, text, indent + 2);
            return;
        }
    }
    match flow(value) {
        Some(text) if column + text.chars().count() <= FLOW_WIDTH || !is_collection(value) => {
            let _ = writeln!(out, " {text}");
        }
        _ => {
            out.push('\n');
            block(out, value, indent + 2);
        }
    }
}

/// Whether a node is a mapping or a sequence.
fn is_collection(node: &Node) -> bool {
    matches!(node, Node::Map(_) | Node::Seq(_))
}

/// Any node in block style at `indent`.
fn block(out: &mut String, node: &Node, indent: usize) {
    match node {
        Node::Map(entries) => block_map(out, entries, indent),
        Node::Seq(items) => {
            for item in items {
                let pad = " ".repeat(indent);
                match item {
                    Node::Map(entries)
                        if !entries.is_empty()
                            && flow(item).is_none_or(|t| t.len() > FLOW_WIDTH) =>
                    {
                        // `- ` then the map's entries, the first on the dash line.
                        let mut inner = String::new();
                        block_map(&mut inner, entries, indent + 2);
                        let _ = write!(out, "{pad}- {}", &inner[indent + 2..]);
                    }
                    _ => {
                        let _ = write!(out, "{pad}-");
                        value_after_key(out, item, indent, indent + 2);
                    }
                }
            }
        }
        other => {
            let _ = writeln!(
                out,
                "{}{}",
                " ".repeat(indent),
                flow(other).unwrap_or_default()
            );
        }
    }
}

/// A multi-line string as a `|-` block (with an indentation indicator when
/// its first line starts with a space), or double-quoted when a block cannot
/// hold it exactly (control characters, lines of blanks only, trailing newline).
fn literal(out: &mut String, text: &str, indent: usize) {
    let exact = !text.ends_with('\n')
        && !text.chars().any(|c| c.is_control() && c != '\n')
        && !text
            .lines()
            .any(|l| !l.is_empty() && l.trim_matches(' ').is_empty())
        && !text
            .lines()
            .any(|l| l.ends_with(' ') || l.starts_with('\t'));
    if !exact {
        let _ = writeln!(out, " {}", quoted(text));
        return;
    }
    let indicator = if text.starts_with(' ') { "2" } else { "" };
    let _ = writeln!(out, " |{indicator}-");
    let pad = " ".repeat(indent);
    for line in text.split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}{line}");
        }
    }
}

/// A node on one line (flow style), or `None` when it cannot be (a multi-line
/// string inside).
fn flow(node: &Node) -> Option<String> {
    match node {
        Node::Raw(text) => Some(text.clone()),
        Node::Str(text) if text.contains('\n') => None,
        Node::Str(text) => Some(scalar(text, true)),
        Node::Seq(items) => {
            let parts: Option<Vec<String>> = items.iter().map(flow).collect();
            Some(format!("[{}]", parts?.join(", ")))
        }
        Node::Map(entries) => {
            let parts: Option<Vec<String>> = entries
                .iter()
                .map(|(k, v)| Some(format!("{}: {}", flow(k)?, flow(v)?)))
                .collect();
            Some(format!("{{{}}}", parts?.join(", ")))
        }
    }
}

/// A string as a plain scalar when YAML reads it back unchanged (in flow
/// context, too), else double-quoted.
fn scalar(text: &str, in_flow: bool) -> String {
    if is_plain(text, in_flow) {
        text.to_string()
    } else if text.contains('"') && !text.chars().any(needs_escape) {
        // JSON examples read better single-quoted: only `'` is doubled.
        format!("'{}'", text.replace('\'', "''"))
    } else {
        quoted(text)
    }
}

/// A character only a double-quoted scalar can hold (as an escape).
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// Whether YAML reads `text` back unchanged as a plain scalar.
fn is_plain(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let last = text.chars().last().unwrap_or(first);
    let special_start = "-?:,[]{}#&*!|>'\"%@`+.~".contains(first) || first.is_ascii_digit();
    let blank_end = super::lexicon::is_blank(first) || super::lexicon::is_blank(last);
    let flow_chars = in_flow && text.contains([',', '[', ']', '{', '}']);
    let lower = text.to_ascii_lowercase();
    let keyword = matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
    );
    !(special_start
        || blank_end
        || flow_chars
        || keyword
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.chars().any(needs_escape))
}

/// A double-quoted scalar: `"` and `\` escaped, and every character YAML
/// does not print (controls, BOM, line separators) as `\uXXXX`.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reparse(node: &Node) -> serde_yaml::Value {
        serde_yaml::from_str(&render(node)).unwrap()
    }

    #[test]
    fn short_maps_are_written_on_one_line_and_long_ones_as_blocks() {
        let mut field = Node::map();
        field.set("type", Node::str("string"));
        field.set("required", Node::Raw("true".into()));
        let mut root = Node::map();
        root.set("userid", field);
        assert_eq!(render(&root), "userid: {type: string, required: true}\n");
        let mut long = Node::map();
        long.set("doc", Node::str("很长的说明".repeat(30)));
        long.set("type", Node::str("string"));
        let mut root = Node::map();
        root.set("x", long);
        assert!(render(&root).starts_with("x:\n  doc: "));
    }

    #[test]
    fn strings_that_yaml_would_misread_are_quoted_and_read_back_unchanged() {
        let texts = [
            "true",
            "0:PSTN",
            "a: b",
            "- x",
            "#FFFFFF",
            "1",
            "",
            " lead",
            "trail ",
            "a, b",
            "{x}",
            "{\"a\": 'b'}",
            "' lead quote",
            "\u{a0}缩进",
            "tab\there",
            "\u{7}bell",
            "back\\slash \"q\"",
            "y",
            "1e3",
        ];
        let mut root = Node::map();
        for (i, t) in texts.iter().enumerate() {
            root.set(&format!("k{i}"), Node::str(*t));
        }
        let back = reparse(&root);
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(back[format!("k{i}").as_str()].as_str(), Some(*t), "{t:?}");
        }
    }

    #[test]
    fn multi_line_text_is_a_literal_block_read_back_unchanged() {
        let texts = [
            "会议名称\n1.字符限制:\n  a.不支持",
            " starts with a space\nsecond",
            "blank line\n\nafter",
            "spaces only\n   \nline",
            "ends with newline\n",
            "trailing space \nx",
            "\u{a0}\u{a0}nbsp\n\u{a0} x",
        ];
        let mut root = Node::map();
        for (i, t) in texts.iter().enumerate() {
            let mut inner = Node::map();
            inner.set("doc", Node::str(*t));
            root.set(&format!("k{i}"), inner);
        }
        let back = reparse(&root);
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(
                back[format!("k{i}").as_str()]["doc"].as_str(),
                Some(*t),
                "{t:?}"
            );
        }
    }

    #[test]
    fn sequences_of_maps_put_the_first_key_on_the_dash_line() {
        let mut ex = Node::map();
        ex.set("name", Node::str("输入示例"));
        ex.set("verbatim", Node::str("{\n}"));
        let mut root = Node::map();
        root.set("examples", Node::Seq(vec![ex]));
        let text = render(&root);
        assert!(
            text.starts_with("examples:\n  - name: 输入示例\n    verbatim: |-\n"),
            "{text}"
        );
        assert_eq!(
            reparse(&root)["examples"][0]["verbatim"].as_str(),
            Some("{\n}")
        );
    }
}
