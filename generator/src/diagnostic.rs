//! Problems found in specs, with their location, and the rendered report.
//!
//! Every stage (parse, check) pushes [`Diagnostic`]s instead of stopping at the
//! first problem; a [`Report`] renders them all, sorted by position, with a source
//! excerpt and a caret (codespan-reporting).

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

mod suggest;
pub(crate) use suggest::suggest;

/// One loaded spec file: its path (as shown in messages) and its text.
#[derive(Clone)]
pub struct SourceFile {
    /// The path shown in messages (see [`Report::relative_to`]).
    pub path: PathBuf,
    /// The whole file, as read.
    pub text: String,
    /// Where each line starts, found on first use: only a file with a
    /// problem needs them, and a 10,000-endpoint spec has 2.5 million lines.
    line_starts: OnceLock<Vec<usize>>,
}

/// Equal files have the same path and text (line starts follow from the text).
impl PartialEq for SourceFile {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.text == other.text
    }
}

impl fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceFile")
            .field("path", &self.path)
            .field("text", &self.text)
            .field("line_starts", &self.line_starts())
            .finish()
    }
}

impl SourceFile {
    /// A file with the given display path and contents.
    ///
    /// A leading byte-order mark is dropped: editors do not count it as a
    /// column, and serde_yaml misreads a file that has one and CRLF line ends.
    pub(crate) fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        SourceFile {
            path: path.into(),
            text,
            line_starts: OnceLock::new(),
        }
    }

    /// The byte offset of each line's start.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&s| s <= offset) - 1;
        let start = line_starts[line];
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, col + 1)
    }

    /// Byte offset of a 1-based line and a 1-based column counted in characters.
    pub(crate) fn offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .take_while(|&(_, c)| c != '\n')
            .nth(col.saturating_sub(1))
            .map_or_else(|| self.line_end(start), |(i, _)| start + i)
    }

    /// The span from `offset` to the end of its line (at least one byte when possible).
    pub(crate) fn rest_of_line(&self, offset: usize) -> Range<usize> {
        let end = self.line_end(offset).max(offset);
        offset..end
    }

    /// `span` clamped to the text and moved onto character boundaries, so that
    /// slicing and rendering can never panic whatever a stage computed.
    pub(crate) fn clamp(&self, span: &Range<usize>) -> Range<usize> {
        let len = self.text.len();
        let start = floor_char_boundary(&self.text, span.start.min(len));
        let mut end = span.end.clamp(start, len);
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }

    fn line_end(&self, from: usize) -> usize {
        self.text[from.min(self.text.len())..]
            .find('\n')
            .map_or(self.text.len(), |i| from + i)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Index of a file in a [`Sources`] set.
pub type FileId = usize;

/// The spec files of one run.
///
/// Each file is shared with the node locations of its parse
/// ([`crate::spec::locate::Locations`]) rather than copied: a 10,000-endpoint
/// spec is an 80 MB text.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Sources {
    files: Vec<Arc<SourceFile>>,
}

impl Sources {
    /// Adds a file; its id is its position.
    pub(crate) fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(Arc::new(file));
        self.files.len() - 1
    }

    /// The file with this id (ids come from [`Sources::add`]).
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    /// The file with this id, shared.
    pub(crate) fn shared(&self, id: FileId) -> Arc<SourceFile> {
        Arc::clone(&self.files[id])
    }

    /// Every file with its id, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().map(|f| &**f).enumerate()
    }

    /// The display path of every file, in the order they were added.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|f| f.path.as_path())
    }
}

/// One problem: where it is, what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// An error (the specs are rejected) or a warning (reported, accepted).
    pub severity: Severity,
    /// The file the problem is in.
    pub file: FileId,
    /// Byte range of the node the problem is about.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it ("did you mean `LiveConfig`?").
    pub hint: Option<String>,
    /// Other places the problem involves (the first declaration of a name
    /// declared twice), each with what it is.
    pub related: Vec<Related>,
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The specs are rejected: nothing is generated.
    Error,
    /// Worth a look, and accepted: a document's inconsistency the spec keeps
    /// (an example with keys its type lacks).
    Warning,
}

impl Severity {
    /// `error` or `warning`, as printed before a message.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Another place a problem involves, shown with a secondary label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The file it is in.
    pub file: FileId,
    /// Byte range of the node.
    pub span: Range<usize>,
    /// What it is ("first declared here").
    pub label: String,
}

