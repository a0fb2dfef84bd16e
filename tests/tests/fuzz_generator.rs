//! No input makes the generator panic: `Config::render` over arbitrary bytes,
//! over YAML-like token soup, over mutations of the real specs, and over the
//! corpus of nasty inputs in `tests/fuzz-corpus/`. Every input either renders
//! or comes back as a `Report`, which must itself render.
//!
//! CI runs a short, deterministic pass with a fixed seed: 2000 byte strings and
//! 2000 mutations of the real specs (in two halves that run side by side).
//! A longer hunt, with a fresh seed each time:
//!
//! ```text
//! FUZZ_CASES=200000 FUZZ_SEED=random cargo test --release -p meeting-api-tests --test fuzz_generator
//! ```
//!
//! A failure prints the input and where it was saved; add it to
//! `tests/fuzz-corpus/` with the fix, so that it is replayed forever.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use meeting_api_codegen::Config;
use meeting_api_tests::workspace_root;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config as RunnerConfig, RngSeed, TestCaseError, TestRunner};

/// Cases per kind of input: `FUZZ_CASES`, 2000 by default.
fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2000)
}

/// `FUZZ_SEED`: a number, or `random`; fixed by default so CI is repeatable.
fn seed() -> RngSeed {
    match std::env::var("FUZZ_SEED").as_deref() {
        Ok("random") => RngSeed::Random,
        Ok(n) => n.parse().map_or(RngSeed::Fixed(0x5eed), RngSeed::Fixed),
        Err(_) => RngSeed::Fixed(0x5eed),
    }
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(RunnerConfig {
        cases,
        rng_seed: seed(),
        // Findings go to tests/fuzz-corpus/ by hand, with their fix.
        failure_persistence: None,
        max_shrink_iters: 512,
        ..RunnerConfig::default()
    })
}

/// A fresh, empty folder for one property's inputs.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("meeting-api-fuzz-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the temp dir is writable");
    dir
}

/// What became of the inputs of one property, printed with `--nocapture`.
#[derive(Default)]
struct Tally {
    generated: Cell<u32>,
    rejected: Cell<u32>,
}

impl Tally {
    fn count(&self, generated: bool) {
        let cell = if generated {
            &self.generated
        } else {
            &self.rejected
        };
        cell.set(cell.get() + 1);
    }

    fn print(&self, what: &str, started: Instant) {
        eprintln!(
            "{what}: {} inputs generated code, {} were rejected with a report, in {:.1?}",
            self.generated.get(),
            self.rejected.get(),
            started.elapsed()
        );
    }
}

/// Renders the spec at `path` (a file or a vendor folder); a panic anywhere,
/// including in rendering the report, fails the case. `Ok(true)` when it
/// generated code.
fn survives(path: &Path) -> Result<bool, TestCaseError> {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        match Config::new().spec(path).render() {
            Ok(out) => {
                assert!(!out.files.is_empty());
                true
            }
            Err(report) => {
                let text = report.render();
                assert!(text.contains("problem"), "{text}");
                for d in report.diagnostics() {
                    let _ = report.render_one(d);
                }
                false
            }
        }
    }));
    match outcome {
        Ok(generated) => Ok(generated),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(TestCaseError::fail(format!(
                "the generator panicked on {}: {message}",
                path.display()
            )))
        }
    }
}

/// Writes one input and renders it; on failure the input is kept for replay.
fn survives_bytes(dir: &Path, bytes: &[u8]) -> Result<bool, TestCaseError> {
    let path = dir.join("spec.yaml");
    std::fs::write(&path, bytes).expect("the temp dir is writable");
    survives(&path).map_err(|e| {
        let kept = dir.join("failure.yaml");
        let _ = std::fs::write(&kept, bytes);
        TestCaseError::fail(format!(
            "{e}\ninput kept in {}:\n{}",
            kept.display(),
            String::from_utf8_lossy(bytes)
        ))
    })
}

