//! The spec files of each vendor, read as YAML for the audit: which
//! documents the header names, and every file's nodes by path.

use std::path::PathBuf;

use serde_yaml::{Mapping, Value};

use crate::diagnostic::{FileId, SourceFile, Sources};
use crate::spec::locate::Locations;

/// One vendor's spec files.
pub(crate) struct SpecVendor {
    /// `vendor.name`.
    pub name: String,
    /// The header's `sources:` (document file names).
    pub sources: Vec<String>,
    /// The file holding the header.
    pub header_file: FileId,
    /// Every file of the vendor, read.
    pub files: Vec<SpecFile>,
}

/// One spec file: its id, its YAML and the positions of its nodes.
pub(crate) struct SpecFile {
    pub id: FileId,
    pub value: Value,
    pub locations: Locations,
}

impl SpecVendor {
    /// The vendor header's `notes:`.
    pub(crate) fn notes(&self) -> Vec<String> {
        let header = self.files.iter().find(|f| f.id == self.header_file);
        header
            .and_then(|f| f.value.get("vendor")?.get("notes")?.as_sequence().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|n| n.as_str().map(str::to_string))
            .collect()
    }

    /// A top-level section (`types`, `operations`) of every file, with the
    /// file it is in.
    pub(crate) fn section<'a>(
        &'a self,
        key: &'a str,
    ) -> impl Iterator<Item = (&'a SpecFile, &'a Value, &'a Value)> + 'a {
        self.files.iter().flat_map(move |f| {
            f.value
                .get(key)
                .and_then(Value::as_mapping)
                .into_iter()
                .flat_map(Mapping::iter)
                .map(move |(k, v)| (f, k, v))
        })
    }

    /// Every file's `types` and `operations` in one document, the shape
    /// the draft flattener reads.
    pub(crate) fn merged(&self) -> Value {
        let mut root = Mapping::new();
        for key in ["types", "operations"] {
            let all: Mapping = self
                .section(key)
                .map(|(_, k, v)| (k.clone(), v.clone()))
                .collect();
            root.insert(key.into(), Value::Mapping(all));
        }
        Value::Mapping(root)
    }
}

/// Groups spec files by vendor: a file with a `vendor:` header starts a
/// vendor; a file without one belongs to the header in its folder.
pub(crate) fn read(paths: &[PathBuf], sources: &mut Sources) -> Vec<SpecVendor> {
    let mut vendors: Vec<(PathBuf, SpecVendor)> = Vec::new();
    let mut headerless = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let file = SourceFile::new(path, text);
        let value = serde_yaml::from_str(&file.text).unwrap_or(Value::Null);
        let locations = Locations::new(&file);
        let id = sources.add(file);
        let spec = SpecFile {
            id,
            value,
            locations,
        };
        let folder = path.parent().map(PathBuf::from).unwrap_or_default();
        match spec.value.get("vendor").cloned() {
            Some(header) => vendors.push((folder, vendor(&header, spec))),
            None => headerless.push((folder, spec)),
        }
    }
    for (folder, spec) in headerless {
        if let Some((_, v)) = vendors.iter_mut().find(|(f, _)| *f == folder) {
            v.files.push(spec);
        }
    }
    vendors.into_iter().map(|(_, v)| v).collect()
}

/// A vendor from its header and the file holding it.
fn vendor(header: &Value, file: SpecFile) -> SpecVendor {
    let text = |k: &str| header.get(k).and_then(Value::as_str).unwrap_or_default();
    let sources = header
        .get("sources")
        .and_then(Value::as_sequence)
        .map(|s| s.iter().filter_map(Value::as_str).map(str::to_string))
        .into_iter()
        .flatten()
        .collect();
    SpecVendor {
        name: text("name").to_string(),
        sources,
        header_file: file.id,
        files: vec![file],
    }
}