impl Diagnostic {
    /// A problem without a hint.
    pub(crate) fn new(file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file,
            span,
            message: message.into(),
            hint: None,
            related: Vec::new(),
        }
    }

    /// The same problem as a warning: reported, and the specs accepted.
    pub(crate) fn into_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Whether the specs are rejected for it.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The same problem, also pointing at another place.
    pub(crate) fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    /// The same problem with a hint on how to fix it.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Every problem found in a set of specs, ready to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    sources: Sources,
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Every problem of a run, sorted by file and position, duplicates removed.
    pub(crate) fn new(sources: Sources, mut diagnostics: Vec<Diagnostic>) -> Self {
        let known = |file: FileId| file < sources.files.len();
        for d in &mut diagnostics {
            if known(d.file) {
                d.span = sources.get(d.file).clamp(&d.span);
            }
            d.related.retain(|r| known(r.file));
            for r in &mut d.related {
                r.span = sources.get(r.file).clamp(&r.span);
            }
        }
        // A diagnostic naming a file that is not in `sources` would make every
        // renderer fail; it is a generator bug, but it must not hide the others.
        diagnostics.retain(|d| known(d.file));
        diagnostics.sort_by(|a, b| {
            (a.file, a.span.start, &a.message).cmp(&(b.file, b.span.start, &b.message))
        });
        diagnostics.dedup();
        Report {
            sources,
            diagnostics,
        }
    }

    /// A report of one problem with no position in a spec: a file or folder
    /// that cannot be read or written.
    pub(crate) fn io(path: &Path, message: String) -> Report {
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new(path, String::new()));
        Report::new(sources, vec![Diagnostic::new(id, 0..0, message)])
    }

    /// The problems, sorted by file and position (warnings among them).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The errors: the problems that reject the specs.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// Whether there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// The files the problems point into.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// `file:line:col: message` for one diagnostic.
    pub fn location(&self, d: &Diagnostic) -> String {
        let file = self.sources.get(d.file);
        let (line, col) = file.line_col(d.span.start);
        format!("{}:{line}:{col}", file.path.display())
    }

    /// `file:line:col` of a related place.
    pub fn related_location(&self, r: &Related) -> String {
        let file = self.sources.get(r.file);
        let (line, col) = file.line_col(r.span.start);
        format!("{}:{line}:{col}", file.path.display())
    }

    /// One line per problem: `file:line:col: error: message (also: related
    /// places) (hint)`.
    pub fn short(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&format!(
                "{}: {}: {}",
                self.location(d),
                d.severity.as_str(),
                d.message
            ));
            for r in &d.related {
                let place = self.related_location(r);
                out.push_str(&format!(" ({}: {place})", r.label));
            }
            if let Some(hint) = &d.hint {
                out.push_str(&format!(" (hint: {hint})"));
            }
            out.push('\n');
        }
        out
    }

    /// The full report: each problem with a source excerpt, a caret and its hint.
    pub fn render(&self) -> String {
        let files = self.files();
        let mut text: String = self
            .diagnostics
            .iter()
            .map(|d| Self::excerpt(&files, d))
            .collect();
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let errors = self.errors().count();
        let warnings = self.diagnostics.len() - errors;
        if errors > 0 {
            text.push_str(&format!(
                "error: {errors} problem{} found in the specs\n",
                plural(errors)
            ));
        }
        if warnings > 0 {
            text.push_str(&format!(
                "warning: {warnings} warning{} in the specs\n",
                plural(warnings)
            ));
        }
        text
    }

    /// One problem on its own: `error: message`, the excerpt with its caret, and
    /// the hint, as in [`Report::render`] (what `generate_api!` puts in each
    /// `compile_error!`).
    pub fn render_one(&self, d: &Diagnostic) -> String {
        Self::excerpt(&self.files(), d)
    }

    /// The same report with every file path shown relative to `base` when it is
    /// inside it (through `..` when `base` was joined with one): the macro shows
    /// paths as the user wrote them, not as absolute paths of one machine.
    ///
    /// Messages and hints that name another file (`already declared in ...`)
    /// are shortened the same way.
    pub fn relative_to(mut self, base: &Path) -> Report {
        for f in &mut self.sources.files {
            if let Ok(rel) = f.path.strip_prefix(base) {
                // A report is rendered once: a file still shared is copied.
                Arc::make_mut(f).path = rel.to_path_buf();
            }
        }
        let prefix = format!("{}{}", base.display(), std::path::MAIN_SEPARATOR);
        for d in &mut self.diagnostics {
            d.message = d.message.replace(&prefix, "");
            d.hint = d.hint.as_ref().map(|h| h.replace(&prefix, ""));
        }
        self
    }

    fn files(&self) -> SimpleFiles<String, &str> {
        let mut files = SimpleFiles::new();
        for (_, f) in self.sources.iter() {
            files.add(f.path.display().to_string(), f.text.as_str());
        }
        files
    }

    fn excerpt(files: &SimpleFiles<String, &str>, d: &Diagnostic) -> String {
        let related = d
            .related
            .iter()
            .map(|r| Label::secondary(r.file, r.span.clone()).with_message(&r.label));
        let labels = std::iter::once(Label::primary(d.file, d.span.clone()))
            .chain(related)
            .collect();
        let start = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let mut cs = start.with_message(&d.message).with_labels(labels);
        if let Some(hint) = &d.hint {
            cs = cs.with_notes(vec![format!("help: {hint}")]);
        }
        let mut out = String::new();
        // Spans are clamped to their file in `Report::new`, so emitting into
        // memory does not fail; if it ever did, the message alone still says it.
        if term::emit_to_string(&mut out, &term::Config::default(), files, &cs).is_err() {
            return format!("{}: {}\n", d.severity.as_str(), d.message);
        }
        out
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Report {}
