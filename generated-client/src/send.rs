//! The configured transport every generated client shares: validate, check
//! the API level, sign, send with retries and timeouts, follow redirects as
//! the policy allows, read replies up to the size limit, decode.
//!
//! Generated code describes a request ([`RequestParts`]) and its response type;
//! everything vendor-independent happens here once. Only `send` is generic
//! (per request type); the HTTP exchange is not, so each endpoint adds little
//! code.
//!
//! Secrets: credentials are added to a copy of the request inside one attempt
//! and never logged. The `meeting_api_call` span carries the vendor, operation,
//! method and path *template* only, because the concrete URL may hold a token
//! (Kedacom) or a signature (Polyv).

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tracing::Instrument;

use crate::auth::Credentials;
use crate::call_options::CallOptions;
use crate::error::Error;
use crate::hooks::{Hooks, ReplyView, RequestView};
use crate::kedacom_version;
use crate::policy::{Clock, Jitter, NonceSource, RedirectPolicy, RetryClass, RetryPolicy};
use crate::rate_limit::RateLimiter;
use crate::redirect::{next_hop, Hop, Rules};
use crate::reply::{decode, judge, read, retry_after, AttemptError, Reply};
use crate::request::{ApiRequest, RequestParts};
use crate::vendor::{Method, OperationInfo, RetryCode, VendorInfo};
use crate::wire::{form_urlencoded, overlay_headers, request_headers};

/// An attempt that failed: no reply, or a reply that is a failure.
struct Failed {
    error: Error,
    sent: Sent,
}

/// Whether a failed attempt may have reached the server.
enum Sent {
    /// The connection could not be opened: safe to repeat for any method.
    No,
    /// Sending or reading broke: the server may have acted on it.
    Maybe,
    /// The failure is not the network's (encoding, size limit, redirect):
    /// never retried.
    Final,
    /// The server answered with a failure, and maybe said how long to wait
    /// (`Retry-After`).
    Answered { wait: Option<Duration> },
}

impl From<AttemptError> for Failed {
    fn from(e: AttemptError) -> Failed {
        let sent = match &e {
            AttemptError::Send(e) if e.is_connect() => Sent::No,
            AttemptError::Send(_) => Sent::Maybe,
            AttemptError::Other(_) => Sent::Final,
        };
        Failed {
            error: e.into_error(),
            sent,
        }
    }
}

/// A user's classification of failed attempts ([`crate::ClientBuilder::retry_if`]).
pub(crate) type RetryPredicate = Arc<dyn Fn(&Error) -> Option<RetryClass> + Send + Sync>;

/// What a client is configured with; the builder checks it.
pub(crate) struct Settings {
    pub(crate) vendor: &'static VendorInfo,
    pub(crate) http: reqwest::Client,
    /// Scheme, host and optional path prefix, without a trailing slash.
    pub(crate) base_url: String,
    pub(crate) credentials: Credentials,
    pub(crate) validate: bool,
    pub(crate) method_override: bool,
    pub(crate) server_api_level: Option<u32>,
    pub(crate) check_api_level: bool,
    pub(crate) timeout: Option<Duration>,
    /// The largest reply body read; see [`crate::ClientBuilder::max_reply_bytes`].
    pub(crate) max_reply_bytes: usize,
    pub(crate) retry: Option<RetryPolicy>,
    /// The user's retry predicate, asked before the default classification.
    pub(crate) retry_if: Option<RetryPredicate>,
    /// Vendor codes with a retry class, asked after the predicate.
    pub(crate) retry_codes: &'static [RetryCode],
    /// Operations safe to repeat whatever their method.
    pub(crate) idempotent_operations: &'static [&'static str],
    pub(crate) jitter: Arc<dyn Jitter>,
    pub(crate) redirect: RedirectPolicy,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) nonce: Arc<dyn NonceSource>,
    /// The user's code run around each attempt.
    pub(crate) hooks: Hooks,
    /// The request budget each attempt spends from, if any.
    pub(crate) rate_limiter: Option<RateLimiter>,
}

struct Inner {
    settings: Settings,
    /// 0 while unknown: API levels start at 1.
    server_api_level: AtomicU32,
}

/// The configured transport of one client (cheap to clone).
#[derive(Clone)]
pub struct Core {
    inner: Arc<Inner>,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.settings();
        f.debug_struct("Core")
            .field("vendor", &s.vendor.name)
            .field("base_url", &s.base_url)
            .field("credentials", &s.credentials)
            .field("validate", &s.validate)
            .field("method_override", &s.method_override)
            .field("server_api_level", &self.server_api_level())
            .field("check_api_level", &s.check_api_level)
            .field("timeout", &s.timeout)
            .field("max_reply_bytes", &s.max_reply_bytes)
            .field("retry", &s.retry)
            .field("retry_if", &s.retry_if.is_some())
            .field("redirect", &s.redirect)
            .field("hooks", &s.hooks)
            .field("rate_limiter", &s.rate_limiter)
            .finish_non_exhaustive()
    }
}

