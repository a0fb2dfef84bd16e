//! The transport every generated client shares: build, sign, send, decode.
//!
//! Generated code describes a request ([`RequestParts`]) and its response type;
//! everything vendor-independent happens here once: validation, API-level checks,
//! credentials, retries, timeouts, tracing and turning replies into typed values
//! or typed errors. Only `send` is generic (per request type); the HTTP exchange
//! is not, so each endpoint adds little code.
//!
//! Secrets: credentials are added to a copy of the request inside one attempt
//! and never logged. The `meeting_api_call` span carries the vendor, operation,
//! method and path *template* only, because the concrete URL may hold a token
//! (Kedacom) or a signature (Polyv).

use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tracing::Instrument;

use crate::auth::{self, Credentials};
use crate::error::{ApiError, Error};
use crate::file::FilePart;
use crate::validation::{Coded, Validate};
use crate::vendor::{Method, OperationInfo, VendorInfo};

/// A generated request type: how it goes on the wire and what it returns.
pub trait ApiRequest: Validate {
    /// The decoded success reply (`()` when the operation documents none).
    type Response: DeserializeOwned;
    /// The static description of this request's endpoint.
    fn operation(&self) -> &'static OperationInfo;
    /// The request without credentials: path, query, headers and body.
    fn to_parts(&self) -> Result<RequestParts, Error>;
}

/// A list request with start/count paging.
pub trait Paged: ApiRequest + Clone {
    /// One element of the list.
    type Item;
    /// This request asking for `count` items from `start`.
    fn page(&self, start: i64, count: i64) -> Self;
    /// The reply's total (when given) and its items.
    fn split(response: Self::Response) -> (Option<i64>, Vec<Self::Item>);
}

/// A generated client type, built from a [`Core`].
pub trait FromCore {
    /// Wraps the configured transport.
    fn from_core(core: Core) -> Self;
}

/// A value that goes into a path segment, query parameter, header or form field.
pub trait ParamValue {
    /// The text sent on the wire (before any URL encoding).
    fn to_param(&self) -> String;
}

impl ParamValue for String {
    fn to_param(&self) -> String {
        self.clone()
    }
}

impl ParamValue for str {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamValue for i64 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamValue for f64 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamValue for bool {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl<T: Coded> ParamValue for T {
    fn to_param(&self) -> String {
        self.code_text()
    }
}

/// Characters escaped in a path segment: everything but unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The body of a request before credentials are added.
#[derive(Debug, Clone, Default)]
pub enum BodyParts {
    /// No body.
    #[default]
    None,
    /// `application/json`: the exact bytes sent (and signed).
    Json(Vec<u8>),
    /// `application/x-www-form-urlencoded` fields, in order.
    Form(Vec<(String, String)>),
    /// `multipart/form-data`: text parts, then file parts.
    Multipart {
        /// Text parts (name, value), in order.
        text: Vec<(String, String)>,
        /// File parts (name, file), in order.
        files: Vec<(String, FilePart)>,
    },
}

/// A request as generated code describes it: method, path, query, headers, body.
#[derive(Debug, Clone)]
pub struct RequestParts {
    /// The documented method (the method override may turn DELETE into POST).
    pub method: Method,
    /// The path, already percent-encoded.
    pub path: String,
    /// Query parameters (raw values; encoded when sent), in order.
    pub query: Vec<(String, String)>,
    /// Header parameters of the operation, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: BodyParts,
}

impl RequestParts {
    /// An empty request with this method.
    pub fn new(method: Method) -> RequestParts {
        RequestParts {
            method,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: BodyParts::None,
        }
    }

    /// A literal piece of the path template.
    pub fn path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// A path parameter, percent-encoded as one segment.
    pub fn path_param<T: ParamValue + ?Sized>(&mut self, value: &T) {
        self.path
            .extend(utf8_percent_encode(&value.to_param(), SEGMENT));
    }

