//! The shells every generated struct has, parsed once and copied per struct.
//!
//! Per-struct items are built one way: the fixed text of the item is one of
//! these shells, written with `quote!` and parsed once per thread, and the
//! per-field parts are syntax nodes (see [`super::syntax`]) put inside it.
//!
//! A struct's declaration and its `Validate` and (for requests) `ApiRequest`
//! impls differ from one struct to the next only in the struct's name and in
//! what the emitters put inside them (its serde impls are one runtime macro
//! call, see `types.rs`). Parsing those shells per struct was a fifth of
//! generation time; each thread parses them once, with a placeholder name, and
//! [`Shells`] hands out copies carrying the real one.

use quote::{format_ident, quote};
use syn::{parse_quote, ImplItem, ItemImpl, ItemStruct, Stmt, Type};

use super::runtime::{Rt, Runtime};
use super::syntax as sx;

/// Shells for one runtime path; index 0 is the variant for a struct without
/// checks (the unused parameter named `_v`), 1 the one with checks.
pub struct Shells {
    validate: [ItemImpl; 2],
    /// Index 1 also derives `Default` (every field optional).
    decl: [ItemStruct; 2],
    /// `impl ApiRequest`: response type, operation and body filled per request.
    api_request: ItemImpl,
}

impl Shells {
    /// The shells naming the runtime at `rt`.
    pub fn new(rt: &Runtime) -> Shells {
        let name = format_ident!("{PLACEHOLDER}");
        let (validate, validator) = (rt.tokens(Rt::Validate), rt.tokens(Rt::Validator));
        let (api_request, operation_info) =
            (rt.tokens(Rt::ApiRequest), rt.tokens(Rt::OperationInfo));
        let parts = rt.tokens(Rt::Parts);
        let validate_shell = |v: &str| -> ItemImpl {
            let v = format_ident!("{v}");
            parse_quote! {
                impl #validate for #name {
                    fn validate_into(&self, #v: &mut #validator) {}
                }
            }
        };
        let decl = |default: proc_macro2::TokenStream| -> ItemStruct {
            parse_quote! {
                #[derive(Debug, Clone, PartialEq, #default)]
                pub struct #name {}
            }
        };
        let api_request_shell = parse_quote! {
            impl #api_request for #name {
                type Response = ();
                fn operation(&self) -> &'static #operation_info {}
                fn to_parts(&self) -> #parts {}
            }
        };
        Shells {
            api_request: api_request_shell,
            validate: [validate_shell("_v"), validate_shell("v")],
            decl: [decl(quote! {}), decl(quote! { Default, })],
        }
    }

    /// `impl Validate for <name>` whose `validate_into` is empty.
    pub fn validate(&self, name: &syn::Ident, has_checks: bool) -> ItemImpl {
        named(&self.validate[usize::from(has_checks)], name)
    }

    /// `impl ApiRequest for <name>` with its response type, `operation()`
    /// returning `&OPERATIONS[index]`, and `to_parts` running `parts`.
    pub fn api_request(
        &self,
        name: &syn::Ident,
        response: Type,
        index: usize,
        parts: Vec<Stmt>,
    ) -> ItemImpl {
        let mut item = named(&self.api_request, name);
        let (mut response, mut parts) = (Some(response), Some(parts));
        for member in item.items.iter_mut() {
            match member {
                ImplItem::Type(t) => {
                    if let Some(response) = response.take() {
                        t.ty = response;
                    }
                }
                ImplItem::Fn(f) if f.sig.ident == "operation" => {
                    let entry = syn::Expr::Index(syn::ExprIndex {
                        attrs: Vec::new(),
                        expr: Box::new(sx::var("OPERATIONS")),
                        bracket_token: sx::bracket(),
                        index: Box::new(sx::lit_token(proc_macro2::Literal::usize_unsuffixed(
                            index,
                        ))),
                    });
                    f.block.stmts = vec![sx::tail(sx::reference(entry))];
                }
                ImplItem::Fn(f) => f.block.stmts = parts.take().unwrap_or_default(),
                _ => {}
            }
        }
        item
    }

    /// `#[derive(...)] pub struct <name> {}`.
    pub fn decl(&self, name: &syn::Ident, derives_default: bool) -> ItemStruct {
        let mut decl = self.decl[usize::from(derives_default)].clone();
        decl.ident = name.clone();
        decl
    }
}

/// The body of the impl's first method (the `Validate` shell).
pub fn method_body(item: &mut ItemImpl) -> Option<&mut Vec<Stmt>> {
    match item.items.first_mut()? {
        ImplItem::Fn(method) => Some(&mut method.block.stmts),
        _ => None,
    }
}

/// The name the shells are parsed with.
const PLACEHOLDER: &str = "__Struct";

/// A copy of `template` for the struct `name`: the placeholder is replaced in
/// the impl's type, the only place the shells name the struct.
fn named(template: &ItemImpl, name: &syn::Ident) -> ItemImpl {
    let mut item = template.clone();
    *item.self_ty = sx::ty(syn::Path::from(name.clone()));
    item
}
