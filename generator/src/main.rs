//! `meeting-api-codegen`: check specs, or generate clients from them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use meeting_api_codegen::Config;

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
    },
}

fn config(paths: &[PathBuf]) -> Config {
    let mut config = Config::new();
    for p in paths {
        config.path(p);
    }
    config
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check { paths } => config(paths).load().map(|api| {
            let ops: usize = api.vendors.iter().map(|v| v.operations.len()).sum();
            println!("ok: {} vendors, {ops} operations", api.vendors.len());
        }),
        Command::Generate {
            paths,
            out,
            runtime_path,
        } => config(paths)
            .runtime_path(runtime_path)
            .render()
            .and_then(|output| {
                let summary = output.write(out);
                // The process ends here: the OS reclaims the model at once, where
                // freeing it piece by piece takes 0.2 s at 10,000 endpoints.
                std::mem::forget(output);
                summary
            })
            .map(|summary| print!("{summary}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            eprint!("{report}");
            ExitCode::FAILURE
        }
    }
}
