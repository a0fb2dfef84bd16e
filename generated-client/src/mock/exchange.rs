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

    /// The answer to `req`; records it as answered with `status` (the
    /// server reports a fault as 0).
    pub fn answer(&self, req: &Incoming) -> (Rendered, Received) {
        let request_id = format!("mock-{}", self.requests.fetch_add(1, Ordering::Relaxed) + 1);
        let (operation, request, rendered) = match self.accept(req) {
            Ok((op, request)) => {
                let reply = self.scripts_lock().next(&op);
                let table = &self.spec.table;
                let operation = table.operations.iter().find(|o| o.name == op);
                let rendered = reply.render(table, operation.expect("routed"), &request_id);
                (Some(op), request, rendered)
            }
            Err((op, request, rejection)) => (op, request, self.refusal(&rejection, &request_id)),
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

    /// The operation and decoded request, or why the request is refused
    /// (with what is known of it by then).
    fn accept(
        &self,
        req: &Incoming,
    ) -> Result<(String, Value), (Option<String>, Value, Rejection)> {
        let table = &self.spec.table;
        let params = req.params();
        let Some(routed) = route(table, &req.method, &req.path, &params) else {
            return Err((
                None,
                Value::Null,
                Rejection::unknown_operation(&req.method, &req.path),
            ));
        };
        let op = routed.operation;
        let name = Some(op.name.clone());
        let auth = AuthCheck {
            accepted: &self.accepted,
            window: self.window,
            now_ms: now_ms(),
        };
        if let Err(r) = auth.check(&table.auth, req) {
            return Err((name, Value::Null, r));
        }
        let request = decode(table, op, req, &routed.path_params)
            .map_err(|r| (name.clone(), Value::Null, r))?;
        match validate(table, op, &request, self.spec.typed) {
            Ok(()) => Ok((op.name.clone(), request)),
            Err(r) => Err((name, request, r)),
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

fn now_ms() -> u64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    since.as_millis() as u64
}