/// Pieces of YAML and of the spec format, to build inputs that get past the
/// YAML parser into the checker and the emitter.
const TOKENS: &[&str] = &[
    "\n",
    "\n  ",
    "\n    ",
    "\n      ",
    "\n- ",
    "  ",
    " ",
    ": ",
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    ", ",
    "\"",
    "'",
    "#",
    "&a ",
    "*a",
    "|\n",
    ">-\n",
    "!!str ",
    "? ",
    "---\n",
    "...\n",
    "\t",
    "\r\n",
    "~",
    "null",
    "true",
    "-1",
    "0",
    "1e999",
    ".nan",
    "0x10",
    "18446744073709551616",
    "vendor",
    "types",
    "operations",
    "name",
    "title",
    "auth",
    "none",
    "polyv",
    "kedacom",
    "base_url",
    "https://x",
    "fields",
    "type",
    "string",
    "integer",
    "number",
    "boolean",
    "json",
    "file",
    "object",
    "array",
    "items",
    "enum",
    "values",
    "label",
    "type_name",
    "required",
    "default",
    "rules",
    "require",
    "only_when",
    "before",
    "no_overlap",
    "when",
    "field",
    "equals",
    "in",
    "present",
    "method",
    "GET",
    "POST",
    "path",
    "/v1/{id}",
    "{id}",
    "path_params",
    "query",
    "headers",
    "body",
    "encoding",
    "json",
    "form_json",
    "multipart",
    "response",
    "status",
    "paging",
    "examples",
    "kind",
    "request",
    "verbatim",
    "error",
    "rust_name",
    "max_chars",
    "chars",
    "allow",
    "letters",
    "format",
    "datetime",
    "min",
    "max",
    "one_of",
    // Constructs added since the first vocabulary: paging styles, sources,
    // value constraints, rule kinds, bit sets, spellings.
    "style",
    "offset",
    "page",
    "first_page",
    "size",
    "position",
    "next_position",
    "cursor",
    "next_cursor",
    "total",
    "total_pages",
    "remaining",
    "has_more",
    "source",
    "section",
    "doc",
    "min_chars",
    "min_bytes",
    "max_bytes",
    "max_width",
    "timestamp_s",
    "timestamp_ms",
    "iso8601_local_or_offset",
    "at_least_one_of",
    "exactly_one_of",
    "effective_only_when",
    "limit",
    "forbid_values",
    "bits",
    "sensitive",
    "either_spelling",
    "idempotent",
    "a.b",
    "a[].b",
    "self",
    "Self",
    "crate",
    "r#type",
    "3d",
    "直播",
    "名称",
    "²",
    "*/",
    "\"#",
    "`",
    "<b>",
    "Unknown",
    "Client",
    "id",
    "a",
    "A",
    "x.y",
];

fn token_soup() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..160)
        .prop_map(|tokens| tokens.concat().into_bytes())
}

#[test]
fn arbitrary_bytes_and_token_soup_never_make_the_generator_panic() {
    let dir = scratch("bytes");
    let input = prop_oneof![prop::collection::vec(any::<u8>(), 0..1024), token_soup()];
    let (tally, started) = (Tally::default(), Instant::now());
    runner(cases())
        .run(&input, |bytes| {
            survives_bytes(&dir, &bytes).map(|generated| tally.count(generated))
        })
        .unwrap_or_else(|e| panic!("{e}"));
    tally.print("arbitrary bytes and token soup", started);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The files of one real vendor: (file name, text), the header file first.
type Vendor = Vec<(String, String)>;

fn vendors() -> &'static [Vendor] {
    static VENDORS: OnceLock<Vec<Vendor>> = OnceLock::new();
    VENDORS.get_or_init(|| {
        let read = |dir: &Path| -> Vec<PathBuf> {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
                .expect("readable")
                .map(|e| e.expect("a readable entry").path())
                .collect();
            entries.sort();
            entries
        };
        read(&workspace_root().join("specs"))
            .into_iter()
            .map(|entry| {
                let files = if entry.is_dir() {
                    read(&entry)
                } else {
                    vec![entry]
                };
                let mut vendor: Vendor = files
                    .iter()
                    .map(|f| {
                        let name = f
                            .file_name()
                            .expect("a name")
                            .to_string_lossy()
                            .into_owned();
                        (name, std::fs::read_to_string(f).expect("a spec is UTF-8"))
                    })
                    .collect();
                vendor.sort_by_key(|(_, text)| !text.lines().any(|l| l.starts_with("vendor:")));
                vendor
            })
            .collect()
    })
}

