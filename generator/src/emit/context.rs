//! What every emitter shares, at the bottom of `emit`: the runtime paths
//! table ([`runtime`]), the vendor's types by id, the Rust type of a spec
//! type, and the ways of building syntax ([`syntax`] for nodes, [`shells`] for
//! the fixed parts of every struct's impls, [`quoted`] for `quote!` code).
//! Imports nothing from the emitters above it; its submodules import nothing
//! from this file.

pub mod char_rules;
pub mod quoted;
pub mod runtime;
pub mod shells;
pub mod syntax;

use proc_macro2::TokenStream;
use syn::{Path, Type};

use crate::model::{Field, Ty, TypeId, Vendor};
use char_rules::CharRules;
use runtime::Runtime;
use syntax as sx;

pub use runtime::Rt;
pub use syntax::ident;

/// What emission needs besides the model; one per thread (syntax trees are not `Send`).
pub struct Ctx<'a> {
    /// The runtime crate's path.
    rt: Runtime,
    /// The vendor: what type ids resolve against.
    vendor: &'a Vendor,
    /// The shells of every struct's impls, parsed once.
    pub shells: shells::Shells,
    /// The vendor's character rules, one constant each.
    pub char_rules: CharRules<'a>,
    /// Whether the code is one crate of a vendor split across several (see
    /// `emit::split`): items other crates name are public, links to `Client`
    /// from the parts are plain text.
    pub split: bool,
    /// Delimiter tokens reused while this context lives.
    _delimiters: syntax::Delimiters,
}

impl<'a> Ctx<'a> {
    /// A context for emitting `vendor` against the runtime at `runtime_path`.
    pub fn new(runtime_path: &str, vendor: &'a Vendor) -> Ctx<'a> {
        let rt = Runtime::new(runtime_path);
        Ctx {
            _delimiters: syntax::Delimiters::cache(),
            shells: shells::Shells::new(&rt),
            char_rules: CharRules::of(vendor),
            split: false,
            rt,
            vendor,
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

    /// The fields of the struct `id` refers to.
    pub fn struct_fields(&self, id: TypeId) -> &'a [Field] {
        self.vendor.fields_of(id)
    }

    /// The Rust name of the type `id` refers to.
    pub fn type_name(&self, id: TypeId) -> &'a str {
        self.vendor.type_name(id)
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
            Ty::Struct(id) | Ty::Enum(id, _) if self.vendor.base_of(*id).is_some() => {
                let base = self.vendor.base_of(*id).unwrap_or_default();
                sx::ty(self.rt.vendor_item(base, self.type_name(*id)))
            }
            Ty::Struct(id) | Ty::Enum(id, _) => {
                let mut p = sx::path(scope);
                p.segments.push(ident(self.type_name(*id)).into());
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
