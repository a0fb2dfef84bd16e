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
//!
//! # Layout
//!
//! Each module has one job. From the bottom (modules that import nothing of
//! this crate) to the top; a module imports only modules listed before it:
//!
//! 1. `validation` (the rules, their vocabulary and engine), `file`
//!    ([`FilePart`]), `ser` and `de` (how generated structs are encoded and
//!    decoded), `call_options` ([`CallOptions`]: settings for one call),
//!    `raw_body` ([`RawBody`]: reply bodies kept in errors, printed
//!    bounded), `policy` (clock, nonces, jitter, retries, redirects), then
//!    `vendor` (what a vendor module declares about itself, retry codes
//!    included), then `hooks` (what the user's request and reply hooks see:
//!    [`RequestView`], [`ReplyView`]);
//! 2. `error` ([`Error`], [`ApiError`]); `doc_examples` (the document-example
//!    checks generated code runs); `blocking` (a runtime for synchronous
//!    callers);
//! 3. `wire` (percent-, form and multipart encodings, header maps);
//! 4. `request` (the contract generated code implements: [`ApiRequest`],
//!    `RequestParts`), `paging` (what a paged request implements: [`Paged`];
//!    where each page starts and when a list ends, in every paging style);
//! 5. `auth` (each vendor's credentials: how computed and where they go),
//!    `reply` (reading replies and vendor errors);
//! 6. `kedacom_version` (Kedacom's version endpoint and API level),
//!    `redirect` (which redirects are followed, and where to);
//! 7. `send` ([`Core`]: validation, signing, retries, timeouts, tracing),
//!    then `pages` (the walkers of a paged list: [`Pages`], [`Items`]);
//! 8. `builder` ([`ClientBuilder`]);
//! 9. `kedacom_session` (Kedacom's token and login calls), then the generated
//!    vendor modules.
//! 10. `mock` (feature `mock`): a mock vendor server built from the generated
//!     modules' tables (docs/mock.md).
//!
//! Generated code reaches plumbing through one door, `__private`, which is
//! not public API.

#![warn(missing_docs)]
// docs.rs builds with `--cfg docsrs` on nightly: badges name the feature each
// vendor module and TLS backend needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

// Generated code names the runtime `::meeting_api_client`, inside this crate too.
extern crate self as meeting_api_client;

pub mod auth;
pub mod blocking;
mod builder;
mod call_options;
mod coded;
mod de;
mod doc_examples;
mod envelope;
mod error;
mod file;
mod hooks;
#[cfg(feature = "kedacom")]
pub mod kedacom_session;
mod kedacom_version;
#[cfg(feature = "mock")]
#[cfg_attr(docsrs, doc(cfg(feature = "mock")))]
pub mod mock;
mod object;
mod pages;
mod paging;
mod policy;
mod rate_limit;
mod raw_body;
mod redirect;
mod reply;
mod request;
mod send;
mod ser;
pub mod validation;
pub mod vendor;
mod wire;

pub use builder::ClientBuilder;
pub use call_options::CallOptions;
pub use error::{ApiError, Error};
pub use file::FilePart;
pub use hooks::{ReplyView, RequestView, REDACTED};
pub use pages::{Items, Pages};
pub use paging::{Page, PageAt, Paged, PagingStyle, Token};
pub use policy::{
    Clock, Jitter, NonceSource, RandomJitter, RandomNonce, RedirectPolicy, RetryClass, RetryPolicy,
    SystemClock,
};
pub use rate_limit::RateLimiter;
pub use raw_body::RawBody;
pub use request::ApiRequest;
pub use send::Core;

/// The HTTP client this crate sends with, at the version it was built against.
/// Hand your own `reqwest::Client` to [`ClientBuilder::http_client`] through this
/// path so the versions cannot disagree.
pub use reqwest;

/// Untyped JSON: fields documented as `type: json`, and replies the document
/// does not describe.
pub type Json = serde_json::Value;

/// The one door through which generated code reaches the runtime's plumbing.
/// Not public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::builder::FromCore;
    pub use crate::doc_examples::{roundtrip, send_json, validate_json, Example, ExampleKind};
    pub use crate::request::{BodyParts, RequestParts};
    /// What `ApiRequest::to_parts` returns, short enough for a signature on one line.
    pub type Parts = Result<RequestParts, crate::Error>;
    pub use crate::validation::{CharRule, Coded, Format};
    pub use crate::{
        __coded_enum as coded_enum, __field_value as field_value, __flag_set as flag_set,
        __object_constructor as object_constructor, __object_serde as object_serde,
    };
    /// How generated structs are decoded.
    pub mod de {
        pub use crate::de::{decode_object, object, stand_in, Decode, Error, Object};
    }
    /// How generated structs are encoded.
    pub mod ser {
        pub use crate::ser::{serialize, Encode, Entries, Failed, Fields, Object, Sink};
    }
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
