//! Requests, the operation table, examples and the client: what talks to the wire.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Expr, Stmt};

use super::syntax::{self as sx, var};
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

fn method_name(op: &Operation) -> String {
    heck::ToUpperCamelCase::to_upper_camel_case(op.method.as_str())
}

/// `::meeting_api_client::Method::Post`.
fn method_expr(cx: &Ctx, op: &Operation) -> Expr {
    sx::expr_path(cx.runtime_path(&["Method", &method_name(op)]))
}

/// `OPERATIONS`: one descriptor per endpoint, in spec order.
pub fn operation_table(cx: &Ctx, v: &Vendor) -> syn::Item {
    let rt = &cx.runtime;
    let mut table: syn::ItemConst = syn::parse_quote! {
        /// Every operation of this vendor, in document order.
        pub const OPERATIONS: &[#rt::OperationInfo] = &[];
    };
    if let Expr::Reference(r) = table.expr.as_mut() {
        if let Expr::Array(array) = r.expr.as_mut() {
            array.elems = v
                .operations
                .iter()
                .map(|op| operation_info(cx, op))
                .collect();
        }
    }
    syn::Item::Const(table)
}

/// One `OperationInfo { .. }`.
fn operation_info(cx: &Ctx, op: &Operation) -> Expr {
    let opt = |x: Option<Expr>| x.map_or_else(|| var("None"), sx::some);
    use proc_macro2::Literal as L;
    let flag = |b: bool| sx::lit(syn::Lit::Bool(syn::LitBool::new(b, Span::call_site())));
    // The spec's name (`match`, `self`), not the method's (`r#match`, `self_`).
    let name = crate::naming::unescape(&op.name);
    let title = op.title.clone().unwrap_or_default();
    let fields = [
        ("name", sx::lit_str(name)),
        ("title", sx::lit_str(&title)),
        ("method", method_expr(cx, op)),
        ("path", sx::lit_str(&op.path)),
        (
            "min_api_level",
            opt(op.min_api_level.map(|l| sx::lit_token(L::u32_suffixed(l)))),
        ),
        (
            "method_override",
            opt(op.method_override.as_deref().map(sx::lit_str)),
        ),
        (
            "success_status",
            opt(op
                .response
                .status
                .map(|s| sx::lit_token(L::u16_suffixed(s)))),
        ),
        ("response_body", flag(op.response.ty.is_some())),
    ];
    sx::struct_lit(
        cx.runtime_path(&["OperationInfo"]),
        fields
            .into_iter()
            .map(|(f, e)| (ident(f), Some(e)))
            .collect(),
    )
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
        None => sx::unit_type(),
    };
    let mut items = vec![struct_decl(cx, &paragraphs, &name, &all)];
    items.extend(serde_impls(cx, &name, &all));
    items.push(constructor(cx, &name, &all, all_optional));
    items.push(impl_validate(cx, &name, fields, body_field, &op.rules));
    let api = cx.skeletons.api_request(&name, response, index, parts);
    items.push(syn::Item::Impl(api));
    items
}

/// The body of `to_parts`: path, query, headers and body onto `RequestParts`.
fn to_parts(cx: &Ctx, op: &Operation) -> Vec<Stmt> {
    let this = |id: &str| sx::reference(sx::field(var("self"), ident(id)));
    let call = |method: &str, args: Vec<Expr>| sx::method(var("p"), method, args);
    let new = sx::expr_path(cx.runtime_path(&["RequestParts", "new"]));
    let mut steps = vec![sx::let_mut("p", sx::call(new, vec![method_expr(cx, op)]))];
    for seg in &op.segments {
        steps.push(sx::stmt(match seg {
            PathSegment::Literal(s) => call("path", vec![sx::lit_str(s)]),
            PathSegment::Param(f) => call("path_param", vec![this(&f.ident)]),
        }));
    }
    let params = op.query.iter().map(|f| (f, "query"));
    for (f, method) in params.chain(op.headers.iter().map(|f| (f, "header"))) {
        let one = |value: Expr| match &f.ty {
            Ty::Array(_) => {
                let add = call(method, vec![sx::lit_str(&f.wire), var("item")]);
                sx::tail(sx::for_in("item", value, vec![sx::stmt(add)]))
            }
            _ => sx::stmt(call(method, vec![sx::lit_str(&f.wire), value])),
        };
        steps.push(if f.required {
            one(this(&f.ident))
        } else {
            sx::tail(sx::if_let_some(
                "value",
                this(&f.ident),
                vec![one(var("value"))],
            ))
        });
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
    let fields = cx.struct_fields(&b.ty);
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
pub fn client(cx: &Ctx, v: &Vendor) -> Vec<syn::Item> {
    let rt = &cx.runtime;
    let creds = format_ident!("{}", v.auth.credentials_type());
    let methods: Vec<syn::ImplItem> = v
        .operations
        .iter()
        .flat_map(|op| client_methods(cx, op))
        .collect();
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
    let client = quote! {
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
        }
        impl #rt::FromCore for Client {
            fn from_core(core: #rt::Core) -> Self {
                Client { core }
            }
        }
        #(#paging_impls)*
    };
    let mut items = sx::parse_items(client);
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
/// `<operation>_all` for a paged one.
fn client_methods(cx: &Ctx, op: &Operation) -> Vec<syn::ImplItem> {
    let rt = &cx.runtime;
    let req = ident(&op.request_type());
    let response = match &op.response.ty {
        Some(t) => super::types::rust_type(cx, t),
        None => sx::unit_type(),
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
    let request = sx::param(
        "request",
        sx::ref_type(sx::ty(syn::Path::from(req.clone()))),
    );
    let output = sx::ty(sx::generic_path_args(
        "Result",
        vec![response, sx::ty(cx.runtime_path(&["Error"]))],
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
    if let Some(pg) = &op.paging {
        if let Ty::Array(item) = &pg.items.ty {
            let all_name = format_ident!("{}_all", op.name);
            let item = super::types::rust_type(cx, item);
            let doc = format!(
                " Walks every page of [`Client::{}`], `page_size` items at a time, and returns all items.",
                super::unraw(&op.name)
            );
            methods.push(syn::parse_quote! {
                #[doc = #doc]
                pub async fn #all_name(&self, request: &#req, page_size: i64) -> Result<Vec<#item>, #rt::Error> {
                    self.core.collect_pages(request, page_size).await
                }
            });
        }
    }
    methods
}
