//! Problems found in specs, with their location, and the rendered report.
//!
//! Every stage (parse, check) pushes [`Diagnostic`]s instead of stopping at the
//! first problem; a [`Report`] renders them all, sorted by position, with a source
//! excerpt and a caret (codespan-reporting).

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::NoColor};

/// One loaded spec file: its path (as shown in messages) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, col + 1)
    }

    /// Byte offset of a 1-based line and a 1-based column counted in characters.
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .take_while(|&(_, c)| c != '\n')
            .nth(col.saturating_sub(1))
            .map_or_else(|| self.line_end(start), |(i, _)| start + i)
    }

    /// The span from `offset` to the end of its line (at least one byte when possible).
    pub fn rest_of_line(&self, offset: usize) -> Range<usize> {
        let end = self.line_end(offset).max(offset);
        offset..end
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
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        self.files.len() - 1
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate()
    }

    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|f| f.path.as_path())
    }
}

/// One problem: where it is, what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: FileId,
    pub span: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file,
            span,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Every problem found in a set of specs, ready to print.
#[derive(Debug, Clone)]
pub struct Report {
    sources: Sources,
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn new(sources: Sources, mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort_by(|a, b| {
            (a.file, a.span.start, &a.message).cmp(&(b.file, b.span.start, &b.message))
        });
        diagnostics.dedup();
        Report {
            sources,
            diagnostics,
        }
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// `file:line:col: message` for one diagnostic.
    pub fn location(&self, d: &Diagnostic) -> String {
        let file = self.sources.get(d.file);
        let (line, col) = file.line_col(d.span.start);
        format!("{}:{line}:{col}", file.path.display())
    }

    /// One line per problem: `file:line:col: error: message (hint)`.
    pub fn short(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&format!("{}: error: {}", self.location(d), d.message));
            if let Some(hint) = &d.hint {
                out.push_str(&format!(" (hint: {hint})"));
            }
            out.push('\n');
        }
        out
    }

    /// The full report: each problem with a source excerpt, a caret and its hint.
    pub fn render(&self) -> String {
        let mut files = SimpleFiles::new();
        for (_, f) in self.sources.iter() {
            files.add(f.path.display().to_string(), f.text.clone());
        }
        let config = term::Config::default();
        let mut out = NoColor::new(Vec::new());
        for d in &self.diagnostics {
            let mut cs = CsDiagnostic::error()
                .with_message(&d.message)
                .with_labels(vec![Label::primary(d.file, d.span.clone())]);
            if let Some(hint) = &d.hint {
                cs = cs.with_notes(vec![format!("help: {hint}")]);
            }
            // Rendering into memory cannot fail for in-range spans; spans are clamped.
            let _ = term::emit(&mut out, &config, &files, &cs);
        }
        let count = self.diagnostics.len();
        let mut text = String::from_utf8_lossy(&out.into_inner()).into_owned();
        text.push_str(&format!(
            "error: {count} problem{} found in the specs\n",
            if count == 1 { "" } else { "s" }
        ));
        text
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Report {}
