//! Where each node of a YAML document is: [`NodePath`] -> span.
//!
//! serde_yaml reports positions only for syntax and shape errors; semantic checks
//! need the position of the node they are about (an unknown type name, a duplicate
//! value). This index is built from yaml-rust2's marked events over the same text.
//!
//! yaml-rust2 marks only where a node starts; the end of a scalar is found by
//! reading the source from there (quotes, flow indicators, comments), so that a
//! caret covers `LiveConfg` and not the rest of its line.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde_yaml::{Mapping, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::path::{NodePath, Segment};
use crate::diagnostic::SourceFile;

/// Spans of one document's keys and values, by node path (`operations.x.method`).
///
/// The index is built on first use: only a spec with a problem needs
/// positions, and indexing every node of a large valid spec would cost a
/// second YAML parse and a string per node.
#[derive(Debug)]
pub struct Locations {
    file: Arc<SourceFile>,
    index: OnceLock<Index>,
}

#[derive(Debug, Default)]
struct Index {
    values: HashMap<Vec<Segment>, Range<usize>>,
    keys: HashMap<Vec<Segment>, Range<usize>>,
    /// Keys written twice in one mapping, in document order.
    duplicates: Vec<Duplicate>,
}

/// A key written a second time in the same mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// Path of the key (`types.LiveConfig`).
    pub path: NodePath,
    /// The second (ignored) occurrence.
    pub span: Range<usize>,
    /// The first occurrence, which is the one used.
    pub first: Range<usize>,
}

impl Locations {
    /// The (not yet built) index of every key and value of the first document
    /// in `file`.
    pub fn new(file: &SourceFile) -> Locations {
        Locations::shared(Arc::new(file.clone()))
    }

    /// [`Locations::new`] over a file shared with [`crate::diagnostic::Sources`]
    /// (not copied).
    pub fn shared(file: Arc<SourceFile>) -> Locations {
        Locations {
            file,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut builder = Builder {
                file: &self.file,
                out: Index::default(),
                stack: Vec::new(),
            };
            // Syntax errors are reported by serde_yaml; a partial index is still useful.
            let _ = Parser::new_from_str(&self.file.text).load(&mut builder, false);
            builder.out
        })
    }

    /// Keys written twice in one mapping, in document order.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.index().duplicates
    }

    /// The span of the value at `path`, or of the nearest ancestor that is known.
    ///
    /// A scalar value spans its text; a mapping or sequence that is the value of
    /// a key spans that key (`LiveConfig:` for `types.LiveConfig`).
    pub fn value(&self, path: &NodePath) -> Range<usize> {
        let index = self.index();
        lookup(index, &index.values, &path.segments())
    }

    /// The span of the key at `path` (falls back like [`Locations::value`]).
    pub fn key(&self, path: &NodePath) -> Range<usize> {
        let index = self.index();
        lookup(index, &index.keys, &path.segments())
    }
}

/// The span at `path` in `map` (or of the value there), else of its nearest
/// known ancestor, else of the document.
fn lookup(
    index: &Index,
    map: &HashMap<Vec<Segment>, Range<usize>>,
    path: &[Segment],
) -> Range<usize> {
    (0..=path.len())
        .rev()
        .map(|len| &path[..len])
        .find_map(|p| map.get(p).or_else(|| index.values.get(p)))
        .cloned()
        .unwrap_or(0..0)
}

/// The first document of `file` as serde_yaml would read it, except that a key
/// written twice keeps its first value instead of failing the whole file.
///
/// serde_yaml rejects a mapping with a duplicate key, which would hide every
/// other problem of the file; the duplicate is reported on its own and checking
/// goes on with this value. `None` when the text is not valid YAML.
///
/// Like serde_yaml, it refuses what could exhaust the stack or memory later:
/// nesting deeper than 128 levels, and aliases (which a spec has no use for,
/// and which could expand exponentially).
pub fn value_keeping_first_keys(file: &SourceFile) -> Option<Value> {
    let mut builder = ValueBuilder::default();
    let parsed = Parser::new_from_str(&file.text).load(&mut builder, false);
    if parsed.is_err() || builder.refused || !builder.stack.is_empty() {
        return None;
    }
    builder.root.or(Some(Value::Null))
}

