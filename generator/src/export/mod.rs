//! Documents for readers and tools outside Rust, rendered from the model
//! alone: an OpenAPI 3.1 document and a one-page HTML reference per vendor.
//! Both are deterministic: the same specs give the same bytes.

mod html;
mod json;
mod names;
mod openapi;

use crate::model::Vendor;

/// The vendor's OpenAPI 3.1 document, as pretty JSON; or why OpenAPI cannot
/// hold the vendor's operations (two on one path and method, the earlier
/// named first: a document has one operation there, and the export drops none).
pub(crate) fn openapi_json(v: &Vendor) -> Result<String, SharedEndpoint<'_>> {
    if let Some((first, second, message)) = openapi::shared_endpoint(v) {
        return Err(SharedEndpoint {
            first,
            second,
            message,
        });
    }
    Ok(openapi::document(v).to_pretty())
}

/// Two operations on one path and method, by spec name, and the problem in words.
pub(crate) struct SharedEndpoint<'a> {
    pub first: &'a str,
    pub second: &'a str,
    pub message: String,
}

/// The vendor's HTML reference: one self-contained UTF-8 page.
pub(crate) fn html_page(v: &Vendor) -> String {
    html::page(v)
}
