//! The document side of the audit: what each vendor document says, field by
//! field, with the line each field is printed on.
//!
//! The document is read by the drafting readers (`draft::read`) and written
//! as the draft would be, then flattened like a spec (`draft::measure`), so
//! that a document and a spec compare attribute by attribute; the lines come
//! from the document model's rows.

use std::path::{Path, PathBuf};

use crate::draft::measure::{draft_side, OpFields};
use crate::draft::{self, Document};

/// Where the documents are: a folder (the seeds) and files given one by one,
/// which take precedence over the folder's file of the same name.
#[derive(Debug, Clone, Default)]
pub struct Documents {
    /// The folder the vendor headers' `sources:` name files in.
    pub dir: PathBuf,
    /// Documents given one by one (`--doc`), matched to `sources:` by file name.
    pub files: Vec<PathBuf>,
}

impl Documents {
    /// The seeds folder: `MEETING_API_SEEDS`, else `../shared/seeds` relative
    /// to the current directory (the seeds sit beside the repository).
    pub fn seeds() -> Documents {
        let dir = std::env::var_os("MEETING_API_SEEDS")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("../shared/seeds"));
        Documents {
            dir,
            files: Vec::new(),
        }
    }

    /// The path of the document a `sources:` entry names.
    pub(crate) fn find(&self, source: &str) -> PathBuf {
        self.files
            .iter()
            .find(|f| f.file_name().is_some_and(|n| n.to_string_lossy() == source))
            .cloned()
            .unwrap_or_else(|| self.dir.join(source))
    }
}

/// One documented operation, flattened, with its document and lines.
pub(crate) struct DocOp {
    /// The document's file name.
    pub source: String,
    /// The flattened fields, as the draft writes them.
    pub fields: OpFields,
    /// The line of the endpoint's title.
    pub line: usize,
    /// Every documented row: its name and line, in document order.
    pub rows: Vec<(String, usize)>,
    /// The first line of each example, in the order of `fields.examples`.
    pub example_lines: Vec<usize>,
}

impl DocOp {
    /// The line of the row a flattened key (`body:conf.name`) names: the row
    /// of that name under the parent's row when there is one, else the first
    /// row of that name, else the endpoint's title.
    pub(crate) fn line_of(&self, key: &str) -> usize {
        let name = |k: &str| {
            k.rsplit(['.', ':'])
                .next()
                .unwrap_or(k)
                .trim_end_matches("[]")
                .to_string()
        };
        let own = name(key);
        let parent = key.rsplit_once('.').map(|(p, _)| name(p));
        let after_parent = parent
            .and_then(|p| self.rows.iter().position(|(n, _)| *n == p))
            .unwrap_or(0);
        self.rows[after_parent..]
            .iter()
            .chain(&self.rows)
            .find(|(n, _)| *n == own)
            .map_or(self.line, |(_, l)| *l)
    }
}

/// Reads one document and flattens every endpoint it describes.
pub(crate) fn read(path: &Path, vendor: &str) -> std::io::Result<Vec<DocOp>> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let options = draft::Options {
        vendor: Some(vendor.to_string()),
        source: Some(source.clone()),
    };
    let yaml = serde_yaml::from_str(&draft::draft(&text, &options)).unwrap_or_default();
    let doc = draft::read(&text);
    let ops = draft_side(&yaml);
    Ok(ops
        .into_iter()
        .enumerate()
        .map(|(i, fields)| {
            let (line, rows) = lines(&doc, i);
            let example_lines = doc
                .endpoints
                .get(i)
                .map(|ep| ep.examples.iter().map(|e| e.lines.0).collect())
                .unwrap_or_default();
            DocOp {
                source: source.clone(),
                fields,
                line,
                rows,
                example_lines,
            }
        })
        .collect())
}

/// The title line and the row lines of endpoint `i` (the draft writes one
/// operation per endpoint, in document order).
fn lines(doc: &Document, i: usize) -> (usize, Vec<(String, usize)>) {
    let Some(ep) = doc.endpoints.get(i) else {
        return (1, Vec::new());
    };
    let mut rows = Vec::new();
    let mut stack: Vec<_> = ep
        .tables
        .iter()
        .rev()
        .flat_map(|t| t.rows.iter().rev())
        .collect();
    while let Some(row) = stack.pop() {
        for part in row.name.split('.') {
            rows.push((part.trim_end_matches("[]").to_string(), row.line));
        }
        stack.extend(row.children.iter().rev());
    }
    (ep.line, rows)
}
