//! The contract between emitted code and the runtime crate: every runtime
//! item generated code may name, and where it lives, in one table.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::Path;

use super::syntax::ident;

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
    /// `PagingStyle`: how a paged request names its page.
    PagingStyle,
    /// `PageAt`: the page a request asks for.
    PageAt,
    /// `Page`: one reply of a paged list, split.
    Page,
    /// `Token`: a position or cursor a reply hands back.
    Token,
    /// `Pages`: the stream of a list's pages.
    Pages,
    /// `Items`: the stream of a list's items.
    Items,
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
    /// `vendor::RetryCode`.
    RetryCode,
    /// `RetryClass`.
    RetryClass,
    /// `__private::serde_json`.
    SerdeJson,
    /// `__private::RequestParts`.
    RequestParts,
    /// `__private::Parts`: `Result<RequestParts, Error>`.
    Parts,
    /// `__private::FromCore`.
    FromCore,
    /// `__private::object_serde!`: a struct's serde impls by wire name.
    ObjectSerde,
    /// `__private::object_constructor!`: `new` and the `with_*` setters.
    ObjectConstructor,
    /// `__private::coded_enum!`: an enumeration's codes, labels and impls.
    CodedEnum,
    /// `__private::flag_set!`: a set of flags' methods and impls.
    FlagSet,
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
    /// `__private::send_json`.
    SendJson,
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
            Rt::PagingStyle => &["PagingStyle"],
            Rt::PageAt => &["PageAt"],
            Rt::Page => &["Page"],
            Rt::Token => &["Token"],
            Rt::Pages => &["Pages"],
            Rt::Items => &["Items"],
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
            Rt::RetryCode => &["vendor", "RetryCode"],
            Rt::RetryClass => &["RetryClass"],
            Rt::SerdeJson => &["__private", "serde_json"],
            Rt::RequestParts => &["__private", "RequestParts"],
            Rt::Parts => &["__private", "Parts"],
            Rt::FromCore => &["__private", "FromCore"],
            Rt::ObjectSerde => &["__private", "object_serde"],
            Rt::ObjectConstructor => &["__private", "object_constructor"],
            Rt::CodedEnum => &["__private", "coded_enum"],
            Rt::FlagSet => &["__private", "flag_set"],
            Rt::CharRule => &["__private", "CharRule"],
            Rt::Format => &["__private", "Format"],
            Rt::Example => &["__private", "Example"],
            Rt::ExampleKind => &["__private", "ExampleKind"],
            Rt::Roundtrip => &["__private", "roundtrip"],
            Rt::ValidateJson => &["__private", "validate_json"],
            Rt::SendJson => &["__private", "send_json"],
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

    /// `::meeting_api_client::<vendor>::<name>`: an item of a published
    /// vendor module, which an extending vendor's code names (its types).
    pub fn vendor_item(&self, vendor: &str, name: &str) -> Path {
        let mut p = self.base.clone();
        p.segments
            .extend([vendor, name].map(|s| syn::PathSegment::from(ident(s))));
        p
    }

    /// [`Runtime::path`] of the item itself, as tokens for `quote!`.
    pub fn tokens(&self, item: Rt) -> TokenStream {
        self.path(item, &[]).into_token_stream()
    }
}
