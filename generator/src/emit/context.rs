//! What every emitter shares, at the bottom of `emit`: the runtime paths
//! table, the vendor's structs by name, the Rust type of a spec type, and the
//! ways of building syntax ([`syntax`] for nodes, [`shells`] for the fixed
//! parts of every struct's impls). Imports nothing from the emitters above it.

pub mod quoted;
pub mod shells;
pub mod syntax;

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{Path, Type};

use crate::model::{Field, Literal, Ty, TypeDecl, Vendor};
use syntax as sx;

pub use syntax::ident;

/// Every runtime item generated code may name: the whole contract between
/// the emitted code and the runtime crate, in one table. Emitters name an item
/// here and [`Ctx::path`] / [`Ctx::tokens`] put it under the runtime path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rt {
    /// `Error`: what every call returns on failure.
    Error,
    /// `Json`: untyped JSON in public signatures.
    Json,
    /// `FilePart`: an uploaded file.
    FilePart,
    /// `ClientBuilder`: what `Client::builder` returns.
    ClientBuilder,
    /// `Core`: the shared transport inside every client.
    Core,
    /// `ApiRequest`: what every request type implements.
    ApiRequest,
    /// `Paged`: what a paged request implements.
    Paged,
    /// `auth`: the credentials types (named by the model).
    Auth,
    /// `validation::Validate`.
    Validate,
    /// `validation::Validator`.
    Validator,
    /// `validation::Violations`.
    Violations,
    /// `vendor::VendorInfo`.
    VendorInfo,
    /// `vendor::OperationInfo`.
    OperationInfo,
    /// `vendor::CatalogueEntry`.
    CatalogueEntry,
    /// `vendor::ErrorEnvelope`.
    ErrorEnvelope,
    /// `vendor::JsonScalar`.
    JsonScalar,
    /// `vendor::Method`.
    Method,
    /// `__private::serde`.
    Serde,
    /// `__private::serde_json`.
    SerdeJson,
    /// `__private::ser`: the runtime's serializer of objects.
    Ser,
    /// `__private::de`: the runtime's deserializer of objects.
    De,
    /// `__private::RequestParts`.
    RequestParts,
    /// `__private::FromCore`.
    FromCore,
    /// `__private::Coded`.
    Coded,
    /// `__private::CharRule`.
    CharRule,
    /// `__private::Format`.
    Format,
    /// `__private::Example`.
    Example,
    /// `__private::ExampleKind`.
    ExampleKind,
    /// `__private::roundtrip`.
    Roundtrip,
    /// `__private::validate_json`.
    ValidateJson,
}

impl Rt {
    /// Where the item lives under the runtime crate's root.
    pub const fn segments(self) -> &'static [&'static str] {
        match self {
            Rt::Error => &["Error"],
            Rt::Json => &["Json"],
            Rt::FilePart => &["FilePart"],
            Rt::ClientBuilder => &["ClientBuilder"],
            Rt::Core => &["Core"],
            Rt::ApiRequest => &["ApiRequest"],
            Rt::Paged => &["Paged"],
            Rt::Auth => &["auth"],
            Rt::Validate => &["validation", "Validate"],
            Rt::Validator => &["validation", "Validator"],
            Rt::Violations => &["validation", "Violations"],
            Rt::VendorInfo => &["vendor", "VendorInfo"],
            Rt::OperationInfo => &["vendor", "OperationInfo"],
            Rt::CatalogueEntry => &["vendor", "CatalogueEntry"],
            Rt::ErrorEnvelope => &["vendor", "ErrorEnvelope"],
            Rt::JsonScalar => &["vendor", "JsonScalar"],
            Rt::Method => &["vendor", "Method"],
            Rt::Serde => &["__private", "serde"],
            Rt::SerdeJson => &["__private", "serde_json"],
            Rt::Ser => &["__private", "ser"],
            Rt::De => &["__private", "de"],
            Rt::RequestParts => &["__private", "RequestParts"],
            Rt::FromCore => &["__private", "FromCore"],
            Rt::Coded => &["__private", "Coded"],
            Rt::CharRule => &["__private", "CharRule"],
            Rt::Format => &["__private", "Format"],
            Rt::Example => &["__private", "Example"],
            Rt::ExampleKind => &["__private", "ExampleKind"],
            Rt::Roundtrip => &["__private", "roundtrip"],
            Rt::ValidateJson => &["__private", "validate_json"],
        }
    }
}

/// The runtime crate's path (`::meeting_api_client` unless configured).
pub struct Runtime {
    base: Path,
}

