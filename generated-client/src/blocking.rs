//! Calling the async clients from synchronous code: [`Runtime`] owns a
//! single-threaded tokio runtime and drives one call at a time to completion.
//!
//! ```no_run
//! use meeting_api_client::auth::TencentMeetingCredentials;
//! use meeting_api_client::blocking::Runtime;
//! use meeting_api_client::tencent_meeting::{Client, InstanceId, ListLiveReplaysByMeetingIdRequest};
//!
//! fn main() -> Result<(), meeting_api_client::Error> {
//!     let runtime = Runtime::new()?;
//!     let credentials = TencentMeetingCredentials::enterprise("secret-id", "secret-key", "app-id");
//!     let client = Client::builder(credentials).build()?;
//!     let request = ListLiveReplaysByMeetingIdRequest::new("5939741786564101932", "tester", InstanceId::Pc);
//!     let replays = runtime.block_on(client.list_live_replays_by_meeting_id(&request))?;
//!     println!("{} meetings", replays.meeting_number.unwrap_or(0));
//!     Ok(())
//! }
//! ```
//!
//! Blocking inside an async runtime would stall (or, with tokio, panic): there
//! [`Runtime::block_on`] returns [`Error::Config`] instead; `.await` the call.

use std::fmt;
use std::future::Future;

use crate::error::Error;

/// A single-threaded tokio runtime for synchronous callers. Build it once and
/// keep it: clients built anywhere can be driven by it, and their connection
/// pools live as long as the runtime that first used them.
pub struct Runtime {
    /// Always `Some` until dropped; `Drop` takes it out to shut it down.
    inner: Option<tokio::runtime::Runtime>,
}

impl Runtime {
    /// A current-thread runtime with timers and I/O.
    pub fn new() -> Result<Runtime, Error> {
        let inner = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Config(format!("cannot start a tokio runtime: {e}")))?;
        Ok(Runtime { inner: Some(inner) })
    }

    /// Runs `call` (a client method's future) to completion on this thread.
    ///
    /// Fails with [`Error::Config`], without running `call`, when this thread
    /// is already inside an async runtime: blocking there would stall the
    /// runtime's other tasks, and tokio refuses it with a panic.
    pub fn block_on<T>(&self, call: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::Config(
                "blocking::Runtime::block_on was called inside an async runtime; \
                 `.await` the call instead"
                    .into(),
            ));
        }
        self.runtime().block_on(call)
    }

    fn runtime(&self) -> &tokio::runtime::Runtime {
        self.inner.as_ref().expect("present until dropped")
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime").finish_non_exhaustive()
    }
}

impl Drop for Runtime {
    /// Shuts down without waiting: dropping a tokio runtime the ordinary way
    /// panics inside an async context, and a `Runtime` may end up dropped there.
    fn drop(&mut self) {
        if let Some(inner) = self.inner.take() {
            inner.shutdown_background();
        }
    }
}
