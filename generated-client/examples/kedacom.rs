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

mod support;

use std::process::ExitCode;

use meeting_api_client::auth::KedacomCredentials;
use meeting_api_client::kedacom::{Client, ListBookedConferencesRequest};
use support::{at, built, optional, report, required};

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
    if let Some(cookie) = optional("KEDACOM_SSO_COOKIE") {
        credentials = credentials.with_sso_cookie(cookie);
    }
    let builder = at(Client::builder(credentials), base).check_api_level(true);
    let client = match built(builder.build()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let conferences = client
        .list_booked_conferences_all(&ListBookedConferencesRequest::default(), 50)
        .await;
    if conferences.is_ok() {
        println!("server API level: {:?}", client.core().server_api_level());
    }
    report(conferences)
}
