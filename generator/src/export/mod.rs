//! Documents for readers and tools outside Rust, rendered from the model
//! alone: an OpenAPI 3.1 document and a one-page HTML reference per vendor.
//! Both are deterministic: the same specs give the same bytes.

mod html;
mod json;
mod names;
mod openapi;

use crate::model::Vendor;

/// The vendor's OpenAPI 3.1 document, as pretty JSON; or why OpenAPI cannot
/// hold the vendor's operations (two on one path and method: a document has
/// one operation there, and the export drops none).
pub(crate) fn openapi_json(v: &Vendor) -> Result<String, String> {
    if let Some(problem) = openapi::shared_endpoint(v) {
        return Err(problem);
    }
    Ok(openapi::document(v).to_pretty())
}

/// The vendor's HTML reference: one self-contained UTF-8 page.
pub(crate) fn html_page(v: &Vendor) -> String {
    html::page(v)
}