    /// A query parameter.
    pub fn query<T: ParamValue + ?Sized>(&mut self, name: &str, value: &T) {
        self.query.push((name.to_string(), value.to_param()));
    }

    /// A header parameter.
    pub fn header<T: ParamValue + ?Sized>(&mut self, name: &str, value: &T) {
        self.headers.push((name.to_string(), value.to_param()));
    }

    /// A JSON body.
    pub fn json_body<T: Serialize>(&mut self, body: &T) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| Error::Encode(e.to_string()))?;
        self.body = BodyParts::Json(bytes);
        Ok(())
    }

    /// A form with one field holding the body as JSON text (Kedacom `params`);
    /// the form encoding is the only URL-encoding applied.
    pub fn form_json_body<T: Serialize>(&mut self, field: &str, body: &T) -> Result<(), Error> {
        let json = serde_json::to_string(body).map_err(|e| Error::Encode(e.to_string()))?;
        self.body = BodyParts::Form(vec![(field.to_string(), json)]);
        Ok(())
    }

    /// A file part of a multipart body.
    pub fn multipart_file(&mut self, name: &str, file: &FilePart) {
        self.ensure_multipart();
        if let BodyParts::Multipart { files, .. } = &mut self.body {
            files.push((name.to_string(), file.clone()));
        }
    }

    /// A text part of a multipart body.
    pub fn multipart_text<T: ParamValue + ?Sized>(&mut self, name: &str, value: &T) {
        self.ensure_multipart();
        if let BodyParts::Multipart { text, .. } = &mut self.body {
            text.push((name.to_string(), value.to_param()));
        }
    }

    fn ensure_multipart(&mut self) {
        if !matches!(self.body, BodyParts::Multipart { .. }) {
            self.body = BodyParts::Multipart {
                text: Vec::new(),
                files: Vec::new(),
            };
        }
    }

    /// Adds a form field, turning an empty body into a form.
    fn form_field(&mut self, name: &str, value: String) {
        match &mut self.body {
            BodyParts::Form(fields) => fields.push((name.to_string(), value)),
            BodyParts::Multipart { text, .. } => text.push((name.to_string(), value)),
            BodyParts::None => self.body = BodyParts::Form(vec![(name.to_string(), value)]),
            // A JSON body has no room for form fields: such parameters go in the query.
            BodyParts::Json(_) => self.query.push((name.to_string(), value)),
        }
    }
}

/// The time, for timestamps in signatures. Replace it in tests.
pub trait Clock: Send + Sync {
    /// Milliseconds since the Unix epoch.
    fn now_millis(&self) -> u64;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }
}

/// Nonces for signatures. Replace it in tests.
pub trait NonceSource: Send + Sync {
    /// A positive random integer; asked once per attempt.
    fn nonce(&self) -> u64;
}

/// Random nonces from the thread-local generator.
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomNonce;

impl NonceSource for RandomNonce {
    fn nonce(&self) -> u64 {
        // Tencent's reference clients draw from the positive 32-bit range; some
        // gateways parse the header as an int, so do not exceed it.
        rand::Rng::gen_range(&mut rand::thread_rng(), 1..=u64::from(u32::MAX))
    }
}

/// Bounded exponential backoff with jitter. Off unless set on the builder.
///
/// Only idempotent operations (GET, PUT, DELETE) are retried after the server
/// may have seen the request (timeouts, broken connections, HTTP 429/502/503/504);
/// any operation is retried when the connection could not be opened, because
/// then nothing was sent. Every attempt is signed afresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The delay before the first retry (before jitter).
    pub base_delay: Duration,
    /// The longest delay between two attempts.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// The delay before retry `attempt` (1-based): base·2^(attempt-1), capped, times a
    /// random factor in [0.5, 1).
    pub fn delay(&self, attempt: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << (attempt.saturating_sub(1)).min(20));
        let capped = exp.min(self.max_delay);
        capped.mul_f64(rand::Rng::gen_range(&mut rand::thread_rng(), 0.5..1.0))
    }
}

