//! Where a node is in a spec document: a typed path of mapping keys and
//! sequence indexes (`operations` / `list_meetings` / `rules` / 0).
//!
//! Parse and check address nodes with it, and [`super::locate::Locations`]
//! looks spans up by it: nobody splits a dotted string to recover a key.
//!
//! The checker makes a path for every node it visits and needs one only for
//! the few it reports, so a child shares its parent (a linked list) and the
//! keys of the format are not copied.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A path from the document root to one node.
#[derive(Clone, Default)]
pub struct NodePath(Option<Arc<Link>>);

struct Link {
    parent: NodePath,
    segment: Segment,
}

/// One step of a [`NodePath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A key of a mapping, as written.
    Key(Cow<'static, str>),
    /// An element of a sequence, from 0.
    Index(usize),
}

impl NodePath {
    /// The document itself.
    pub fn root() -> NodePath {
        NodePath(None)
    }

    /// The value of `key` in the mapping at this path.
    pub fn key(&self, key: impl Into<Cow<'static, str>>) -> NodePath {
        self.child(Segment::Key(key.into()))
    }

    /// Element `index` of the sequence at this path.
    pub fn index(&self, index: usize) -> NodePath {
        self.child(Segment::Index(index))
    }

    /// This path followed by `segment`.
    pub fn child(&self, segment: Segment) -> NodePath {
        NodePath(Some(Arc::new(Link {
            parent: self.clone(),
            segment,
        })))
    }

    /// The steps from the root.
    pub fn segments(&self) -> Vec<Segment> {
        let mut out = Vec::new();
        let mut at = self;
        while let Some(link) = &at.0 {
            out.push(link.segment.clone());
            at = &link.parent;
        }
        out.reverse();
        out
    }

    /// The path of the node that holds this one, and this node's own step
    /// (`None` for the root).
    pub fn split_last(&self) -> Option<(&NodePath, &Segment)> {
        self.0.as_deref().map(|link| (&link.parent, &link.segment))
    }

    /// Whether this is the document itself.
    pub fn is_root(&self) -> bool {
        self.0.is_none()
    }
}

impl From<&[Segment]> for NodePath {
    fn from(segments: &[Segment]) -> NodePath {
        segments
            .iter()
            .fold(NodePath::root(), |path, s| path.child(s.clone()))
    }
}

impl PartialEq for NodePath {
    fn eq(&self, other: &NodePath) -> bool {
        self.segments() == other.segments()
    }
}

impl Eq for NodePath {}

impl Hash for NodePath {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.segments().hash(state);
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
        for (i, segment) in self.segments().iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{segment}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for NodePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NodePath({self})")
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
        assert_eq!(parent, &NodePath::root().key("types"));
        assert_eq!(last, &Segment::Key("a.b".into()));
        assert!(NodePath::root().split_last().is_none());
    }

    #[test]
    fn paths_are_equal_when_their_steps_are_whatever_the_key_is_owned_or_not() {
        let built = NodePath::root()
            .key("types")
            .key(String::from("Live"))
            .index(0);
        let from_steps = NodePath::from(
            &[
                Segment::Key("types".into()),
                Segment::Key(String::from("Live").into()),
                Segment::Index(0),
            ][..],
        );
        assert_eq!(built, from_steps);
        assert_ne!(built, NodePath::root().key("types").key("Live").key("0"));
    }
}
