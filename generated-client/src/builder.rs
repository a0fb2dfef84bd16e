//! The client builder: collects credentials, base URL, timeouts, validation,
//! retries and policies, checks them, and hands a [`Core`] to the generated
//! client type ([`FromCore`]).

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::Credentials;
use crate::error::Error;
use crate::hooks::{Hooks, ReplyView, RequestView};
use crate::policy::{
    Clock, Jitter, NonceSource, RandomJitter, RandomNonce, RedirectPolicy, RetryClass, RetryPolicy,
    SystemClock,
};
use crate::rate_limit::RateLimiter;
use crate::send::{Core, RetryPredicate, Settings};
use crate::vendor::{RetryCode, VendorInfo};

/// A generated client type, built from a [`Core`].
pub trait FromCore {
    /// Wraps the configured transport.
    fn from_core(core: Core) -> Self;
}

/// Builds a client: credentials, base URL, timeouts, validation and retries.
pub struct ClientBuilder<C> {
    vendor: &'static VendorInfo,
    credentials: Credentials,
    base_url: Option<String>,
    http: Option<reqwest::Client>,
    connect_timeout: Duration,
    timeout: Option<Duration>,
    max_reply_bytes: usize,
    user_agent: String,
    allow_http: bool,
    validate: bool,
    method_override: bool,
    server_api_level: Option<u32>,
    check_api_level: bool,
    retry: Option<RetryPolicy>,
    retry_if: Option<RetryPredicate>,
    retry_codes: &'static [RetryCode],
    idempotent_operations: &'static [&'static str],
    jitter: Arc<dyn Jitter>,
    redirect: RedirectPolicy,
    clock: Arc<dyn Clock>,
    nonce: Arc<dyn NonceSource>,
    hooks: Hooks,
    rate_limiter: Option<RateLimiter>,
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

impl<C> ClientBuilder<C> {
    /// The default reply size limit: 16 MiB.
    ///
    /// The largest documented replies are list pages of a few hundred
    /// records of about a kilobyte (Kedacom conference and terminal lists), so
    /// 16 MiB leaves room for pages a hundred times larger, while 64
    /// concurrent calls against a hostile server still hold at most 1 GiB.
    /// Raise it with [`ClientBuilder::max_reply_bytes`] for a deployment that
    /// really sends more.
    pub const DEFAULT_MAX_REPLY_BYTES: usize = 16 * 1024 * 1024;

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
            max_reply_bytes: Self::DEFAULT_MAX_REPLY_BYTES,
            user_agent: concat!("meeting-api-client/", env!("CARGO_PKG_VERSION")).to_string(),
            allow_http: false,
            validate: true,
            method_override: false,
            server_api_level: None,
            check_api_level: false,
            retry: None,
            retry_if: None,
            retry_codes: &[],
            idempotent_operations: &[],
            jitter: Arc::new(RandomJitter),
            redirect: RedirectPolicy::none(),
            clock: Arc::new(SystemClock),
            nonce: Arc::new(RandomNonce),
            hooks: Hooks::default(),
            rate_limiter: None,
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
    /// total `timeout`, the reply size limit and the redirect policy still are).
    ///
    /// Build it with `.redirect(reqwest::redirect::Policy::none())`. reqwest
    /// follows redirects inside a `Client` before this crate sees the reply,
    /// and its default policy follows up to ten, to any origin, keeping every
    /// header but `Authorization`, `Cookie` and `Proxy-Authorization`: a
    /// vendor's signature headers, and any token or signature in the query,
    /// would go along. With redirects off in the given client, this builder's
    /// [`RedirectPolicy`] applies as with its own client.
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

