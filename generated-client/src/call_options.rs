//! [`CallOptions`]: settings for one call that override the client's, so a
//! slow export or a traced request does not need a client of its own.

use std::time::Duration;

/// Settings for one call: a timeout, extra headers, and whether the call is
/// safe to repeat. Pass them to [`crate::Core::send_with`]; a generated
/// client reaches its core through `client.core()`.
///
/// ```no_run
/// # use meeting_api_client::{CallOptions, Core, ApiRequest, Error};
/// # async fn run<R: ApiRequest>(core: &Core, request: &R) -> Result<R::Response, Error> {
/// let options = CallOptions::new()
///     .timeout(std::time::Duration::from_secs(120))
///     .header("X-Trace-Id", "export-42");
/// core.send_with(request, &options).await
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    timeout: Option<Duration>,
    headers: Vec<(String, String)>,
    idempotent: bool,
}

impl CallOptions {
    /// No overrides: the call behaves as [`crate::Core::send`].
    pub fn new() -> CallOptions {
        CallOptions::default()
    }

    /// The total time each attempt of this call may take, instead of the
    /// client's timeout.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> CallOptions {
        self.timeout = Some(timeout);
        self
    }

    /// One more header for this call. It replaces a same-named header of the
    /// operation; a header the credentials set (a signature, a key, a token,
    /// the login cookie) cannot be replaced: the call then fails with
    /// [`crate::Error::Config`] before anything is sent.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> CallOptions {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Marks this call as safe to repeat (a POST the vendor documents as
    /// idempotent), so transient failures are retried as for a GET.
    #[must_use]
    pub fn idempotent(mut self, on: bool) -> CallOptions {
        self.idempotent = on;
        self
    }

    /// The timeout override, if any.
    pub(crate) fn timeout_override(&self) -> Option<Duration> {
        self.timeout
    }

    /// The extra headers, in order.
    pub(crate) fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// Whether the caller marked the call idempotent.
    pub(crate) fn is_idempotent(&self) -> bool {
        self.idempotent
    }
}