/// Deeper nesting than serde_yaml accepts.
const MAX_DEPTH: usize = 128;

enum Frame {
    Map {
        path: Vec<Segment>,
        /// The pending key (text and span) whose value comes next.
        key: Option<(String, Range<usize>)>,
        /// Keys seen so far, by identity (see [`key_identity`]), with their span.
        seen: HashMap<(bool, String), Range<usize>>,
        flow: bool,
    },
    Seq {
        path: Vec<Segment>,
        index: usize,
        flow: bool,
    },
}

struct Builder<'a> {
    file: &'a SourceFile,
    out: Index,
    stack: Vec<Frame>,
}

fn join(parent: &[Segment], child: Segment) -> Vec<Segment> {
    let mut path = Vec::with_capacity(parent.len() + 1);
    path.extend_from_slice(parent);
    path.push(child);
    path
}

/// Where a node starting now goes.
enum Slot {
    /// The document itself.
    Root,
    /// A key of the mapping at this path.
    Key(Vec<Segment>),
    /// The value of a key: its path and the key's span.
    MapValue(Vec<Segment>, Range<usize>),
    /// An element of a sequence.
    Element(Vec<Segment>),
}

impl Builder<'_> {
    fn offset(&self, mark: &Marker) -> usize {
        // Lines are 1-based, columns 0-based and counted in characters.
        self.file.offset(mark.line(), mark.col() + 1)
    }

    fn in_flow(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Map { flow: true, .. } | Frame::Seq { flow: true, .. })
        )
    }

    fn next_slot(&self) -> Slot {
        match self.stack.last() {
            None => Slot::Root,
            Some(Frame::Map {
                path, key: None, ..
            }) => Slot::Key(path.clone()),
            Some(Frame::Map {
                path,
                key: Some((k, span)),
                ..
            }) => Slot::MapValue(join(path, Segment::Key(k.clone().into())), span.clone()),
            Some(Frame::Seq { path, index, .. }) => {
                Slot::Element(join(path, Segment::Index(*index)))
            }
        }
    }

    /// A value is complete: the parent moves on to its next key or element.
    fn value_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) => *key = None,
            Some(Frame::Seq { index, .. }) => *index += 1,
            None => {}
        }
    }

    fn scalar(&mut self, text: &str, style: Option<TScalarStyle>, mark: &Marker) {
        let start = self.offset(mark);
        let span = scalar_span(&self.file.text, start, style, self.in_flow());
        match self.next_slot() {
            Slot::Key(map_path) => {
                let path = join(&map_path, Segment::Key(text.to_string().into()));
                let identity = key_identity(text, style);
                let mut first_span = None;
                if let Some(Frame::Map { key, seen, .. }) = self.stack.last_mut() {
                    match seen.get(&identity) {
                        Some(first) => first_span = Some(first.clone()),
                        None => {
                            seen.insert(identity, span.clone());
                        }
                    }
                    *key = Some((text.to_string(), span.clone()));
                }
                match first_span {
                    // The first occurrence is the one used: keep its spans.
                    Some(first) => self.out.duplicates.push(Duplicate {
                        path: NodePath::from(&path[..]),
                        span,
                        first,
                    }),
                    // Keys that differ in YAML but not as text (`1` and `"1"`)
                    // share a path; the later one wins, as checks about such
                    // keys are about the later one ("listed twice").
                    None => {
                        self.out.keys.insert(path, span);
                    }
                }
            }
            Slot::Root => {
                self.out.values.entry(Vec::new()).or_insert(span);
            }
            Slot::MapValue(path, _) | Slot::Element(path) => {
                self.out.values.entry(path).or_insert(span);
                self.value_done();
            }
        }
    }

    fn open(&mut self, mark: &Marker, is_map: bool) {
        let start = self.offset(mark);
        let flow = matches!(self.file.text.as_bytes().get(start), Some(b'{' | b'['));
        let own_line = self.file.rest_of_line(start);
        let own_line = start..trim_end(&self.file.text, own_line.start, own_line.end);
        let (path, span) = match self.next_slot() {
            Slot::Root => (Vec::new(), own_line),
            // A complex (non-scalar) key is unusual in specs; index it under `?`.
            Slot::Key(map_path) => (join(&map_path, Segment::Key("?".into())), own_line),
            // A mapping or sequence is shown by the key that introduces it.
            Slot::MapValue(path, key_span) => (path, key_span),
            Slot::Element(path) => (path, own_line),
        };
        self.out.values.entry(path.clone()).or_insert(span);
        self.stack.push(if is_map {
            Frame::Map {
                path,
                key: None,
                seen: HashMap::new(),
                flow,
            }
        } else {
            Frame::Seq {
                path,
                index: 0,
                flow,
            }
        });
    }

    fn close(&mut self) {
        self.stack.pop();
        self.value_done();
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(text, style, ..) => self.scalar(&text, Some(style), &mark),
            Event::Alias(_) => self.scalar("*", None, &mark),
            Event::MappingStart(..) => self.open(&mark, true),
            Event::SequenceStart(..) => self.open(&mark, false),
            Event::MappingEnd | Event::SequenceEnd => self.close(),
            _ => {}
        }
    }
}

