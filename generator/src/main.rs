//! `meeting-api-codegen`: check specs, generate clients from them, draft a
//! spec from a vendor's document, or audit specs against their documents.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use meeting_api_codegen::Config;

/// Generation builds and frees millions of small syntax-tree nodes; with
/// mimalloc the CLI generates 10,000 endpoints about a fifth faster than with
/// the system allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h's `mi_option_e` (no named constant in
/// the sys crate). Freed memory is returned to the system after 100 ms rather
/// than mimalloc 3's second: at 10,000 endpoints peak memory stays at 1.16 GB
/// instead of 1.2 GB. Returning it at once (0) kept 1.12 GB but cost a second
/// of the kernel zeroing pages the loader frees and takes again piece after
/// piece (5.2 s against 4.4 s).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// At exit mimalloc would hand every freed page back to the system, one
/// `madvise` call each (about 180 at 32 endpoints), for a process that is about
/// to end: 1–4 ms of a 20 ms run. Purging off (-1), the process just ends.
fn keep_freed_memory_at_exit() {
    // SAFETY: as in `return_freed_memory_soon`.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// Transparent huge pages off for this process. mimalloc asks for them on the
/// arena it reserves before `main`, and each 2 MiB page is then zeroed whole
/// when first touched, by each thread in pages of its own: at 32 endpoints that
/// was a fifth of the run's CPU time and 1 ms of its 17. At 320 and 1,000
/// endpoints, run between progenitor's runs as `tests/perf/peer.sh` does, the
/// time is the same or better without them and the peak memory half
/// (docs/performance.md); alone on an idle machine, 1,000 endpoints were 8 %
/// faster with them. Set here, it holds for every page not yet touched, which
/// at this point is nearly all of them.
#[cfg(target_os = "linux")]
fn no_transparent_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes an integer flag and no pointer; it only
    // changes how this process's later page faults are served. A kernel that
    // does not know it returns an error, and the run goes on as before.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn no_transparent_huge_pages() {}

fn return_freed_memory_soon() {
    // SAFETY: sets one of mimalloc's documented options to a documented value;
    // options may be set at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 100) }
}

#[derive(Parser)]
#[command(
    name = "meeting-api-codegen",
    version,
    about = "Typed Rust clients from meeting-API YAML specs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check specs and report every problem (exit 1 when there is one).
    Check {
        /// Spec files, vendor folders, or folders of vendors.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Generate one Rust module per vendor plus catalogue.md, and print a summary.
    Generate {
        /// Spec files, vendor folders, or folders of vendors.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the generated files.
        #[arg(long, short)]
        out: PathBuf,
        /// Path of the runtime crate in the generated code.
        #[arg(long, default_value = meeting_api_codegen::DEFAULT_RUNTIME_PATH)]
        runtime_path: String,
        /// Also write each vendor's `mod __hooks` (examples, JSON entry points,
        /// mock table), as the published crate's checked-in copy has.
        #[arg(long)]
        hooks: bool,
        /// Write each vendor as this many part crates plus a shared crate and
        /// the vendor's own (`<vendor>/`, which users depend on), for a vendor
        /// too large to build as one crate (docs/performance.md).
        #[arg(long, value_name = "PARTS", value_parser = clap::value_parser!(u16).range(2..))]
        split: Option<u16>,
        /// With --split: the runtime's line in the crates' `[dependencies]`.
        #[arg(long, requires = "split", default_value = meeting_api_codegen::DEFAULT_RUNTIME_DEPENDENCY)]
        runtime_dependency: String,
    },
    /// Export one OpenAPI 3.1 document per vendor, `<vendor>.openapi.json`
    /// (docs/openapi.md: what the `x-` extensions mean).
    Openapi {
        /// Spec files, vendor folders, or folders of vendors.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the documents.
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Render one self-contained HTML reference page per vendor, `<vendor>.html`.
    Html {
        /// Spec files, vendor folders, or folders of vendors.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the pages.
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Draft a spec from a vendor's document: every endpoint it describes, with a
    /// `resolve:` marker on every question the document leaves open.
    Draft {
        /// The document, as text.
        doc: PathBuf,
        /// The vendor's snake_case name (module and cargo feature).
        #[arg(long)]
        vendor: Option<String>,
        /// Where to write the draft (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Compare specs with the documents their headers' `sources:` name, and report
    /// every difference no `note:` explains (exit 1 when there is one).
    Audit {
        /// Spec files, vendor folders, or folders of vendors.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// A document, used for the `sources:` entry of the same file name.
        #[arg(long = "doc")]
        docs: Vec<PathBuf>,
        /// The folder of the documents (default: $MEETING_API_SEEDS, else ../shared/seeds).
        #[arg(long = "docs")]
        dir: Option<PathBuf>,
    },
}

fn config(paths: &[PathBuf]) -> Config {
    let mut config = Config::new();
    for p in paths {
        config.path(p);
    }
    config
}

/// Writes `text` to standard output. A reader that stopped early (`| head`)
/// is not an error: the output it wanted was written.
fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("cannot write to standard output: {e}");
            std::process::exit(1);
        }
    }
}

/// `draft`: the document's spec draft, to `out` or standard output.
fn draft(doc: &Path, vendor: &Option<String>, out: &Option<PathBuf>) -> ExitCode {
    let text = match std::fs::read(doc) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            eprintln!("{}: cannot read the document: {e}", doc.display());
            return ExitCode::FAILURE;
        }
    };
    let options = meeting_api_codegen::DraftOptions {
        vendor: vendor.clone(),
        source: doc.file_name().map(|n| n.to_string_lossy().into_owned()),
    };
    let yaml = meeting_api_codegen::draft(&text, &options);
    match out {
        None => print(&yaml),
        Some(path) => {
            if let Err(e) = std::fs::write(path, yaml) {
                eprintln!("{}: cannot write the draft: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// Writes each vendor's document as `<out>/<vendor><suffix>` and prints the
/// paths written.
fn write_documents(out: &Path, documents: &[(String, String)], suffix: &str) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("{}: cannot create the folder: {e}", out.display());
        return ExitCode::FAILURE;
    }
    for (vendor, text) in documents {
        let path = out.join(format!("{vendor}{suffix}"));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("{}: cannot write: {e}", path.display());
            return ExitCode::FAILURE;
        }
        print(&format!("{}\n", path.display()));
    }
    ExitCode::SUCCESS
}

/// `openapi` and `html`: the documents, or the specs' problems.
fn export(
    out: &Path,
    documents: Result<Vec<(String, String)>, meeting_api_codegen::Report>,
    suffix: &str,
) -> ExitCode {
    match documents {
        Ok(documents) => write_documents(out, &documents, suffix),
        Err(report) => {
            eprint!("{report}");
            ExitCode::FAILURE
        }
    }
}

/// Warnings go to stderr; they do not change the exit code.
fn warn(warnings: &meeting_api_codegen::Report) {
    if !warnings.is_empty() {
        eprint!("{warnings}");
    }
}

fn main() -> ExitCode {
    no_transparent_huge_pages();
    return_freed_memory_soon();
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check { paths } => config(paths).check().map(|checked| {
            warn(&checked.warnings);
            let api = checked.api;
            let ops: usize = api.vendors.iter().map(|v| v.operations.len()).sum();
            print(&format!(
                "ok: {} vendors, {ops} operations\n",
                api.vendors.len()
            ));
        }),
        Command::Generate {
            paths,
            out,
            runtime_path,
            hooks,
            split,
            runtime_dependency,
        } => config(paths)
            .runtime_path(runtime_path)
            .hooks(*hooks)
            .split(split.map_or(0, usize::from))
            .runtime_dependency(runtime_dependency)
            .render()
            .and_then(|output| {
                warn(&output.warnings);
                let summary = output.write(out);
                // The process ends here: the OS reclaims the model at once, where
                // freeing it piece by piece takes 0.2 s at 10,000 endpoints.
                std::mem::forget(output);
                summary
            })
            .map(|summary| print(&summary.to_string())),
        Command::Openapi { paths, out } => {
            return export(out, config(paths).openapi(), ".openapi.json")
        }
        Command::Html { paths, out } => return export(out, config(paths).html(), ".html"),
        Command::Draft { doc, vendor, out } => return draft(doc, vendor, out),
        Command::Audit { paths, docs, dir } => {
            let mut documents = meeting_api_codegen::AuditDocuments::seeds();
            if let Some(dir) = dir {
                documents.dir = dir.clone();
            }
            documents.files = docs.clone();
            meeting_api_codegen::audit(&config(paths), &documents)
                .map(|audited| print(&format!("{audited}\n")))
        }
    };
    let code = match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            eprint!("{report}");
            ExitCode::FAILURE
        }
    };
    keep_freed_memory_at_exit();
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether transparent huge pages are off for this process.
    #[cfg(target_os = "linux")]
    fn thp_disabled() -> bool {
        // SAFETY: PR_GET_THP_DISABLE takes no argument and returns the flag.
        unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1 }
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn the_cli_turns_transparent_huge_pages_off() {
        // A parent may have turned them off (children inherit it): on first.
        // SAFETY: as in `no_transparent_huge_pages`.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 0, 0, 0, 0) };
        assert!(!thp_disabled(), "still off before the CLI asked");
        no_transparent_huge_pages();
        assert!(thp_disabled(), "still on after the CLI asked");
    }

    #[test]
    fn the_purge_delay_option_index_names_the_purge_delay() {
        // 1000 ms is the purge delay's default in mimalloc 3 (options.c); the
        // options next to it (eager commit delay, NUMA nodes) default to others.
        // SAFETY: reads an option.
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
            1000
        );
        return_freed_memory_soon();
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
            100
        );
    }
}
