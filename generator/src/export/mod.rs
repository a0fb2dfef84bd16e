//! Documents for readers and tools outside Rust, rendered from the model
//! alone: an OpenAPI 3.1 document and a one-page HTML reference per vendor.
//! Both are deterministic: the same specs give the same bytes.

mod html;
mod json;
mod names;
mod openapi;

use crate::model::Vendor;

/// The vendor's OpenAPI 3.1 document, as pretty JSON.
pub(crate) fn openapi_json(v: &Vendor) -> String {
    openapi::document(v).to_pretty()
}

/// The vendor's HTML reference: one self-contained UTF-8 page.
pub(crate) fn html_page(v: &Vendor) -> String {
    html::page(v)
}
