//! Analyses over the graph of resolved types: which struct fields lead back
//! to their own struct (boxed), which cycles no finite value can close
//! (rejected), and which structs requests contain (they get constructors and
//! `Validate`).

use std::collections::BTreeMap;

use foldhash::HashSet;

use super::ctxt::{Ctxt, TypeSpace};
use crate::model::{Operation, Ty, TypeDecl, TypeId};

/// Boxes struct fields that lead back to their own struct (directly or not).
pub(super) fn mark_recursion(space: &mut TypeSpace) {
    let edges: BTreeMap<TypeId, Vec<TypeId>> = space
        .structs()
        .map(|(id, s)| {
            let targets = s.fields.iter().filter_map(|f| match f.ty {
                Ty::Struct(to) => Some(to),
                _ => None,
            });
            (id, targets.collect())
        })
        .collect();
    for &id in edges.keys() {
        if let Some(TypeDecl::Struct(s)) = space.get_mut(id) {
            for f in &mut s.fields {
                if let Ty::Struct(to) = f.ty {
                    if reaches(&edges, to, id) {
                        f.boxed = true;
                        s.recursive = true;
                    }
                }
            }
        }
    }
}

/// Rejects every required struct field that leads back to its own struct
/// through required struct fields only: a value of such a type would have to
/// nest forever, so no reply can carry one and no request can be built (and a
/// reply's decoder could not stand in for it, see the runtime's `de.rs`).
pub(super) fn reject_required_cycles(cx: &mut Ctxt<'_>) {
    let mut next: BTreeMap<TypeId, Vec<TypeId>> = BTreeMap::new();
    for link in &cx.space.required_links {
        next.entry(link.from).or_default().push(link.to);
    }
    let closing: Vec<usize> = (cx.space.required_links.iter().enumerate())
        .filter(|(_, link)| reaches(&next, link.to, link.from))
        .map(|(i, _)| i)
        .collect();
    for i in closing {
        let link = &cx.space.required_links[i];
        let (owner, at) = (cx.space.name(link.from).to_string(), link.at.clone());
        let message = format!(
            "required field `{}` of `{owner}` leads back to `{owner}` through required fields only: no finite value has this type",
            link.wire
        );
        cx.error_at_key(
            &at,
            message,
            "make one field on the cycle optional (drop its `required: true`)",
        );
    }
}

/// Whether `to` can be reached from `from` along `edges`.
fn reaches(edges: &BTreeMap<TypeId, Vec<TypeId>>, from: TypeId, to: TypeId) -> bool {
    let mut stack = vec![from];
    let mut seen = HashSet::default();
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n) {
            stack.extend(edges.get(&n).into_iter().flatten().copied());
        }
    }
    false
}

/// Marks the structs that request bodies contain, through fields and arrays.
pub(super) fn mark_request_types(space: &mut TypeSpace, operations: &[Operation]) {
    fn structs_in(ty: &Ty, out: &mut Vec<TypeId>) {
        match ty {
            Ty::Struct(id) => out.push(*id),
            Ty::Array(inner) => structs_in(inner, out),
            _ => {}
        }
    }
    let mut stack: Vec<TypeId> = operations
        .iter()
        .filter_map(|op| op.body.as_ref().map(|b| b.ty))
        .collect();
    let mut seen = HashSet::default();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(TypeDecl::Struct(s)) = space.get_mut(id) {
            s.in_requests = true;
            for f in &s.fields {
                structs_in(&f.ty, &mut stack);
            }
        }
    }
}