impl Core {
    /// A transport with these (checked) settings.
    pub(crate) fn new(settings: Settings) -> Core {
        let level = settings.server_api_level.unwrap_or(0);
        Core {
            inner: Arc::new(Inner {
                settings,
                server_api_level: AtomicU32::new(level),
            }),
        }
    }

    fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    /// The vendor this client talks to.
    pub fn vendor(&self) -> &'static VendorInfo {
        self.settings().vendor
    }

    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.settings().base_url
    }

    /// The server's API level: set on the builder or discovered; `None` while unknown.
    pub fn server_api_level(&self) -> Option<u32> {
        match self.inner.server_api_level.load(Ordering::Relaxed) {
            0 => None,
            level => Some(level),
        }
    }

    /// Asks the server for its API level (Kedacom `GET /api/mc/version`, reply
    /// `{"success":1,"version":"…","api_level":3}`) and remembers it: from then
    /// on operations whose minimum level is higher fail with [`Error::ApiLevel`]
    /// before anything is sent.
    ///
    /// Fails with [`Error::Config`] for vendors without API levels.
    pub async fn discover_api_level(&self) -> Result<u32, Error> {
        let vendor = self.vendor();
        if vendor.api_level.is_none() {
            return Err(Error::Config(format!(
                "{} has no API levels to discover",
                vendor.title
            )));
        }
        let op = &kedacom_version::VERSION_OPERATION;
        let reply = self.execute(op, kedacom_version::version_request()).await?;
        let level = kedacom_version::api_level(&reply)?;
        self.inner.server_api_level.store(level, Ordering::Relaxed);
        tracing::debug!(api_level = level, "server API level");
        Ok(level)
    }

    /// Validates, sends and decodes one request.
    ///
    /// Only validation, encoding and decoding depend on the request type; the
    /// exchange is one non-generic function, so an API of many operations does
    /// not compile the transport once per operation.
    pub async fn send<R: ApiRequest>(&self, request: &R) -> Result<R::Response, Error> {
        self.send_with(request, &CallOptions::new()).await
    }

    /// [`Core::send`] with settings for this call only: a timeout, extra
    /// headers, idempotency ([`CallOptions`]). A generated client's methods
    /// use the client's settings; for one call with others, pass the request
    /// to `client.core().send_with(&request, &options)`.
    pub async fn send_with<R: ApiRequest>(
        &self,
        request: &R,
        options: &CallOptions,
    ) -> Result<R::Response, Error> {
        let op = request.operation();
        if self.settings().validate {
            request.validate().map_err(Error::Invalid)?;
        }
        let reply = self.send_parts(op, request.to_parts()?, options).await?;
        decode(op, &reply)
    }

    /// The API level check, then the exchange with retries, in the call's span.
    async fn send_parts(
        &self,
        op: &OperationInfo,
        parts: RequestParts,
        options: &CallOptions,
    ) -> Result<Reply, Error> {
        if op.min_api_level.is_some()
            && self.settings().check_api_level
            && self.server_api_level().is_none()
        {
            self.discover_api_level().await?;
        }
        self.check_api_level(op)?;
        self.exchange(op, parts, options)
            .instrument(self.span(op))
            .await
    }

    /// Sends a request with this client's credentials, retries and tracing,
    /// in the call's span; also for requests the generated code does not
    /// describe (the version endpoint, the Kedacom session helpers).
    pub(crate) async fn execute(
        &self,
        op: &OperationInfo,
        parts: RequestParts,
    ) -> Result<Reply, Error> {
        self.exchange(op, parts, &CallOptions::new())
            .instrument(self.span(op))
            .await
    }

    fn span(&self, op: &OperationInfo) -> tracing::Span {
        tracing::info_span!(
            "meeting_api_call",
            vendor = self.vendor().name,
            operation = op.name,
            method = op.method.as_str(),
            path = op.path,
        )
    }

    fn check_api_level(&self, op: &OperationInfo) -> Result<(), Error> {
        match (op.min_api_level, self.server_api_level()) {
            (Some(required), Some(server)) if server < required => Err(Error::ApiLevel {
                operation: op.name,
                required,
                server,
            }),
            _ => Ok(()),
        }
    }

    /// Sends with retries; every attempt is signed afresh.
    async fn exchange(
        &self,
        op: &OperationInfo,
        parts: RequestParts,
        options: &CallOptions,
    ) -> Result<Reply, Error> {
        let mut retries = 0;
        loop {
            let result = self
                .attempt(op, &parts, options, retries + 1)
                .await
                .map_err(Failed::from)
                .and_then(|reply| self.judged(op, reply));
            let delay = match self.settings().retry {
                Some(policy) if retries < policy.max_retries => {
                    self.retry_delay(op, options, &result, &policy, retries + 1)
                }
                _ => None,
            };
            let Some(delay) = delay else {
                return result.map_err(|f| match op.reply_secrets {
                    true => f.error.withhold_reply_body(),
                    false => f.error,
                });
            };
            retries += 1;
            tracing::debug!(
                attempt = retries,
                delay_ms = delay.as_millis() as u64,
                "retrying"
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// The reply if it is a success, else the failure it is, with the wait
    /// its `Retry-After` asks for. Judged once, whatever the retry policy.
    fn judged(&self, op: &OperationInfo, reply: Reply) -> Result<Reply, Failed> {
        let s = self.settings();
        match judge(s.vendor, op, &reply) {
            Ok(()) => Ok(reply),
            Err(error) => Err(Failed {
                error,
                sent: Sent::Answered {
                    wait: retry_after(&reply.headers, s.clock.as_ref()),
                },
            }),
        }
    }

    /// Whether to retry after `result`, and how long to wait first. See
    /// [`RetryPolicy`] for the rules.
    fn retry_delay(
        &self,
        op: &OperationInfo,
        options: &CallOptions,
        result: &Result<Reply, Failed>,
        policy: &RetryPolicy,
        attempt: u32,
    ) -> Option<Duration> {
        let s = self.settings();
        let (class, unsent, wait) = match result {
            Ok(_)
            | Err(Failed {
                sent: Sent::Final, ..
            }) => return None,
            Err(Failed {
                error,
                sent: Sent::Answered { wait },
            }) => (self.classify(error), false, *wait),
            Err(Failed { error, sent }) => (self.classify(error), matches!(sent, Sent::No), None),
        };
        let retry = match class {
            RetryClass::Fatal => false,
            RetryClass::RateLimited => true,
            RetryClass::Transient => unsent || options.is_idempotent() || self.is_idempotent(op),
        };
        retry.then(|| match wait {
            Some(wait) => policy.honour(wait),
            None => policy.backoff(attempt, s.jitter.unit()),
        })
    }

    /// The user's predicate's answer, else the vendor code table's, else the
    /// default: HTTP 429 is rate limiting; 502, 503, 504, timeouts and
    /// transport errors are transient.
    fn classify(&self, error: &Error) -> RetryClass {
        let s = self.settings();
        if let Some(class) = s.retry_if.as_ref().and_then(|f| f(error)) {
            return class;
        }
        if let Some(api) = error.api() {
            let codes = [api.code.as_deref(), api.key.as_deref()];
            let listed = s.retry_codes.iter().find(|r| codes.contains(&Some(r.code)));
            if let Some(listed) = listed {
                return listed.class;
            }
        }
        match error {
            Error::Timeout | Error::Transport(_) => RetryClass::Transient,
            _ => match error.status() {
                Some(429) => RetryClass::RateLimited,
                Some(502..=504) => RetryClass::Transient,
                _ => RetryClass::Fatal,
            },
        }
    }

    /// Whether repeating `op` is safe: its method says so, or the client
    /// was told it is.
    fn is_idempotent(&self, op: &OperationInfo) -> bool {
        op.method.is_idempotent() || self.settings().idempotent_operations.contains(&op.name)
    }

    /// One attempt: a freshly signed request, sent, and its reply read (up
    /// to the size limit); redirects followed as the policy allows, each hop
    /// signed afresh. `attempt` counts from 1, for the hooks.
    async fn attempt(
        &self,
        op: &OperationInfo,
        parts: &RequestParts,
        options: &CallOptions,
        attempt: u32,
    ) -> Result<Reply, AttemptError> {
        let s = self.settings();
        let rules = Rules {
            policy: s.redirect,
            base_url: &s.base_url,
            credential_query: s.credentials.query_names(),
        };
        let mut target = Hop {
            base: s.base_url.clone(),
            parts: parts.clone(),
        };
        let mut hops = 0;
        loop {
            // Before signing: a wait must not age the signature's timestamp.
            if let Some(limiter) = &s.rate_limiter {
                limiter.acquire().await;
            }
            let (request, url) =
                self.signed_request(op, target.parts.clone(), &target.base, options, attempt)?;
            let started = Instant::now();
            let result = match request.send().await {
                Ok(response) => read(response, s.max_reply_bytes).await,
                Err(e) => Err(AttemptError::Send(e)),
            };
            self.report(op, attempt, &result, started.elapsed());
            let reply = result?;
            tracing::debug!(status = reply.status, bytes = reply.body.len(), "reply");
            if !(300..400).contains(&reply.status) {
                return Ok(reply);
            }
            target = next_hop(&rules, &url, &target.parts, &reply, hops)?;
            hops += 1;
            tracing::debug!(hops, "following a same-origin redirect");
        }
    }

    /// The request of one attempt to `base` (the base URL, or a redirect's
    /// origin): the method override applied, credentials placed, the call's
    /// headers added, the body encoded, then signed with this attempt's time
    /// and nonce. Also returns the URL, against which a `Location` resolves.
    fn signed_request(
        &self,
        op: &OperationInfo,
        mut parts: RequestParts,
        base: &str,
        options: &CallOptions,
        attempt: u32,
    ) -> Result<(reqwest::RequestBuilder, url::Url), Error> {
        let s = self.settings();
        let now_ms = s.clock.now_millis();
        let nonce = s.nonce.nonce();
        if s.method_override && parts.method == Method::Delete {
            if let Some(param) = op.method_override {
                parts.method = Method::Post;
                parts.form_field(param, "DELETE".to_string());
            }
        }
        let mut credential_headers = s.credentials.place(&mut parts, now_ms);
        let url = url_of(base, &parts)?;
        // What the server sees as the request target, so what Tencent signs.
        let signed_uri = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        let body = parts.body.encode()?;
        let content_type = body
            .content_type
            .or_else(|| s.credentials.default_content_type());
        credential_headers.extend(s.credentials.sign(
            parts.method,
            &signed_uri,
            &body.bytes,
            now_ms,
            nonce,
        ));
        let own_headers = overlay_headers(&parts.headers, options.headers(), &credential_headers)?;
        let own_headers =
            self.hooked_headers(op, parts.method, attempt, own_headers, &credential_headers)?;
        let headers = request_headers(&own_headers, &credential_headers)?;
        let mut req = s.http.request(parts.method.to_reqwest(), url.clone());
        if let Some(ct) = content_type {
            req = req.header(reqwest::header::CONTENT_TYPE, ct);
        }
        req = req.headers(headers);
        req = match body.multipart {
            Some(form) => req.multipart(form),
            None if !body.bytes.is_empty() => req.body(body.bytes),
            None => req,
        };
        if let Some(t) = options.timeout_override().or(s.timeout) {
            req = req.timeout(t);
        }
        Ok((req, url))
    }

    /// The request hooks' view of an attempt's headers (credential values
    /// hidden), and the headers after their additions; a credential header
    /// they try to replace fails the call.
    fn hooked_headers(
        &self,
        op: &OperationInfo,
        method: Method,
        attempt: u32,
        own: Vec<(String, String)>,
        credential: &[(String, String)],
    ) -> Result<Vec<(String, String)>, Error> {
        let hooks = &self.settings().hooks;
        if hooks.on_request.is_empty() {
            return Ok(own);
        }
        let view = RequestView::new(self.vendor().name, op, method, attempt, &own, credential);
        let added = hooks.before_send(view);
        overlay_headers(&own, &added, credential)
    }

    /// Tells the reply hooks how an attempt ended.
    fn report(
        &self,
        op: &OperationInfo,
        attempt: u32,
        result: &Result<Reply, AttemptError>,
        elapsed: Duration,
    ) {
        let hooks = &self.settings().hooks;
        if hooks.on_reply.is_empty() {
            return;
        }
        let (status, bytes) = match result {
            Ok(reply) => (Some(reply.status), reply.body.len()),
            Err(_) => (None, 0),
        };
        let view = ReplyView::new(self.vendor().name, op, attempt, status, bytes, elapsed);
        hooks.after_reply(&view);
    }
}

/// The absolute URL of a request: base URL, encoded path, form-encoded query.
fn url_of(base_url: &str, parts: &RequestParts) -> Result<url::Url, Error> {
    let mut target = format!("{base_url}{}", parts.path);
    if !parts.query.is_empty() {
        target.push('?');
        target.push_str(&form_urlencoded(&parts.query));
    }
    // Messages name no URL: the query may hold a token or signature.
    let url = url::Url::parse(&target)
        .map_err(|e| Error::Encode(format!("the request URL is invalid: {e}")))?;
    // A path parameter of `.` or `..` (even percent-encoded) would be
    // resolved away by URL parsing and reach another endpoint.
    let expected_path = url::Url::parse(&format!("{base_url}/"))
        .map(|b| format!("{}{}", b.path().trim_end_matches('/'), parts.path))
        .unwrap_or_default();
    if url.path() != expected_path {
        return Err(Error::Encode(
            "a path parameter is a relative segment (`.` or `..`)".into(),
        ));
    }
    Ok(url)
}
