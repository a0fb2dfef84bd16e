//! The vendor's description of itself (`VENDOR`, `ERROR_CATALOGUE`,
//! `OPERATIONS`) and its `Client`.
//!
//! Items that exist once per vendor are written with `quote!` and parsed:
//! they read like the code they produce and cost nothing at scale. What is
//! repeated per operation (a row of `OPERATIONS`, a client method) is built as
//! syntax nodes and put into those items, so a vendor of thousands of
//! operations is never re-parsed from tokens.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Expr;

use super::context::quoted;
use super::context::syntax::{self as sx, var};
use super::context::{ident, Ctx, Rt};
use super::docs;
use super::paging;
use super::requests::{method_expr, response_type};
use crate::model::{Literal, Operation, TypeId, Vendor};

/// The vendor module's first items: `Client` with its impls.
pub fn items(cx: &Ctx, v: &Vendor) -> Vec<syn::Item> {
    client(cx, v)
}

/// The data the runtime reads, after the types a reader looks for:
/// `VENDOR`, `ERROR_CATALOGUE`, the retry tables and `OPERATIONS`.
pub fn tables(cx: &Ctx, v: &Vendor) -> Vec<syn::Item> {
    let mut items = quoted::parse_items(vendor_info(cx, v));
    items.extend(quoted::parse_items(retry_tables(cx, v)));
    items.push(operation_table(cx, v));
    items
}

