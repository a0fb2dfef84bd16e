//! `Debug` for structs holding a secret (`sensitive: true`): the derive would
//! print the secret into logs and panics, so these structs get a written impl
//! that shows `***` in its place and every other field as the derive would.
//!
//! Written with `quote!` and parsed: few structs hold a secret, so the cost of
//! parsing does not grow with the size of a spec.

use quote::quote;
use syn::{parse_quote, Attribute, Item};

use super::context::quoted::parse_items;
use super::context::unraw;
use crate::model::Field;

/// Whether the struct holding `fields` needs the redacting impl instead of
/// the derive.
pub fn holds_secret(fields: &[Field]) -> bool {
    fields.iter().any(|f| f.sensitive)
}

/// The derives of a struct holding a secret: the usual ones but `Debug`.
pub fn derives_without_debug(derives_default: bool) -> Attribute {
    if derives_default {
        parse_quote!(#[derive(Clone, PartialEq, Default)])
    } else {
        parse_quote!(#[derive(Clone, PartialEq)])
    }
}

/// `impl Debug for <name>`, in the derive's shape, secrets shown as `***`
/// (`Some(***)` when optional and set).
pub fn redacting_debug(name: &syn::Ident, fields: &[Field]) -> Vec<Item> {
    let shown = unraw(&name.to_string()).to_string();
    let entries = fields.iter().map(|f| {
        let id = super::context::ident(&f.ident);
        let label = unraw(&f.ident);
        // An absent optional secret shows `None`: whether it is set is not
        // the secret, and a reader debugging a request needs to know.
        if f.sensitive && f.required {
            quote! { .field(#label, &::core::format_args!("***")) }
        } else if f.sensitive {
            quote! {
                .field(#label, &self.#id.as_ref().map(|_| ::core::format_args!("***")))
            }
        } else {
            quote! { .field(#label, &self.#id) }
        }
    });
    parse_items(quote! {
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#shown) #(#entries)* .finish()
            }
        }
    })
}