impl Runtime {
    /// The configured path; one that does not parse falls back to the default.
    pub fn new(runtime_path: &str) -> Runtime {
        let base = syn::parse_str(runtime_path)
            .unwrap_or_else(|_| syn::parse_quote! { ::meeting_api_client });
        Runtime { base }
    }

    /// `::meeting_api_client::<item>::<members>`, e.g. `vendor::Method::Post`.
    pub fn path(&self, item: Rt, members: &[&str]) -> Path {
        let mut p = self.base.clone();
        let segments = item.segments().iter().chain(members);
        p.segments
            .extend(segments.map(|s| syn::PathSegment::from(ident(s))));
        p
    }

    /// [`Runtime::path`] of the item itself, as tokens for `quote!`.
    pub fn tokens(&self, item: Rt) -> TokenStream {
        self.path(item, &[]).into_token_stream()
    }
}

/// What emission needs besides the model; one per thread (syntax trees are not `Send`).
pub struct Ctx<'a> {
    /// The runtime crate's path.
    rt: Runtime,
    /// The fields of each struct, by name (borrowed: every thread has a context).
    structs: HashMap<&'a str, &'a [Field]>,
    /// The shells of every struct's impls, parsed once.
    pub shells: shells::Shells,
    /// Delimiter tokens reused while this context lives.
    _delimiters: syntax::Delimiters,
}

impl<'a> Ctx<'a> {
    /// A context for emitting `vendor` against the runtime at `runtime_path`.
    pub fn new(runtime_path: &str, vendor: &'a Vendor) -> Ctx<'a> {
        let rt = Runtime::new(runtime_path);
        let structs = vendor
            .types
            .iter()
            .filter_map(|t| match t {
                TypeDecl::Struct(s) => Some((s.name.as_str(), s.fields.as_slice())),
                TypeDecl::Enum(_) => None,
            })
            .collect();
        Ctx {
            _delimiters: syntax::Delimiters::cache(),
            shells: shells::Shells::new(&rt),
            rt,
            structs,
        }
    }

    /// A runtime item as a path (see [`Runtime::path`]).
    pub fn path(&self, item: Rt, members: &[&str]) -> Path {
        self.rt.path(item, members)
    }

    /// A runtime item as tokens (see [`Runtime::tokens`]).
    pub fn tokens(&self, item: Rt) -> TokenStream {
        self.rt.tokens(item)
    }

    /// The fields of the struct `name` (none for an unknown name).
    pub fn struct_fields(&self, name: &str) -> &'a [Field] {
        self.structs.get(name).copied().unwrap_or(&[])
    }

    /// The Rust type of a value (without the `Option` of optional fields), as
    /// named inside the vendor module.
    pub fn rust_type(&self, t: &Ty) -> Type {
        self.type_in(t, &[])
    }

    /// [`Ctx::rust_type`] as named from a module nested `scope` deep in the
    /// vendor module (`super::Name` from the test hooks).
    pub fn type_in(&self, t: &Ty, scope: &[&str]) -> Type {
        match t {
            Ty::String => sx::ty(sx::path(&["String"])),
            Ty::Integer => sx::ty(sx::path(&["i64"])),
            Ty::Number => sx::ty(sx::path(&["f64"])),
            Ty::Boolean => sx::ty(sx::path(&["bool"])),
            Ty::Json => sx::ty(self.path(Rt::Json, &[])),
            Ty::File => sx::ty(self.path(Rt::FilePart, &[])),
            Ty::Struct(n) | Ty::Enum(n, _) => {
                let mut p = sx::path(scope);
                p.segments.push(ident(n).into());
                sx::ty(p)
            }
            Ty::Array(inner) => sx::ty(sx::generic_path("Vec", self.type_in(inner, scope))),
        }
    }

    /// The declared type of a field: boxed when recursive, `Option` when optional.
    pub fn field_type(&self, f: &Field) -> Type {
        let mut t = self.rust_type(&f.ty);
        if f.boxed {
            t = sx::ty(sx::generic_path("Box", t));
        }
        if f.required {
            t
        } else {
            sx::ty(sx::generic_path("Option", t))
        }
    }
}

/// An identifier without its `r#` (for names built from it and for rustdoc links).
pub fn unraw(s: &str) -> &str {
    crate::naming::unraw(s)
}

/// A literal as the document writes it, for docs and messages.
///
/// A model helper kept here until the model carries literal display (issue 11
/// item 2); emitters do not import the checker.
pub fn literal_text(l: &Literal) -> String {
    match l {
        Literal::Int(i) => i.to_string(),
        Literal::Str(s) => s.clone(),
        Literal::Bool(b) => b.to_string(),
        Literal::Float(f) => f.to_string(),
    }
}
