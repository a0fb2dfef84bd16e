//! Paged operations: `impl Paged` for the request (how it asks for a page,
//! how a reply splits into items and what it says about the rest), and the
//! client's walkers of every page: `<op>_pages`, `<op>_items`, `<op>_all`.
//!
//! Every style is one walk in the runtime; a style only changes which
//! parameter a page sets and which reply fields are read. Written with
//! `quote!` and parsed: only the few operations the spec marks as paged have
//! them, and the template reads like the code it produces.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::{ident, unraw, Ctx, Rt};
use crate::model::{Field, Operation, Paging, PagingStyle, Ty};

/// `impl Paged for <Op>Request`; `None` when the operation is not paged.
pub fn impl_paged(cx: &Ctx, op: &Operation) -> Option<TokenStream> {
    let pg = op.paging.as_ref()?;
    let Ty::Array(item) = &pg.items.ty else {
        return None;
    };
    let (paged, page_at) = (cx.tokens(Rt::Paged), cx.tokens(Rt::PageAt));
    let req = ident(&op.request_type());
    let item = cx.rust_type(item);
    let style = style_const(cx, &pg.style);
    let set_at = match &pg.style {
        PagingStyle::Offset { start } => {
            let set = assign(start, quote! { *value });
            quote! { if let #page_at::Offset(value) = at { #set } }
        }
        PagingStyle::Page { page, .. } => {
            let set = assign(page, quote! { *value });
            quote! { if let #page_at::Number(value) = at { #set } }
        }
        PagingStyle::Token { request, .. } => {
            let (variant, value) = token_variant(cx, request);
            let set = assign(request, value);
            quote! { if let #page_at::Token(Some(#variant(value))) = at { #set } }
        }
    };
    let (size_arg, set_size) = match &pg.size {
        Some(size) => {
            let set = assign(size, quote! { size });
            (
                quote! { size },
                quote! { if let Some(size) = size { #set } },
            )
        }
        None => (quote! { _size }, quote! {}),
    };
    let token = token_fn(cx, &pg.style);
    let split = split_fn(cx, pg);
    Some(quote! {
        impl #paged for #req {
            type Item = #item;
            const STYLE: #style;
            fn page(&self, at: &#page_at, #size_arg: Option<i64>) -> Self {
                let mut next = self.clone();
                #set_at
                #set_size
                next
            }
            #token
            #split
        }
    })
}

/// `= PagingStyle::...` with its type, as the const item needs it.
fn style_const(cx: &Ctx, style: &PagingStyle) -> TokenStream {
    let ty = cx.tokens(Rt::PagingStyle);
    let value = match style {
        PagingStyle::Offset { .. } => quote! { #ty::Offset },
        PagingStyle::Page { first, .. } => quote! { #ty::Page { first: #first } },
        PagingStyle::Token { .. } => quote! { #ty::Token },
    };
    quote! { #ty = #value }
}

/// `next.<field> = value;`, wrapped in `Some` for an optional field.
fn assign(f: &Field, value: TokenStream) -> TokenStream {
    let id = ident(&f.ident);
    if f.required {
        quote! { next.#id = #value; }
    } else {
        quote! { next.#id = Some(#value); }
    }
}

/// The `Token` variant of a token field, and the value it holds as the field
/// takes it.
fn token_variant(cx: &Ctx, f: &Field) -> (TokenStream, TokenStream) {
    let token = cx.tokens(Rt::Token);
    match f.ty {
        Ty::Integer => (quote! { #token::Int }, quote! { *value }),
        _ => (quote! { #token::Text }, quote! { value.clone() }),
    }
}

/// `fn token(&self)` for the token style: the token the request sends as it
/// stands; nothing for the others (the trait's default).
fn token_fn(cx: &Ctx, style: &PagingStyle) -> TokenStream {
    let PagingStyle::Token { request, .. } = style else {
        return quote! {};
    };
    let token = cx.tokens(Rt::Token);
    let value = read_token(cx, quote! { self }, request, true);
    quote! {
        fn token(&self) -> Option<#token> {
            #value
        }
    }
}

/// `fn split`: the reply's items and each end signal the spec names.
fn split_fn(cx: &Ctx, pg: &Paging) -> TokenStream {
    let page = cx.tokens(Rt::Page);
    let response = quote! { response };
    let items = ident(&pg.items.ident);
    let items = if pg.items.required {
        quote! { response.#items }
    } else {
        quote! { response.#items.unwrap_or_default() }
    };
    let signal = |f: &Option<Field>| match f {
        Some(f) => read(response.clone(), f),
        None => quote! { None },
    };
    let (total, total_pages) = (signal(&pg.total), signal(&pg.total_pages));
    let (remaining, has_more) = (signal(&pg.remaining), signal(&pg.has_more));
    let next = match &pg.style {
        PagingStyle::Token { reply, .. } => read_token(cx, response.clone(), reply, false),
        _ => quote! { None },
    };
    quote! {
        fn split(response: Self::Response) -> #page<Self::Item> {
            #page {
                total: #total,
                total_pages: #total_pages,
                remaining: #remaining,
                has_more: #has_more,
                next: #next,
                items: #items,
            }
        }
    }
}

/// `owner.<field>` as an `Option` (a reply's end signal).
fn read(owner: TokenStream, f: &Field) -> TokenStream {
    let id = ident(&f.ident);
    if f.required {
        quote! { Some(#owner.#id) }
    } else {
        quote! { #owner.#id }
    }
}

/// `owner.<field>` as an `Option<Token>`, cloned when `borrowed` and text.
fn read_token(cx: &Ctx, owner: TokenStream, f: &Field, borrowed: bool) -> TokenStream {
    let id = ident(&f.ident);
    let (variant, _) = token_variant(cx, f);
    let value = if borrowed && f.ty != Ty::Integer {
        quote! { #owner.#id.clone() }
    } else {
        quote! { #owner.#id }
    };
    if f.required {
        quote! { Some(#variant(#value)) }
    } else {
        quote! { #value.map(#variant) }
    }
}

/// The client's walkers of a paged operation: `<op>_pages` (a stream of
/// pages), `<op>_items` (a stream of items) and `<op>_all` (every item);
/// nothing when the operation is not paged.
pub fn walkers(cx: &Ctx, op: &Operation) -> Vec<syn::ImplItem> {
    let Some(pg) = op.paging.as_ref() else {
        return Vec::new();
    };
    let Ty::Array(item) = &pg.items.ty else {
        return Vec::new();
    };
    let (error, pages, items) = (
        cx.tokens(Rt::Error),
        cx.tokens(Rt::Pages),
        cx.tokens(Rt::Items),
    );
    let req = ident(&op.request_type());
    let item = cx.rust_type(item);
    let names = ["pages", "items", "all"].map(|s| format_ident!("{}_{s}", op.name));
    let [pages_fn, items_fn, all_fn] = &names;
    let op_name = unraw(&op.name);
    let (param, size, per_page, all) = match &pg.size {
        Some(_) => (
            quote! { , page_size: i64 },
            quote! { Some(page_size) },
            " (`page_size` items a page)",
            quote! { self.core.collect_pages(request, page_size) },
        ),
        None => (
            quote! {},
            quote! { None },
            "",
            quote! { self.core.pages(request, None).collect_items() },
        ),
    };
    let pages_doc = format!(" The pages of [`Client::{op_name}`]{per_page}, one call each: a stream that ends after the last page or at the first error.");
    let items_doc = format!(" The items of [`Client::{op_name}`]{per_page}, page after page: a stream that ends after the last item or at the first error.");
    let all_doc =
        format!(" Every item of [`Client::{op_name}`]{per_page}, from the first page to the last.");
    let items: syn::ItemImpl = syn::parse_quote! {
        impl Client {
            #[doc = #pages_doc]
            pub fn #pages_fn(&self, request: &#req #param) -> #pages<'_, #item> {
                self.core.pages(request, #size)
            }
            #[doc = #items_doc]
            pub fn #items_fn(&self, request: &#req #param) -> #items<'_, #item> {
                self.core.pages(request, #size).items()
            }
            #[doc = #all_doc]
            pub async fn #all_fn(&self, request: &#req #param) -> Result<Vec<#item>, #error> {
                #all.await
            }
        }
    };
    items.items
}
