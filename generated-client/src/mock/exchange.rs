//! One request, answered the way the vendor would: routed to its operation,
//! authenticated, decoded into its request type and validated; refused in
//! the vendor's envelope at the first failing step, else answered with the
//! operation's scripted or default reply. Every request is recorded.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use super::auth::{AuthCheck, MockCredentials};
use super::decode::decode;
use super::envelope::failure;
use super::incoming::Incoming;
use super::record::{Received, Recorder};
use super::rejection::Rejection;
use super::routing::route;
use super::script::{Rendered, Scripts};
use super::spec::MockSpec;
use super::table::Operation;
use super::validate::validate;

/// Called with each request once answered (the binary's log line).
pub(crate) type Observer = Arc<dyn Fn(&Received) + Send + Sync>;

/// Everything a running mock shares between connections.
pub(crate) struct Exchange {
    pub spec: MockSpec,
    pub accepted: MockCredentials,
    /// How far a request's timestamp may be from now.
    pub window: Duration,
    pub scripts: Mutex<Scripts>,
    pub recorder: Recorder,
    pub observer: Option<Observer>,
    requests: AtomicU64,
}

impl Exchange {
    pub fn new(spec: MockSpec, accepted: MockCredentials, window: Duration) -> Exchange {
        Exchange {
            spec,
            accepted,
            window,
            scripts: Mutex::default(),
            recorder: Recorder::default(),
            observer: None,
            requests: AtomicU64::new(0),
        }
    }

    /// The answer to `req`, and the record of it (a fault recorded as
    /// status 0).
    pub fn answer(&self, req: &Incoming) -> (Rendered, Received) {
        let request_id = format!("mock-{}", self.requests.fetch_add(1, Ordering::Relaxed) + 1);
        let (operation, request, rendered) = match self.accept(req) {
            Ok((op, request)) => {
                let reply = self.scripts_lock().next(&op.name);
                let rendered = reply.render(&self.spec.table, op, &request_id);
                (Some(op.name.clone()), request, rendered)
            }
            Err(refused) => {
                let rendered = self.refusal(&refused.rejection, &request_id);
                (refused.operation, refused.request, rendered)
            }
        };
        let received = Received {
            operation,
            method: req.method.clone(),
            uri: req.uri.clone(),
            request,
            status: if rendered.fault { 0 } else { rendered.status },
        };
        (rendered, received)
    }

    /// Records an answered request and shows it to the observer.
    pub fn record(&self, received: Received) {
        if let Some(observe) = &self.observer {
            observe(&received);
        }
        self.recorder.push(received);
    }

    /// The operation and decoded request, or why the request is refused.
    fn accept(&self, req: &Incoming) -> Result<(&Operation, Value), Refused> {
        let table = &self.spec.table;
        let params = req.params();
        let Some(routed) = route(table, &req.method, &req.path, &params) else {
            let rejection = Rejection::unknown_operation(&req.method, &req.path);
            return Err(Refused::new(None, Value::Null, rejection));
        };
        let op = routed.operation;
        let auth = AuthCheck {
            accepted: &self.accepted,
            window: self.window,
            now_ms: now_ms(),
        };
        auth.check(&table.auth, req)
            .map_err(|r| Refused::new(Some(op), Value::Null, r))?;
        let request = decode(table, op, req, &routed.path_params)
            .map_err(|r| Refused::new(Some(op), Value::Null, r))?;
        match validate(table, op, &request, self.spec.typed) {
            Ok(()) => Ok((op, request)),
            Err(r) => Err(Refused::new(Some(op), request, r)),
        }
    }

    fn refusal(&self, rejection: &Rejection, request_id: &str) -> Rendered {
        Rendered {
            status: rejection.status,
            body: Some(failure(&self.spec.table, rejection, request_id)),
            delay: Duration::ZERO,
            fault: false,
        }
    }

    pub fn scripts_lock(&self) -> std::sync::MutexGuard<'_, Scripts> {
        self.scripts.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A refused request, with what was known of it by then.
struct Refused {
    operation: Option<String>,
    request: Value,
    rejection: Rejection,
}

impl Refused {
    fn new(operation: Option<&Operation>, request: Value, rejection: Rejection) -> Refused {
        Refused {
            operation: operation.map(|op| op.name.clone()),
            request,
            rejection,
        }
    }
}

fn now_ms() -> u64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    since.as_millis() as u64
}