struct Inner {
    vendor: &'static VendorInfo,
    http: reqwest::Client,
    /// Scheme, host and optional path prefix, without a trailing slash.
    base_url: String,
    credentials: Credentials,
    validate: bool,
    method_override: bool,
    /// 0 while unknown: API levels start at 1.
    server_api_level: AtomicU32,
    check_api_level: bool,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    clock: Arc<dyn Clock>,
    nonce: Arc<dyn NonceSource>,
}

/// The configured transport of one client (cheap to clone).
#[derive(Clone)]
pub struct Core {
    inner: Arc<Inner>,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("vendor", &self.inner.vendor.name)
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
            .field("validate", &self.inner.validate)
            .field("method_override", &self.inner.method_override)
            .field("server_api_level", &self.server_api_level())
            .field("check_api_level", &self.inner.check_api_level)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// Builds a client: credentials, base URL, timeouts, validation and retries.
pub struct ClientBuilder<C> {
    vendor: &'static VendorInfo,
    credentials: Credentials,
    base_url: Option<String>,
    http: Option<reqwest::Client>,
    connect_timeout: Duration,
    timeout: Option<Duration>,
    user_agent: String,
    allow_http: bool,
    validate: bool,
    method_override: bool,
    server_api_level: Option<u32>,
    check_api_level: bool,
    retry: Option<RetryPolicy>,
    clock: Arc<dyn Clock>,
    nonce: Arc<dyn NonceSource>,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("vendor", &self.vendor.name)
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url.as_deref().map(redact_url))
            .finish_non_exhaustive()
    }
}

impl<C: FromCore> ClientBuilder<C> {
    /// A builder for `vendor` with these credentials and the defaults: the
    /// vendor's host, https only, 10 s connect and 30 s total timeout,
    /// validation on, retries off.
    pub fn new(vendor: &'static VendorInfo, credentials: Credentials) -> Self {
        ClientBuilder {
            vendor,
            credentials,
            base_url: None,
            http: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Some(Duration::from_secs(30)),
            user_agent: concat!("meeting-api-client/", env!("CARGO_PKG_VERSION")).to_string(),
            allow_http: false,
            validate: true,
            method_override: false,
            server_api_level: None,
            check_api_level: false,
            retry: None,
            clock: Arc::new(SystemClock),
            nonce: Arc::new(RandomNonce),
            client: PhantomData,
        }
    }

    /// The scheme and host (and optional path prefix), e.g. `https://mcu.example.com`.
    #[must_use]
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sends through this reqwest client (its own timeouts and TLS settings apply;
    /// `connect_timeout` and `user_agent` of this builder are then not used, the
    /// total `timeout` still is).
    #[must_use]
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The time allowed to open a connection (default 10 s).
    #[must_use]
    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = t;
        self
    }

    /// The total time one attempt may take (default 30 s); `None` waits forever.
    #[must_use]
    pub fn timeout(mut self, t: Option<Duration>) -> Self {
        self.timeout = t;
        self
    }

    /// The `User-Agent` header (default `meeting-api-client/<version>`).
    #[must_use]
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// Allows `http://` base URLs (credentials then travel in clear text).
    #[must_use]
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Validates every request before sending (default on).
    #[must_use]
    pub fn validate(mut self, on: bool) -> Self {
        self.validate = on;
        self
    }

    /// Sends DELETE operations that document a fallback as POST with `_method=DELETE`.
    #[must_use]
    pub fn method_override(mut self, on: bool) -> Self {
        self.method_override = on;
        self
    }

    /// The server's API level: operations that need a higher one fail with
    /// [`Error::ApiLevel`] before sending.
    #[must_use]
    pub fn server_api_level(mut self, level: u32) -> Self {
        self.server_api_level = Some(level);
        self
    }

