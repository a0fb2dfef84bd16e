//! Typed, validating async clients for meeting and live-streaming platforms whose
//! APIs exist only as prose documents: Tencent Meeting (腾讯会议), YXT live
//! (云学堂直播), Polyv live (保利威) and Kedacom's meeting management (科达会管).
//!
//! Each vendor module is generated from a YAML spec by `meeting-api-codegen`; the
//! runtime beside it (auth, transport, validation, errors) is written by hand.
//!
//! ```no_run
//! use meeting_api_client::auth::TencentMeetingCredentials;
//! use meeting_api_client::tencent_meeting::{Client, InstanceId, ListLiveReplaysByMeetingIdRequest};
//!
//! # async fn run() -> Result<(), meeting_api_client::Error> {
//! let client = Client::builder(TencentMeetingCredentials::enterprise("secret-id", "secret-key", "app-id")).build()?;
//! let request = ListLiveReplaysByMeetingIdRequest::new("5939741786564101932", "tester", InstanceId::Pc);
//! let replays = client.list_live_replays_by_meeting_id(&request).await?;
//! println!("{} meetings", replays.meeting_number.unwrap_or(0));
//! # Ok(())
//! # }
//! ```
//!
//! Cargo features: one per vendor (`tencent-meeting`, `yxt`, `polyv`, `kedacom`,
//! all on by default). `codegen` regenerates the modules from `../specs` at build
//! time (the workspace turns it on); without it the checked-in `src/generated`
//! copy is used and the generator is not compiled.

// Generated code names the runtime `::meeting_api_client`, inside this crate too.
extern crate self as meeting_api_client;

pub mod auth;
#[doc(hidden)]
pub mod de;
mod error;
mod file;
#[cfg(feature = "kedacom")]
pub mod kedacom_session;
#[doc(hidden)]
pub mod ser;
mod transport;
pub mod validation;
pub mod vendor;

pub use error::{ApiError, Error};
pub use file::FilePart;
pub use transport::{
    ApiRequest, BodyParts, ClientBuilder, Clock, Core, FromCore, NonceSource, Paged, ParamValue,
    RandomNonce, RequestParts, RetryPolicy, SystemClock,
};
pub use vendor::{
    roundtrip, validate_json, CatalogueEntry, ErrorEnvelope, Example, ExampleKind, JsonScalar,
    Method, OperationInfo, VendorInfo,
};

/// Untyped JSON: the type of `type: json` fields and of replies the spec
/// does not describe.
pub type Json = serde_json::Value;

/// Re-exports the generated code relies on; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::de;
    pub use crate::ser;
    pub use crate::transport::{FromCore, RequestParts};
    pub use crate::validation::{CharRule, Coded, Format};
    pub use crate::vendor::{roundtrip, validate_json, Example, ExampleKind};
    pub use serde;
    pub use serde_json;
}

/// 腾讯会议 REST API: live-stream configuration and live replays.
#[cfg(feature = "tencent-meeting")]
pub mod tencent_meeting {
    include!(concat!(env!("OUT_DIR"), "/tencent_meeting.rs"));
}

/// 云学堂直播 (YXT live): live rooms.
#[cfg(feature = "yxt")]
pub mod yxt {
    include!(concat!(env!("OUT_DIR"), "/yxt.rs"));
}

/// 保利威 (Polyv) live API v4: channel role configuration.
#[cfg(feature = "polyv")]
pub mod polyv {
    include!(concat!(env!("OUT_DIR"), "/polyv.rs"));
}

/// 科达视讯平台会管API (Kedacom meeting management).
#[cfg(feature = "kedacom")]
pub mod kedacom {
    include!(concat!(env!("OUT_DIR"), "/kedacom.rs"));
}

/// The endpoint catalogue: every operation, its method, path, Rust method and
/// minimum API level.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/catalogue.md"))]
pub mod catalogue {}
