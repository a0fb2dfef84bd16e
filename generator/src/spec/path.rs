//! Where a node is in a spec document: a typed path of mapping keys and
//! sequence indexes (`operations` / `list_meetings` / `rules` / 0).
//!
//! Parse and check address nodes with it, and [`super::locate::Locations`]
//! looks spans up by it: nobody splits a dotted string to recover a key.

use std::fmt;

/// A path from the document root to one node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct NodePath(Vec<Segment>);

/// One step of a [`NodePath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A key of a mapping, as written.
    Key(String),
    /// An element of a sequence, from 0.
    Index(usize),
}

impl NodePath {
    /// The document itself.
    pub fn root() -> NodePath {
        NodePath(Vec::new())
    }

    /// The value of `key` in the mapping at this path.
    pub fn key(&self, key: impl Into<String>) -> NodePath {
        self.child(Segment::Key(key.into()))
    }

    /// Element `index` of the sequence at this path.
    pub fn index(&self, index: usize) -> NodePath {
        self.child(Segment::Index(index))
    }

    /// This path followed by `segment`.
    pub fn child(&self, segment: Segment) -> NodePath {
        let mut segments = Vec::with_capacity(self.0.len() + 1);
        segments.extend_from_slice(&self.0);
        segments.push(segment);
        NodePath(segments)
    }

    /// The steps from the root.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// The path of the node that holds this one, and this node's own step
    /// (`None` for the root).
    pub fn split_last(&self) -> Option<(NodePath, &Segment)> {
        let (last, parent) = self.0.split_last()?;
        Some((NodePath(parent.to_vec()), last))
    }
}

impl From<Vec<Segment>> for NodePath {
    fn from(segments: Vec<Segment>) -> NodePath {
        NodePath(segments)
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Key(key) => f.write_str(key),
            Segment::Index(i) => write!(f, "{i}"),
        }
    }
}

/// Segments joined with `.`, as messages show a path (`types.Live.fields`).
impl fmt::Display for NodePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{segment}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_shows_its_keys_and_indexes_joined_with_dots() {
        let path = NodePath::root()
            .key("operations")
            .key("x")
            .key("rules")
            .index(2);
        assert_eq!(path.to_string(), "operations.x.rules.2");
        assert_eq!(NodePath::root().to_string(), "");
    }

    #[test]
    fn a_path_splits_into_its_parent_and_its_last_step() {
        let path = NodePath::root().key("types").key("a.b");
        let (parent, last) = path.split_last().expect("not the root");
        assert_eq!(parent, NodePath::root().key("types"));
        assert_eq!(last, &Segment::Key("a.b".into()));
        assert!(NodePath::root().split_last().is_none());
    }
}