    /// Asks the server for its API level (Kedacom `GET /api/mc/version`) before
    /// the first operation that has a minimum level, unless the level is already
    /// known; see [`Core::discover_api_level`]. Off by default.
    #[must_use]
    pub fn check_api_level(mut self, on: bool) -> Self {
        self.check_api_level = on;
        self
    }

    /// Retries with backoff as [`RetryPolicy`] describes (off by default).
    #[must_use]
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The clock for signature timestamps (default: the system clock).
    #[must_use]
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The source of signature nonces (default: random).
    #[must_use]
    pub fn nonce_source(mut self, nonce: impl NonceSource + 'static) -> Self {
        self.nonce = Arc::new(nonce);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<C, Error> {
        let base = self
            .base_url
            .or_else(|| self.vendor.default_base_url.map(str::to_string))
            .ok_or_else(|| {
                Error::Config(format!(
                    "{} has no fixed host: set a base URL on the builder",
                    self.vendor.title
                ))
            })?;
        let base = base.trim_end_matches('/').to_string();
        // The URL is not echoed: it may carry user info, which is a credential.
        let parsed = url::Url::parse(&base)
            .map_err(|e| Error::Config(format!("the base URL is not a URL: {e}")))?;
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(Error::Config(
                "the base URL must not contain user info; pass credentials to the builder".into(),
            ));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(Error::Config(
                "the base URL must not have a query or fragment".into(),
            ));
        }
        match parsed.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            "http" => {
                return Err(Error::Config(
                    "the base URL is http://; call allow_http(true) to permit it".into(),
                ))
            }
            other => {
                return Err(Error::Config(format!(
                    "base URL scheme `{other}` is not http(s)"
                )))
            }
        }
        let http = match self.http {
            Some(c) => c,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(self.user_agent)
                .https_only(!self.allow_http)
                .build()
                .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
        };
        Ok(C::from_core(Core {
            inner: Arc::new(Inner {
                vendor: self.vendor,
                http,
                base_url: base,
                credentials: self.credentials,
                validate: self.validate,
                method_override: self.method_override,
                server_api_level: AtomicU32::new(self.server_api_level.unwrap_or(0)),
                check_api_level: self.check_api_level,
                timeout: self.timeout,
                retry: self.retry,
                clock: self.clock,
                nonce: self.nonce,
            }),
        }))
    }
}

/// A reply as received.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

/// Why one attempt failed, kept apart from [`Error`] until the retry decision:
/// a reqwest error says whether anything was sent, the mapped error does not.
enum AttemptError {
    Send(reqwest::Error),
    Other(Error),
}

/// Kedacom's 获取会管API版本信息, the one place the server states its API level.
/// The runtime owns it (rather than calling the generated operation) so that
/// discovery works whatever the generated module is named.
const VERSION_OPERATION: OperationInfo = OperationInfo {
    name: "get_version",
    title: "获取会管API版本信息",
    method: Method::Get,
    path: "/api/mc/version",
    min_api_level: None,
    method_override: None,
    success_status: None,
    response_body: true,
};