/// What makes two keys the same key for YAML: a quoted `"1"` is a string and a
/// plain `1` an integer, but a plain `a` and a quoted `"a"` are the same string.
fn key_identity(text: &str, style: Option<TScalarStyle>) -> (bool, String) {
    let is_string = match style {
        Some(TScalarStyle::Plain) => plain_is_string(text),
        _ => true,
    };
    (is_string, text.to_string())
}

/// Whether a plain scalar resolves to a string under YAML 1.2's core schema.
fn plain_is_string(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "" | "~" | "null" | "true" | "false" | ".inf" | "+.inf" | "-.inf" | ".nan"
    ) {
        return false;
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let is_int = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    let is_prefixed = ["0x", "0o"].iter().any(|p| lower.starts_with(p));
    !(is_int || is_prefixed || text.parse::<f64>().is_ok())
}

/// The extent of a scalar that starts at byte `start`: its quotes for a quoted
/// scalar, the indicator line for a block scalar, and for a plain scalar the text
/// up to a comment, a `: ` or (in flow context) a flow indicator.
fn scalar_span(
    text: &str,
    start: usize,
    style: Option<TScalarStyle>,
    in_flow: bool,
) -> Range<usize> {
    let rest = &text[start.min(text.len())..];
    let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let end = match style {
        Some(TScalarStyle::DoubleQuoted) => closing_quote(rest, '"', |r| {
            r.strip_prefix('\\')
                .map(|after| 1 + after.chars().next().map_or(0, char::len_utf8))
        }),
        Some(TScalarStyle::SingleQuoted) => {
            closing_quote(rest, '\'', |r| r.starts_with("''").then_some(2))
        }
        Some(TScalarStyle::Literal | TScalarStyle::Folded) => Some(line_end),
        Some(TScalarStyle::Plain) | None => Some(plain_end(&rest[..line_end], in_flow)),
    };
    let end = end.unwrap_or(line_end);
    start..trim_end(text, start, start + end)
}

/// Byte length up to and including the closing `quote`; `escape` returns the
/// length of an escape sequence starting at its argument.
fn closing_quote(s: &str, quote: char, escape: impl Fn(&str) -> Option<usize>) -> Option<usize> {
    if !s.starts_with(quote) {
        return None;
    }
    let mut i = quote.len_utf8();
    while i < s.len() {
        if let Some(n) = escape(&s[i..]) {
            i += n;
            continue;
        }
        let c = s[i..].chars().next()?;
        if c == quote {
            return Some(i + c.len_utf8());
        }
        i += c.len_utf8();
    }
    None
}

