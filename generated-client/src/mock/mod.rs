//! A mock vendor server built from the specs, for testing an integration
//! where the vendor offers no sandbox (feature `mock`).
//!
//! [`MockServer::start`] serves one vendor on a local port. Every operation
//! of its spec is routed by method and path template; each request is
//! checked as the vendor would check it (its signature, timestamp window or
//! token; the request decoded into its generated type and validated with the
//! generated validators) and refused in the vendor's own error envelope, or
//! answered with the document's example, a value of the reply type, or what
//! the test scripted ([`Reply`]). Every request is recorded, decoded
//! ([`MockServer::received`]).
//!
//! ```no_run
//! # #[cfg(feature = "yxt")]
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use meeting_api_client::mock::{MockServer, MockSpec, Reply};
//!
//! let mock = MockServer::start(MockSpec::builtin("yxt").unwrap()).await?;
//! mock.reply("update_room", Reply::failure(500, "busy").status(503));
//! // ... point a client at mock.base_url() with mock.credentials() ...
//! assert!(mock.received("update_room").is_empty());
//! # Ok(())
//! # }
//! ```
//!
//! Layout, bottom to top: `table` (the generated table's format), `incoming`
//! (a request as received), `rejection` (why a request is refused), `auth`
//! (each vendor's check), `routing`, `decode` (into the request type's JSON),
//! `schema` and `validate` (the rules), `envelope` (failure replies),
//! `script` ([`Reply`]), `record` ([`Received`]), `spec` ([`MockSpec`]),
//! `exchange` (one request answered), `server` (HTTP), then this file.

mod auth;
mod decode;
mod envelope;
mod exchange;
mod incoming;
mod record;
mod rejection;
mod routing;
mod schema;
mod script;
mod server;
mod spec;
mod table;
mod validate;

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

pub use auth::MockCredentials;
pub use record::Received;
pub use script::Reply;
pub use spec::MockSpec;

use exchange::Exchange;

/// How far a request's timestamp may be from the mock's clock by default.
pub const DEFAULT_TIMESTAMP_WINDOW: Duration = Duration::from_secs(300);

/// A running mock of one vendor; stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    exchange: Arc<Exchange>,
    stop: watch::Sender<bool>,
}

/// Settings of a mock before it starts.
pub struct MockBuilder {
    spec: MockSpec,
    credentials: MockCredentials,
    window: Duration,
    addr: SocketAddr,
    observer: Option<exchange::Observer>,
}

impl MockBuilder {
    /// The credentials the mock accepts (default [`MockCredentials::default`]).
    #[must_use]
    pub fn credentials(mut self, id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.credentials = MockCredentials {
            id: id.into(),
            secret: secret.into(),
        };
        self
    }

    /// How far a request's timestamp may be from now (default five minutes).
    #[must_use]
    pub fn timestamp_window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }

    /// Where to listen (default `127.0.0.1:0`, a free port).
    #[must_use]
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Calls `observer` with each request once answered.
    #[must_use]
    pub fn on_request(mut self, observer: impl Fn(&Received) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// Starts serving on the current tokio runtime.
    pub async fn start(self) -> io::Result<MockServer> {
        let listener = server::bind(self.addr).await?;
        let addr = listener.local_addr()?;
        let mut exchange = Exchange::new(self.spec, self.credentials, self.window);
        exchange.observer = self.observer;
        let exchange = Arc::new(exchange);
        let (stop, stopped) = watch::channel(false);
        tokio::spawn(server::serve(listener, exchange.clone(), stopped));
        Ok(MockServer {
            addr,
            exchange,
            stop,
        })
    }
}

impl MockServer {
    /// A mock of `spec` with default settings, on a free local port.
    pub async fn start(spec: MockSpec) -> io::Result<MockServer> {
        MockServer::builder(spec).start().await
    }

    /// Settings for a mock of `spec`.
    pub fn builder(spec: MockSpec) -> MockBuilder {
        MockBuilder {
            spec,
            credentials: MockCredentials::default(),
            window: DEFAULT_TIMESTAMP_WINDOW,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            observer: None,
        }
    }

    /// `http://127.0.0.1:<port>`: the base URL to give the client (with
    /// `allow_http(true)`).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The credentials it accepts.
    pub fn credentials(&self) -> &MockCredentials {
        &self.exchange.accepted
    }

    /// The vendor it serves.
    pub fn spec(&self) -> &MockSpec {
        &self.exchange.spec
    }

    /// Answers every later request of `operation` with `reply`.
    pub fn reply(&self, operation: &str, reply: Reply) {
        self.replies(operation, [reply]);
    }

    /// Answers the next requests of `operation` with `replies` in order; the
    /// last one answers every request after them.
    pub fn replies(&self, operation: &str, replies: impl IntoIterator<Item = Reply>) {
        let replies = replies.into_iter().collect();
        self.exchange.scripts_lock().set(operation, replies);
    }

    /// The requests routed to `operation` (by its spec name), in order.
    pub fn received(&self, operation: &str) -> Vec<Received> {
        self.exchange.recorder.of(operation)
    }

    /// Every request received, routed or not, in order.
    pub fn received_all(&self) -> Vec<Received> {
        self.exchange.recorder.all()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