impl Core {
    /// The vendor this client talks to.
    pub fn vendor(&self) -> &'static VendorInfo {
        self.inner.vendor
    }

    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The server's API level: set on the builder or discovered; `None` while unknown.
    pub fn server_api_level(&self) -> Option<u32> {
        match self.inner.server_api_level.load(Ordering::Relaxed) {
            0 => None,
            level => Some(level),
        }
    }

    /// Asks the server for its API level (`GET /api/mc/version`, reply
    /// `{"success":1,"version":"…","api_level":3}`) and remembers it: from then
    /// on operations whose minimum level is higher fail with [`Error::ApiLevel`]
    /// before anything is sent.
    ///
    /// Fails with [`Error::Config`] for vendors without API levels.
    pub async fn discover_api_level(&self) -> Result<u32, Error> {
        if self.inner.vendor.api_level.is_none() {
            return Err(Error::Config(format!(
                "{} has no API levels to discover",
                self.inner.vendor.title
            )));
        }
        let op = &VERSION_OPERATION;
        let mut parts = RequestParts::new(op.method);
        parts.path(op.path);
        let reply = self.exchange(op, parts).instrument(self.span(op)).await?;
        let json: serde_json::Value = decode(self.inner.vendor, op, &reply)?;
        let level = json
            .get("api_level")
            .and_then(serde_json::Value::as_u64)
            .and_then(|l| u32::try_from(l).ok())
            .filter(|l| *l > 0)
            .ok_or_else(|| {
                decode_error(
                    &reply,
                    "the version reply has no positive integer `api_level`".into(),
                )
            })?;
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
        let op = request.operation();
        if self.inner.validate {
            request.validate().map_err(Error::Invalid)?;
        }
        let reply = self.send_parts(op, request.to_parts()?).await?;
        decode(self.inner.vendor, op, &reply)
    }

    /// The API level check, then the exchange with retries, in the call's span.
    async fn send_parts(&self, op: &OperationInfo, parts: RequestParts) -> Result<Reply, Error> {
        if op.min_api_level.is_some()
            && self.inner.check_api_level
            && self.server_api_level().is_none()
        {
            self.discover_api_level().await?;
        }
        self.check_api_level(op)?;
        self.exchange(op, parts).instrument(self.span(op)).await
    }

    /// Walks every page of a start/count list, `page_size` items at a time.
    pub async fn collect_pages<R: Paged>(
        &self,
        request: &R,
        page_size: i64,
    ) -> Result<Vec<R::Item>, Error> {
        if page_size <= 0 {
            return Err(Error::Config(format!(
                "page size must be positive, not {page_size}"
            )));
        }
        let mut all = Vec::new();
        let mut start = 0;
        loop {
            let (total, items) = R::split(self.send(&request.page(start, page_size)).await?);
            let got = items.len() as i64;
            all.extend(items);
            start += got;
            let done = got < page_size || got == 0 || total.is_some_and(|t| start >= t);
            if done {
                return Ok(all);
            }
        }
    }

    /// Sends a request the generated code does not describe (the Kedacom session
    /// helpers) with this client's credentials, retries and tracing.
    #[cfg(feature = "kedacom")]
    pub(crate) async fn execute(
        &self,
        op: &OperationInfo,
        parts: RequestParts,
    ) -> Result<Reply, Error> {
        self.exchange(op, parts).instrument(self.span(op)).await
    }

    fn span(&self, op: &OperationInfo) -> tracing::Span {
        tracing::info_span!(
            "meeting_api_call",
            vendor = self.inner.vendor.name,
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
    async fn exchange(&self, op: &OperationInfo, parts: RequestParts) -> Result<Reply, Error> {
        let mut attempt = 0;
        loop {
            let result = self.attempt(op, parts.clone()).await;
            let idempotent = op.method.is_idempotent();
            let retryable = match &result {
                // Nothing reached the server: safe for any method.
                Err(AttemptError::Send(e)) if e.is_connect() => true,
                Err(AttemptError::Send(_)) => idempotent,
                Ok(reply) => idempotent && matches!(reply.status, 429 | 502 | 503 | 504),
                Err(AttemptError::Other(_)) => false,
            };
            let retry = self
                .inner
                .retry
                .filter(|p| retryable && attempt < p.max_retries);
            let Some(policy) = retry else {
                return result.map_err(|e| match e {
                    AttemptError::Send(e) => Error::transport(e),
                    AttemptError::Other(e) => e,
                });
            };
            attempt += 1;
            let delay = policy.delay(attempt);
            tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
            tokio::time::sleep(delay).await;
        }
    }

    async fn attempt(
        &self,
        op: &OperationInfo,
        mut parts: RequestParts,
    ) -> Result<Reply, AttemptError> {
        let now_ms = self.inner.clock.now_millis();
        let nonce = self.inner.nonce.nonce();
        if self.inner.method_override && parts.method == Method::Delete {
            if let Some(param) = op.method_override {
                parts.method = Method::Post;
                parts.form_field(param, "DELETE".to_string());
            }
        }
        let mut auth_headers = self.pre_sign(&mut parts, now_ms);
        let url = self.url(&parts).map_err(AttemptError::Other)?;
        // What the server sees as the request target, so what Tencent signs.
        let signed_uri = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        let (body_bytes, mut content_type, multipart) =
            encode_body(parts.body).map_err(AttemptError::Other)?;
        if matches!(self.inner.credentials, Credentials::TencentMeeting(_)) {
            // Tencent's gateway wants it on every request, bodiless GETs included.
            content_type.get_or_insert("application/json");
        }
        auth_headers.extend(self.sign(parts.method, &signed_uri, &body_bytes, now_ms, nonce));
        let mut headers = header_map(&parts.headers, false).map_err(AttemptError::Other)?;
        // Credentials win over any same-named operation header.
        for (name, value) in header_map(&auth_headers, true).map_err(AttemptError::Other)? {
            if let Some(name) = name {
                headers.insert(name, value);
            }
        }
        let mut req = self.inner.http.request(parts.method.to_reqwest(), url);
        if let Some(ct) = content_type {
            req = req.header(reqwest::header::CONTENT_TYPE, ct);
        }
        req = req.headers(headers);
        req = match multipart {
            Some(form) => req.multipart(form),
            None if !body_bytes.is_empty() => req.body(body_bytes),
            None => req,
        };
        if let Some(t) = self.inner.timeout {
            req = req.timeout(t);
        }
        let response = req.send().await.map_err(AttemptError::Send)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(AttemptError::Send)?.to_vec();
        tracing::debug!(status, bytes = body.len(), "reply");
        Ok(Reply {
            status,
            headers,
            body,
        })
    }

    /// The absolute URL of a request: base URL, encoded path, form-encoded query.
    fn url(&self, parts: &RequestParts) -> Result<url::Url, Error> {
        let mut target = format!("{}{}", self.inner.base_url, parts.path);
        if !parts.query.is_empty() {
            target.push('?');
            target.push_str(
                &url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&parts.query)
                    .finish(),
            );
        }
        // Messages name no URL: the query may hold a token or signature.
        let url = url::Url::parse(&target)
            .map_err(|e| Error::Encode(format!("the request URL is invalid: {e}")))?;
        // A path parameter of `.` or `..` (even percent-encoded) would be
        // resolved away by URL parsing and reach another endpoint.
        let expected_path = url::Url::parse(&format!("{}/", self.inner.base_url))
            .map(|b| format!("{}{}", b.path().trim_end_matches('/'), parts.path))
            .unwrap_or_default();
        if url.path() != expected_path {
            return Err(Error::Encode(
                "a path parameter is a relative segment (`.` or `..`)".into(),
            ));
        }
        Ok(url)
    }

    /// Credentials that live in the query or the form (Polyv, Kedacom).
    fn pre_sign(&self, parts: &mut RequestParts, now_ms: u64) -> Vec<(String, String)> {
        let mut headers = Vec::new();
        match &self.inner.credentials {
            Credentials::Polyv(c) => {
                parts.query.push(("appId".into(), c.app_id.clone()));
                parts.query.push(("timestamp".into(), now_ms.to_string()));
                let sign = auth::polyv_sign(c.app_secret.expose(), &parts.query);
                parts.query.push(("sign".into(), sign));
            }
            Credentials::Kedacom(c) => {
                let token = c.account_token.expose().to_string();
                if matches!(parts.method, Method::Get | Method::Delete) {
                    parts.query.push(("account_token".into(), token));
                } else {
                    parts.form_field("account_token", token);
                }
                if let Some(cookie) = &c.sso_cookie {
                    headers.push((
                        "Cookie".into(),
                        format!("{}={}", auth::KEDACOM_SSO_COOKIE, cookie.expose()),
                    ));
                }
            }
            _ => {}
        }
        headers
    }

    /// Credentials that sign the final request (Tencent Meeting, YXT).
    fn sign(
        &self,
        method: Method,
        uri: &str,
        body: &[u8],
        now_ms: u64,
        nonce: u64,
    ) -> Vec<(String, String)> {
        let ts = now_ms / 1000;
        match &self.inner.credentials {
            Credentials::TencentMeeting(auth::TencentMeetingCredentials::EnterpriseSecret {
                secret_id,
                secret_key,
                app_id,
                sdk_id,
            }) => {
                let sig = auth::tencent_signature(
                    secret_key.expose(),
                    method.as_str(),
                    secret_id,
                    nonce,
                    ts,
                    uri,
                    body,
                );
                let mut h = vec![
                    ("X-TC-Key".to_string(), secret_id.clone()),
                    ("X-TC-Timestamp".to_string(), ts.to_string()),
                    ("X-TC-Nonce".to_string(), nonce.to_string()),
                    ("X-TC-Signature".to_string(), sig),
                    ("AppId".to_string(), app_id.clone()),
                    ("X-TC-Registered".to_string(), "1".to_string()),
                ];
                if let Some(sdk) = sdk_id {
                    h.push(("SdkId".to_string(), sdk.clone()));
                }
                h
            }
            Credentials::TencentMeeting(auth::TencentMeetingCredentials::OAuth {
                access_token,
                open_id,
            }) => vec![
                ("AccessToken".to_string(), access_token.expose().to_string()),
                ("OpenId".to_string(), open_id.clone()),
            ],
            Credentials::Yxt(c) => {
                // Hex keeps it short (≤ 16 characters; the limit is 32).
                let nonce = format!("{nonce:x}");
                let sig = auth::yxt_signature(&c.app_key, c.app_secret.expose(), &nonce, ts);
                vec![
                    ("appkey".to_string(), c.app_key.clone()),
                    ("nonce".to_string(), nonce),
                    ("timestamp".to_string(), ts.to_string()),
                    ("signature".to_string(), sig),
                    ("source".to_string(), c.source.clone()),
                ]
            }
            _ => Vec::new(),
        }
    }
}

