//! Where each field of a spec operation is written, and the notes that
//! explain it: the same `place:dotted.path` keys as the flattened fields
//! (`draft::measure`), each with its file, node path and notes.

use std::collections::HashMap;

use serde_yaml::Value;

use super::specs::{SpecFile, SpecVendor};
use crate::diagnostic::FileId;
use crate::spec::path::NodePath;

/// Where one node is written, and the notes that cover it.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub file: FileId,
    pub path: NodePath,
    /// The node's own `note:`, then the `note:` of the type it names (or
    /// whose items it names).
    pub notes: Vec<String>,
    /// The `note:` of the type that holds the node: it speaks for its
    /// fields, but only of the attributes it names (see `notes.rs`).
    pub holder_notes: Vec<String>,
}

/// The places of one operation.
#[derive(Debug, Clone)]
pub(crate) struct OpPlaces {
    /// The operation, with its own `note:`.
    pub op: Place,
    /// The `note:` of the types its body and response name.
    pub type_notes: Vec<String>,
    /// Every field, by `place:dotted.path` key.
    pub fields: HashMap<String, Place>,
}

/// The types of a vendor by name, with the file each is written in.
struct Types<'a>(HashMap<&'a str, (&'a SpecFile, &'a Value)>);

impl<'a> Types<'a> {
    fn of(vendor: &'a SpecVendor) -> Self {
        Types(
            vendor
                .section("types")
                .filter_map(|(f, k, v)| Some((k.as_str()?, (f, v))))
                .collect(),
        )
    }

    /// The type a node names: `type: T`, or the node itself as a name.
    fn named(&self, node: &Value) -> Option<(&'a SpecFile, &'a Value, &'a str)> {
        let name = node.get("type").or(Some(node)).and_then(Value::as_str)?;
        let (key, (f, v)) = self.0.get_key_value(name)?;
        Some((f, v, key))
    }

    /// The fields mapping of a node (inline, or of the type it names) and
    /// where it is written.
    fn fields(
        &self,
        file: &'a SpecFile,
        at: &NodePath,
        node: &'a Value,
    ) -> Option<(&'a SpecFile, NodePath, &'a serde_yaml::Mapping)> {
        if let Some(m) = node.get("fields").and_then(Value::as_mapping) {
            return Some((file, at.key("fields"), m));
        }
        let (f, ty, name) = self.named(node)?;
        let fields = ty.get("fields").and_then(Value::as_mapping)?;
        let path = NodePath::root()
            .key("types")
            .key(name.to_string())
            .key("fields");
        Some((f, path, fields))
    }

    /// The `note:` of the type a node (or its items) names.
    fn note(&self, node: &Value) -> Option<String> {
        let named = node.get("items").unwrap_or(node);
        note(self.named(named)?.1)
    }
}

/// A node's `note:`.
fn note(node: &Value) -> Option<String> {
    node.get("note")?.as_str().map(str::to_string)
}

/// The places of every operation of a vendor, by operation name.
pub(crate) fn places(vendor: &SpecVendor) -> HashMap<String, OpPlaces> {
    let types = Types::of(vendor);
    vendor
        .section("operations")
        .filter_map(|(file, name, op)| {
            let name = name.as_str()?;
            Some((name.to_string(), operation(&types, file, name, op)))
        })
        .collect()
}

/// The places of one operation's fields.
fn operation(types: &Types, file: &SpecFile, name: &str, op: &Value) -> OpPlaces {
    let at = NodePath::root().key("operations").key(name.to_string());
    let mut out = HashMap::new();
    let mut type_notes = Vec::new();
    for (place, key) in [("path:", "path_params"), ("query:", "query")] {
        if let Some(m) = op.get(key).and_then(Value::as_mapping) {
            let within = Within {
                prefix: place,
                holder: None,
                depth: 0,
            };
            walk(types, file, &at.key(key), m, &within, &mut out);
        }
    }
    for (place, key) in [("body:", "body"), ("response:", "response")] {
        let Some(node) = op.get(key) else { continue };
        let holder = types.note(node);
        type_notes.extend(holder.clone());
        if let Some((f, path, m)) = types.fields(file, &at.key(key), node) {
            let within = Within {
                prefix: place,
                holder: holder.as_deref(),
                depth: 0,
            };
            walk(types, f, &path, m, &within, &mut out);
        }
    }
    let op = Place {
        file: file.id,
        path: at,
        notes: note(op).into_iter().collect(),
        holder_notes: Vec::new(),
    };
    OpPlaces {
        op,
        type_notes,
        fields: out,
    }
}

/// The fields being walked: their key prefix, the note of the type that
/// holds them (a note on a type speaks for its fields), and the depth.
struct Within<'a> {
    prefix: &'a str,
    holder: Option<&'a str>,
    depth: usize,
}

/// Records every field of `fields` (at `at` in `file`) under the prefix,
/// and the fields of the objects they hold.
fn walk(
    types: &Types,
    file: &SpecFile,
    at: &NodePath,
    fields: &serde_yaml::Mapping,
    within: &Within,
    out: &mut HashMap<String, Place>,
) {
    for (name, f) in fields {
        let Some(name) = name.as_str() else { continue };
        let key = format!("{}{name}", within.prefix);
        let path = at.key(name.to_string());
        let named = types.note(f);
        let notes = note(f).into_iter().chain(named.clone()).collect();
        let holder_notes = within.holder.map(str::to_string).into_iter().collect();
        let children = match (f.get("type").and_then(Value::as_str), f.get("items")) {
            (Some("array"), Some(items)) => types.fields(file, &path.key("items"), items),
            _ => types.fields(file, &path, f),
        };
        if let (Some((cf, cpath, cfields)), true) = (children, within.depth < 8) {
            let prefix = format!("{key}.");
            let inner = Within {
                prefix: &prefix,
                holder: named.as_deref(),
                depth: within.depth + 1,
            };
            walk(types, cf, &cpath, cfields, &inner, out);
        }
        out.insert(
            key,
            Place {
                file: file.id,
                path,
                notes,
                holder_notes,
            },
        );
    }
}
