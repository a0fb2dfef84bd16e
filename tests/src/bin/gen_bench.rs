//! Times each generation stage over a spec folder and prints the figures.
//!
//! `gen_bench DIR [--runs R]`: for each run, parse (YAML → AST, with locations),
//! check (AST → model), emit (model → syn syntax tree) and format (tree →
//! prettyplease text) are timed separately, on one thread; the best run is printed with time per endpoint and
//! the process's peak resident memory (VmHWM).
//!
//! `gen_bench DIR --pipeline` runs what users run instead (`Config::load`, then
//! `emit::vendor_source`, which emits and formats items in parallel) and prints
//! its wall time and peak memory.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use meeting_api_codegen::{check, emit, spec, Diagnostic, SourceFile, Sources};

#[derive(Default, Clone, Copy)]
struct Stages {
    parse: Duration,
    check: Duration,
    emit: Duration,
    format: Duration,
    endpoints: usize,
    lines: usize,
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a readable spec folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// The vendors of a folder: its YAML files, and the files of each sub-folder.
fn vendor_groups(dir: &Path) -> Vec<Vec<PathBuf>> {
    let mut groups: Vec<Vec<PathBuf>> = yaml_files(dir).into_iter().map(|f| vec![f]).collect();
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a readable spec folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    subdirs.sort();
    groups.extend(subdirs.iter().map(|d| yaml_files(d)));
    groups
}

fn run(dir: &Path) -> Stages {
    let mut s = Stages::default();
    for group in vendor_groups(dir) {
        let t = Instant::now();
        let mut sources = Sources::default();
        let mut diags: Vec<Diagnostic> = Vec::new();
        let mut parsed = Vec::new();
        for path in &group {
            let text = std::fs::read_to_string(path).expect("readable spec");
            let id = sources.add(SourceFile::new(path, text));
            parsed.extend(spec::parse::parse_file(id, sources.get(id), &mut diags));
        }
        s.parse += t.elapsed();
        let t = Instant::now();
        let vendor = check::check_vendor(&sources, &parsed, &mut diags);
        s.check += t.elapsed();
        let Some(vendor) = vendor else {
            eprint!("{}", meeting_api_codegen::Report::new(sources, diags));
            std::process::exit(1);
        };
        s.endpoints += vendor.operations.len();
        let t = Instant::now();
        let file = emit::vendor_file(&vendor, meeting_api_codegen::DEFAULT_RUNTIME_PATH);
        s.emit += t.elapsed();
        let t = Instant::now();
        let text = prettyplease::unparse(&file);
        s.format += t.elapsed();
        s.lines += text.lines().count();
    }
    s
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The real pipeline (`Config::render`: parallel per-item formatting), end to end.
fn pipeline(dir: &Path) {
    let t = Instant::now();
    let api = meeting_api_codegen::Config::new()
        .spec_dir(dir)
        .load()
        .unwrap_or_else(|r| {
            eprint!("{r}");
            std::process::exit(1)
        });
    let load = t.elapsed();
    let load_peak = peak_rss_mib().unwrap_or(f64::NAN);
    let endpoints: usize = api.vendors.iter().map(|v| v.operations.len()).sum();
    let t = Instant::now();
    let lines: usize = api
        .vendors
        .iter()
        .map(|v| {
            emit::vendor_source(v, meeting_api_codegen::DEFAULT_RUNTIME_PATH)
                .lines()
                .count()
        })
        .sum();
    let render = t.elapsed();
    let total = load + render;
    println!(
        "pipeline endpoints={endpoints} lines={lines} load_ms={:.1} emit_format_ms={:.1} total_ms={:.1} us_per_endpoint={:.1} load_peak_rss_mib={load_peak:.1} peak_rss_mib={:.1}",
        ms(load),
        ms(render),
        ms(total),
        total.as_secs_f64() * 1e6 / endpoints.max(1) as f64,
        peak_rss_mib().unwrap_or(f64::NAN),
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--pipeline") {
        let dir = args
            .iter()
            .skip(1)
            .find(|a| !a.starts_with("--"))
            .map(PathBuf::from);
        pipeline(&dir.unwrap_or_else(|| PathBuf::from("specs")));
        return;
    }
    let Some(dir) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: gen_bench SPEC_DIR [--runs R]");
        std::process::exit(2);
    };
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let best = (0..runs.max(1))
        .map(|_| run(&dir))
        .min_by_key(|s| s.parse + s.check + s.emit + s.format)
        .expect("at least one run");
    let total = best.parse + best.check + best.emit + best.format;
    println!(
        "endpoints={} lines={} parse_ms={:.1} check_ms={:.1} emit_ms={:.1} format_ms={:.1} total_ms={:.1} us_per_endpoint={:.1} peak_rss_mib={:.1}",
        best.endpoints,
        best.lines,
        ms(best.parse),
        ms(best.check),
        ms(best.emit),
        ms(best.format),
        ms(total),
        total.as_secs_f64() * 1e6 / best.endpoints.max(1) as f64,
        peak_rss_mib().unwrap_or(f64::NAN),
    );
}
