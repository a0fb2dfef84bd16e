//! The mock table of a vendor, read from the JSON the generator writes
//! (`meeting_api_codegen::mock_table`; the format is in docs/mock.md): how
//! each operation is routed, decoded and answered, and the shape and limits
//! of every named type.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

/// One vendor's table.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Table {
    /// The spec's vendor name.
    pub vendor: String,
    /// The auth scheme (`tencent_meeting`, `polyv`, `yxt`, `kedacom`, `none`).
    pub auth: String,
    /// Where failure replies keep their parts; `None` without an envelope.
    pub error: Option<Envelope>,
    /// The documented error keys.
    pub catalogue: Vec<CatalogueEntry>,
    /// Every named type, by Rust name.
    pub types: HashMap<String, TypeShape>,
    /// Every operation, in document order.
    pub operations: Vec<Operation>,
}

/// Where a failure reply keeps code, message, key and request id (dotted
/// paths), the success flag, and a printed failure reply as template.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Envelope {
    pub code: Option<String>,
    pub message: Option<String>,
    pub key: Option<String>,
    pub request_id: Option<String>,
    /// The flag's path and the value meaning success.
    pub success: Option<(String, Value)>,
    pub template: Option<Value>,
}

/// One documented error key.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct CatalogueEntry {
    pub key: String,
    pub status: u16,
    pub message: String,
}

/// A named type: an object's fields or an enumeration's codes.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum TypeShape {
    Struct { fields: Vec<Field> },
    Enum { codes: Vec<Value> },
}

/// A field or parameter.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Field {
    pub wire: String,
    #[serde(rename = "type")]
    pub ty: Ty,
    pub required: bool,
    pub checks: Vec<Check>,
    pub enum_error_key: Option<String>,
    /// For parameters: `path`, `query` or `header`.
    #[serde(rename = "in", default)]
    pub place: Option<String>,
}

/// A field's type.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum Ty {
    /// `string`, `integer`, `number`, `boolean`, `json` or `file`.
    Scalar(String),
    Struct {
        r#struct: String,
    },
    Enum {
        r#enum: String,
    },
    Array {
        array: Box<Ty>,
    },
}

/// A documented limit on one value.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Check {
    /// The spec's constraint key (`max_chars`).
    pub check: String,
    pub limit: Value,
    pub error_key: Option<String>,
}

/// One operation.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Operation {
    pub name: String,
    pub method: String,
    pub path: String,
    pub method_override: Option<String>,
    pub success_status: Option<u16>,
    pub params: Vec<Field>,
    pub body: Option<Body>,
    /// The printed success replies.
    pub replies: Vec<Value>,
    /// The printed failure replies.
    pub errors: Vec<Value>,
    /// A value built from the reply type; `None` when the reply is not read.
    pub reply: Option<Value>,
}

/// A request body.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Body {
    /// `json`, `form_json` or `multipart`.
    pub encoding: String,
    pub form_field: Option<String>,
    /// The body's type name.
    #[serde(rename = "type")]
    pub ty: String,
}

impl Table {
    /// The table in `json`.
    pub fn parse(json: &str) -> Result<Table, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The fields of the object type `name` (none for an unknown name).
    pub fn fields(&self, name: &str) -> &[Field] {
        match self.types.get(name) {
            Some(TypeShape::Struct { fields }) => fields,
            _ => &[],
        }
    }

    /// The codes of the enumeration `name` (none for an unknown name).
    pub fn codes(&self, name: &str) -> &[Value] {
        match self.types.get(name) {
            Some(TypeShape::Enum { codes }) => codes,
            _ => &[],
        }
    }

    /// The catalogue entry of `key`.
    pub fn catalogued(&self, key: &str) -> Option<&CatalogueEntry> {
        self.catalogue.iter().find(|c| c.key == key)
    }
}
