//! Requests, the operation table, examples and the client: what talks to the wire.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

use super::types::{constructor, serde_impls, struct_decl};
use super::validate::impl_validate;
use super::{docs, ident, Ctx};
use crate::model::{
    Auth, Body, Encoding, ExampleKind, Field, Literal, Operation, PathSegment, Ty, Vendor,
};

/// The vendor description the runtime needs: base URL, auth, error envelope.
pub fn vendor_info(cx: &Ctx, v: &Vendor) -> TokenStream {
    let rt = &cx.runtime;
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
                opt_str(e.code.as_deref()),
                opt_str(e.message.as_deref()),
                opt_str(e.key.as_deref()),
                opt_str(e.request_id.as_deref()),
            );
            let success = match &e.success {
                Some((field, lit)) => {
                    let lit = json_literal(cx, lit);
                    quote! { Some((#field, #lit)) }
                }
                None => quote! { None },
            };
            quote! { #rt::ErrorEnvelope { code: #code, message: #message, key: #key, request_id: #request_id, success: #success } }
        }
        None => quote! { #rt::ErrorEnvelope::NONE },
    };
    let catalogue = v.catalogue.iter().map(|c| {
        let (key, status, message) = (&c.key, c.status, &c.message);
        quote! { #rt::CatalogueEntry { key: #key, status: #status, message: #message } }
    });
    quote! {
        /// This vendor as the runtime sees it: default host, error envelope, catalogue.
        pub const VENDOR: #rt::VendorInfo = #rt::VendorInfo {
            name: #name,
            title: #title,
            default_base_url: #base,
            api_level: #api_level,
            error: #error,
            catalogue: ERROR_CATALOGUE,
        };
        /// The vendor's documented error keys, with HTTP status and message.
        pub const ERROR_CATALOGUE: &[#rt::CatalogueEntry] = &[#(#catalogue),*];
    }
}

fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote! { Some(#s) },
        None => quote! { None },
    }
}

fn json_literal(cx: &Ctx, l: &Literal) -> TokenStream {
    let rt = &cx.runtime;
    match l {
        Literal::Int(i) => quote! { #rt::JsonScalar::Int(#i) },
        Literal::Str(s) => quote! { #rt::JsonScalar::Str(#s) },
        Literal::Bool(b) => quote! { #rt::JsonScalar::Bool(#b) },
        Literal::Float(_) => quote! { #rt::JsonScalar::Null },
    }
}

fn method_tokens(cx: &Ctx, op: &Operation) -> TokenStream {
    let rt = &cx.runtime;
    let m = format_ident!(
        "{}",
        heck::ToUpperCamelCase::to_upper_camel_case(op.method.as_str())
    );
    quote! { #rt::Method::#m }
}

/// `OPERATIONS`: one descriptor per endpoint, in spec order.
pub fn operation_table(cx: &Ctx, v: &Vendor) -> TokenStream {
    let rt = &cx.runtime;
    let entries = v.operations.iter().map(|op| {
        // The spec's name (`match`, `self`), not the method's (`r#match`, `self_`).
        let name = crate::naming::unescape(&op.name);
        let title = op.title.clone().unwrap_or_default();
        let method = method_tokens(cx, op);
        let path = &op.path;
        let level = match op.min_api_level {
            Some(l) => quote! { Some(#l) },
            None => quote! { None },
        };
        let over = opt_str(op.method_override.as_deref());
        let status = match op.response.status {
            Some(s) => quote! { Some(#s) },
            None => quote! { None },
        };
        let has_body = op.response.ty.is_some();
        quote! {
            #rt::OperationInfo {
                name: #name, title: #title, method: #method, path: #path,
                min_api_level: #level, method_override: #over,
                success_status: #status, response_body: #has_body,
            }
        }
    });
    quote! {
        /// Every operation of this vendor, in document order.
        pub const OPERATIONS: &[#rt::OperationInfo] = &[#(#entries),*];
    }
}

/// `<Op>Request`: path, query and header parameters plus the body.
pub fn request(cx: &Ctx, index: usize, op: &Operation) -> Vec<syn::Item> {
    let name = ident(&op.request_type());
    let all = op.request_fields();
    let (fields, body_field) = match op.body {
        Some(_) => (&all[..all.len() - 1], all.last()),
        None => (&all[..], None),
    };
    let mut paragraphs = vec![format!(
        "Request of [`Client::{}`].",
        super::unraw(&op.name)
    )];
    paragraphs.extend(
        op.title
            .iter()
            .map(|t| format!("{t}: `{} {}`", op.method.as_str(), op.path)),
    );
    let all_optional = all.iter().all(|f| !f.required);
    let parts = to_parts(cx, op);
    let response = match &op.response.ty {
        Some(t) => super::types::rust_type(cx, t),
        None => syn::Type::Tuple(syn::TypeTuple {
            paren_token: Default::default(),
            elems: Default::default(),
        }),
    };
    let mut items = vec![struct_decl(cx, &paragraphs, &name, &all)];
    items.extend(serde_impls(cx, &name, &all));
    items.push(constructor(cx, &name, &all, all_optional));
    items.push(impl_validate(cx, &name, fields, body_field, &op.rules));
    let parts = super::syntax::parse_stmts(parts);
    let api = cx.skeletons.api_request(&name, response, index, parts);
    items.push(syn::Item::Impl(api));
    items
}

/// The body of `to_parts`: path, query, headers and body onto `RequestParts`.
fn to_parts(cx: &Ctx, op: &Operation) -> TokenStream {
    let rt = &cx.runtime;
    let mut steps = Vec::new();
    for seg in &op.segments {
        steps.push(match seg {
            PathSegment::Literal(s) => quote! { p.path(#s); },
            PathSegment::Param(f) => {
                let id = ident(&f.ident);
                quote! { p.path_param(&self.#id); }
            }
        });
    }
    for (f, call) in op
        .query
        .iter()
        .map(|f| (f, quote! { query }))
        .chain(op.headers.iter().map(|f| (f, quote! { header })))
    {
        let id = ident(&f.ident);
        let wire = &f.wire;
        let one = |value: TokenStream| match &f.ty {
            Ty::Array(_) => quote! { for item in #value { p.#call(#wire, item); } },
            _ => quote! { p.#call(#wire, #value); },
        };
        steps.push(if f.required {
            one(quote! { &self.#id })
        } else {
            let inner = one(quote! { value });
            quote! { if let Some(value) = &self.#id { #inner } }
        });
    }
    if let Some(b) = &op.body {
        steps.push(match b.encoding {
            Encoding::Json => quote! { p.json_body(&self.body)?; },
            Encoding::FormJson => {
                let field = b.form_field.clone().unwrap_or_default();
                quote! { p.form_json_body(#field, &self.body)?; }
            }
            Encoding::Multipart => multipart(cx, op, b),
        });
    }
    let method = method_tokens(cx, op);
    quote! {
        let mut p = #rt::RequestParts::new(#method);
        #(#steps)*
        Ok(p)
    }
}

/// One part per body field: files as file parts, scalars as text parts.
fn multipart(cx: &Ctx, op: &Operation, b: &Body) -> TokenStream {
    let _ = op;
    let fields = cx.struct_fields(&b.ty);
    let parts = fields.iter().map(|f| {
        let id = ident(&f.ident);
        let wire = &f.wire;
        let call = if f.ty == Ty::File {
            quote! { multipart_file }
        } else {
            quote! { multipart_text }
        };
        if f.required {
            quote! { p.#call(#wire, &self.body.#id); }
        } else {
            quote! { if let Some(value) = &self.body.#id { p.#call(#wire, value); } }
        }
    });
    quote! { #(#parts)* }
}

/// `EXAMPLES` and the functions that check them against the generated types.
pub fn examples(cx: &Ctx, v: &Vendor) -> TokenStream {
    let rt = &cx.runtime;
    let mut entries = Vec::new();
    let mut arms = Vec::new();
    for op in &v.operations {
        for ex in &op.examples {
            let (opname, name) = (
                crate::naming::unescape(&op.name),
                ex.name.clone().unwrap_or_default(),
            );
            let json = &ex.json;
            let kind = match ex.kind {
                ExampleKind::Request => quote! { Request },
                ExampleKind::RequestLine => quote! { RequestLine },
                ExampleKind::Response => quote! { Response },
                ExampleKind::Error => quote! { Error },
            };
            entries.push(quote! { #rt::Example { operation: #opname, name: #name, kind: #rt::ExampleKind::#kind, json: #json } });
        }
        if let Some(b) = &op.body {
            let (opname, t) = (crate::naming::unescape(&op.name), ident(&b.ty));
            arms.push(quote! { (#opname, #rt::ExampleKind::Request) => Some(#rt::roundtrip::<#t>(example.json)), });
        }
        if let Some(t) = &op.response.ty {
            let (opname, t) = (
                crate::naming::unescape(&op.name),
                super::types::rust_type(cx, t),
            );
            arms.push(quote! { (#opname, #rt::ExampleKind::Response) => Some(#rt::roundtrip::<#t>(example.json)), });
        }
    }
    if let Some(e) = &v.error {
        let t = ident(&e.ty);
        arms.push(
            quote! { (_, #rt::ExampleKind::Error) => Some(#rt::roundtrip::<#t>(example.json)), },
        );
    }
    let validate_arms = v.operations.iter().map(|op| {
        let (opname, t) = (crate::naming::unescape(&op.name), ident(&op.request_type()));
        quote! { #opname => Some(#rt::validate_json::<#t>(json)), }
    });
    quote! {
        /// The request and reply examples of the source document, verbatim JSON.
        pub const EXAMPLES: &[#rt::Example] = &[#(#entries),*];

        /// Decodes an example into the generated type it documents and encodes it
        /// back; `None` when no type corresponds (a request line).
        pub fn roundtrip_example(example: &#rt::Example) -> Option<Result<#rt::__private::serde_json::Value, #rt::__private::serde_json::Error>> {
            match (example.operation, example.kind) {
                #(#arms)*
                _ => None,
            }
        }

        /// Decodes `json` into the request type of `operation` and validates it;
        /// `None` for an unknown operation.
        pub fn validate_request_json(operation: &str, json: &str) -> Option<Result<Result<(), #rt::validation::Violations>, #rt::__private::serde_json::Error>> {
            match operation {
                #(#validate_arms)*
                _ => None,
            }
        }
    }
}

/// `Client`: one async method per operation.
pub fn client(cx: &Ctx, v: &Vendor) -> TokenStream {
    let rt = &cx.runtime;
    let creds = format_ident!("{}", v.auth.credentials_type());
    let methods = v.operations.iter().map(|op| {
        let name = ident(&op.name);
        let req = ident(&op.request_type());
        let response = match &op.response.ty {
            Some(t) => super::types::rust_type(cx, t).to_token_stream(),
            None => quote! { () },
        };
        let mut p = Vec::new();
        if let Some(t) = &op.title {
            p.push(format!("{t} — `{} {}`", op.method.as_str(), op.path));
        }
        p.extend(op.doc.text.clone());
        if let Some(l) = op.min_api_level {
            p.push(format!("Minimum API level: {l} (最低支持版本)."));
        }
        if let Some(m) = &op.method_override {
            p.push(format!("Can be sent as POST with `{m}={}` (see the client builder).", op.method.as_str()));
        }
        if let Some(d) = &op.response.doc {
            p.push(format!("Reply: {d}"));
        }
        if let Some(n) = &op.doc.note {
            p.push(format!("Note on the source document: {n}"));
        }
        let doc = docs::attrs(&p);
        let paged = op.paging.as_ref().map(|pg| {
            let all_name = format_ident!("{}_all", op.name);
            let Ty::Array(item) = &pg.items.ty else { return quote! {} };
            let item = super::types::rust_type(cx, item);
            let doc = format!(" Walks every page of [`Client::{}`], `page_size` items at a time, and returns all items.", super::unraw(&op.name));
            quote! {
                #[doc = #doc]
                pub async fn #all_name(&self, request: &#req, page_size: i64) -> Result<Vec<#item>, #rt::Error> {
                    self.core.collect_pages(request, page_size).await
                }
            }
        });
        quote! {
            #doc
            pub async fn #name(&self, request: &#req) -> Result<#response, #rt::Error> {
                self.core.send(request).await
            }
            #paged
        }
    });
    let paging_impls = v.operations.iter().filter_map(|op| {
        let pg = op.paging.as_ref()?;
        let req = ident(&op.request_type());
        let Ty::Array(item) = &pg.items.ty else {
            return None;
        };
        let item = super::types::rust_type(cx, item);
        let (start, count) = (ident(&pg.start.ident), ident(&pg.count.ident));
        let (total, items) = (ident(&pg.total.ident), ident(&pg.items.ident));
        let set = |f: &Field, id: &syn::Ident| {
            if f.required {
                quote! { next.#id = #id; }
            } else {
                quote! { next.#id = Some(#id); }
            }
        };
        let (set_start, set_count) = (
            set(&pg.start, &format_ident!("start")),
            set(&pg.count, &format_ident!("count")),
        );
        let _ = (start, count);
        let total_expr = if pg.total.required {
            quote! { Some(response.#total) }
        } else {
            quote! { response.#total }
        };
        let items_expr = if pg.items.required {
            quote! { response.#items }
        } else {
            quote! { response.#items.unwrap_or_default() }
        };
        Some(quote! {
            impl #rt::Paged for #req {
                type Item = #item;
                fn page(&self, start: i64, count: i64) -> Self {
                    let mut next = self.clone();
                    #set_start
                    #set_count
                    next
                }
                fn split(response: Self::Response) -> (Option<i64>, Vec<Self::Item>) {
                    (#total_expr, #items_expr)
                }
            }
        })
    });
    let title = format!(" Client for {}.", v.title);
    let base = match &v.base_url {
        Some(u) => format!(" Requests go to `{u}` unless the builder sets another base URL."),
        None => " There is no default host: the builder must be given a base URL.".to_string(),
    };
    let builder_doc = format!(
        " Starts a client builder with the vendor's credentials ({}).",
        v.auth.credentials_type()
    );
    let no_auth = v.auth == Auth::None;
    let _ = no_auth;
    quote! {
        #[doc = #title]
        ///
        #[doc = #base]
        #[derive(Debug, Clone)]
        pub struct Client {
            core: #rt::Core,
        }
        impl Client {
            #[doc = #builder_doc]
            pub fn builder(credentials: #rt::auth::#creds) -> #rt::ClientBuilder<Client> {
                #rt::ClientBuilder::new(&VENDOR, credentials.into())
            }
            /// The shared transport, for calls the spec does not describe.
            pub fn core(&self) -> &#rt::Core {
                &self.core
            }
            #(#methods)*
        }
        impl #rt::FromCore for Client {
            fn from_core(core: #rt::Core) -> Self {
                Client { core }
            }
        }
        #(#paging_impls)*
    }
}
