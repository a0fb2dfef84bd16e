//! Where each node of a YAML document is: dotted path -> span.
//!
//! serde_yaml reports positions only for syntax and shape errors; semantic checks
//! need the position of the node they are about (an unknown type name, a duplicate
//! value). This index is built from yaml-rust2's marked events over the same text.

use std::collections::HashMap;
use std::ops::Range;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostic::SourceFile;

/// Spans of one document's keys and values, by dotted path (`operations.x.method`).
#[derive(Debug, Default)]
pub struct Locations {
    values: HashMap<String, Range<usize>>,
    keys: HashMap<String, Range<usize>>,
    /// Keys written twice in one mapping: (path of the second, its span).
    pub duplicates: Vec<(String, Range<usize>)>,
}

impl Locations {
    pub fn build(file: &SourceFile) -> Locations {
        let mut builder = Builder {
            file,
            out: Locations::default(),
            stack: Vec::new(),
        };
        // Syntax errors are reported by serde_yaml; a partial index is still useful.
        let _ = Parser::new_from_str(&file.text).load(&mut builder, false);
        builder.out
    }

    /// The span of the value at `path`, or of the nearest ancestor that is known.
    pub fn value(&self, path: &str) -> Range<usize> {
        self.lookup(&self.values, path)
    }

    /// The span of the key at `path` (falls back like [`Locations::value`]).
    pub fn key(&self, path: &str) -> Range<usize> {
        self.lookup(&self.keys, path)
    }

    pub fn has(&self, path: &str) -> bool {
        self.values.contains_key(path)
    }

    fn lookup(&self, map: &HashMap<String, Range<usize>>, path: &str) -> Range<usize> {
        let mut p = path;
        loop {
            if let Some(span) = map.get(p).or_else(|| self.values.get(p)) {
                return span.clone();
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return self.values.get("").cloned().unwrap_or(0..0),
            }
        }
    }
}

enum Frame {
    Map {
        path: String,
        key: Option<String>,
        seen: Vec<String>,
    },
    Seq {
        path: String,
        index: usize,
    },
}

struct Builder<'a> {
    file: &'a SourceFile,
    out: Locations,
    stack: Vec<Frame>,
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

impl Builder<'_> {
    fn offset(&self, mark: &Marker) -> usize {
        self.file.offset(mark.line(), mark.col() + 1)
    }

    /// The path a value starting now would have, and whether it is a mapping key.
    fn next_slot(&mut self) -> (Option<String>, bool) {
        match self.stack.last_mut() {
            None => (Some(String::new()), false),
            Some(Frame::Map {
                path, key: None, ..
            }) => (Some(path.clone()), true),
            Some(Frame::Map {
                path, key: Some(k), ..
            }) => (Some(join(path, k)), false),
            Some(Frame::Seq { path, index }) => (Some(join(path, &index.to_string())), false),
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

    fn scalar(&mut self, text: &str, mark: &Marker) {
        let start = self.offset(mark);
        let span = self.file.rest_of_line(start);
        let (slot, is_key) = self.next_slot();
        let Some(parent_or_path) = slot else { return };
        if is_key {
            let path = join(&parent_or_path, text);
            if let Some(Frame::Map { key, seen, .. }) = self.stack.last_mut() {
                if seen.iter().any(|k| k == text) {
                    self.out.duplicates.push((path.clone(), span.clone()));
                }
                seen.push(text.to_string());
                *key = Some(text.to_string());
            }
            let key_span = start..(start + text.len()).min(span.end.max(start));
            self.out.keys.insert(path, key_span);
        } else {
            self.out.values.entry(parent_or_path).or_insert(span);
            self.value_done();
        }
    }

    fn open(&mut self, mark: &Marker, is_map: bool) {
        let start = self.offset(mark);
        let (slot, is_key) = self.next_slot();
        let path = slot.unwrap_or_default();
        // A complex (non-scalar) key is unusual in specs; index it under `?`.
        let path = if is_key { join(&path, "?") } else { path };
        self.out
            .values
            .entry(path.clone())
            .or_insert_with(|| self.file.rest_of_line(start));
        self.stack.push(if is_map {
            Frame::Map {
                path,
                key: None,
                seen: Vec::new(),
            }
        } else {
            Frame::Seq { path, index: 0 }
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
            Event::Scalar(text, ..) => self.scalar(&text, &mark),
            Event::Alias(_) => self.scalar("*", &mark),
            Event::MappingStart(..) => self.open(&mark, true),
            Event::SequenceStart(..) => self.open(&mark, false),
            Event::MappingEnd | Event::SequenceEnd => self.close(),
            _ => {}
        }
    }
}
