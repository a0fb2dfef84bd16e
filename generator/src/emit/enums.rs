//! Enums that keep unknown values, with their wire codes and labels; and sets
//! of flags (`bits: true`) that keep unknown bits.
//!
//! Written with `quote!` and parsed: an enum is one item of fixed shape whose
//! size follows its variants, not the number of endpoints, and the template
//! reads like the code it produces.

use heck::ToShoutySnakeCase;
use proc_macro2::{Literal as Lit, TokenStream};
use quote::{format_ident, quote};

use super::context::{ident, Ctx, Rt};
use super::docs;
use crate::model::{Enum, EnumKind};

/// The enum, its code/label methods, and its `Coded`, `Serialize` and
/// `Deserialize` impls.
pub fn enumeration(cx: &Ctx, e: &Enum) -> TokenStream {
    if e.bits {
        return flags(cx, e);
    }
    let (serde, coded) = (cx.tokens(Rt::Serde), cx.tokens(Rt::Coded));
    let name = ident(&e.name);
    let mut paragraphs = docs::paragraphs(&e.doc);
    paragraphs.push(format!("Documented values: {}.", listed(e)));
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
/// per documented bit, `|` to combine them. Every bit received is kept, so an
/// undocumented one is sent back unchanged; validation rejects it in a
/// request (`Coded::is_known`).
fn flags(cx: &Ctx, e: &Enum) -> TokenStream {
    let (serde, coded) = (cx.tokens(Rt::Serde), cx.tokens(Rt::Coded));
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
    let all = consts.iter().map(|(id, ..)| quote! { Self::#id });
    let labels = consts
        .iter()
        .map(|(id, _, label)| quote! { (Self::#id, #label) });
    let documented = Lit::i64_unsuffixed(e.documented_bits());
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct #name(pub i64);
        impl #name {
            #(#decls)*
            /// Every documented flag, in document order.
            pub const ALL: &'static [Self] = &[#(#all),*];
            /// Every documented bit.
            pub const DOCUMENTED: i64 = #documented;
            /// The value on the wire.
            pub fn code(&self) -> i64 {
                self.0
            }
            /// The set a wire value stands for, every bit kept.
            pub fn from_code(code: i64) -> Self {
                Self(code)
            }
            /// Whether every flag of `other` is set.
            pub fn contains(self, other: Self) -> bool {
                self.0 & other.0 == other.0
            }
            /// The bits set that the document does not list (0 when none).
            pub fn unknown_bits(self) -> i64 {
                self.0 & !Self::DOCUMENTED
            }
            /// The document's labels of the flags set, in document order.
            pub fn labels(self) -> Vec<&'static str> {
                [#(#labels),*]
                    .into_iter()
                    .filter(|(flag, _)| self.contains(*flag))
                    .map(|(_, label)| label)
                    .collect()
            }
        }
        impl ::core::ops::BitOr for #name {
            type Output = Self;
            fn bitor(self, other: Self) -> Self {
                Self(self.0 | other.0)
            }
        }
        impl ::core::ops::BitOrAssign for #name {
            fn bitor_assign(&mut self, other: Self) {
                self.0 |= other.0;
            }
        }
        impl #coded for #name {
            fn is_known(&self) -> bool {
                self.0 >= 0 && self.unknown_bits() == 0
            }
            fn code_text(&self) -> String {
                self.0.to_string()
            }
        }
        impl #serde::Serialize for #name {
            fn serialize<S: #serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.0)
            }
        }
        impl<'de> #serde::Deserialize<'de> for #name {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as #serde::Deserialize>::deserialize(deserializer).map(Self)
            }
        }
    }
}
