//! The stages of one run, in order: read every spec file, parse each file,
//! check each vendor, then emit and format each vendor module.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, FileId, Report, SourceFile, Sources};
use crate::model::Vendor;
use crate::{check, emit, spec};

/// How many threads parse the spec files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Threads {
    /// One thread (for timing a stage on its own).
    One,
    /// Every core: files are independent until the check.
    All,
}

/// How long each stage of one run took, on one thread (see
/// [`crate::Config::time_stages`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StageTimings {
    /// Reading the spec files and parsing them (YAML -> AST, with node locations).
    pub parse: Duration,
    /// Checking every vendor and building its model.
    pub check: Duration,
    /// Building each vendor module's syntax tree from the model.
    pub emit: Duration,
    /// Formatting the syntax trees into text (prettyplease).
    pub format: Duration,
    /// Operations of every generated vendor.
    pub endpoints: usize,
    /// Lines of the formatted vendor modules (each formatted as one file).
    pub lines: usize,
}

impl StageTimings {
    /// The four stages together.
    pub fn total(&self) -> Duration {
        self.parse + self.check + self.emit + self.format
    }
}

/// What loading the specs gives: every vendor's model, in input order, how
/// long parsing and checking took, and the warnings (possibly none).
pub(crate) struct Loaded {
    pub vendors: Vec<Vendor>,
    pub times: StageTimings,
    pub warnings: Report,
}

/// Reads, parses and checks the files of each vendor (`groups`); the
/// report holds every error, and the warnings beside them.
pub(crate) fn load(groups: Vec<Vec<PathBuf>>, threads: Threads) -> Result<Loaded, Report> {
    let mut times = StageTimings::default();
    let start = Instant::now();
    let mut sources = Sources::default();
    let mut diags = Vec::new();
    let ids = read(groups, &mut sources, &mut diags);
    let mut parsed = parse(&sources, ids.iter().flatten().copied().collect(), threads);
    times.parse = start.elapsed();
    let start = Instant::now();
    let mut vendors = Vec::new();
    let mut warnings = Vec::new();
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
        let base = base_files(&group, &mut sources, &mut diags);
        let base_len = base.len();
        let (checked, files) = if base_len == 0 {
            (check::check_vendor(&sources, &group), group)
        } else {
            let all: Vec<_> = base.into_iter().chain(group).collect();
            (check::check_extension(&sources, &all, base_len), all)
        };
        // Freeing a large spec's syntax tree (millions of small nodes) takes a
        // good part of a second with the system allocator; nothing reads it
        // again, so it is freed beside the work that follows.
        drop_aside(files);
        match checked {
            Ok((v, found)) => {
                vendors.push(v);
                warnings.extend(found);
            }
            Err(found) => diags.extend(found),
        }
    }
    check_vendor_names(&sources, &vendors, &mut diags);
    times.check = start.elapsed();
    if !diags.is_empty() {
        diags.extend(warnings);
        return Err(Report::new(sources, diags));
    }
    Ok(Loaded {
        vendors,
        times,
        warnings: Report::new(sources, warnings),
    })
}

/// Drops `value` on a thread of its own, so that the caller goes on at once
/// (here, if no thread can be started).
pub(crate) fn drop_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("drop-spec".into())
        .spawn(move || drop(value));
}

/// The parsed spec files of the built-in vendor a group's header
/// `extends:` (none when it extends nothing, or a vendor that is not built
/// in: the check names the built-in ones).
fn base_files(
    group: &[spec::parse::ParsedFile],
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) -> Vec<spec::parse::ParsedFile> {
    let extends = group
        .iter()
        .find_map(|f| f.spec.vendor.as_ref()?.extends.as_deref());
    let Some(files) = extends.and_then(crate::builtin::files) else {
        return Vec::new();
    };
    files
        .into_iter()
        .filter_map(|(path, text)| {
            let id = sources.add(SourceFile::new(&path, text.to_string()));
            spec::parse::parse_file(id, sources.get(id), diags)
        })
        .collect()
}

/// Reads every file into `sources`: the ids of each group's files.
fn read(
    groups: Vec<Vec<PathBuf>>,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Vec<FileId>> {
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
    ids
}

/// Each file parsed on its own: (the file, its problems) by id.
fn parse(
    sources: &Sources,
    ids: Vec<FileId>,
    threads: Threads,
) -> HashMap<FileId, (Option<spec::parse::ParsedFile>, Vec<Diagnostic>)> {
    let all = match threads {
        Threads::One => 1,
        Threads::All => crate::parallel::cores(),
    };
    let bytes = |id: FileId| sources.get(id).text.len();
    let total = ids.iter().map(|&id| bytes(id)).sum::<usize>().max(1);
    // A file is read in pieces on its share of the threads, by its share of
    // the bytes: one large file beside small ones is read on every core.
    let threads_for = |id: FileId| (all * bytes(id)).div_ceil(total).max(1);
    let mut parsed = HashMap::with_capacity(ids.len());
    crate::parallel::in_order(
        &ids,
        all,
        |&id| bytes(id),
        || (),
        |(), &id| {
            let mut diags = Vec::new();
            let file =
                spec::parse::parse_shared(id, sources.shared(id), &mut diags, threads_for(id));
            (id, (file, diags))
        },
        |(id, file)| {
            parsed.insert(id, file);
        },
    );
    parsed
}

/// Two vendors of one run may not share a name: it names their module.
fn check_vendor_names(sources: &Sources, vendors: &[Vendor], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
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

/// Emits and formats each vendor module on the calling thread, adding the
/// time of each stage to `times`.
pub(crate) fn time_emit(vendors: &[Vendor], target: emit::Target<'_>, times: &mut StageTimings) {
    for vendor in vendors {
        let start = Instant::now();
        let file = emit::vendor_file(vendor, target);
        times.emit += start.elapsed();
        let start = Instant::now();
        let text = prettyplease::unparse(&file);
        times.format += start.elapsed();
        times.endpoints += vendor.operations.len();
        times.lines += text.lines().count();
    }
}
