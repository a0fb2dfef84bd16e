//! Which crate each unit of a vendor goes to when the vendor is split across
//! crates ([`crate::Config::split`]).
//!
//! rustc holds a whole crate in memory while it checks and compiles it, and
//! cargo compiles independent crates side by side: a vendor of thousands of
//! operations built as one crate needs more memory than a build machine has,
//! the same vendor as a few crates needs a part of it per crate. The
//! operations are cut into `parts` runs of consecutive operations; each part
//! crate holds its operations' requests and the structs only they reach.
//! Everything more than one part uses (the enumerations, structs several
//! parts reach, the tables the runtime reads) goes to a shared crate the parts
//! depend on; the vendor's own crate holds `Client` and re-exports the others,
//! so users name every type as they would in one module.

use std::collections::HashSet;

use crate::model::{Operation, TypeDecl, TypeId, Vendor};

/// The crate a unit goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    /// The vendor's own crate: `Client`, the crate users depend on.
    Facade,
    /// The crate every part depends on.
    Shared,
    /// Part `n` (from 0).
    Part(usize),
}

/// Where a split vendor's operations and structs go.
#[derive(Debug, Clone)]
pub struct Plan {
    /// How many part crates (at most one per operation, at least one when
    /// there is an operation).
    pub parts: usize,
    /// Each operation's part, in operation order.
    operation_parts: Vec<usize>,
    /// Each struct's part, by its position in [`Vendor::types`] (`None`:
    /// shared, or reached by no operation).
    struct_parts: Vec<Option<usize>>,
}

impl Plan {
    /// `parts` runs of consecutive operations (fewer when the vendor has
    /// fewer operations); a struct goes with the part whose operations alone
    /// reach it.
    pub fn new(vendor: &Vendor, parts: usize) -> Plan {
        let ops = vendor.operations.len();
        // A vendor of types only has no part: everything is shared.
        let parts = parts.max(1).min(ops);
        let operation_parts: Vec<usize> = (0..ops).map(|i| i * parts / ops).collect();
        // Reached: None (by no part yet), Some(Some(p)) (by part p alone),
        // Some(None) (by several).
        let mut reached: Vec<Option<Option<usize>>> = vec![None; vendor.positions.len()];
        for part in 0..parts {
            let roots = vendor
                .operations
                .iter()
                .zip(&operation_parts)
                .filter(|(_, &p)| p == part)
                .flat_map(|(op, _)| roots(op));
            for id in reachable(vendor, roots) {
                let slot = &mut reached[id.index()];
                *slot = match *slot {
                    None => Some(Some(part)),
                    Some(_) => Some(None),
                };
            }
        }
        let mut struct_parts = vec![None; vendor.types.len()];
        for (id, &at) in vendor.positions.iter().enumerate() {
            struct_parts[at] = reached[id].flatten();
        }
        Plan {
            parts,
            operation_parts,
            struct_parts,
        }
    }

    /// The part of operation `index`.
    pub fn operation(&self, index: usize) -> usize {
        self.operation_parts[index]
    }

    /// Where the type declared at `position` in [`Vendor::types`] goes: an
    /// enumeration is shared (inline enumerations repeat across the whole
    /// vendor and are interned into one type each), a struct goes with the
    /// one part that reaches it.
    pub fn type_home(&self, position: usize, decl: &TypeDecl) -> Home {
        match (decl, self.struct_parts[position]) {
            (TypeDecl::Struct(_), Some(part)) => Home::Part(part),
            _ => Home::Shared,
        }
    }
}

/// The structs an operation names directly: its parameters', body's and
/// reply's.
fn roots(op: &Operation) -> impl Iterator<Item = TypeId> + '_ {
    op.path_params
        .iter()
        .chain(&op.query)
        .chain(&op.headers)
        .filter_map(|f| f.ty.struct_id())
        .chain(op.body.as_ref().map(|b| b.ty))
        .chain(op.response.ty.as_ref().and_then(|t| t.struct_id()))
}

/// Every struct reachable from `roots` through fields (the roots included).
fn reachable(vendor: &Vendor, roots: impl Iterator<Item = TypeId>) -> HashSet<TypeId> {
    let mut seen = HashSet::new();
    let mut stack: Vec<TypeId> = roots.collect();
    while let Some(id) = stack.pop() {
        if seen.insert(id) {
            stack.extend(vendor.fields_of(id).iter().filter_map(|f| f.ty.struct_id()));
        }
    }
    seen
}
