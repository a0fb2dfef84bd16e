//! Enums that keep unknown values, with their wire codes and labels.
//!
//! Written with `quote!` and parsed: an enum is one item of fixed shape whose
//! size follows its variants, not the number of endpoints, and the template
//! reads like the code it produces.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{ident, Ctx, Rt};
use super::docs;
use crate::model::{Enum, EnumKind};

/// The enum, its code/label methods, and its `Coded`, `Serialize` and
/// `Deserialize` impls.
pub fn enumeration(cx: &Ctx, e: &Enum) -> TokenStream {
    let (serde, coded) = (cx.tokens(Rt::Serde), cx.tokens(Rt::Coded));
    let name = ident(&e.name);
    let mut paragraphs = docs::paragraphs(&e.doc);
    let listed: Vec<String> = e
        .variants
        .iter()
        .map(|v| format!("`{}`: {}", v.code, v.label))
        .collect();
    paragraphs.push(format!("Documented values: {}.", listed.join("; ")));
    paragraphs.push("Any other value is kept in `Unknown`.".into());
    let doc = docs::attrs(&paragraphs);
    // Messages quote a string code (`"ZZ"`), as they quote any string value.
    let text_code = match e.kind {
        EnumKind::Integer => quote! {},
        EnumKind::String => quote! { fn is_text(&self) -> bool { true } },
    };
    let (unknown_ty, copy) = match e.kind {
        EnumKind::Integer => (quote! { i64 }, quote! { Copy, }),
        EnumKind::String => (quote! { String }, quote! {}),
    };
    let variants = e.variants.iter().map(|v| {
        let vid = ident(&v.name);
        let vdoc = format!(" `{}`: {}", v.code, docs::sanitize(&v.label).join(" "));
        quote! { #[doc = #vdoc] #vid, }
    });
    let all = e.variants.iter().map(|v| {
        let vid = ident(&v.name);
        quote! { Self::#vid }
    });
    let to_code = e.variants.iter().map(|v| {
        let vid = ident(&v.name);
        let code = docs::literal(&v.code);
        quote! { Self::#vid => #code, }
    });
    let from_code = e.variants.iter().map(|v| {
        let vid = ident(&v.name);
        let code = docs::literal(&v.code);
        quote! { #code => Self::#vid, }
    });
    let labels = e.variants.iter().map(|v| {
        let vid = ident(&v.name);
        let label = &v.label;
        quote! { Self::#vid => Some(#label), }
    });
    let (unknown_code, from_other, ser, de) = match e.kind {
        EnumKind::Integer => (
            quote! { Self::Unknown(code) => *code, },
            quote! { other => Self::Unknown(other), },
            quote! { serializer.serialize_i64(self.code()) },
            quote! { <i64 as #serde::Deserialize>::deserialize(deserializer).map(Self::from_code) },
        ),
        EnumKind::String => (
            quote! { Self::Unknown(code) => code.as_str(), },
            quote! { other => Self::Unknown(other.to_owned()), },
            quote! { serializer.serialize_str(self.code()) },
            quote! { <String as #serde::Deserialize>::deserialize(deserializer).map(|code| Self::from_code(&code)) },
        ),
    };
    let code_fn = match e.kind {
        EnumKind::Integer => quote! { pub fn code(&self) -> i64 },
        EnumKind::String => quote! { pub fn code(&self) -> &str },
    };
    let from_param = match e.kind {
        EnumKind::Integer => quote! { code: i64 },
        EnumKind::String => quote! { code: &str },
    };
    quote! {
        #doc
        #[derive(Debug, Clone, #copy PartialEq, Eq, Hash)]
        #[allow(clippy::enum_variant_names, clippy::upper_case_acronyms)]
        pub enum #name {
            #(#variants)*
            /// A value the document does not list, kept as received.
            Unknown(#unknown_ty),
        }
        impl #name {
            /// Every documented value, in document order.
            pub const ALL: &'static [Self] = &[#(#all),*];
            /// The value on the wire.
            #code_fn {
                match self { #(#to_code)* #unknown_code }
            }
            /// The variant for a wire value; undocumented values become `Unknown`.
            pub fn from_code(#from_param) -> Self {
                match code { #(#from_code)* #from_other }
            }
            /// The document's label for this value.
            pub fn label(&self) -> Option<&'static str> {
                match self { #(#labels)* Self::Unknown(_) => None }
            }
        }
        impl #coded for #name {
            fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
            fn code_text(&self) -> String {
                self.code().to_string()
            }
            #text_code
        }
        impl #serde::Serialize for #name {
            fn serialize<S: #serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #ser
            }
        }
        impl<'de> #serde::Deserialize<'de> for #name {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #de
            }
        }
    }
}
