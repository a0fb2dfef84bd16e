//! Model -> Rust source (syn syntax trees, built directly or parsed from
//! `quote!` tokens, formatted by prettyplease) and markdown (minijinja).

mod catalogue;
mod client;
mod docs;
mod skeleton;
mod syntax;
mod types;
mod validate;

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::ToTokens;

pub use catalogue::catalogue;

use crate::model::{Field, Operation, TypeDecl, Vendor};

/// What emission needs besides the model.
pub struct Ctx<'a> {
    /// Path of the runtime crate, e.g. `::meeting_api_client`, as tokens.
    pub runtime: TokenStream,
    /// The same path as a syntax tree.
    runtime_base: syn::Path,
    /// The fields of each struct, by name (borrowed: every thread has a context).
    structs: HashMap<&'a str, &'a [Field]>,
    /// The shells of every struct's impls, parsed once.
    skeletons: skeleton::Skeletons,
    /// Delimiter tokens reused while this context lives.
    _delimiters: syntax::Delimiters,
}

impl<'a> Ctx<'a> {
    fn new(runtime_path: &str, vendor: &'a Vendor) -> Ctx<'a> {
        let runtime_path: syn::Path = syn::parse_str(runtime_path)
            .unwrap_or_else(|_| syn::parse_quote! { ::meeting_api_client });
        let runtime = runtime_path.to_token_stream();
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
            skeletons: skeleton::Skeletons::new(&runtime),
            runtime,
            runtime_base: runtime_path,
            structs,
        }
    }

    /// A path inside the runtime crate: `::meeting_api_client::a::b`.
    fn runtime_path(&self, segments: &[&str]) -> syn::Path {
        syntax::path_under(&self.runtime_base, segments)
    }

    fn struct_fields(&self, name: &str) -> &'a [Field] {
        self.structs.get(name).copied().unwrap_or(&[])
    }
}

pub(crate) use syntax::ident;

pub(crate) fn unraw(s: &str) -> &str {
    crate::naming::unraw(s)
}

/// One top-level piece of a vendor module, emitted and formatted on its own.
enum Unit<'a> {
    /// Vendor info, operation table and client.
    Header,
    Request(usize, &'a Operation),
    Type(&'a TypeDecl),
    Examples,
}

fn units(vendor: &Vendor) -> Vec<Unit<'_>> {
    let mut units = vec![Unit::Header];
    units.extend(
        vendor
            .operations
            .iter()
            .enumerate()
            .map(|(i, op)| Unit::Request(i, op)),
    );
    units.extend(vendor.types.iter().map(Unit::Type));
    units.push(Unit::Examples);
    units
}

fn unit_items(cx: &Ctx, vendor: &Vendor, unit: &Unit<'_>) -> Vec<syn::Item> {
    match unit {
        Unit::Header => {
            let mut items = syntax::parse_items(client::vendor_info(cx, vendor));
            items.push(client::operation_table(cx, vendor));
            items.extend(client::client(cx, vendor));
            items
        }
        Unit::Request(i, op) => client::request(cx, *i, op),
        Unit::Type(TypeDecl::Struct(s)) => {
            let mut items = types::structure(cx, s);
            if s.in_requests {
                let name = ident(&s.name);
                items.push(validate::impl_validate(
                    cx, &name, &s.fields, None, &s.rules,
                ));
            }
            items
        }
        Unit::Type(TypeDecl::Enum(e)) => syntax::parse_items(types::enumeration(cx, e)),
        Unit::Examples => syntax::parse_items(client::examples(cx, vendor)),
    }
}

/// One vendor module's contents as a syntax tree, built on the calling thread
/// (the stage [`vendor_source`] runs in parallel before formatting).
pub fn vendor_file(vendor: &Vendor, runtime_path: &str) -> syn::File {
    let cx = Ctx::new(runtime_path, vendor);
    syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: units(vendor)
            .iter()
            .flat_map(|u| unit_items(&cx, vendor, u))
            .collect(),
    }
}

/// The tokens of one vendor module's contents (what `generate_api!` expands to).
pub fn vendor_tokens(vendor: &Vendor, runtime_path: &str) -> TokenStream {
    vendor_file(vendor, runtime_path).into_token_stream()
}

/// One vendor module's contents as formatted Rust source.
///
/// Items are emitted and formatted on every core, a batch at a time, and the
/// text is appended in order as batches finish: memory holds one batch's tokens
/// per thread and the text once, and the text does not depend on how batches
/// were shared out.
pub fn vendor_source(vendor: &Vendor, runtime_path: &str) -> String {
    let units = units(vendor);
    let batches: Vec<&[Unit<'_>]> = units.chunks(BATCH).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(batches.len())
        .max(1);
    let mut source = format!(
        "// @generated by meeting-api-codegen from the `{}` spec. Do not edit: edit the YAML.\n",
        vendor.name
    );
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (done, results) = std::sync::mpsc::channel::<(usize, String)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (done, next, batches) = (done.clone(), &next, &batches);
            scope.spawn(move || {
                // Tokens are not Send: each thread has its own context.
                let cx = Ctx::new(runtime_path, vendor);
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(batch) = batches.get(i) else { break };
                    let text: String = batch.iter().map(|u| format(&cx, vendor, u)).collect();
                    if done.send((i, text)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        // Batches finish out of order; keep early ones until their turn.
        let mut waiting = std::collections::BTreeMap::new();
        let mut turn = 0;
        for (i, text) in results {
            waiting.insert(i, text);
            while let Some(text) = waiting.remove(&turn) {
                source.push_str(&text);
                turn += 1;
            }
        }
    });
    source
}

/// Items emitted and formatted together by one thread.
const BATCH: usize = 16;

/// One unit emitted and formatted.
fn format(cx: &Ctx, vendor: &Vendor, unit: &Unit<'_>) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: unit_items(cx, vendor, unit),
    })
}
