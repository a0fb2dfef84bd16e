//! What the mock received: every request, decoded into the JSON of its
//! generated request type, with the status it was answered with.

use std::fmt;
use std::sync::Mutex;

use serde_json::Value;

/// One received request.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The operation it was routed to; `None` when none matched.
    pub operation: Option<String>,
    /// The HTTP method as sent.
    pub method: String,
    /// The path and query as sent.
    pub uri: String,
    /// The request as its generated type's JSON (path, query and header
    /// parameters by wire name, the body under `body`); `Null` when it did
    /// not decode.
    pub request: Value,
    /// The HTTP status answered (0 for a fault).
    pub status: u16,
}

/// One log line: `PUT /zhibo/rooms/r1 update_room -> 204`.
impl fmt::Display for Received {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = self.operation.as_deref().unwrap_or("(no operation)");
        write!(f, "{} {} {op} -> {}", self.method, self.uri, self.status)
    }
}

/// Every request received, in order.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    received: Mutex<Vec<Received>>,
}

impl Recorder {
    pub fn push(&self, received: Received) {
        self.lock().push(received);
    }

    /// The requests routed to `operation`.
    pub fn of(&self, operation: &str) -> Vec<Received> {
        let all = self.lock();
        let mine = all
            .iter()
            .filter(|r| r.operation.as_deref() == Some(operation));
        mine.cloned().collect()
    }

    /// Every request.
    pub fn all(&self) -> Vec<Received> {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Received>> {
        // A test that panicked while recording leaves the list usable.
        self.received.lock().unwrap_or_else(|e| e.into_inner())
    }
}
