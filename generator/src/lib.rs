//! Generates typed Rust clients and validators for meeting and live-streaming APIs
//! from YAML specs transcribed from the vendors' prose documents.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`spec`]: parse (serde_yaml into the [`spec::ast`], with node locations),
//! 2. [`check`]: check every rule of the format, collecting every problem with
//!    `file:line:col` and a hint,
//! 3. [`model`]: the resolved, validated IR that emitters trust,
//! 4. [`emit`]: Rust tokens (quote) formatted by prettyplease, and markdown from a
//!    minijinja template.
//!
//! build.rs, the `generate_api!` macro and the CLI are thin shells over [`Config`]:
//!
//! ```no_run
//! let summary = meeting_api_codegen::Config::new()
//!     .spec_dir("specs")
//!     .generate("target/generated")
//!     .map_err(|report| report.to_string())?;
//! println!("{summary}");
//! # Ok::<(), String>(())
//! ```

pub mod check;
pub mod diagnostic;
mod draft;
pub mod emit;
pub mod model;
pub mod naming;
pub mod spec;
mod summary;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, FileId, Report, SourceFile, Sources};
pub use summary::{Summary, VendorSummary};

/// The runtime crate the generated code refers to.
pub const DEFAULT_RUNTIME_PATH: &str = "::meeting_api_client";

/// What to generate from which specs. Builder-style, in the spirit of
/// `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Config {
    inputs: Vec<Input>,
    runtime_path: String,
    only: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
enum Input {
    /// A folder whose entries are vendors (YAML files or folders).
    Dir(PathBuf),
    /// One vendor: a YAML file or a folder of YAML files.
    Vendor(PathBuf),
}

