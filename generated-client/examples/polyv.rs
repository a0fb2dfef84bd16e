//! Updates a channel's role permissions (修改频道角色权限设置, the document's
//! example: channel 4872391, role Teacher, check-in display off).
//!
//! Environment: `POLYV_APP_ID`, `POLYV_APP_SECRET`, optionally
//! `POLYV_BASE_URL` (default `https://api.polyv.net`; an `http://` URL is
//! accepted for local testing) and `POLYV_CHANNEL_ID`.
//!
//! ```sh
//! cargo run --example polyv
//! ```

use std::process::ExitCode;

use meeting_api_client::auth::PolyvCredentials;
use meeting_api_client::polyv::{Client, Role, RoleConfig, Switch, UpdateChannelRoleConfigRequest};

fn required(name: &str) -> Result<String, ExitCode> {
    std::env::var(name).map_err(|_| {
        eprintln!("missing environment variable {name}");
        ExitCode::from(2)
    })
}

fn optional(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

#[tokio::main]
async fn main() -> ExitCode {
    let (app_id, secret) = match (required("POLYV_APP_ID"), required("POLYV_APP_SECRET")) {
        (Ok(a), Ok(s)) => (a, s),
        _ => return ExitCode::from(2),
    };
    let channel = match optional("POLYV_CHANNEL_ID").map(|c| c.parse::<i64>()) {
        None => 4872391,
        Some(Ok(c)) => c,
        Some(Err(_)) => {
            eprintln!("POLYV_CHANNEL_ID is not an integer");
            return ExitCode::from(2);
        }
    };
    let mut builder = Client::builder(PolyvCredentials::new(app_id, secret));
    if let Some(base) = optional("POLYV_BASE_URL") {
        builder = builder
            .allow_http(base.starts_with("http://"))
            .base_url(base);
    }
    let client = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let body = RoleConfig::default().with_web_start_check_in_display_enabled(Switch::Off);
    let request = UpdateChannelRoleConfigRequest::new(channel, Role::Teacher, body);
    match client.update_channel_role_config(&request).await {
        Ok(reply) => {
            println!("{reply:#?}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}\n{e:?}");
            ExitCode::FAILURE
        }
    }
}
