//! Structs and enums with their serde impls, constructors and setters.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, ident, Ctx};
use crate::model::{Enum, EnumKind, Field, Struct, Ty};

/// The Rust type of a field's value (without the `Option` of optional fields).
pub fn rust_type(cx: &Ctx, ty: &Ty) -> TokenStream {
    let rt = &cx.runtime;
    match ty {
        Ty::String => quote! { String },
        Ty::Integer => quote! { i64 },
        Ty::Number => quote! { f64 },
        Ty::Boolean => quote! { bool },
        Ty::Json => quote! { #rt::__private::serde_json::Value },
        Ty::File => quote! { #rt::FilePart },
        Ty::Struct(n) | Ty::Enum(n, _) => {
            let n = ident(n);
            quote! { #n }
        }
        Ty::Array(inner) => {
            let inner = rust_type(cx, inner);
            quote! { Vec<#inner> }
        }
    }
}

/// The declared type of a field: boxed when recursive, `Option` when optional.
pub fn field_type(cx: &Ctx, f: &Field) -> TokenStream {
    let mut t = rust_type(cx, &f.ty);
    if f.boxed {
        t = quote! { Box<#t> };
    }
    if f.required {
        t
    } else {
        quote! { Option<#t> }
    }
}

pub fn structure(cx: &Ctx, s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let mut paragraphs = docs::paragraphs(&s.doc);
    if paragraphs.is_empty() {
        // Users read this in their IDE: say why there is no description.
        paragraphs.push(format!(
            "`{}`: the source document gives this shape no description of its own.",
            s.name
        ));
    }
    let doc = docs::attrs(&paragraphs);
    let fields = s.fields.iter().map(|f| {
        let fdoc = docs::field(f);
        let id = ident(&f.ident);
        let ty = field_type(cx, f);
        quote! { #fdoc pub #id: #ty, }
    });
    let all_optional = s.fields.iter().all(|f| !f.required);
    let default = if all_optional {
        quote! { Default, }
    } else {
        quote! {}
    };
    // Replies are only decoded: a constructor and setters would be dead weight.
    let ctor = if s.in_requests {
        constructor(cx, &name, &s.fields, all_optional)
    } else {
        quote! {}
    };
    let serde = serde_impls(cx, &name, &s.fields);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default)]
        pub struct #name { #(#fields)* }
        #serde
        #ctor
    }
}

/// `impl Serialize` and `impl Deserialize` by wire name, through the runtime's
/// `ser` and `de` helpers: a non-generic function per struct lists the fields,
/// where serde's derives would expand a generic visitor per struct (see
/// `meeting_api_client::de` for why that matters at scale).
pub fn serde_impls(cx: &Ctx, name: &syn::Ident, fields: &[Field]) -> TokenStream {
    let rt = &cx.runtime;
    let puts = fields.iter().map(|f| {
        let id = ident(&f.ident);
        let wire = &f.wire;
        if f.required {
            quote! { m.put(#wire, &v.#id); }
        } else {
            quote! { m.opt(#wire, &v.#id); }
        }
    });
    let (v, m) = if fields.is_empty() {
        (quote! { _v }, quote! { _m })
    } else {
        (quote! { v }, quote! { m })
    };
    let de = deserialize_impl(cx, name, fields);
    quote! {
        impl #rt::__private::serde::Serialize for #name {
            fn serialize<S: #rt::__private::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                fn fields<'a>(#v: &'a #name, #m: &mut #rt::__private::ser::Object<'a>) {
                    #(#puts)*
                }
                #rt::__private::ser::object(serializer, self, fields)
            }
        }
        #de
    }
}

/// `impl Deserialize`: the runtime reads the JSON object, a non-generic function
/// takes each field out by its wire name (see `meeting_api_client::de`).
fn deserialize_impl(cx: &Ctx, name: &syn::Ident, fields: &[Field]) -> TokenStream {
    let rt = &cx.runtime;
    let reads = fields.iter().map(|f| {
        let id = ident(&f.ident);
        let wire = &f.wire;
        if f.required {
            quote! { #id: m.required(#wire)?, }
        } else {
            quote! { #id: m.optional(#wire)?, }
        }
    });
    let m = if fields.is_empty() {
        quote! { _m }
    } else {
        quote! { m }
    };
    quote! {
        impl<'de> #rt::__private::serde::Deserialize<'de> for #name {
            fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                fn fields(#m: &mut #rt::__private::de::Object) -> Result<#name, #rt::__private::de::Error> {
                    Ok(#name { #(#reads)* })
                }
                #rt::__private::de::object(deserializer, fields)
            }
        }
    }
}

/// `new(required...)` plus a `with_*` setter per optional field.
pub fn constructor(
    cx: &Ctx,
    name: &syn::Ident,
    fields: &[Field],
    derives_default: bool,
) -> TokenStream {
    let required: Vec<&Field> = fields.iter().filter(|f| f.required).collect();
    let params = required.iter().map(|f| {
        let id = ident(&f.ident);
        let ty = into_param(cx, f);
        quote! { #id: #ty }
    });
    let inits = fields.iter().map(|f| {
        let id = ident(&f.ident);
        if f.required {
            match (takes_into(f), f.boxed) {
                (true, true) => quote! { #id: Box::new(#id.into()) },
                (true, false) => quote! { #id: #id.into() },
                (false, true) => quote! { #id: Box::new(#id) },
                (false, false) => quote! { #id },
            }
        } else {
            quote! { #id: None }
        }
    });
    let setters = fields.iter().filter(|f| !f.required).map(|f| {
        let id = ident(&f.ident);
        let setter = format_ident!("with_{}", super::unraw(&f.ident));
        let ty = into_param(cx, f);
        let value = if takes_into(f) {
            quote! { value.into() }
        } else {
            quote! { value }
        };
        let value = if f.boxed {
            quote! { Box::new(#value) }
        } else {
            value
        };
        // rustdoc links do not resolve raw identifiers (`Self::r#type`); `Self::type` does.
        let doc = format!(" Sets [`{0}`](Self::{0}).", super::unraw(&f.ident));
        quote! {
            #[doc = #doc]
            #[must_use]
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#id = Some(#value);
                self
            }
        }
    });
    let many = required.len() > 7;
    let allow = if many {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        quote! {}
    };
    let new_doc = if required.is_empty() {
        " Creates a value with every optional field absent.".to_string()
    } else {
        " Creates a value from its required fields; optional fields start absent.".to_string()
    };
    // With no required field `Default` already says it; `new()` would be a duplicate.
    let new = if required.is_empty() && derives_default {
        quote! {}
    } else {
        quote! {
            #[doc = #new_doc]
            #allow
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits),* }
            }
        }
    };
    quote! {
        impl #name {
            #new
            #(#setters)*
        }
    }
}

/// Strings and JSON values are taken as `impl Into<T>`; everything else as is.
fn takes_into(f: &Field) -> bool {
    matches!(f.ty, Ty::String | Ty::Json)
}

/// Parameter type of a constructor or setter.
fn into_param(cx: &Ctx, f: &Field) -> TokenStream {
    let t = rust_type(cx, &f.ty);
    if takes_into(f) {
        quote! { impl Into<#t> }
    } else {
        t
    }
}

pub fn enumeration(cx: &Ctx, e: &Enum) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&e.name);
    let mut paragraphs = docs::paragraphs(&e.doc);
    let listed: Vec<String> = e
        .variants
        .iter()
        .map(|v| format!("`{}`: {}", crate::check::literal_text(&v.code), v.label))
        .collect();
    paragraphs.push(format!("Documented values: {}.", listed.join("; ")));
    paragraphs.push("Any other value is kept in `Unknown`.".into());
    let doc = docs::attrs(&paragraphs);
    // Messages quote a string code (`"ZZ"`), as they quote any string value.
    let text_code = match e.kind {
        EnumKind::Integer => quote! {},
        EnumKind::String => quote! { fn is_text(&self) -> bool { true } },
    };
    let (code_ty, unknown_ty, copy) = match e.kind {
        EnumKind::Integer => (quote! { i64 }, quote! { i64 }, quote! { Copy, }),
        EnumKind::String => (quote! { &str }, quote! { String }, quote! {}),
    };
    let variants = e.variants.iter().map(|v| {
        let vid = ident(&v.name);
        let vdoc = format!(
            " `{}`: {}",
            crate::check::literal_text(&v.code),
            docs::sanitize(&v.label).join(" ")
        );
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
            quote! { <i64 as #rt::__private::serde::Deserialize>::deserialize(deserializer).map(Self::from_code) },
        ),
        EnumKind::String => (
            quote! { Self::Unknown(code) => code.as_str(), },
            quote! { other => Self::Unknown(other.to_owned()), },
            quote! { serializer.serialize_str(self.code()) },
            quote! { <String as #rt::__private::serde::Deserialize>::deserialize(deserializer).map(|code| Self::from_code(&code)) },
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
    let _ = code_ty;
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
        impl #rt::validation::Coded for #name {
            fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
            fn code_text(&self) -> String {
                self.code().to_string()
            }
            #text_code
        }
        impl #rt::__private::serde::Serialize for #name {
            fn serialize<S: #rt::__private::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #ser
            }
        }
        impl<'de> #rt::__private::serde::Deserialize<'de> for #name {
            fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #de
            }
        }
    }
}
