//! Request types: one struct per operation with its serde impls, constructor,
//! `Validate` and `ApiRequest` impls.
//!
//! Built as syntax nodes inside the per-struct shells (see
//! [`super::context::shells`]), like every struct: there is one per operation
//! and the parts follow its fields.

use syn::{Expr, Stmt};

use super::context::syntax::{self as sx, var};
use super::context::{ident, quoted, unraw, Ctx, Rt};
use super::paging;
use super::types::{constructor, serde_impls, struct_decl};
use super::validation::impl_validate;
use crate::model::{Body, Encoding, Operation, PathSegment, Ty};

/// `<Op>Request`: path, query and header parameters plus the body.
pub fn request(cx: &Ctx, index: usize, op: &Operation) -> Vec<syn::Item> {
    let name = ident(&op.request_type());
    let all = op.request_fields();
    let (fields, body_field) = match op.body {
        Some(_) => (&all[..all.len() - 1], all.last()),
        None => (&all[..], None),
    };
    // A part crate of a split vendor cannot see `Client`: no link there.
    let client_method = match cx.split {
        false => format!("[`Client::{}`]", unraw(&op.name)),
        true => format!("`Client::{}`", unraw(&op.name)),
    };
    let mut paragraphs = vec![format!("Request of {client_method}.")];
    paragraphs.extend(
        op.title
            .iter()
            .map(|t| format!("{t}: `{} {}`", op.method.as_str(), op.path)),
    );
    let parts = to_parts(cx, op);
    let response = response_type(cx, op);
    let mut items = struct_decl(cx, &paragraphs, &name, &all, &op.rules);
    items.push(serde_impls(cx, &name, &all));
    items.extend(constructor(cx, &name, &all));
    items.push(impl_validate(cx, &name, fields, body_field, &op.rules));
    let api = cx.shells.api_request(&name, response, index, parts);
    items.push(syn::Item::Impl(api));
    items.extend(paging::impl_paged(cx, op).map_or_else(Vec::new, quoted::parse_items));
    items
}

/// The body of `to_parts`: path, query, headers and body onto `RequestParts`.
fn to_parts(cx: &Ctx, op: &Operation) -> Vec<Stmt> {
    let this = |id: &str| sx::reference(sx::field(var("self"), ident(id)));
    let call = |method: &str, args: Vec<Expr>| sx::method(var("p"), method, args);
    // The method is the operation table's, so it is written once.
    let of = sx::expr_path(cx.path(Rt::RequestParts, &["of"]));
    let mut steps = vec![sx::let_mut("p", sx::call(of, vec![var("self")]))];
    for seg in &op.segments {
        steps.push(sx::stmt(match seg {
            PathSegment::Literal(s) => call("path", vec![sx::lit_str(s)]),
            PathSegment::Param(f) => call("path_param", vec![this(&f.ident)]),
        }));
    }
    let params = op.query.iter().map(|f| (f, "query"));
    for (f, method) in params.chain(op.headers.iter().map(|f| (f, "header"))) {
        // One value, or `*_each` over an optional value, a list, or both.
        let value = this(&f.ident);
        let (method, value) = match (&f.ty, f.required) {
            (Ty::Array(_), false) => {
                let items = sx::method(sx::field(var("self"), ident(&f.ident)), "iter", vec![]);
                (
                    format!("{method}_each"),
                    sx::method(items, "flatten", vec![]),
                )
            }
            (Ty::Array(_), true) | (_, false) => (format!("{method}_each"), value),
            (_, true) => (method.to_string(), value),
        };
        steps.push(sx::stmt(call(&method, vec![sx::lit_str(&f.wire), value])));
    }
    if let Some(b) = &op.body {
        match b.encoding {
            Encoding::Json => {
                let send = call("json_body", vec![this("body")]);
                steps.push(sx::stmt(sx::try_(send)));
            }
            Encoding::FormJson => {
                let field = b.form_field.clone().unwrap_or_default();
                let send = call("form_json_body", vec![sx::lit_str(&field), this("body")]);
                steps.push(sx::stmt(sx::try_(send)));
            }
            Encoding::Multipart => steps.extend(multipart(cx, b)),
        }
    }
    steps.push(sx::tail(sx::call(var("Ok"), vec![var("p")])));
    steps
}

/// One part per body field: files as file parts, scalars as text parts.
fn multipart(cx: &Ctx, b: &Body) -> Vec<Stmt> {
    let fields = cx.struct_fields(b.ty);
    fields
        .iter()
        .map(|f| {
            let method = if f.ty == Ty::File {
                "multipart_file"
            } else {
                "multipart_text"
            };
            let value = sx::field(sx::field(var("self"), ident("body")), ident(&f.ident));
            let add = |value: Expr| {
                sx::stmt(sx::method(
                    var("p"),
                    method,
                    vec![sx::lit_str(&f.wire), value],
                ))
            };
            if f.required {
                add(sx::reference(value))
            } else {
                let inner = vec![add(var("value"))];
                sx::tail(sx::if_let_some("value", sx::reference(value), inner))
            }
        })
        .collect()
}

/// What the operation replies with: its response type, or `()`.
pub fn response_type(cx: &Ctx, op: &Operation) -> syn::Type {
    match &op.response.ty {
        Some(t) => cx.rust_type(t),
        None => sx::unit_type(),
    }
}

/// `::meeting_api_client::vendor::Method::Post`.
pub fn method_expr(cx: &Ctx, op: &Operation) -> Expr {
    let name = heck::ToUpperCamelCase::to_upper_camel_case(op.method.as_str());
    sx::expr_path(cx.path(Rt::Method, &[&name]))
}
