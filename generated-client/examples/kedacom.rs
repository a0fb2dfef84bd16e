//! Reads the server's API level, then lists booked conferences
//! (获取预约会议列表), every page.
//!
//! Environment: `KEDACOM_BASE_URL` (the on-premise server; `http://` is
//! accepted for local testing) and `KEDACOM_ACCOUNT_TOKEN`; optionally
//! `KEDACOM_SSO_COOKIE` for deployments that need a login session.
//!
//! ```sh
//! cargo run --example kedacom
//! ```

use std::process::ExitCode;

use meeting_api_client::auth::KedacomCredentials;
use meeting_api_client::kedacom::{Client, ListBookedConferencesRequest};

fn required(name: &str) -> Result<String, ExitCode> {
    std::env::var(name).map_err(|_| {
        eprintln!("missing environment variable {name}");
        ExitCode::from(2)
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let (base, token) = match (
        required("KEDACOM_BASE_URL"),
        required("KEDACOM_ACCOUNT_TOKEN"),
    ) {
        (Ok(b), Ok(t)) => (b, t),
        _ => return ExitCode::from(2),
    };
    let mut credentials = KedacomCredentials::new(token);
    if let Some(cookie) = std::env::var("KEDACOM_SSO_COOKIE")
        .ok()
        .filter(|c| !c.is_empty())
    {
        credentials = credentials.with_sso_cookie(cookie);
    }
    let client = match Client::builder(credentials)
        .allow_http(base.starts_with("http://"))
        .base_url(base)
        .check_api_level(true)
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match client
        .list_booked_conferences_all(&ListBookedConferencesRequest::default(), 50)
        .await
    {
        Ok(conferences) => {
            println!("server API level: {:?}", client.core().server_api_level());
            println!("{conferences:#?}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}\n{e:?}");
            ExitCode::FAILURE
        }
    }
}
