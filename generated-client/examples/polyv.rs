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

mod support;

use std::process::ExitCode;

use meeting_api_client::auth::PolyvCredentials;
use meeting_api_client::polyv::{Client, Role, RoleConfig, Switch, UpdateChannelRoleConfigRequest};
use support::{at_env, built, optional, report, required};

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
    let builder = at_env(
        Client::builder(PolyvCredentials::new(app_id, secret)),
        "POLYV_BASE_URL",
    );
    let client = match built(builder.build()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let body = RoleConfig::default().with_web_start_check_in_display_enabled(Switch::Off);
    let request = UpdateChannelRoleConfigRequest::new(channel, Role::Teacher, body);
    report(client.update_channel_role_config(&request).await)
}
