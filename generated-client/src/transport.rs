//! The transport every generated client shares: build, sign, send, decode.
//!
//! Generated code describes a request ([`RequestParts`]) and its response type;
//! everything vendor-independent happens here once: validation, API-level checks,
//! credentials, retries, timeouts, tracing and turning replies into typed values
//! or typed errors. Only `send` is generic (per request type); the HTTP exchange
//! is not, so each endpoint adds little code.

use std::fmt;
use std::marker::PhantomData;
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
    type Response: DeserializeOwned;
    fn operation(&self) -> &'static OperationInfo;
    fn to_parts(&self) -> Result<RequestParts, Error>;
}

/// A list request with start/count paging.
pub trait Paged: ApiRequest + Clone {
    type Item;
    /// This request asking for `count` items from `start`.
    fn page(&self, start: i64, count: i64) -> Self;
    /// The reply's total (when given) and its items.
    fn split(response: Self::Response) -> (Option<i64>, Vec<Self::Item>);
}

/// A generated client type, built from a [`Core`].
pub trait FromCore {
    fn from_core(core: Core) -> Self;
}

/// A value that goes into a path segment, query parameter, header or form field.
pub trait ParamValue {
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
    #[default]
    None,
    Json(Vec<u8>),
    /// `application/x-www-form-urlencoded` fields, in order.
    Form(Vec<(String, String)>),
    Multipart {
        text: Vec<(String, String)>,
        files: Vec<(String, FilePart)>,
    },
}

/// A request as generated code describes it: method, path, query, headers, body.
#[derive(Debug, Clone)]
pub struct RequestParts {
    pub method: Method,
    /// The path, already percent-encoded.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: BodyParts,
}

impl RequestParts {
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

    pub fn query<T: ParamValue + ?Sized>(&mut self, name: &str, value: &T) {
        self.query.push((name.to_string(), value.to_param()));
    }

    pub fn header<T: ParamValue + ?Sized>(&mut self, name: &str, value: &T) {
        self.headers.push((name.to_string(), value.to_param()));
    }

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

    pub fn multipart_file(&mut self, name: &str, file: &FilePart) {
        self.ensure_multipart();
        if let BodyParts::Multipart { files, .. } = &mut self.body {
            files.push((name.to_string(), file.clone()));
        }
    }

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
    fn now_millis(&self) -> u64;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    }
}

/// Nonces for signatures. Replace it in tests.
pub trait NonceSource: Send + Sync {
    /// A positive random integer.
    fn nonce(&self) -> u64;
}

/// Random nonces from the thread-local generator.
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomNonce;

impl NonceSource for RandomNonce {
    fn nonce(&self) -> u64 {
        rand::Rng::gen_range(&mut rand::thread_rng(), 1..=u32::MAX as u64)
    }
}

/// Bounded exponential backoff with jitter. Off unless set on the builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_retries: u32,
    pub base_delay: Duration,
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
    base_url: String,
    credentials: Credentials,
    validate: bool,
    method_override: bool,
    server_api_level: Option<u32>,
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
            .field("server_api_level", &self.inner.server_api_level)
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
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl<C: FromCore> ClientBuilder<C> {
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
    /// `connect_timeout` and `user_agent` of this builder are then not used).
    #[must_use]
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

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

    /// Retries idempotent calls (and connection failures) with backoff.
    #[must_use]
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    #[must_use]
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    #[must_use]
    pub fn nonce_source(mut self, nonce: impl NonceSource + 'static) -> Self {
        self.nonce = Arc::new(nonce);
        self
    }

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
        let parsed = url::Url::parse(&base)
            .map_err(|e| Error::Config(format!("base URL `{base}` is not a URL: {e}")))?;
        match parsed.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            "http" => {
                return Err(Error::Config(format!(
                    "base URL `{base}` is http://; call allow_http(true) to permit it"
                )))
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
                server_api_level: self.server_api_level,
                timeout: self.timeout,
                retry: self.retry,
                clock: self.clock,
                nonce: self.nonce,
            }),
        }))
    }
}

