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

mod support;

use std::process::ExitCode;

use meeting_api_client::auth::YxtCredentials;
use meeting_api_client::yxt::{Client, RoomUpdate, UpdateRoomRequest};
use support::{at_env, built, optional, report, required};

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
    let builder = at_env(
        Client::builder(YxtCredentials::new(key, secret, source)),
        "YXT_BASE_URL",
    );
    let client = match built(builder.build()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let room =
        optional("YXT_ROOM_ID").unwrap_or_else(|| "fe04ddc7-3628-4740-8db7-a504f3719bf3".into());
    let body = RoomUpdate::new("直播创建测试")
        .with_description("直播创建测试desc")
        .with_host_password("123456");
    report(
        client
            .update_room(&UpdateRoomRequest::new(room, body))
            .await,
    )
}
