//! [`Config`]: which specs to read and how to generate, and the entry points
//! build.rs, the `generate_api!` macro, the CLI and benchmarks call.

use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::diagnostic::Report;
use crate::output::Output;
use crate::pipeline::{self, StageTimings, Threads};
use crate::summary::Summary;
use crate::{
    crates, emit, export, fingerprint, model, DEFAULT_RUNTIME_DEPENDENCY, DEFAULT_RUNTIME_PATH,
};

/// Checked specs: the model, and the warnings found on the way (a report
/// that may be empty; print it with `Display` when it is not).
#[derive(Debug, Clone)]
pub struct Checked {
    /// The model (read-only; see [`crate::model`]).
    pub api: model::Api,
    /// What is worth a look but accepted (`Report::is_empty` when nothing).
    pub warnings: Report,
}

/// What to generate from which specs. Builder-style, in the spirit of
/// `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Config {
    inputs: Vec<Input>,
    runtime_path: String,
    only: Option<Vec<String>>,
    hooks: bool,
    /// Part crates per vendor (below 2: one module, see [`Config::split`]).
    split: usize,
    runtime_dependency: String,
}

#[derive(Debug, Clone)]
enum Input {
    /// A folder whose entries are vendors (YAML files or folders).
    Dir(PathBuf),
    /// One vendor: a YAML file or a folder of YAML files.
    Vendor(PathBuf),
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl Config {
    /// No specs yet, the default runtime path ([`DEFAULT_RUNTIME_PATH`]), every
    /// vendor generated.
    pub fn new() -> Config {
        Config {
            inputs: Vec::new(),
            runtime_path: DEFAULT_RUNTIME_PATH.to_string(),
            only: None,
            hooks: false,
            split: 0,
            runtime_dependency: DEFAULT_RUNTIME_DEPENDENCY.to_string(),
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

    /// Whether each vendor module ends with `mod __hooks` (default: no): the
    /// document's examples with functions that decode them into the
    /// generated types, JSON entry points to each request's validation,
    /// `Debug` and sending, and the mock server's table. This workspace's
    /// tests and the `mock` feature of the published crate use them; a
    /// client generated for an application does not need them, and they are
    /// a large part of the generated text (per operation, four match arms
    /// and a JSON description of its request and reply).
    pub fn hooks(&mut self, on: bool) -> &mut Config {
        self.hooks = on;
        self
    }

    /// Writes each vendor as `parts` + 2 crates instead of one module
    /// (default: one module; `parts` below 2 restores it), for a vendor too
    /// large for one crate: rustc holds a crate whole while it compiles it,
    /// and cargo builds crates side by side. [`Config::render`] then writes,
    /// for vendor `v`, the crates `v_part_0` .. `v_part_<parts-1>` (runs of
    /// consecutive operations: their requests and the structs only they use;
    /// at most one part per operation, none for a vendor of types only),
    /// `v_shared` (enumerations, structs several parts use, the tables the
    /// runtime reads) and `v` (`Client`, re-exporting the others: what users
    /// depend on), each as `<crate>/Cargo.toml` and `<crate>/src/lib.rs`.
    /// Each manifest depends on the runtime with `runtime_dependency`, a line
    /// of `[dependencies]` (default [`DEFAULT_RUNTIME_DEPENDENCY`]).
    pub fn split(&mut self, parts: usize) -> &mut Config {
        self.split = parts;
        self
    }

    /// The `[dependencies]` line of the runtime in a split vendor's manifests
    /// (see [`Config::split`]), e.g. `meeting-api-client = { path =
    /// "../generated-client", default-features = false }`.
    pub fn runtime_dependency(&mut self, line: impl Into<String>) -> &mut Config {
        self.runtime_dependency = line.into();
        self
    }

    /// What the vendor modules are generated for.
    fn target(&self) -> emit::Target<'_> {
        emit::Target {
            runtime_path: &self.runtime_path,
            hooks: self.hooks,
            split: false,
        }
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
    /// Warnings are dropped; [`Config::check`] keeps them.
    pub fn load(&self) -> Result<model::Api, Report> {
        self.check().map(|checked| checked.api)
    }

    /// Parses and checks every spec: the model with the warnings (a report
    /// that may be empty), or every error found (warnings beside them).
    pub fn check(&self) -> Result<Checked, Report> {
        self.load_with(Threads::All)
            .map(|(api, _, warnings)| Checked { api, warnings })
    }

    /// Loads the specs and renders every output file in memory.
    pub fn render(&self) -> Result<Output, Report> {
        // The fingerprint reads and hashes every spec file again (tens of
        // megabytes for a large API): it runs beside the check, which keeps
        // one core busy and leaves the others idle.
        let (checked, fingerprint) = std::thread::scope(|scope| {
            let fingerprint = scope.spawn(|| self.fingerprint());
            let checked = self.check();
            (checked, fingerprint.join())
        });
        let Checked { api, warnings } = checked?;
        let fingerprint = fingerprint.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        let mut files: Vec<(String, String)> = Vec::new();
        for v in &api.vendors {
            match self.split {
                0 | 1 => files.push((
                    format!("{}.rs", v.name),
                    emit::vendor_source(v, self.target()),
                )),
                parts => files.extend(crates::vendor_crates(
                    v,
                    self.target(),
                    parts,
                    &self.runtime_dependency,
                )),
            }
        }
        if self.split >= 2 {
            crates::check_names(&api, &files)?;
        }
        files.push(("catalogue.md".to_string(), emit::catalogue(&api)));
        files.push((fingerprint::FILE_NAME.to_string(), fingerprint));
        Ok(Output {
            files,
            api,
            warnings,
        })
    }

    /// Loads the specs and returns each vendor's module contents as
    /// unformatted source (its tokens separated by spaces), by vendor name:
    /// what `generate_api!` hands to the compiler's lexer, the same items as
    /// the vendor's file from [`Config::render`]. Emitted on every core, with
    /// proc-macro2's own tokens on each thread, so a proc macro calls this
    /// with `proc_macro2::fallback::force()` in effect.
    pub fn render_token_text(&self) -> Result<Vec<(String, String)>, Report> {
        let api = self.load()?;
        let modules = api
            .vendors
            .iter()
            .map(|v| (v.name.clone(), emit::vendor_token_text(v, self.target())))
            .collect();
        crate::pipeline::drop_aside(api);
        Ok(modules)
    }

    /// [`Config::render_token_text`] as tokens: each vendor's module lexed from
    /// its text (the same items as the vendor's file from [`Config::render`]).
    pub fn render_tokens(&self) -> Result<Vec<(String, TokenStream)>, Report> {
        Ok(self
            .render_token_text()?
            .into_iter()
            .map(|(name, source)| {
                let tokens = source.parse().unwrap_or_else(|e: proc_macro2::LexError| {
                    // The printed tokens of a syntax tree always lex: a failure
                    // is a generator bug, shown where the code would be.
                    let message = format!(
                        "meeting-api-codegen bug: the module generated for `{name}` does not lex: {e}"
                    );
                    quote::quote! { ::core::compile_error!(#message); }
                });
                (name, tokens)
            })
            .collect())
    }

    /// Renders and writes the output files into `out_dir` (only files whose
    /// contents changed are rewritten), and summarizes what was generated.
    pub fn generate(&self, out_dir: impl AsRef<Path>) -> Result<Summary, Report> {
        let output = self.render()?;
        let summary = output.write(out_dir);
        // The model and the text, freed beside whatever the caller does next.
        crate::pipeline::drop_aside(output);
        summary
    }

    /// Loads the specs and exports each vendor as an OpenAPI 3.1 document
    /// (pretty JSON), by vendor name: every operation, type, constraint, rule
    /// and example, with what OpenAPI has no keyword for in `x-` extensions
    /// (docs/openapi.md). The same specs give the same bytes. A vendor with
    /// two operations on one path and method is an error: OpenAPI holds one.
    pub fn openapi(&self) -> Result<Vec<(String, String)>, Report> {
        let api = self.load()?;
        api.vendors
            .iter()
            .map(|v| match export::openapi_json(v) {
                Ok(text) => Ok((v.name.clone(), text)),
                Err(shared) => Err(shared_endpoint_report(v, &shared)),
            })
            .collect()
    }

    /// Loads the specs and renders each vendor's HTML reference, by vendor
    /// name: one self-contained UTF-8 page with a table of contents whose
    /// anchors are `#op-<operation>`.
    pub fn html(&self) -> Result<Vec<(String, String)>, Report> {
        let api = self.load()?;
        Ok(api
            .vendors
            .iter()
            .map(|v| (v.name.clone(), export::html_page(v)))
            .collect())
    }

    /// Runs every stage on one thread and times each (for benchmarks):
    /// parse, check, emit and format. Each vendor module is formatted as one
    /// file, where [`Config::render`] formats its items apart on every core.
    pub fn time_stages(&self) -> Result<StageTimings, Report> {
        let (api, mut times, _) = self.load_with(Threads::One)?;
        pipeline::time_emit(&api.vendors, self.target(), &mut times);
        Ok(times)
    }

    fn load_with(&self, threads: Threads) -> Result<(model::Api, StageTimings, Report), Report> {
        let groups = self
            .vendor_inputs()
            .map_err(|(path, e)| Report::io(&path, format!("cannot read specs: {e}")))?;
        let pipeline::Loaded {
            mut vendors,
            times,
            warnings,
        } = pipeline::load(groups, threads)?;
        vendors.sort_by(|a, b| a.name.cmp(&b.name));
        if let Some(only) = &self.only {
            vendors.retain(|v| only.contains(&v.name));
        }
        Ok((model::Api { vendors }, times, warnings))
    }

    /// The spec files of each vendor, in a stable order.
    fn vendor_inputs(&self) -> Result<Vec<Vec<PathBuf>>, (PathBuf, std::io::Error)> {
        let mut groups = Vec::new();
        for input in &self.inputs {
            groups.extend(input.vendors()?);
        }
        groups.retain(|g| !g.is_empty());
        Ok(groups)
    }

    /// The fingerprint of every spec file read, named relative to the
    /// folder it was given in (the format is in `fingerprint.rs`).
    fn fingerprint(&self) -> Result<String, Report> {
        let mut files = Vec::new();
        for input in &self.inputs {
            let cannot = |(path, e): (PathBuf, std::io::Error)| {
                Report::io(&path, format!("cannot read specs: {e}"))
            };
            for path in input.vendors().map_err(cannot)?.into_iter().flatten() {
                // Hashed as read: the specs are read again here, beside the
                // rendered output, and a large spec is tens of megabytes.
                let digest = fs::File::open(&path)
                    .and_then(fingerprint::digest_of)
                    .map_err(|e| cannot((path.clone(), e)))?;
                files.push((fingerprint::relative(&path, input.base()), digest));
            }
        }
        Ok(fingerprint::from_digests(files))
    }
}

impl Input {
    /// The spec files of each vendor this input holds, in a stable order.
    fn vendors(&self) -> Result<Vec<Vec<PathBuf>>, (PathBuf, std::io::Error)> {
        match self {
            Input::Dir(dir) => {
                let mut groups = Vec::new();
                for entry in sorted_entries(dir)? {
                    if entry.is_dir() {
                        groups.push(yaml_files(&entry)?);
                    } else if is_yaml(&entry) {
                        groups.push(vec![entry]);
                    }
                }
                Ok(groups)
            }
            Input::Vendor(p) if p.is_dir() => Ok(vec![yaml_files(p)?]),
            Input::Vendor(p) => Ok(vec![vec![p.clone()]]),
        }
    }

    /// The folder its files are named from in the fingerprint.
    fn base(&self) -> &Path {
        match self {
            Input::Dir(dir) => dir,
            Input::Vendor(p) => p.parent().unwrap_or(Path::new("")),
        }
    }
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

/// The report of two operations on one path and method, at the second's key
/// with the first's beside it. The model keeps no locations, so the vendor's
/// files are read again to find the keys (only on this error); a key not found
/// leaves the report at the top of the vendor's first file.
fn shared_endpoint_report(v: &model::Vendor, shared: &export::SharedEndpoint<'_>) -> Report {
    use crate::diagnostic::{Diagnostic, Related, SourceFile, Sources};
    use crate::spec::locate::Locations;
    use crate::spec::path::NodePath;
    let mut sources = Sources::default();
    let found = |name: &str, sources: &mut Sources| {
        let key = NodePath::root().key("operations").key(name.to_string());
        v.files.iter().find_map(|path| {
            let text = fs::read_to_string(path).ok()?;
            let file = SourceFile::new(path, text);
            let span = Locations::new(&file).key(&key);
            (file.text.get(span.clone()) == Some(name)).then(|| (sources.add(file), span))
        })
    };
    let (first, second) = (
        found(shared.first, &mut sources),
        found(shared.second, &mut sources),
    );
    let Some((file, span)) = second else {
        let file = v.files.first().cloned().unwrap_or_default();
        return Report::io(&file, shared.message.clone());
    };
    let mut d = Diagnostic::new(file, span, shared.message.clone())
        .with_hint("give one of the two another path or method");
    if let Some((file, span)) = first {
        d = d.with_related(Related {
            file,
            span,
            label: format!("`{}` is declared here", shared.first),
        });
    }
    Report::new(sources, vec![d])
}