    /// The largest reply body read, success or failure (default
    /// [`ClientBuilder::DEFAULT_MAX_REPLY_BYTES`]). Reading stops as soon as a
    /// body passes it, and the call fails with [`Error::TooLarge`].
    #[must_use]
    pub fn max_reply_bytes(mut self, limit: usize) -> Self {
        self.max_reply_bytes = limit;
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

    /// Classifies failed attempts before the default rules do: return
    /// `Some(class)` to decide, `None` to leave it to the defaults (see
    /// [`RetryPolicy`]). For example, a vendor's rate-limit code inside an
    /// HTTP 200 envelope:
    ///
    /// ```no_run
    /// # use meeting_api_client::{RetryClass, RetryPolicy};
    /// # fn f(b: meeting_api_client::ClientBuilder<()>) -> meeting_api_client::ClientBuilder<()> {
    /// b.retry(RetryPolicy::default()).retry_if(|e| {
    ///     let code = e.api()?.code.as_deref()?;
    ///     (code == "190004").then_some(RetryClass::RateLimited)
    /// })
    /// # }
    /// ```
    ///
    /// Asked only when retries are on ([`ClientBuilder::retry`]).
    #[must_use]
    pub fn retry_if(
        mut self,
        classify: impl Fn(&Error) -> Option<RetryClass> + Send + Sync + 'static,
    ) -> Self {
        self.retry_if = Some(Arc::new(classify));
        self
    }

    /// Runs `hook` before each request is sent (every attempt and followed
    /// redirect), after signing: to log it, count it, or add a header
    /// ([`RequestView::insert_header`]). The view shows the operation, path
    /// template and headers, credential headers with their values hidden;
    /// replacing a credential header fails the call with [`Error::Config`].
    /// Hooks run in the order they were added.
    ///
    /// ```no_run
    /// # fn f(b: meeting_api_client::ClientBuilder<()>) -> meeting_api_client::ClientBuilder<()> {
    /// b.on_request(|request| {
    ///     request.insert_header("X-Request-Source", "billing");
    ///     tracing::info!(operation = request.operation(), attempt = request.attempt(), "sending");
    /// })
    /// # }
    /// ```
    #[must_use]
    pub fn on_request(
        mut self,
        hook: impl Fn(&mut RequestView<'_>) + Send + Sync + 'static,
    ) -> Self {
        self.hooks.on_request.push(Arc::new(hook));
        self
    }

    /// Runs `hook` after each attempt: its status (`None` when no reply was
    /// read), body size and time, never the body or reply headers. For
    /// metrics and logging; hooks run in the order they were added.
    #[must_use]
    pub fn on_reply(mut self, hook: impl Fn(&ReplyView<'_>) + Send + Sync + 'static) -> Self {
        self.hooks.on_reply.push(Arc::new(hook));
        self
    }

    /// Vendor error codes (or keys) that are retryable or rate limits, asked
    /// after [`ClientBuilder::retry_if`] and before the default rules: the
    /// table a vendor's error catalogue gives, as data.
    #[must_use]
    pub fn retry_codes(mut self, codes: &'static [RetryCode]) -> Self {
        self.retry_codes = codes;
        self
    }

    /// Operations (by name, as in the vendor's `OPERATIONS`) that are safe
    /// to repeat whatever their method, so transient failures are retried as
    /// for a GET.
    #[must_use]
    pub fn idempotent_operations(mut self, names: &'static [&'static str]) -> Self {
        self.idempotent_operations = names;
        self
    }

    /// Spends one request of `limiter`'s budget per attempt (retries
    /// included), waiting while it is spent. Give clones of one limiter to
    /// every client that shares a budget, such as all clients behind one IP
    /// address for a vendor that limits per IP (default: no limit).
    #[must_use]
    pub fn rate_limiter(mut self, limiter: RateLimiter) -> Self {
        self.rate_limiter = Some(limiter);
        self
    }

    /// The source of backoff jitter (default: random).
    #[must_use]
    pub fn jitter(mut self, jitter: impl Jitter + 'static) -> Self {
        self.jitter = Arc::new(jitter);
        self
    }

    /// Which redirects to follow (default: none, see [`RedirectPolicy`]).
    #[must_use]
    pub fn redirect(mut self, policy: RedirectPolicy) -> Self {
        self.redirect = policy;
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

    /// The base URL set or the vendor's host, without a trailing slash, once
    /// it is known to be a plain http(s) URL this builder may use.
    fn checked_base_url(&self) -> Result<String, Error> {
        let base = self
            .base_url
            .as_deref()
            .or(self.vendor.default_base_url)
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
            "https" => Ok(base),
            "http" if self.allow_http => Ok(base),
            "http" => Err(Error::Config(
                "the base URL is http://; call allow_http(true) to permit it".into(),
            )),
            other => Err(Error::Config(format!(
                "base URL scheme `{other}` is not http(s)"
            ))),
        }
    }
}

// Only building needs the generated client type: configuring does not, so
// code generic over builders never has to name `FromCore`.
impl<C: FromCore> ClientBuilder<C> {
    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<C, Error> {
        let base = self.checked_base_url()?;
        let http = match self.http {
            Some(c) => c,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(self.user_agent)
                .https_only(!self.allow_http)
                // Redirects are this crate's to follow (see `redirect`): a
                // client-level policy would carry credentials to any origin.
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
        };
        Ok(C::from_core(Core::new(Settings {
            vendor: self.vendor,
            http,
            base_url: base,
            credentials: self.credentials,
            validate: self.validate,
            method_override: self.method_override,
            server_api_level: self.server_api_level,
            check_api_level: self.check_api_level,
            timeout: self.timeout,
            max_reply_bytes: self.max_reply_bytes,
            retry: self.retry,
            retry_if: self.retry_if,
            retry_codes: self.retry_codes,
            idempotent_operations: self.idempotent_operations,
            jitter: self.jitter,
            redirect: self.redirect,
            clock: self.clock,
            nonce: self.nonce,
            hooks: self.hooks,
            rate_limiter: self.rate_limiter,
        })))
    }
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