/// The files one run produces, by file name, in a stable order.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub files: Vec<(String, String)>,
    pub api: model::Api,
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl Config {
    pub fn new() -> Config {
        Config {
            inputs: Vec::new(),
            runtime_path: DEFAULT_RUNTIME_PATH.to_string(),
            only: None,
        }
    }

    /// Adds every vendor under `dir`: each `*.yaml` file and each sub-folder.
    pub fn spec_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Config {
        self.inputs.push(Input::Dir(dir.into()));
        self
    }

    /// Adds one vendor: a YAML file, or a folder of YAML files.
    pub fn spec(&mut self, path: impl Into<PathBuf>) -> &mut Config {
        self.inputs.push(Input::Vendor(path.into()));
        self
    }

    /// Adds a path given on a command line: a vendor file, a vendor folder (one
    /// of its files has a `vendor:` header) or a folder of vendors.
    pub fn path(&mut self, path: impl Into<PathBuf>) -> &mut Config {
        let path = path.into();
        if path.is_dir() && !is_vendor_folder(&path) {
            self.spec_dir(path)
        } else {
            self.spec(path)
        }
    }

    /// The path of the runtime crate in generated code (default `::meeting_api_client`).
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Config {
        self.runtime_path = path.into();
        self
    }

    /// Generates only these vendors (by `vendor.name`); others are still checked.
    pub fn only_vendors<I, S>(&mut self, names: I) -> &mut Config
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.only = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Every spec file this configuration reads (for `rerun-if-changed`).
    pub fn spec_files(&self) -> Vec<PathBuf> {
        self.vendor_inputs()
            .unwrap_or_default()
            .into_iter()
            .flatten()
            .collect()
    }

    /// The folders whose new entries add vendors or files (for `rerun-if-changed`).
    pub fn watched_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self
            .inputs
            .iter()
            .filter_map(|i| match i {
                Input::Dir(d) => Some(d.clone()),
                Input::Vendor(p) if p.is_dir() => Some(p.clone()),
                Input::Vendor(_) => None,
            })
            .collect();
        if let Ok(vendors) = self.vendor_inputs() {
            for files in vendors {
                if let Some(parent) = files.first().and_then(|f| f.parent()) {
                    if files.len() > 1 || is_vendor_folder(parent) {
                        dirs.push(parent.to_path_buf());
                    }
                }
            }
        }
        dirs.sort();
        dirs.dedup();
        dirs
    }

    /// Parses and checks every spec: the model, or every problem found.
    pub fn load(&self) -> Result<model::Api, Report> {
        let mut sources = Sources::default();
        let mut diags = Vec::new();
        let groups = match self.vendor_inputs() {
            Ok(g) => g,
            Err((path, e)) => {
                let id = sources.add(SourceFile::new(path, String::new()));
                diags.push(Diagnostic::new(id, 0..0, format!("cannot read specs: {e}")));
                return Err(Report::new(sources, diags));
            }
        };
        // Read every file first, then parse them all in parallel: files are
        // independent until the check, which sees each vendor's files together.
        let mut ids: Vec<Vec<FileId>> = Vec::new();
        for group in groups {
            let mut group_ids = Vec::new();
            for path in group {
                match fs::read_to_string(&path) {
                    Ok(text) => group_ids.push(sources.add(SourceFile::new(&path, text))),
                    Err(e) => {
                        let id = sources.add(SourceFile::new(&path, String::new()));
                        diags.push(Diagnostic::new(
                            id,
                            0..0,
                            format!("cannot read this file: {e}"),
                        ));
                    }
                }
            }
            ids.push(group_ids);
        }
        let mut parsed = parse_files(&sources, ids.iter().flatten().copied().collect());
        let mut vendors = Vec::new();
        for group_ids in &ids {
            let mut group = Vec::new();
            for id in group_ids {
                let (file, file_diags) = parsed.remove(id).unwrap_or_default();
                diags.extend(file_diags);
                group.extend(file);
            }
            if group.is_empty() {
                continue;
            }
            if let Some(v) = check::check_vendor(&sources, &group, &mut diags) {
                vendors.push(v);
            }
        }
        check_vendor_names(&sources, &vendors, &mut diags);
        if !diags.is_empty() {
            return Err(Report::new(sources, diags));
        }
        vendors.sort_by(|a, b| a.name.cmp(&b.name));
        if let Some(only) = &self.only {
            vendors.retain(|v| only.contains(&v.name));
        }
        Ok(model::Api { vendors })
    }

    /// Loads the specs and renders every output file in memory.
    pub fn render(&self) -> Result<Output, Report> {
        let api = self.load()?;
        let mut files: Vec<(String, String)> = api
            .vendors
            .iter()
            .map(|v| {
                (
                    format!("{}.rs", v.name),
                    emit::vendor_source(v, &self.runtime_path),
                )
            })
            .collect();
        files.push(("catalogue.md".to_string(), emit::catalogue(&api)));
        Ok(Output { files, api })
    }

    /// Renders and writes the output files into `out_dir` (only files whose
    /// contents changed are rewritten), and summarizes what was generated.
    pub fn generate(&self, out_dir: impl AsRef<Path>) -> Result<Summary, Report> {
        self.render()?.write(out_dir)
    }

    /// The spec files of each vendor, in a stable order.
    fn vendor_inputs(&self) -> Result<Vec<Vec<PathBuf>>, (PathBuf, std::io::Error)> {
        let mut groups = Vec::new();
        for input in &self.inputs {
            match input {
                Input::Dir(dir) => {
                    for entry in sorted_entries(dir)? {
                        if entry.is_dir() {
                            groups.push(yaml_files(&entry)?);
                        } else if is_yaml(&entry) {
                            groups.push(vec![entry]);
                        }
                    }
                }
                Input::Vendor(p) if p.is_dir() => groups.push(yaml_files(p)?),
                Input::Vendor(p) => groups.push(vec![p.clone()]),
            }
        }
        groups.retain(|g| !g.is_empty());
        Ok(groups)
    }
}

