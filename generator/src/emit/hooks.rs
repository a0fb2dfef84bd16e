//! Test hooks: the document's examples and the functions that check them
//! against the generated types, and the mock server's table, in a hidden
//! `__hooks` module at the end of each vendor module, apart from the
//! user-facing items.
//!
//! Written with `quote!` and parsed: one module per vendor whose match arms
//! follow the examples, which the template shows as they will read.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{ident, Ctx, Rt};
use super::mock_table::mock_table;
use crate::model::{ExampleKind, Ty, Vendor};

/// `mod __hooks`: `EXAMPLES`, `MOCK_TABLE`, `roundtrip_example`,
/// `validate_request_json`, `send_request_json` and `debug_request_json`.
pub fn hooks(cx: &Ctx, v: &Vendor) -> TokenStream {
    let (example, kind) = (cx.tokens(Rt::Example), cx.tokens(Rt::ExampleKind));
    let (roundtrip, validate_json) = (cx.tokens(Rt::Roundtrip), cx.tokens(Rt::ValidateJson));
    let (json, serde_json) = (cx.tokens(Rt::Json), cx.tokens(Rt::SerdeJson));
    let violations = cx.tokens(Rt::Violations);
    let mut entries = Vec::new();
    let mut arms = Vec::new();
    for op in &v.operations {
        let opname = &op.spec_name;
        for ex in &op.examples {
            let name = ex.name.clone().unwrap_or_default();
            let text = &ex.json;
            let variant = match ex.kind {
                ExampleKind::Request => quote! { Request },
                ExampleKind::RequestLine => quote! { RequestLine },
                ExampleKind::Response => quote! { Response },
                ExampleKind::Error => quote! { Error },
            };
            entries.push(quote! { #example { operation: #opname, name: #name, kind: #kind::#variant, json: #text } });
        }
        if let Some(b) = &op.body {
            let t = cx.type_in(&Ty::Struct(b.ty), &["super"]);
            arms.push(
                quote! { (#opname, #kind::Request) => Some(#roundtrip::<#t>(example.json)), },
            );
        }
        if let Some(t) = &op.response.ty {
            let t = cx.type_in(t, &["super"]);
            arms.push(
                quote! { (#opname, #kind::Response) => Some(#roundtrip::<#t>(example.json)), },
            );
        }
    }
    if let Some(e) = &v.error {
        let t = cx.type_in(&Ty::Struct(e.ty), &["super"]);
        arms.push(quote! { (_, #kind::Error) => Some(#roundtrip::<#t>(example.json)), });
    }
    let validate_arms = v.operations.iter().map(|op| {
        let (opname, t) = (&op.spec_name, ident(&op.request_type()));
        quote! { #opname => Some(#validate_json::<super::#t>(json)), }
    });
    let debug_arms = v.operations.iter().map(|op| {
        let (opname, t) = (&op.spec_name, ident(&op.request_type()));
        quote! { #opname => Some(#serde_json::from_str::<super::#t>(json).map(|r| ::std::format!("{r:?}"))), }
    });
    let send_hook = send_hook(cx, v);
    let table = mock_table(v);
    quote! {
        /// Hooks for the workspace's tests and tools, not part of the API.
        #[doc(hidden)]
        pub mod __hooks {
            /// The request and reply examples of the source document, verbatim JSON.
            pub const EXAMPLES: &[#example] = &[#(#entries),*];

            /// The mock server's table of this vendor (JSON; see docs/mock.md).
            pub const MOCK_TABLE: &str = #table;

            /// Decodes an example into the generated type it documents and encodes it
            /// back; `None` when no type corresponds (a request line).
            pub fn roundtrip_example(example: &#example) -> Option<Result<#json, #serde_json::Error>> {
                match (example.operation, example.kind) {
                    #(#arms)*
                    _ => None,
                }
            }

            /// Decodes `json` into the request type of `operation` and validates it;
            /// `None` for an unknown operation.
            pub fn validate_request_json(operation: &str, json: &str) -> Option<Result<Result<(), #violations>, #serde_json::Error>> {
                match operation {
                    #(#validate_arms)*
                    _ => None,
                }
            }

            #send_hook

            /// Decodes `json` into the request type of `operation` and shows it with
            /// `Debug` (which must not show a secret); `None` for an unknown operation.
            pub fn debug_request_json(operation: &str, json: &str) -> Option<Result<String, #serde_json::Error>> {
                match operation {
                    #(#debug_arms)*
                    _ => None,
                }
            }
        }
    }
}

/// `send_request_json`: any operation sent through a client's core from its
/// request's JSON (the mock's every-operation test).
fn send_hook(cx: &Ctx, v: &Vendor) -> TokenStream {
    let send_json = cx.tokens(Rt::SendJson);
    let arms = v.operations.iter().map(|op| {
        let (opname, t) = (&op.spec_name, ident(&op.request_type()));
        quote! { #opname => Some(send::<super::#t>(core, json).await), }
    });
    let (core, error, json) = (
        cx.tokens(Rt::Core),
        cx.tokens(Rt::Error),
        cx.tokens(Rt::Json),
    );
    quote! {
            /// Decodes `json` into the request type of `operation` and sends it
            /// through `core`, as the client's method does; the reply as JSON.
            /// `None` for an unknown operation.
            pub async fn send_request_json(core: &#core, operation: &str, json: &str) -> Option<Result<#json, #error>> {
                use #send_json as send;
                match operation {
                    #(#arms)*
                    _ => None,
                }
            }
    }
}