/// The vendor description the runtime needs: base URL, auth, error envelope.
fn vendor_info(cx: &Ctx, v: &Vendor) -> TokenStream {
    let (vendor_info, catalogue_entry) = (cx.tokens(Rt::VendorInfo), cx.tokens(Rt::CatalogueEntry));
    let error_envelope = cx.tokens(Rt::ErrorEnvelope);
    let name = &v.name;
    let title = &v.title;
    let base = opt_str(v.base_url.as_deref());
    let api_level = match v.api_level {
        Some(l) => quote! { Some(#l) },
        None => quote! { None },
    };
    let error = match &v.error {
        Some(e) => {
            let (code, message, key, request_id) = (
                opt_str(e.code.as_ref().map(|p| p.wire.as_str())),
                opt_str(e.message.as_ref().map(|p| p.wire.as_str())),
                opt_str(e.key.as_ref().map(|p| p.wire.as_str())),
                opt_str(e.request_id.as_ref().map(|p| p.wire.as_str())),
            );
            let success = match &e.success {
                Some((field, lit)) => {
                    let field = &field.wire;
                    let lit = json_literal(cx, lit);
                    quote! { Some((#field, #lit)) }
                }
                None => quote! { None },
            };
            quote! { #error_envelope { code: #code, message: #message, key: #key, request_id: #request_id, success: #success } }
        }
        None => quote! { #error_envelope::NONE },
    };
    let catalogue = v.catalogue.iter().map(|c| {
        let (key, status, message) = (&c.key, c.status, &c.message);
        quote! { #catalogue_entry { key: #key, status: #status, message: #message } }
    });
    quote! {
        /// This vendor as the runtime sees it: default host, error envelope, catalogue.
        pub const VENDOR: #vendor_info = #vendor_info {
            name: #name,
            title: #title,
            default_base_url: #base,
            api_level: #api_level,
            error: #error,
            catalogue: ERROR_CATALOGUE,
        };
        /// The vendor's documented error keys, with HTTP status and message.
        pub const ERROR_CATALOGUE: &[#catalogue_entry] = &[#(#catalogue),*];
    }
}

/// `RETRY_CODES` and `IDEMPOTENT_OPERATIONS`: what the spec says about
/// retries, as the data `Client::builder()` hands the runtime.
fn retry_tables(cx: &Ctx, v: &Vendor) -> TokenStream {
    let (retry_code, retry_class) = (cx.tokens(Rt::RetryCode), cx.tokens(Rt::RetryClass));
    let codes = v.catalogue.iter().filter_map(|c| {
        let (code, class) = (&c.key, format_ident!("{}", c.retry?.variant()));
        Some(quote! { #retry_code { code: #code, class: #retry_class::#class } })
    });
    let idempotent = v
        .operations
        .iter()
        .filter(|op| op.idempotent)
        .map(|op| &op.spec_name);
    quote! {
        /// The catalogue's error keys the document calls retryable or rate
        /// limits, whatever HTTP status carries them.
        pub const RETRY_CODES: &[#retry_code] = &[#(#codes),*];
        /// Operations the document calls safe to repeat whatever their method.
        pub const IDEMPOTENT_OPERATIONS: &[&str] = &[#(#idempotent),*];
    }
}

fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote! { Some(#s) },
        None => quote! { None },
    }
}

fn json_literal(cx: &Ctx, l: &Literal) -> TokenStream {
    let scalar = cx.tokens(Rt::JsonScalar);
    match l {
        Literal::Int(i) => quote! { #scalar::Int(#i) },
        Literal::Str(s) => quote! { #scalar::Str(#s) },
        Literal::Bool(b) => quote! { #scalar::Bool(#b) },
        Literal::Float(_) => quote! { #scalar::Null },
    }
}

/// `OPERATIONS`: one descriptor per endpoint, in spec order.
fn operation_table(cx: &Ctx, v: &Vendor) -> syn::Item {
    let info = cx.tokens(Rt::OperationInfo);
    let mut table: syn::ItemConst = syn::parse_quote! {
        /// Every operation of this vendor, in document order.
        pub const OPERATIONS: &[#info] = &[];
    };
    if let Expr::Reference(r) = table.expr.as_mut() {
        if let Expr::Array(array) = r.expr.as_mut() {
            let holders = v.secret_holders();
            array.elems = v
                .operations
                .iter()
                .map(|op| operation_info(cx, op, &holders))
                .collect();
        }
    }
    syn::Item::Const(table)
}

/// One `OperationInfo::new(..)`, with a builder call for each attribute
/// that is not the common case.
fn operation_info(cx: &Ctx, op: &Operation, secret_holders: &HashSet<TypeId>) -> Expr {
    use proc_macro2::Literal as L;
    // The spec's name (`match`, `self`), not the method's (`r#match`, `self_`).
    let title = op.title.clone().unwrap_or_default();
    let new = sx::expr_path(cx.path(Rt::OperationInfo, &["new"]));
    let args = vec![
        sx::lit_str(&op.spec_name),
        sx::lit_str(&title),
        method_expr(cx, op),
        sx::lit_str(&op.path),
    ];
    let mut info = sx::call(new, args);
    if let Some(level) = op.min_api_level {
        info = sx::method(
            info,
            "min_api_level",
            vec![sx::lit_token(L::u32_unsuffixed(level))],
        );
    }
    if let Some(param) = &op.method_override {
        info = sx::method(info, "method_override", vec![sx::lit_str(param)]);
    }
    if let Some(status) = op.response.status {
        info = sx::method(
            info,
            "success_status",
            vec![sx::lit_token(L::u16_unsuffixed(status))],
        );
    }
    match &op.response.ty {
        None => info = sx::method(info, "without_response_body", Vec::new()),
        Some(ty) if ty.struct_id().is_some_and(|t| secret_holders.contains(&t)) => {
            info = sx::method(info, "reply_holds_secrets", Vec::new());
        }
        Some(_) => {}
    }
    info
}

/// `Client`: one async method per operation.
fn client(cx: &Ctx, v: &Vendor) -> Vec<syn::Item> {
    let (core, builder, from_core) = (
        cx.tokens(Rt::Core),
        cx.tokens(Rt::ClientBuilder),
        cx.tokens(Rt::FromCore),
    );
    let creds = cx.path(Rt::Auth, &[v.auth.credentials_type()]);
    let methods: Vec<syn::ImplItem> = v
        .operations
        .iter()
        .flat_map(|op| client_methods(cx, op))
        .collect();
    let title = format!(" Client for {}.", v.title);
    let base = match &v.base_url {
        Some(u) => format!(" Requests go to `{u}` unless the builder sets another base URL."),
        None => " There is no default host: the builder must be given a base URL.".to_string(),
    };
    let builder_doc = format!(
        " Starts a client builder with the vendor's credentials ({}).",
        v.auth.credentials_type()
    );
    let client = quote! {
        #[doc = #title]
        ///
        #[doc = #base]
        #[derive(Debug, Clone)]
        pub struct Client {
            core: #core,
        }
        impl Client {
            #[doc = #builder_doc]
            pub fn builder(credentials: #creds) -> #builder<Client> {
                #builder::new(&VENDOR, credentials.into())
                    .retry_codes(RETRY_CODES)
                    .idempotent_operations(IDEMPOTENT_OPERATIONS)
            }
            /// The shared transport, for calls the spec does not describe.
            pub fn core(&self) -> &#core {
                &self.core
            }
        }
        impl #from_core for Client {
            fn from_core(core: #core) -> Self {
                Client { core }
            }
        }
    };
    let mut items = quoted::parse_items(client);
    let inherent = items.iter_mut().find_map(|item| match item {
        syn::Item::Impl(i) if i.trait_.is_none() => Some(i),
        _ => None,
    });
    match inherent {
        Some(inherent) => inherent.items.extend(methods),
        // Only if the shell above did not parse (it became a compile_error!):
        // the methods still reach the output.
        None => {
            let mut inherent = sx::inherent_impl(&ident("Client"));
            inherent.items = methods;
            items.push(syn::Item::Impl(inherent));
        }
    }
    items
}

/// `pub async fn <operation>(&self, request) -> Result<Response, Error>`, and
/// the walkers of a paged one (`<operation>_pages`, `_items`, `_all`).
fn client_methods(cx: &Ctx, op: &Operation) -> Vec<syn::ImplItem> {
    let req = ident(&op.request_type());
    let response = response_type(cx, op);
    let mut p = Vec::new();
    if let Some(t) = &op.title {
        p.push(format!("{t} — `{} {}`", op.method.as_str(), op.path));
    }
    p.extend(op.doc.text.clone());
    if let Some(l) = op.min_api_level {
        p.push(format!("Minimum API level: {l} (最低支持版本)."));
    }
    if let Some(m) = &op.method_override {
        p.push(format!(
            "Can be sent as POST with `{m}={}` (see the client builder).",
            op.method.as_str()
        ));
    }
    if let Some(d) = &op.response.doc {
        p.push(format!("Reply: {d}"));
    }
    if let Some(n) = &op.doc.note {
        p.push(format!("Note on the source document: {n}"));
    }
    if let Some(s) = &op.source {
        p.push(format!("Source: {}.", docs::prose(&s.to_string())));
    }
    let request = sx::param(
        "request",
        sx::ref_type(sx::ty(syn::Path::from(req.clone()))),
    );
    let output = sx::ty(sx::generic_path_args(
        "Result",
        vec![response, sx::ty(cx.path(Rt::Error, &[]))],
    ));
    let mut send = sx::method_fn(
        &op.name,
        docs::attr_nodes(&p),
        vec![sx::receiver_ref(), request],
        output,
    );
    send.sig.asyncness = Some(Default::default());
    let core = sx::field(var("self"), ident("core"));
    let call = sx::method(core, "send", vec![var("request")]);
    send.block.stmts = vec![sx::tail(sx::await_(call))];
    let mut methods = vec![syn::ImplItem::Fn(send)];
    methods.extend(paging::walkers(cx, op));
    methods
}
