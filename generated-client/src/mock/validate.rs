//! Whether a decoded request keeps the documented rules: through the
//! generated validators for the built-in vendors (the code the client runs,
//! so mock and client agree), else through the table's own schema
//! (`schema`), for specs loaded at run time.

use serde_json::Value;

use super::rejection::Rejection;
use super::schema;
use super::table::{Operation, Table};
use crate::validation::Violations;

/// A generated `__hooks::validate_request_json`: decodes the JSON into the
/// operation's request type and validates it.
pub type TypedValidator =
    fn(&str, &str) -> Option<Result<Result<(), Violations>, serde_json::Error>>;

/// A broken rule: where, what, and the vendor's key for it.
pub(crate) struct Problem {
    pub message: String,
    pub key: Option<String>,
}

/// Checks `request` (the JSON of `op`'s request type).
pub(crate) fn validate(
    table: &Table,
    op: &Operation,
    request: &Value,
    typed: Option<TypedValidator>,
) -> Result<(), Rejection> {
    let problems = match typed.and_then(|f| f(&op.name, &request.to_string())) {
        Some(Err(e)) => return Err(Rejection::invalid(format!("request does not decode: {e}"))),
        Some(Ok(result)) => typed_problems(result),
        None => schema::problems(table, op, request),
    };
    match problems.into_iter().next() {
        None => Ok(()),
        Some(first) => Err(rejection(table, first)),
    }
}

fn typed_problems(result: Result<(), Violations>) -> Vec<Problem> {
    let violations = result.err().map(|v| v.0).unwrap_or_default();
    violations
        .into_iter()
        .map(|v| Problem {
            message: v.to_string(),
            key: v.vendor_key.map(str::to_string),
        })
        .collect()
}

/// The rejection of a broken rule: the catalogue's status and message when
/// its key is documented there.
fn rejection(table: &Table, problem: Problem) -> Rejection {
    let mut rejection = Rejection::invalid(problem.message);
    if let Some(entry) = problem.key.as_deref().and_then(|k| table.catalogued(k)) {
        rejection.status = entry.status;
        rejection.message = entry.message.clone();
    }
    rejection.key = problem.key;
    rejection
}
