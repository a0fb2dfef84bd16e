//! Lists a meeting's live replays (通过会议 ID 查询直播回看) with enterprise-secret
//! signing.
//!
//! Environment: `TENCENT_MEETING_SECRET_ID`, `TENCENT_MEETING_SECRET_KEY`,
//! `TENCENT_MEETING_APP_ID`, optionally `TENCENT_MEETING_SDK_ID` and
//! `TENCENT_MEETING_BASE_URL` (default `https://api.meeting.qq.com`; an
//! `http://` URL is accepted for local testing). The meeting and user are the
//! document's example values unless `TENCENT_MEETING_MEETING_ID` and
//! `TENCENT_MEETING_USERID` are set.
//!
//! ```sh
//! cargo run --example tencent_meeting
//! ```

mod support;

use std::process::ExitCode;

use meeting_api_client::auth::TencentMeetingCredentials;
use meeting_api_client::tencent_meeting::{Client, InstanceId, ListLiveReplaysByMeetingIdRequest};
use support::{at_env, built, optional, report, required};

#[tokio::main]
async fn main() -> ExitCode {
    let (id, key, app) = match (
        required("TENCENT_MEETING_SECRET_ID"),
        required("TENCENT_MEETING_SECRET_KEY"),
        required("TENCENT_MEETING_APP_ID"),
    ) {
        (Ok(id), Ok(key), Ok(app)) => (id, key, app),
        _ => return ExitCode::from(2),
    };
    let mut credentials = TencentMeetingCredentials::enterprise(id, key, app);
    if let Some(sdk) = optional("TENCENT_MEETING_SDK_ID") {
        credentials = credentials.with_sdk_id(sdk);
    }
    let builder = at_env(Client::builder(credentials), "TENCENT_MEETING_BASE_URL");
    let client = match built(builder.build()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let request = ListLiveReplaysByMeetingIdRequest::new(
        optional("TENCENT_MEETING_MEETING_ID").unwrap_or_else(|| "5939741786564101932".into()),
        optional("TENCENT_MEETING_USERID").unwrap_or_else(|| "tester".into()),
        InstanceId::Pc,
    );
    report(client.list_live_replays_by_meeting_id(&request).await)
}