/// A reply becomes the typed value, a vendor error, or a decode error.
pub(crate) fn decode<T: DeserializeOwned>(
    vendor: &VendorInfo,
    op: &OperationInfo,
    reply: &Reply,
) -> Result<T, Error> {
    let json: &[u8] = success_body(vendor, op, reply)?;
    serde_json::from_slice(json).map_err(|e| decode_error(reply, e.to_string()))
}

/// The JSON a success reply decodes from (`null` when the operation documents
/// no body), or the vendor or decode error the reply is. Not generic: the
/// checks are compiled once, not once per reply type.
fn success_body<'r>(
    vendor: &VendorInfo,
    op: &OperationInfo,
    reply: &'r Reply,
) -> Result<&'r [u8], Error> {
    let json: Option<serde_json::Value> = serde_json::from_slice(&reply.body).ok();
    if !(200..300).contains(&reply.status) {
        return Err(Error::Api(Box::new(api_error(
            vendor,
            reply,
            json.as_ref(),
        ))));
    }
    let empty = reply.body.iter().all(u8::is_ascii_whitespace);
    if let (Some((field, ok)), false) = (vendor.error.success, empty) {
        match json.as_ref().and_then(|j| lookup(j, field)) {
            Some(v) if ok.matches(v) => {}
            Some(_) => {
                return Err(Error::Api(Box::new(api_error(
                    vendor,
                    reply,
                    json.as_ref(),
                ))))
            }
            // Every documented reply carries the flag: without it nothing says
            // the call succeeded.
            None => {
                return Err(decode_error(
                    reply,
                    format!("the reply has no `{field}` flag"),
                ))
            }
        }
    }
    // `null`, not a `Value`: every typed value is read through the one
    // deserializer `from_slice` uses, so no reply type is compiled twice.
    if !op.response_body {
        return Ok(b"null");
    }
    if empty {
        return Err(decode_error(
            reply,
            "empty body where a JSON reply was expected".into(),
        ));
    }
    Ok(&reply.body)
}