/// One edit of a spec's text.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    /// Replaces the n-th word-like piece of a line with a token.
    ReplaceToken(Index, Index, &'static str),
    InsertToken(Index, Index, &'static str),
    Indent(Index, bool),
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = prop::sample::select(TOKENS);
    prop_oneof![
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<Index>(), any::<Index>(), token.clone())
            .prop_map(|(l, w, t)| Mutation::ReplaceToken(l, w, t)),
        (any::<Index>(), any::<Index>(), token)
            .prop_map(|(l, c, t)| Mutation::InsertToken(l, c, t)),
        (any::<Index>(), any::<bool>()).prop_map(|(l, deeper)| Mutation::Indent(l, deeper)),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for m in mutations {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let n = lines.len();
        match m {
            Mutation::DeleteLine(i) => {
                lines.remove(i.index(n));
            }
            Mutation::DuplicateLine(i) => {
                let i = i.index(n);
                lines.insert(i, lines[i].clone());
            }
            Mutation::SwapLines(a, b) => lines.swap(a.index(n), b.index(n)),
            Mutation::ReplaceToken(l, w, token) => {
                let line = &mut lines[l.index(n)];
                let words: Vec<(usize, &str)> = line
                    .match_indices(|c: char| c.is_alphanumeric() || c == '_')
                    .collect();
                if !words.is_empty() {
                    // The whole run of word characters around the picked one.
                    let (at, _) = words[w.index(words.len())];
                    let start = line[..at]
                        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .map_or(0, |i| {
                            i + line[i..].chars().next().map_or(1, char::len_utf8)
                        });
                    let end = line[at..]
                        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .map_or(line.len(), |i| at + i);
                    line.replace_range(start..end, token);
                }
            }
            Mutation::InsertToken(l, c, token) => {
                let line = &mut lines[l.index(n)];
                let bounds: Vec<usize> = line
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([line.len()])
                    .collect();
                line.insert_str(bounds[c.index(bounds.len())], token);
            }
            Mutation::Indent(l, deeper) => {
                let line = &mut lines[l.index(n)];
                if *deeper {
                    line.insert_str(0, "  ");
                } else if let Some(rest) = line.strip_prefix("  ") {
                    *line = rest.to_owned();
                }
            }
            Mutation::Truncate(at) => {
                let keep = at.index(n) + 1;
                lines.truncate(keep);
            }
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn mutations_of_the_real_specs_never_make_the_generator_panic_first_half() {
    mutations_never_make_the_generator_panic(0);
}

#[test]
fn mutations_of_the_real_specs_never_make_the_generator_panic_second_half() {
    mutations_never_make_the_generator_panic(1);
}

/// Half of the cases, with a seed of its own: the two halves run on two cores.
/// Each vendor is as likely as the others, whatever its number of files.
fn mutations_never_make_the_generator_panic(half: u64) {
    let kind = format!("mutations-{half}");
    let dir = scratch(&kind);
    let input = (
        any::<Index>(),
        any::<Index>(),
        prop::collection::vec(mutation(), 1..6),
    );
    let (tally, started) = (Tally::default(), Instant::now());
    let mut runner = runner(cases().div_ceil(2));
    if let RngSeed::Fixed(seed) = seed() {
        runner = TestRunner::new(RunnerConfig {
            rng_seed: RngSeed::Fixed(seed + half),
            ..runner.config().clone()
        });
    }
    runner
        .run(&input, |(vendor, file, mutations)| {
            let vendor = &vendors()[vendor.index(vendors().len())];
            let (name, text) = &vendor[file.index(vendor.len())];
            let mutated = apply(text, &mutations);
            // The mutated file, with its vendor's header file when it is another
            // one: every file of a large vendor would make each case slow.
            let case = dir.join("case");
            let _ = std::fs::remove_dir_all(&case);
            std::fs::create_dir_all(&case).expect("the temp dir is writable");
            std::fs::write(case.join(name), &mutated).expect("the temp dir is writable");
            let (header, header_text) = &vendor[0];
            if header != name {
                std::fs::write(case.join(header), header_text).expect("the temp dir is writable");
            }
            let target = if vendor.len() == 1 {
                case.join(name)
            } else {
                case.clone()
            };
            survives(&target)
                .map(|generated| tally.count(generated))
                .map_err(|e| {
                    TestCaseError::fail(format!(
                        "{e}\nmutations of {name}: {mutations:?}\n{mutated}"
                    ))
                })
        })
        .unwrap_or_else(|e| panic!("{e}"));
    tally.print(
        &format!(
            "mutations of the real specs ({} half)",
            ["first", "second"][half as usize]
        ),
        started,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_corpus_input_broken_and_hostile_spec_is_checked_without_panic() {
    let root = workspace_root();
    let mut inputs = Vec::new();
    for dir in [
        "tests/fuzz-corpus",
        "tests/broken-specs",
        "tests/hostile-specs",
        "specs",
    ] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir} is readable: {e}"))
            .map(|e| e.expect("a readable entry").path())
            .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
            .collect();
        entries.sort();
        inputs.extend(entries);
    }
    assert!(inputs.len() > 30, "{inputs:?}");
    for input in inputs {
        survives(&input).unwrap_or_else(|e| panic!("{e}"));
    }
}
