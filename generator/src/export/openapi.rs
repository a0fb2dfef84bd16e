//! One OpenAPI 3.1 document per vendor, from the model: what the specs say
//! that OpenAPI has words for in its own keywords, the rest in documented
//! `x-` extensions (docs/openapi.md has the mapping table).

mod checks;
mod examples;
mod operations;
mod rules;
mod schemas;
mod security;

use super::json::Json;
use crate::model::{Auth, CatalogueEntry, ErrorModel, FieldPath, Retry, Vendor};

/// Two operations of the vendor on the same path and method, by spec name
/// (the earlier first), with the problem in words.
pub(crate) fn shared_endpoint(v: &Vendor) -> Option<(&str, &str, String)> {
    let ops = &v.operations;
    ops.iter().enumerate().find_map(|(i, a)| {
        let b = ops[..i]
            .iter()
            .find(|b| b.method == a.method && b.path == a.path)?;
        let message = format!(
            "operations `{}` and `{}` are both {} {}: an OpenAPI document holds one operation per path and method",
            b.spec_name,
            a.spec_name,
            a.method.as_str(),
            a.path
        );
        Some((b.spec_name.as_str(), a.spec_name.as_str(), message))
    })
}

/// The vendor's OpenAPI document.
pub(crate) fn document(v: &Vendor) -> Json {
    let mut doc = Json::obj().with("openapi", "3.1.0").with("info", info(v));
    if let Some(url) = &v.base_url {
        doc.set("servers", vec![Json::obj().with("url", url)]);
    }
    let requirements = security::requirements(v.auth);
    if requirements != Json::Arr(Vec::new()) {
        doc.set("security", requirements);
    }
    doc.set("paths", operations::paths(v));
    let mut components = Json::obj().with("schemas", schemas::components(v));
    let schemes = security::schemes(v.auth);
    if !schemes.is_empty_object() {
        components.set("securitySchemes", schemes);
    }
    doc.set("components", components);
    doc.with_opt("x-error-envelope", v.error.as_ref().map(|e| envelope(v, e)))
        .with(
            "x-error-catalogue",
            v.catalogue.iter().map(catalogue_entry).collect::<Json>(),
        )
}

fn info(v: &Vendor) -> Json {
    let auth = Json::obj()
        .with("scheme", Auth::NAMES[v.auth as usize])
        .with("summary", security::summary(v.auth));
    Json::obj()
        .with("title", v.title.as_str())
        // The specs carry no version of their own; the API level is the
        // closest thing the documents state.
        .with(
            "version",
            v.api_level
                .map_or("unversioned".to_string(), |l| format!("API level {l}")),
        )
        .with_opt("description", v.doc.as_deref())
        .with("x-vendor", v.name.as_str())
        .with_opt("x-api-level", v.api_level)
        .with("x-auth", auth)
        .with("x-sources", v.sources.iter().collect::<Json>())
        .with("x-notes", v.notes.iter().collect::<Json>())
}

/// `x-error-envelope`: the envelope's schema and the wire path of each part.
fn envelope(v: &Vendor, e: &ErrorModel) -> Json {
    let path = |p: &Option<FieldPath>| p.as_ref().map(|p| p.wire.clone());
    let success = e.success.as_ref().map(|(field, value)| {
        Json::obj()
            .with("field", field.wire.as_str())
            .with("equals", schemas::literal(value))
    });
    Json::obj()
        .with("schema", schemas::pointer(v, e.ty))
        .with_opt("code", path(&e.code))
        .with_opt("message", path(&e.message))
        .with_opt("key", path(&e.key))
        .with_opt("request_id", path(&e.request_id))
        .with_opt("success", success)
}

fn catalogue_entry(c: &CatalogueEntry) -> Json {
    Json::obj()
        .with("key", c.key.as_str())
        .with("status", c.status)
        .with("message", c.message.as_str())
        .with_opt("retry", c.retry.map(|r| Retry::NAMES[r as usize]))
}