/// Byte length of a plain scalar within one line.
fn plain_end(line: &str, in_flow: bool) -> usize {
    let mut prev_blank = true;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ends_value = next.is_none_or(|n| n == ' ' || n == '\t');
        let flow_stop = in_flow && matches!(c, ',' | '[' | ']' | '{' | '}');
        let flow_colon = in_flow && next.is_some_and(|n| matches!(n, ',' | '[' | ']' | '{' | '}'));
        if (c == '#' && prev_blank) || (c == ':' && (ends_value || flow_colon)) || flow_stop {
            return i;
        }
        prev_blank = c == ' ' || c == '\t';
    }
    line.len()
}

/// `end` moved back over trailing blanks, but not before `start`.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let end = end.min(text.len());
    let trimmed = text[start.min(end)..end].trim_end_matches([' ', '\t']);
    start.min(end) + trimmed.len()
}

/// Builds a [`Value`] from parser events (see [`value_keeping_first_keys`]).
#[derive(Default)]
struct ValueBuilder {
    stack: Vec<Container>,
    root: Option<Value>,
    /// Too deep, or an alias: no value is built.
    refused: bool,
}

enum Container {
    /// The mapping so far and its pending key.
    Map(Mapping, Option<Value>),
    Seq(Vec<Value>),
}

impl ValueBuilder {
    fn push(&mut self, value: Value) {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Container::Map(map, pending)) => match pending.take() {
                None => *pending = Some(value),
                Some(key) => {
                    if !map.contains_key(&key) {
                        map.insert(key, value);
                    }
                }
            },
            Some(Container::Seq(items)) => items.push(value),
        }
    }
}

impl MarkedEventReceiver for ValueBuilder {
    fn on_event(&mut self, ev: Event, _mark: Marker) {
        if self.refused {
            return;
        }
        match ev {
            Event::Scalar(text, style, _, tag) => {
                let is_str_tag = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let value = if style == TScalarStyle::Plain && !is_str_tag {
                    resolve_plain(text)
                } else {
                    Value::String(text)
                };
                self.push(value);
            }
            Event::Alias(_) => self.refused = true,
            Event::MappingStart(..) | Event::SequenceStart(..) if self.stack.len() >= MAX_DEPTH => {
                self.refused = true;
            }
            Event::MappingStart(..) => self.stack.push(Container::Map(Mapping::new(), None)),
            Event::SequenceStart(..) => self.stack.push(Container::Seq(Vec::new())),
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(container) = self.stack.pop() {
                    self.push(match container {
                        Container::Map(map, _) => Value::Mapping(map),
                        Container::Seq(items) => Value::Sequence(items),
                    });
                }
            }
            _ => {}
        }
    }
}