/// The vendor's failure reply, read through its error envelope.
pub(crate) fn api_error(
    vendor: &VendorInfo,
    reply: &Reply,
    json: Option<&serde_json::Value>,
) -> ApiError {
    let env = &vendor.error;
    let get = |path: Option<&'static str>| -> Option<String> {
        let v = lookup(json?, path?)?;
        Some(match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    };
    let header = |name: &str| {
        reply
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let key = get(env.key);
    let catalogue = key
        .as_deref()
        .and_then(|k| vendor.catalogue.iter().find(|c| c.key == k).copied());
    ApiError {
        status: reply.status,
        code: get(env.code),
        message: get(env.message),
        key,
        request_id: get(env.request_id).or_else(|| header("X-Request-Id")),
        trace_id: header("X-TC-Trace"),
        catalogue,
        raw_body: String::from_utf8_lossy(&reply.body).into_owned(),
    }
}

pub(crate) fn decode_error(reply: &Reply, message: String) -> Error {
    Error::Decode {
        status: reply.status,
        message,
        raw_body: String::from_utf8_lossy(&reply.body).into_owned(),
    }
}

/// Follows a dotted path (`error_info.error_code`) into JSON.
pub(crate) fn lookup<'a>(json: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    path.split('.').try_fold(json, |v, key| v.get(key))
}

