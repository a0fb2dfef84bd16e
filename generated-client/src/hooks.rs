//! Hooks: the user's code, run before each request is sent and after each
//! reply ([`crate::ClientBuilder::on_request`], [`crate::ClientBuilder::on_reply`]),
//! for headers, logging and metrics without a transport of one's own.
//!
//! What a hook sees is chosen so that it cannot leak a secret: the operation
//! and its path *template* (the concrete URL may hold Kedacom's token or
//! Polyv's signature), never the body or query, and credential headers by name
//! only, their values shown as `***`. A hook may add headers but not replace
//! a credential header: that fails the call with [`crate::Error::Config`]
//! before anything is sent, as for [`crate::CallOptions::header`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::vendor::{Method, OperationInfo};

/// What stands for a credential header's value in a [`RequestView`].
pub const REDACTED: &str = "***";

/// A hook run before each request is sent.
pub(crate) type RequestHook = Arc<dyn Fn(&mut RequestView<'_>) + Send + Sync>;

/// A hook run after each reply, or each attempt that got none.
pub(crate) type ReplyHook = Arc<dyn Fn(&ReplyView<'_>) + Send + Sync>;

/// The hooks a client was built with.
#[derive(Clone, Default)]
pub(crate) struct Hooks {
    pub(crate) on_request: Vec<RequestHook>,
    pub(crate) on_reply: Vec<ReplyHook>,
}

impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hooks")
            .field("on_request", &self.on_request.len())
            .field("on_reply", &self.on_reply.len())
            .finish()
    }
}

impl Hooks {
    /// Runs every request hook in order; returns the headers they added.
    pub(crate) fn before_send(&self, mut view: RequestView<'_>) -> Vec<(String, String)> {
        for hook in &self.on_request {
            hook(&mut view);
        }
        view.added
    }

    /// Runs every reply hook in order.
    pub(crate) fn after_reply(&self, view: &ReplyView<'_>) {
        for hook in &self.on_reply {
            hook(view);
        }
    }
}

/// A request about to be sent, as a hook sees it: one per attempt (retries
/// and followed redirects each send anew).
pub struct RequestView<'a> {
    vendor: &'static str,
    operation: &'a OperationInfo,
    method: Method,
    attempt: u32,
    headers: &'a [(String, String)],
    credential_headers: &'a [(String, String)],
    added: Vec<(String, String)>,
}

impl<'a> RequestView<'a> {
    /// The view of one attempt: `headers` are the operation's and the call's,
    /// `credential_headers` those whose values are hidden.
    pub(crate) fn new(
        vendor: &'static str,
        operation: &'a OperationInfo,
        method: Method,
        attempt: u32,
        headers: &'a [(String, String)],
        credential_headers: &'a [(String, String)],
    ) -> RequestView<'a> {
        RequestView {
            vendor,
            operation,
            method,
            attempt,
            headers,
            credential_headers,
            added: Vec::new(),
        }
    }

    /// The vendor's short name (`tencent_meeting`, `kedacom`, ...).
    pub fn vendor(&self) -> &'static str {
        self.vendor
    }

    /// The operation's Rust method name.
    pub fn operation(&self) -> &'static str {
        self.operation.name
    }

    /// The HTTP method sent (after Kedacom's method override, if on).
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path template (`/v1/meetings/{meeting_id}`), not the concrete URL.
    pub fn path_template(&self) -> &'static str {
        self.operation.path
    }

    /// Which attempt of the call this is, from 1 (a retry is the next one).
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Every header to be sent, hooks' additions included; credential
    /// headers show [`REDACTED`] as their value.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        let own = self.headers.iter().chain(&self.added);
        let visible = own.map(|(n, v)| (n.as_str(), v.as_str()));
        let hidden = self
            .credential_headers
            .iter()
            .map(|(n, _)| (n.as_str(), REDACTED));
        visible.chain(hidden)
    }

    /// The value of header `name` (any case), as [`RequestView::headers`]
    /// shows it; the last one if it is repeated.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .last()
            .map(|(_, v)| v)
    }

    /// Adds a header to this request, replacing a same-named operation or
    /// call header. A credential header cannot be replaced: the call then
    /// fails with [`crate::Error::Config`] before anything is sent.
    pub fn insert_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into();
        self.added.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        self.added.push((name, value.into()));
    }
}

impl fmt::Debug for RequestView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestView")
            .field("vendor", &self.vendor)
            .field("operation", &self.operation())
            .field("method", &self.method)
            .field("path_template", &self.path_template())
            .field("attempt", &self.attempt)
            .field("headers", &self.headers().collect::<Vec<_>>())
            .finish()
    }
}

/// How an attempt ended, as a hook sees it: status, size and time, never
/// the body or the reply's headers (a login reply sets a session cookie).
#[derive(Debug)]
pub struct ReplyView<'a> {
    vendor: &'static str,
    operation: &'a OperationInfo,
    attempt: u32,
    status: Option<u16>,
    bytes: usize,
    elapsed: Duration,
}

impl<'a> ReplyView<'a> {
    /// The view of one attempt's end: `status` is `None` when no reply was read.
    pub(crate) fn new(
        vendor: &'static str,
        operation: &'a OperationInfo,
        attempt: u32,
        status: Option<u16>,
        bytes: usize,
        elapsed: Duration,
    ) -> ReplyView<'a> {
        ReplyView {
            vendor,
            operation,
            attempt,
            status,
            bytes,
            elapsed,
        }
    }

    /// The vendor's short name.
    pub fn vendor(&self) -> &'static str {
        self.vendor
    }

    /// The operation's Rust method name.
    pub fn operation(&self) -> &'static str {
        self.operation.name
    }

    /// Which attempt of the call this was, from 1.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The HTTP status; `None` when no reply was read (the connection failed,
    /// the attempt timed out, or the reply was over the size limit).
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The size of the reply body in bytes (0 without a reply).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// From sending the request to reading the whole reply (or failing).
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}