impl Output {
    /// Writes the files into `out_dir`, rewriting only those whose contents
    /// changed (so cargo sees no change when there is none), and summarizes them.
    pub fn write(&self, out_dir: impl AsRef<Path>) -> Result<Summary, Report> {
        let out_dir = out_dir.as_ref();
        let mut written = Vec::new();
        let write = |name: &str, text: &str| -> std::io::Result<()> {
            fs::create_dir_all(out_dir)?;
            let path = out_dir.join(name);
            if !same_contents(&path, text.as_bytes()) {
                fs::write(&path, text)?;
            }
            Ok(())
        };
        for (name, text) in &self.files {
            if let Err(e) = write(name, text) {
                let mut sources = Sources::default();
                let id = sources.add(SourceFile::new(out_dir.join(name), String::new()));
                return Err(Report::new(
                    sources,
                    vec![Diagnostic::new(
                        id,
                        0..0,
                        format!("cannot write generated file: {e}"),
                    )],
                ));
            }
            written.push(out_dir.join(name));
        }
        Ok(Summary::new(&self.api, &self.files, written))
    }
}

/// Whether the file at `path` holds exactly `text`, read a block at a time: a
/// generated file can be hundreds of megabytes.
fn same_contents(path: &Path, text: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != Some(text.len() as u64) {
        return false;
    }
    let mut block = vec![0u8; 1 << 16];
    let mut rest = text;
    loop {
        match file.read(&mut block) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && block[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) | Err(_) => return false,
        }
    }
}

/// Each file parsed on its own, on every core: (the file, its problems) by id.
fn parse_files(
    sources: &Sources,
    ids: Vec<FileId>,
) -> HashMap<FileId, (Option<spec::parse::ParsedFile>, Vec<Diagnostic>)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(ids.len())
        .max(1);
    let chunk = ids.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = ids
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|&id| {
                            let mut diags = Vec::new();
                            let file = spec::parse::parse_file(id, sources.get(id), &mut diags);
                            (id, (file, diags))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn is_yaml(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, (PathBuf, std::io::Error)> {
    let read = fs::read_dir(dir).map_err(|e| (dir.to_path_buf(), e))?;
    let mut entries: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    Ok(entries)
}

fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, (PathBuf, std::io::Error)> {
    Ok(sorted_entries(dir)?
        .into_iter()
        .filter(|p| p.is_file() && is_yaml(p))
        .collect())
}

/// A folder is one vendor when exactly one of its YAML files has a `vendor:`
/// header and it has no sub-folders; otherwise its entries are vendors.
fn is_vendor_folder(dir: &Path) -> bool {
    let entries = sorted_entries(dir).unwrap_or_default();
    let headers = entries
        .iter()
        .filter(|f| f.is_file() && is_yaml(f))
        .filter(|f| {
            fs::read_to_string(f).is_ok_and(|t| t.lines().any(|l| l.starts_with("vendor:")))
        })
        .count();
    headers == 1 && !entries.iter().any(|e| e.is_dir())
}

fn check_vendor_names(sources: &Sources, vendors: &[model::Vendor], diags: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<&str, &Path> = std::collections::HashMap::new();
    for v in vendors {
        let first = v
            .files
            .first()
            .map(PathBuf::as_path)
            .unwrap_or(Path::new(""));
        if let Some(prev) = seen.insert(&v.name, first) {
            let id = sources
                .iter()
                .find(|(_, f)| f.path == first)
                .map_or(0, |(id, _)| id);
            diags.push(
                Diagnostic::new(
                    id,
                    0..0,
                    format!("vendor `{}` is also defined by {}", v.name, prev.display()),
                )
                .with_hint("vendor names are unique: they name the module and the cargo feature"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_the_same_only_when_every_byte_matches() {
        let dir = std::env::temp_dir().join(format!("meeting-api-same-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.rs");
        // Longer than one read block, so the comparison crosses blocks.
        let text: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        fs::write(&path, &text).unwrap();
        assert!(same_contents(&path, &text));
        let mut changed = text.clone();
        changed[150_000] = b'#';
        assert!(!same_contents(&path, &changed));
        assert!(!same_contents(&path, &text[..199_999]));
        assert!(!same_contents(&dir.join("missing.rs"), b""));
        fs::remove_dir_all(&dir).unwrap();
    }
}
