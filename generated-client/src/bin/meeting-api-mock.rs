//! `meeting-api-mock`: a mock vendor server built from the specs, for tests
//! written in any language.
//!
//! ```sh
//! meeting-api-mock --vendor kedacom --port 8080
//! meeting-api-mock --vendor my_vendor --specs ./specs   # a user's own YAML
//! ```
//!
//! It accepts the credentials named by the environment variables the example
//! programs read (`TENCENT_MEETING_SECRET_ID` and `TENCENT_MEETING_SECRET_KEY`,
//! `YXT_APP_KEY` and `YXT_APP_SECRET`, `POLYV_APP_ID` and `POLYV_APP_SECRET`,
//! `KEDACOM_ACCOUNT_TOKEN`), chosen by the vendor's auth scheme; unset ones
//! default to `mock-id` / `mock-secret`. It prints its base URL, then one line
//! per request.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use meeting_api_client::mock::{MockCredentials, MockServer, MockSpec};

/// Serves one vendor's API as documented, on a local port.
#[derive(Parser)]
#[command(name = "meeting-api-mock", version)]
struct Args {
    /// The vendor's spec name (tencent_meeting, yxt, polyv, kedacom, or one in --specs).
    #[arg(long)]
    vendor: String,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Serve the vendor from these specs (files or vendor folders) instead of the built-in ones.
    #[arg(long)]
    specs: Option<PathBuf>,
    /// How far a request's timestamp may be from now, in seconds.
    #[arg(long, default_value_t = 300)]
    timestamp_window: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let spec = match spec(&args) {
        Ok(spec) => spec,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let credentials = credentials(spec.auth());
    let server = MockServer::builder(spec)
        .credentials(credentials.id, credentials.secret)
        .timestamp_window(Duration::from_secs(args.timestamp_window))
        .bind(SocketAddr::new(args.host, args.port))
        .on_request(|received| println!("{received}"))
        .start()
        .await;
    match server {
        Ok(server) => {
            println!(
                "meeting-api-mock serving {} at {}",
                args.vendor,
                server.base_url()
            );
            // Serves until the process is stopped.
            std::future::pending::<()>().await;
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot listen on {}:{}: {e}", args.host, args.port);
            ExitCode::FAILURE
        }
    }
}

/// The vendor from `--specs`, else built in.
fn spec(args: &Args) -> Result<MockSpec, String> {
    match &args.specs {
        Some(dir) => MockSpec::load(dir, &args.vendor),
        None => MockSpec::builtin(&args.vendor).ok_or_else(|| {
            let known = MockSpec::builtin_names().join(", ");
            format!(
                "no built-in vendor {} (built in: {known}); use --specs for others",
                args.vendor
            )
        }),
    }
}

/// The credentials of `scheme` from the examples' environment variables.
fn credentials(scheme: &str) -> MockCredentials {
    let (id, secret) = match scheme {
        "tencent_meeting" => ("TENCENT_MEETING_SECRET_ID", "TENCENT_MEETING_SECRET_KEY"),
        "yxt" => ("YXT_APP_KEY", "YXT_APP_SECRET"),
        "polyv" => ("POLYV_APP_ID", "POLYV_APP_SECRET"),
        "kedacom" => ("", "KEDACOM_ACCOUNT_TOKEN"),
        _ => ("", ""),
    };
    let default = MockCredentials::default();
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    MockCredentials {
        id: var(id).unwrap_or(default.id),
        secret: var(secret).unwrap_or(default.secret),
    }
}
