//! Updates a live room (修改直播室信息, the document's example request).
//!
//! Environment: `YXT_APP_KEY`, `YXT_APP_SECRET`, `YXT_SOURCE`, optionally
//! `YXT_BASE_URL` (default `https://api-zhibo.yxt.com/v1`; an `http://` URL is
//! accepted for local testing) and `YXT_ROOM_ID` (default: the document's
//! example room).
//!
//! ```sh
//! cargo run --example yxt
//! ```

use std::process::ExitCode;

use meeting_api_client::auth::YxtCredentials;
use meeting_api_client::yxt::{Client, RoomUpdate, UpdateRoomRequest};

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
    let (key, secret, source) = match (
        required("YXT_APP_KEY"),
        required("YXT_APP_SECRET"),
        required("YXT_SOURCE"),
    ) {
        (Ok(k), Ok(s), Ok(src)) => (k, s, src),
        _ => return ExitCode::from(2),
    };
    let mut builder = Client::builder(YxtCredentials::new(key, secret, source));
    if let Some(base) = optional("YXT_BASE_URL") {
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
    let room =
        optional("YXT_ROOM_ID").unwrap_or_else(|| "fe04ddc7-3628-4740-8db7-a504f3719bf3".into());
    let body = RoomUpdate::new("直播创建测试")
        .with_description("直播创建测试desc")
        .with_host_password("123456");
    match client
        .update_room(&UpdateRoomRequest::new(room, body))
        .await
    {
        Ok(reply) => {
            println!("{reply:?}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}\n{e:?}");
            ExitCode::FAILURE
        }
    }
}
