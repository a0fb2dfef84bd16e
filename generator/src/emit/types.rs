//! Structs: declaration, serde impls (one runtime macro call), constructor
//! and setters.
//!
//! Built as syntax nodes inside the per-struct shells (see
//! [`super::context::shells`]): this code is repeated for every field of every
//! struct, and building nodes directly is what keeps generation fast at
//! thousands of endpoints (re-parsing `quote!` tokens was over half of it).

use quote::quote;
use syn::Item;

use super::context::syntax::{self as sx, ident};
use super::context::{unraw, Ctx, Rt};
use super::{debug, docs};
use crate::model::{Field, Rule, Struct, Ty};

/// `/// docs` `pub name: Type`, one field of a struct whose rules are `rules`.
fn field_decl(cx: &Ctx, f: &Field, rules: &[Rule]) -> syn::Field {
    syn::Field {
        attrs: docs::field(f, rules),
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        ident: Some(ident(&f.ident)),
        colon_token: Some(Default::default()),
        ty: cx.field_type(f),
        default: None,
    }
}

/// A struct declaration with the derives every generated struct has; `Default`
/// too when every field is optional. Its `rules` add to the fields' docs. A struct holding a secret gets a written
/// `Debug` impl in place of the derive (see [`super::debug`]).
pub fn struct_decl(
    cx: &Ctx,
    paragraphs: &[String],
    name: &syn::Ident,
    fields: &[Field],
    rules: &[Rule],
) -> Vec<Item> {
    let all_optional = fields.iter().all(|f| !f.required);
    let mut decl = cx.shells.decl(name, all_optional);
    let mut derives = std::mem::replace(&mut decl.attrs, docs::attr_nodes(paragraphs));
    let secret = debug::holds_secret(fields);
    if secret {
        derives = vec![debug::derives_without_debug(all_optional)];
    }
    decl.attrs.extend(derives);
    if let syn::Fields::Named(named) = &mut decl.fields {
        named.named = fields.iter().map(|f| field_decl(cx, f, rules)).collect();
    }
    let mut items = vec![Item::Struct(decl)];
    if secret {
        items.extend(debug::redacting_debug(name, fields));
    }
    items
}

/// A shape's declaration, serde impls and, for request shapes, its constructor.
pub fn structure(cx: &Ctx, s: &Struct) -> Vec<Item> {
    let name = ident(&s.name);
    let mut paragraphs = docs::paragraphs(&s.doc);
    if paragraphs.is_empty() {
        // Users read this in their IDE: say why there is no description.
        paragraphs.push(format!(
            "`{}`: the source document gives this shape no description of its own.",
            s.name
        ));
    }
    let mut items = struct_decl(cx, &paragraphs, &name, &s.fields, &s.rules);
    items.push(serde_impls(cx, &name, &s.fields));
    // Replies are only decoded: a constructor and setters would be dead weight.
    if s.in_requests {
        items.extend(constructor(cx, &name, &s.fields));
    }
    items
}

/// `Serialize` and `Deserialize` by wire name: one call of the runtime's
/// `object_serde!` with the (field, `req`/`opt` (`_either` when read in
/// either spelling), wire name) table. The impls
/// it expands to list the fields in a non-generic function per struct, where
/// serde's derives would expand a generic visitor per struct (see
/// `meeting_api_client::de` for why that matters at scale).
pub fn serde_impls(cx: &Ctx, name: &syn::Ident, fields: &[Field]) -> Item {
    let table = fields.iter().map(|f| {
        let how = ident(match (f.required, f.either_spelling) {
            (true, false) => "req",
            (false, false) => "opt",
            (true, true) => "req_either",
            (false, true) => "opt_either",
        });
        let (field, wire) = (ident(&f.ident), &f.wire);
        quote! { #field #how #wire }
    });
    runtime_macro(cx, Rt::ObjectSerde, quote! { #name { #(#table),* } })
}

/// `runtime::macro!(tokens);` as an item.
fn runtime_macro(cx: &Ctx, item: Rt, tokens: proc_macro2::TokenStream) -> Item {
    Item::Macro(syn::ItemMacro {
        attrs: Vec::new(),
        ident: None,
        mac: syn::Macro {
            path: cx.path(item, &[]),
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens,
        },
        semi_token: Some(Default::default()),
    })
}

/// `new(required...)` and a `with_*` setter per optional field, as one call
/// of the runtime's `object_constructor!`. A struct without required fields
/// derives `Default`, which says what `new()` would.
pub fn constructor(cx: &Ctx, name: &syn::Ident, fields: &[Field]) -> Option<Item> {
    let (required, optional): (Vec<&Field>, Vec<&Field>) = fields.iter().partition(|f| f.required);
    if fields.is_empty() {
        return None;
    }
    let setters = optional.iter().map(|f| setter(cx, f));
    let new = (!required.is_empty()).then(|| {
        let params = required.iter().map(|f| {
            let (field, ty) = (ident(&f.ident), cx.rust_type(&f.ty));
            let into = takes_into(f).then(|| quote! { into });
            quote! { #field #into(#ty) }
        });
        quote! { new(#(#params),*) }
    });
    Some(runtime_macro(
        cx,
        Rt::ObjectConstructor,
        quote! { #name #new { #(#setters),* } },
    ))
}

/// One row of `object_constructor!`'s setters: `with_x "x" x(String)`, the literal the
/// name rustdoc links resolve (`Self::type`, not `Self::r#type`), then the
/// field's type without its `Option` (`Box<T>` for a recursive field): the
/// setter takes `impl Into` of it.
fn setter(cx: &Ctx, f: &Field) -> proc_macro2::TokenStream {
    let name = unraw(&f.ident);
    let (setter, field) = (ident(&format!("with_{name}")), ident(&f.ident));
    let mut ty = cx.rust_type(&f.ty);
    if f.boxed {
        ty = sx::ty(sx::generic_path("Box", ty));
    }
    quote! { #setter #name #field(#ty) }
}

/// Strings and JSON values are taken as `impl Into<T>`; everything else as is.
fn takes_into(f: &Field) -> bool {
    matches!(f.ty, Ty::String | Ty::Json)
}
