//! Times each generation stage over a spec folder and prints the figures.
//!
//! `gen_bench DIR [--runs R]`: for each run, parse (YAML → AST, with locations),
//! check (AST → model), emit (model → syn syntax tree) and format (tree →
//! prettyplease text) are timed separately, on one thread
//! (`Config::time_stages`); the best run is printed with time per endpoint and
//! the process's peak resident memory (VmHWM).
//!
//! `gen_bench DIR --pipeline` runs what users run instead (`Config::load`, then
//! `Config::render`, which emits and formats items in parallel) and prints its
//! wall time and peak memory.
//!
//! `gen_bench DIR --load` runs `Config::load` alone (parse on every core, then
//! check) and prints its wall time and the peak memory it reached.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use meeting_api_codegen::{Config, StageTimings};

fn run(dir: &Path) -> StageTimings {
    Config::new()
        .spec_dir(dir)
        .time_stages()
        .unwrap_or_else(|r| {
            eprint!("{r}");
            std::process::exit(1)
        })
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

/// `Config::load` over `dir`, timed; a spec problem ends the process.
fn timed_load(dir: &Path) -> (Config, meeting_api_codegen::model::Api, Duration) {
    let mut config = Config::new();
    config.spec_dir(dir);
    let t = Instant::now();
    let api = config.load().unwrap_or_else(|r| {
        eprint!("{r}");
        std::process::exit(1)
    });
    (config, api, t.elapsed())
}

/// The real pipeline (`Config::render`: parallel per-item formatting), end to end.
fn pipeline(dir: &Path) {
    let (config, api, load) = timed_load(dir);
    let load_peak = peak_rss_mib().unwrap_or(f64::NAN);
    let endpoints: usize = api.vendors.iter().map(|v| v.operations.len()).sum();
    drop(api);
    // `render` loads again: the load time is taken off what it took.
    let t = Instant::now();
    let output = config.render().unwrap_or_else(|r| {
        eprint!("{r}");
        std::process::exit(1)
    });
    let render = t.elapsed().saturating_sub(load);
    let lines: usize = output
        .files
        .iter()
        .filter(|(name, _)| name.ends_with(".rs"))
        .map(|(_, text)| text.lines().count())
        .sum();
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

/// `Config::load` alone, as the pipeline runs it: what issue 14's load budget
/// is measured on.
fn load_only(dir: &Path) {
    let (_, api, load) = timed_load(dir);
    let endpoints: usize = api.vendors.iter().map(|v| v.operations.len()).sum();
    println!(
        "load endpoints={endpoints} load_ms={:.1} load_peak_rss_mib={:.1}",
        ms(load),
        peak_rss_mib().unwrap_or(f64::NAN),
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir_arg = || {
        args.iter()
            .skip(1)
            .find(|a| !a.starts_with("--"))
            .map(PathBuf::from)
    };
    if args.iter().any(|a| a == "--load") {
        load_only(&dir_arg().unwrap_or_else(|| PathBuf::from("specs")));
        return;
    }
    if args.iter().any(|a| a == "--pipeline") {
        pipeline(&dir_arg().unwrap_or_else(|| PathBuf::from("specs")));
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
        .min_by_key(StageTimings::total)
        .expect("at least one run");
    let total = best.total();
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
