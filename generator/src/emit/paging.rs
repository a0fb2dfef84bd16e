//! Paged operations: `impl Paged` for the request, and the client method that
//! walks every page.
//!
//! Written with `quote!` and parsed: only the few operations the spec marks
//! as paged have them, and the template reads like the code it produces.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::{ident, unraw, Ctx, Rt};
use crate::model::{Field, Operation, Ty};

/// `impl Paged for <Op>Request`: how to ask for a page and split a reply into
/// total and items; `None` when the operation is not paged.
pub fn impl_paged(cx: &Ctx, op: &Operation) -> Option<TokenStream> {
    let pg = op.paging.as_ref()?;
    let Ty::Array(item) = &pg.items.ty else {
        return None;
    };
    let paged = cx.tokens(Rt::Paged);
    let req = ident(&op.request_type());
    let item = cx.rust_type(item);
    let set = |f: &Field, value: TokenStream| {
        let id = ident(&f.ident);
        if f.required {
            quote! { next.#id = #value; }
        } else {
            quote! { next.#id = Some(#value); }
        }
    };
    let set_start = set(&pg.start, quote! { start });
    let set_count = set(&pg.count, quote! { count });
    let (total, items) = (ident(&pg.total.ident), ident(&pg.items.ident));
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
        impl #paged for #req {
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
}

/// `Client::<operation>_all`, which collects every page; `None` when the
/// operation is not paged.
pub fn walk_all(cx: &Ctx, op: &Operation) -> Option<syn::ImplItem> {
    let pg = op.paging.as_ref()?;
    let Ty::Array(item) = &pg.items.ty else {
        return None;
    };
    let error = cx.tokens(Rt::Error);
    let req = ident(&op.request_type());
    let all_name = format_ident!("{}_all", op.name);
    let item = cx.rust_type(item);
    let doc = format!(
        " Walks every page of [`Client::{}`], `page_size` items at a time, and returns all items.",
        unraw(&op.name)
    );
    Some(syn::parse_quote! {
        #[doc = #doc]
        pub async fn #all_name(&self, request: &#req, page_size: i64) -> Result<Vec<#item>, #error> {
            self.core.collect_pages(request, page_size).await
        }
    })
}
