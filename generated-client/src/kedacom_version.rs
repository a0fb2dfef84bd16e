//! Kedacom's version endpoint (获取会管API版本信息), the one place a server
//! states its API level. `Core::discover_api_level` sends it.
//!
//! The runtime owns it (rather than calling the generated operation) so that
//! discovery works whatever the generated module is named, and with the
//! `kedacom` feature off.

use crate::error::Error;
use crate::reply::{decode, decode_error, Reply};
use crate::request::RequestParts;
use crate::vendor::{Method, OperationInfo};

/// `GET /api/mc/version`, reply `{"success":1,"version":"…","api_level":3}`.
pub(crate) const VERSION_OPERATION: OperationInfo = OperationInfo {
    name: "get_version",
    title: "获取会管API版本信息",
    method: Method::Get,
    path: "/api/mc/version",
    min_api_level: None,
    method_override: None,
    success_status: None,
    response_body: true,
    reply_secrets: false,
};

/// The version request (it has no parameters).
pub(crate) fn version_request() -> RequestParts {
    let mut parts = RequestParts::new(VERSION_OPERATION.method);
    parts.path(VERSION_OPERATION.path);
    parts
}

/// The server's API level from its version reply (already judged a
/// success): a positive integer.
pub(crate) fn api_level(reply: &Reply) -> Result<u32, Error> {
    let json: serde_json::Value = decode(&VERSION_OPERATION, reply)?;
    json.get("api_level")
        .and_then(serde_json::Value::as_u64)
        .and_then(|l| u32::try_from(l).ok())
        .filter(|l| *l > 0)
        .ok_or_else(|| {
            decode_error(
                reply,
                "the version reply has no positive integer `api_level`".into(),
            )
        })
}