/// A URL for Debug output: scheme, host and port only.
fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => format!(
            "{}://{}{}",
            u.scheme(),
            u.host_str().unwrap_or(""),
            u.port().map(|p| format!(":{p}")).unwrap_or_default()
        ),
        Err(_) => "<invalid URL>".to_string(),
    }
}

type EncodedBody = (
    Vec<u8>,
    Option<&'static str>,
    Option<reqwest::multipart::Form>,
);

fn encode_body(body: BodyParts) -> Result<EncodedBody, Error> {
    Ok(match body {
        BodyParts::None => (Vec::new(), None, None),
        BodyParts::Json(bytes) => (bytes, Some("application/json"), None),
        BodyParts::Form(fields) => {
            let text = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&fields)
                .finish();
            (
                text.into_bytes(),
                Some("application/x-www-form-urlencoded"),
                None,
            )
        }
        BodyParts::Multipart { text, files } => {
            let mut form = reqwest::multipart::Form::new();
            for (name, value) in text {
                form = form.text(name, value);
            }
            for (name, file) in files {
                let mut part =
                    reqwest::multipart::Part::bytes(file.bytes).file_name(file.file_name);
                if let Some(ct) = file.content_type {
                    part = part
                        .mime_str(&ct)
                        .map_err(|e| Error::Encode(format!("content type `{ct}`: {e}")))?;
                }
                form = form.part(name, part);
            }
            (Vec::new(), None, Some(form))
        }
    })
}

/// Header pairs as a map; `sensitive` marks values as secret so hyper and any
/// HTTP/2 table never expose them.
fn header_map(headers: &[(String, String)], sensitive: bool) -> Result<HeaderMap, Error> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let n = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::Encode(format!("invalid header name `{name}`")))?;
        // The value may be a credential: the message names the header only.
        let mut v = HeaderValue::from_str(value)
            .map_err(|_| Error::Encode(format!("invalid characters in header `{name}`")))?;
        v.set_sensitive(sensitive);
        map.append(n, v);
    }
    Ok(map)
}