/// A reply as received.
struct Reply {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Core {
    pub fn vendor(&self) -> &'static VendorInfo {
        self.inner.vendor
    }

    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Validates, sends and decodes one request.
    pub async fn send<R: ApiRequest>(&self, request: &R) -> Result<R::Response, Error> {
        let op = request.operation();
        if self.inner.validate {
            request.validate().map_err(Error::Invalid)?;
        }
        self.check_api_level(op)?;
        let parts = request.to_parts()?;
        let span = tracing::info_span!(
            "meeting_api_call",
            vendor = self.inner.vendor.name,
            operation = op.name
        );
        let reply = self.exchange(op, parts).instrument(span).await?;
        self.decode(op, reply)
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

    fn check_api_level(&self, op: &OperationInfo) -> Result<(), Error> {
        match (op.min_api_level, self.inner.server_api_level) {
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
            let Some(policy) = self.inner.retry else {
                return result;
            };
            let idempotent = op.method.is_idempotent();
            let retryable = match &result {
                Err(Error::Transport(e)) => e.is_connect() || idempotent,
                Err(Error::Timeout) => idempotent,
                Ok(reply) => idempotent && matches!(reply.status, 429 | 502 | 503 | 504),
                Err(_) => false,
            };
            if !retryable || attempt >= policy.max_retries {
                return result;
            }
            attempt += 1;
            tracing::debug!(attempt, operation = op.name, "retrying");
            tokio::time::sleep(policy.delay(attempt)).await;
        }
    }

    async fn attempt(&self, op: &OperationInfo, mut parts: RequestParts) -> Result<Reply, Error> {
        let now_ms = self.inner.clock.now_millis();
        let nonce = self.inner.nonce.nonce();
        if self.inner.method_override && parts.method == Method::Delete {
            if let Some(param) = op.method_override {
                parts.method = Method::Post;
                parts.form_field(param, "DELETE".to_string());
            }
        }
        let mut headers = self.pre_sign(&mut parts, now_ms);
        let uri = uri(&parts);
        let (body_bytes, content_type, multipart) = encode_body(parts.body)?;
        headers.extend(self.sign(&parts.method, &uri, &body_bytes, now_ms, nonce));
        headers.extend(parts.headers);
        let mut req = self.inner.http.request(
            parts.method.to_reqwest(),
            format!("{}{uri}", self.inner.base_url),
        );
        if let Some(ct) = content_type {
            req = req.header(reqwest::header::CONTENT_TYPE, ct);
        }
        req = req.headers(header_map(&headers)?);
        req = match multipart {
            Some(form) => req.multipart(form),
            None if !body_bytes.is_empty() => req.body(body_bytes),
            None => req,
        };
        if let Some(t) = self.inner.timeout {
            req = req.timeout(t);
        }
        let response = req.send().await.map_err(Error::transport)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(Error::transport)?.to_vec();
        tracing::debug!(status, bytes = body.len(), "reply");
        Ok(Reply {
            status,
            headers,
            body,
        })
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
                        format!("SSO_COOKIE_KEY={}", cookie.expose()),
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
        method: &Method,
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

    /// A reply becomes the typed value, a vendor error, or a decode error.
    fn decode<T: DeserializeOwned>(&self, op: &OperationInfo, reply: Reply) -> Result<T, Error> {
        let envelope = &self.inner.vendor.error;
        let json: Option<serde_json::Value> = serde_json::from_slice(&reply.body).ok();
        let failed_flag = envelope.success.is_some_and(|(field, ok)| {
            json.as_ref()
                .and_then(|j| lookup(j, field))
                .is_some_and(|v| !ok.matches(v))
        });
        if !(200..300).contains(&reply.status) || failed_flag {
            return Err(Error::Api(Box::new(self.api_error(&reply, json.as_ref()))));
        }
        if !op.response_body {
            return serde_json::from_value(serde_json::Value::Null)
                .map_err(|e| decode_error(&reply, e.to_string()));
        }
        if reply.body.iter().all(u8::is_ascii_whitespace) {
            return Err(decode_error(
                &reply,
                "empty body where a JSON reply was expected".into(),
            ));
        }
        serde_json::from_slice(&reply.body).map_err(|e| decode_error(&reply, e.to_string()))
    }

    fn api_error(&self, reply: &Reply, json: Option<&serde_json::Value>) -> ApiError {
        let env = &self.inner.vendor.error;
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
        let catalogue = key.as_deref().and_then(|k| {
            self.inner
                .vendor
                .catalogue
                .iter()
                .find(|c| c.key == k)
                .copied()
        });
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
}

fn decode_error(reply: &Reply, message: String) -> Error {
    Error::Decode {
        status: reply.status,
        message,
        raw_body: String::from_utf8_lossy(&reply.body).into_owned(),
    }
}

/// Follows a dotted path (`error_info.error_code`) into JSON.
fn lookup<'a>(json: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    path.split('.').try_fold(json, |v, key| v.get(key))
}

/// The request URI as sent: the encoded path and the form-encoded query.
fn uri(parts: &RequestParts) -> String {
    if parts.query.is_empty() {
        return parts.path.clone();
    }
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&parts.query)
        .finish();
    format!("{}?{query}", parts.path)
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

fn header_map(headers: &[(String, String)]) -> Result<HeaderMap, Error> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let n = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::Encode(format!("invalid header name `{name}`")))?;
        // The value may be a credential: the message names the header only.
        let v = HeaderValue::from_str(value)
            .map_err(|_| Error::Encode(format!("invalid characters in header `{name}`")))?;
        map.append(n, v);
    }
    Ok(map)
}