/// A plain scalar resolved exactly as serde_yaml resolves it (null, bool,
/// number or string), by letting serde_yaml read it as a document of its own.
fn resolve_plain(text: String) -> Value {
    if text.is_empty() {
        return Value::Null;
    }
    match serde_yaml::from_str::<Value>(&text) {
        Ok(v @ (Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_))) => v,
        _ => Value::String(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> (SourceFile, Locations) {
        let file = SourceFile::new("t.yaml", text);
        let loc = Locations::new(&file);
        (file, loc)
    }

    /// The path of these keys.
    fn at(keys: &[&'static str]) -> NodePath {
        keys.iter().fold(NodePath::root(), |p, k| p.key(*k))
    }

    fn shown(file: &SourceFile, span: Range<usize>) -> &str {
        &file.text[span]
    }

    #[test]
    fn a_plain_value_in_a_flow_mapping_spans_only_its_own_text() {
        let (f, l) = spans("a:\n  b: {type: LiveConfg, doc: 直播}\n");
        assert_eq!(shown(&f, l.value(&at(&["a", "b", "type"]))), "LiveConfg");
        assert_eq!(shown(&f, l.value(&at(&["a", "b", "doc"]))), "直播");
        assert_eq!(shown(&f, l.key(&at(&["a", "b", "doc"]))), "doc");
    }

    #[test]
    fn positions_after_chinese_text_count_characters() {
        let (f, l) = spans("x: {doc: 直播配置, type: LiveConfg}\n");
        let span = l.value(&at(&["x", "type"]));
        assert_eq!(shown(&f, span.clone()), "LiveConfg");
        assert_eq!(f.line_col(span.start), (1, 22));
    }

    #[test]
    fn quoted_scalars_span_their_quotes() {
        let (f, l) = spans("a: \"x\\\"y\" # c\nb: 'it''s'\n\"名\": 1\n");
        assert_eq!(shown(&f, l.value(&at(&["a"]))), "\"x\\\"y\"");
        assert_eq!(shown(&f, l.value(&at(&["b"]))), "'it''s'");
        assert_eq!(shown(&f, l.key(&at(&["名"]))), "\"名\"");
    }

    #[test]
    fn plain_values_stop_before_a_comment() {
        let (f, l) = spans("a: hello world   # comment\n");
        assert_eq!(shown(&f, l.value(&at(&["a"]))), "hello world");
    }

    #[test]
    fn an_element_of_a_sequence_is_found_by_its_index_not_by_a_key_of_that_text() {
        let (f, l) = spans("a:\n  - x\n  - {b: y}\n");
        let a = at(&["a"]);
        assert_eq!(shown(&f, l.value(&a.index(0))), "x");
        assert_eq!(shown(&f, l.value(&a.index(1).key("b"))), "y");
        // No mapping key `1` under `a`: the nearest node is `a` itself.
        assert_eq!(shown(&f, l.value(&a.key("1"))), "a");
    }

    #[test]
    fn a_mapping_value_is_shown_by_its_key() {
        let (f, l) = spans("types:\n  Live:\n    fields: {}\n");
        assert_eq!(shown(&f, l.value(&at(&["types", "Live"]))), "Live");
    }

    #[test]
    fn a_key_written_twice_is_reported_at_the_second_occurrence() {
        let (f, l) = spans("a:\n  x: 1\n  y: 2\n  x: 3\n");
        let [d] = l.duplicates() else {
            panic!("one duplicate: {:?}", l.duplicates())
        };
        assert_eq!(d.path, at(&["a", "x"]));
        assert_eq!(f.line_col(d.span.start), (4, 3));
        assert_eq!(f.line_col(d.first.start), (2, 3));
        assert_eq!(shown(&f, l.value(&at(&["a", "x"]))), "1");
    }

    #[test]
    fn a_quoted_number_and_a_plain_number_are_different_keys() {
        let (_, l) = spans("v:\n  1: a\n  \"1\": b\n  a: c\n  \"a\": d\n");
        let paths: Vec<&NodePath> = l.duplicates().iter().map(|d| &d.path).collect();
        assert_eq!(paths, [&at(&["v", "a"])]);
    }

    #[test]
    fn the_value_keeping_first_keys_reads_like_serde_yaml_without_the_duplicate() {
        let text =
            "a: 1\nb: [x, 2, true, ~, '3', \"4\", 1.5]\na: 2\nc:\n  d: 0x10\n  e: |\n    block\n";
        let v = value_keeping_first_keys(&SourceFile::new("t", text)).expect("valid YAML");
        let expected: Value = serde_yaml::from_str(
            "a: 1\nb: [x, 2, true, ~, '3', \"4\", 1.5]\nc: {d: 16, e: \"block\\n\"}\n",
        )
        .expect("valid YAML");
        assert_eq!(v, expected);
    }

    #[test]
    fn the_value_keeping_first_keys_refuses_aliases_and_deep_nesting() {
        let alias = SourceFile::new("t", "a: &x [1]\nb: *x\n");
        assert_eq!(value_keeping_first_keys(&alias), None);
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(value_keeping_first_keys(&SourceFile::new("t", deep)), None);
    }

    #[test]
    fn the_value_keeping_first_keys_is_none_for_broken_yaml() {
        assert_eq!(
            value_keeping_first_keys(&SourceFile::new("t", "a: [1, 2\n")),
            None
        );
    }
}
