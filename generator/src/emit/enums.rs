//! Enums that keep unknown values, with their wire codes and labels; and sets
//! of flags (`bits: true`) that keep unknown bits.
//!
//! The declaration and its docs are written here, where the reader looks;
//! everything else (codes, labels, `Coded`, serde) is one call of the
//! runtime's `coded_enum!` / `flag_set!` with the (variant, code, label) table,
//! so the plumbing is written once in the runtime and not once per type.

use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::{ident, syntax, Ctx, Rt};
use super::docs;
use crate::model::{Enum, EnumKind};

/// The enum with its docs, then the runtime macro call that gives it its
/// code/label methods and its `Coded`, `Serialize` and `Deserialize` impls.
pub fn enumeration(cx: &Ctx, e: &Enum) -> TokenStream {
    if e.bits {
        return flags(cx, e);
    }
    let name = ident(&e.name);
    let mut paragraphs = docs::paragraphs(&e.doc);
    paragraphs.push(format!("Documented values: {}.", listed(e)));
    paragraphs.push("Any other value is kept in `Unknown`.".into());
    let doc = docs::attrs(&paragraphs);
    let (kind, unknown_ty, copy) = match e.kind {
        EnumKind::Integer => (quote! { int }, quote! { i64 }, quote! { Copy, }),
        EnumKind::String => (quote! { str }, quote! { String }, quote! {}),
    };
    let variants = e.variants.iter().map(|v| {
        let vid = ident(&v.name);
        let vdoc = format!(" `{}`: {}", v.code, docs::sanitize(&v.label).join(" "));
        quote! { #[doc = #vdoc] #vid, }
    });
    let table = e.variants.iter().map(|v| {
        let (vid, code, label) = (ident(&v.name), docs::literal(&v.code), &v.label);
        quote! { #vid = #code => #label }
    });
    let coded_enum = cx.tokens(Rt::CodedEnum);
    quote! {
        #doc
        #[derive(Debug, Clone, #copy PartialEq, Eq, Hash)]
        #[allow(clippy::enum_variant_names, clippy::upper_case_acronyms)]
        pub enum #name {
            #(#variants)*
            /// A value the document does not list, kept as received.
            Unknown(#unknown_ty),
        }
        #coded_enum!(#kind #name { #(#table),* });
    }
}

/// `pub type Name = Earlier;`: an inline enumeration with the same codes and
/// labels as an earlier one keeps its name as an alias (see
/// [`super::interning`]).
pub fn alias(e: &Enum, earlier: &str) -> syn::Item {
    // Built as a syntax node: a large vendor has tens of thousands of these,
    // and quoting then parsing each took a tenth of emitting time.
    let doc = format!(" The values of [`{earlier}`], which this field repeats.");
    syn::Item::Type(syn::ItemType {
        attrs: vec![syntax::doc(&doc)],
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        type_token: Default::default(),
        ident: ident(&e.name),
        generics: Default::default(),
        eq_token: Default::default(),
        ty: Box::new(syntax::ty(syntax::path(&[earlier]))),
        semi_token: Default::default(),
        where_clause_placement: syn::WhereClausePlacement::Early,
    })
}

/// The documented values as the type's docs list them: `` `1`: 音频; `2`: 视频 ``.
fn listed(e: &Enum) -> String {
    let listed: Vec<String> = e
        .variants
        .iter()
        .map(|v| format!("`{}`: {}", v.code, v.label))
        .collect();
    listed.join("; ")
}

/// A set of flags (`bits: true`): a newtype over the integer, one constant
/// per documented bit; `flag_set!` adds `|`, the labels and the impls. Every
/// bit received is kept, so an undocumented one is sent back unchanged;
/// validation rejects it in a request (`Coded::is_known`).
fn flags(cx: &Ctx, e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let mut paragraphs = docs::paragraphs(&e.doc);
    paragraphs.push(format!("Flags combined by OR (`a | b`): {}.", listed(e)));
    paragraphs.push("Undocumented bits are kept as received (`unknown_bits`).".into());
    let doc = docs::attrs(&paragraphs);
    let consts: Vec<(syn::Ident, TokenStream, &str)> = e
        .variants
        .iter()
        .map(|v| {
            let id = format_ident!("{}", v.name.to_shouty_snake_case());
            (id, docs::literal(&v.code), v.label.as_str())
        })
        .collect();
    let decls = consts.iter().map(|(id, code, label)| {
        let vdoc = format!(" `{code}`: {}", docs::sanitize(label).join(" "));
        quote! { #[doc = #vdoc] pub const #id: Self = Self(#code); }
    });
    let table = consts
        .iter()
        .map(|(id, code, label)| quote! { #id = #code => #label });
    let flag_set = cx.tokens(Rt::FlagSet);
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct #name(pub i64);
        impl #name {
            #(#decls)*
        }
        #flag_set!(#name { #(#table),* });
    }
}
