//! What the mock answers: by default the document's own success example
//! for the operation, else a value built from its reply type; per operation a
//! test can script a reply (JSON or a typed value), a status, a delay, a
//! fault, or a sequence of them (paging, retries).

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use serde::Serialize;
use serde_json::{json, Value};

use super::envelope::{failure, with_success_flag};
use super::rejection::Rejection;
use super::table::{Operation, Table};

/// One scripted reply of an operation.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    body: Body,
    status: Option<u16>,
    delay: Duration,
    fault: bool,
}

#[derive(Debug, Clone, Default)]
enum Body {
    /// The document's success example, else a value of the reply type.
    #[default]
    Example,
    /// The document's failure example, else the vendor's envelope.
    ErrorExample,
    /// A failure in the vendor's envelope.
    Failure { code: i64, message: String },
    /// This JSON, as given.
    Json(Value),
}

impl Reply {
    /// The default: the document's success example for the operation, else a
    /// value built from its reply type, with the documented success status.
    pub fn example() -> Reply {
        Reply::default()
    }

    /// The document's failure example for the operation (HTTP 400), else
    /// the vendor's first printed failure reply, else a failure in its
    /// envelope.
    pub fn error_example() -> Reply {
        Reply {
            body: Body::ErrorExample,
            ..Reply::default()
        }
    }

    /// A failure in the vendor's envelope with this code and message (HTTP
    /// 400 unless [`Reply::status`] says otherwise).
    pub fn failure(code: i64, message: impl Into<String>) -> Reply {
        let message = message.into();
        Reply {
            body: Body::Failure { code, message },
            ..Reply::default()
        }
    }

    /// This JSON body, sent as given (no success flag added).
    pub fn json(body: Value) -> Reply {
        Reply {
            body: Body::Json(body),
            ..Reply::default()
        }
    }

    /// A typed value (a generated reply type) as the body.
    ///
    /// # Panics
    /// When `value` does not serialize to JSON, which generated types always do.
    pub fn value<T: Serialize>(value: &T) -> Reply {
        Reply::json(serde_json::to_value(value).expect("reply types serialize to JSON"))
    }

    /// Closes the connection without answering (a network fault).
    pub fn fault() -> Reply {
        Reply {
            fault: true,
            ..Reply::default()
        }
    }

    /// Answers with this HTTP status.
    #[must_use]
    pub fn status(mut self, status: u16) -> Reply {
        self.status = Some(status);
        self
    }

    /// Waits this long before answering.
    #[must_use]
    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

/// A reply made concrete for one request.
pub(crate) struct Rendered {
    pub status: u16,
    /// `None`: no body.
    pub body: Option<Value>,
    pub delay: Duration,
    pub fault: bool,
}

impl Reply {
    /// The status and body this reply sends for `op`.
    pub(crate) fn render(&self, table: &Table, op: &Operation, request_id: &str) -> Rendered {
        let (status, body) = match &self.body {
            Body::Example => success(table, op),
            Body::ErrorExample => {
                let template = table.error.as_ref().and_then(|e| e.template.as_ref());
                match op.errors.first().or(template) {
                    Some(example) => (400, Some(example.clone())),
                    None => (400, Some(envelope(table, 400, 0, "error", request_id))),
                }
            }
            Body::Failure { code, message } => {
                let status = self.status.unwrap_or(400);
                (
                    status,
                    Some(envelope(table, status, *code, message, request_id)),
                )
            }
            Body::Json(v) => (op.success_status.unwrap_or(200), Some(v.clone())),
        };
        Rendered {
            status: self.status.unwrap_or(status),
            body,
            delay: self.delay,
            fault: self.fault,
        }
    }
}

/// The default success reply of `op`.
fn success(table: &Table, op: &Operation) -> (u16, Option<Value>) {
    let status = op.success_status.unwrap_or(200);
    if status == 204 {
        return (status, None);
    }
    let body = op.replies.first().or(op.reply.as_ref()).cloned();
    let body = with_success_flag(table, body.unwrap_or_else(|| json!({})));
    (status, Some(body))
}

fn envelope(table: &Table, status: u16, code: i64, message: &str, request_id: &str) -> Value {
    let rejection = Rejection {
        status,
        code,
        key: None,
        message: message.to_string(),
    };
    failure(table, &rejection, request_id)
}

/// The scripted replies of each operation: the front one answers next; the
/// last one stays and answers every later request.
#[derive(Debug, Default)]
pub(crate) struct Scripts {
    by_operation: HashMap<String, VecDeque<Reply>>,
}

impl Scripts {
    /// Replaces `operation`'s script.
    pub fn set(&mut self, operation: &str, replies: Vec<Reply>) {
        self.by_operation
            .insert(operation.to_string(), replies.into());
    }

    /// The reply to the next request of `operation`.
    pub fn next(&mut self, operation: &str) -> Reply {
        let Some(queue) = self.by_operation.get_mut(operation) else {
            return Reply::example();
        };
        if queue.len() > 1 {
            queue.pop_front().unwrap_or_default()
        } else {
            queue.front().cloned().unwrap_or_default()
        }
    }
}
