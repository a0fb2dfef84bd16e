//! The contract generated code implements: a request type says which
//! operation it is ([`ApiRequest`]), how it goes on the wire
//! ([`RequestParts`], [`BodyParts`]); lists also implement `paging::Paged`.
//! Credentials are not part of it: `auth` adds them per attempt.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Error;
use crate::file::FilePart;
use crate::validation::{Coded, Validate};
use crate::vendor::{Method, OperationInfo};
use crate::wire::{self, Encoded};

/// A generated request type: how it goes on the wire and what it returns.
pub trait ApiRequest: Validate {
    /// The decoded success reply (`()` when the operation documents none).
    type Response: DeserializeOwned;
    /// The static description of this request's endpoint.
    fn operation(&self) -> &'static OperationInfo;
    /// The request without credentials: path, query, headers and body.
    fn to_parts(&self) -> Result<RequestParts, Error>;
}

/// A value that goes into a path segment, query parameter, header or form field.
pub trait ParamValue {
    /// The text sent on the wire (before any URL encoding).
    fn to_param(&self) -> String;
}

/// Scalars are sent as their `Display` text.
macro_rules! param_value_by_display {
    ($($t:ty),*) => {$(
        impl ParamValue for $t {
            fn to_param(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
param_value_by_display!(String, str, i64, f64, bool);

impl<T: Coded> ParamValue for T {
    fn to_param(&self) -> String {
        self.code_text()
    }
}

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

impl BodyParts {
    /// The body as sent.
    pub(crate) fn encode(self) -> Result<Encoded, Error> {
        match self {
            BodyParts::None => Ok(Encoded::empty()),
            BodyParts::Json(bytes) => Ok(Encoded::json(bytes)),
            BodyParts::Form(fields) => Ok(Encoded::form(&fields)),
            BodyParts::Multipart { text, files } => Encoded::multipart(text, files),
        }
    }
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

    /// Empty parts for `request`, with its operation's documented method.
    pub fn of<R: crate::ApiRequest + ?Sized>(request: &R) -> RequestParts {
        RequestParts::new(request.operation().method)
    }

    /// A literal piece of the path template.
    pub fn path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// A path parameter, percent-encoded as one segment.
    pub fn path_param<T: ParamValue + ?Sized>(&mut self, value: &T) {
        self.path.extend(wire::path_segment(&value.to_param()));
    }

    /// A query parameter.
    pub fn query<T: ParamValue + ?Sized>(&mut self, name: &str, value: &T) {
        self.query.push((name.to_string(), value.to_param()));
    }

    /// A query parameter given any number of times: once per item of a
    /// list, once or not at all for an optional value (`&Option<T>`).
    pub fn query_each<'a, T: ParamValue + 'a>(
        &mut self,
        name: &str,
        values: impl IntoIterator<Item = &'a T>,
    ) {
        for value in values {
            self.query(name, value);
        }
    }

    /// A header parameter.
    pub fn header<T: ParamValue + ?Sized>(&mut self, name: &str, value: &T) {
        self.headers.push((name.to_string(), value.to_param()));
    }

    /// A header given any number of times, as [`RequestParts::query_each`].
    pub fn header_each<'a, T: ParamValue + 'a>(
        &mut self,
        name: &str,
        values: impl IntoIterator<Item = &'a T>,
    ) {
        for value in values {
            self.header(name, value);
        }
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

    /// Adds a form field, turning an empty body into a form (credentials and
    /// the method override travel this way).
    pub(crate) fn form_field(&mut self, name: &str, value: String) {
        match &mut self.body {
            BodyParts::Form(fields) => fields.push((name.to_string(), value)),
            BodyParts::Multipart { text, .. } => text.push((name.to_string(), value)),
            BodyParts::None => self.body = BodyParts::Form(vec![(name.to_string(), value)]),
            // A JSON body has no room for form fields: such parameters go in the query.
            BodyParts::Json(_) => self.query.push((name.to_string(), value)),
        }
    }
}
