//! Analyses over the graph of resolved types: which struct fields lead back
//! to their own struct (boxed), and which structs requests contain (they get
//! constructors and `Validate`).

use std::collections::{BTreeMap, HashSet};

use super::ctxt::TypeSpace;
use crate::model::{Operation, Ty, TypeDecl};

/// Boxes struct fields that lead back to their own struct (directly or not).
pub(super) fn mark_recursion(space: &mut TypeSpace) {
    let edges: BTreeMap<String, Vec<String>> = space
        .decls
        .iter()
        .filter_map(|t| match t {
            TypeDecl::Struct(s) => Some((
                s.name.clone(),
                s.fields
                    .iter()
                    .filter_map(|f| match &f.ty {
                        Ty::Struct(n) => Some(n.clone()),
                        _ => None,
                    })
                    .collect(),
            )),
            TypeDecl::Enum(_) => None,
        })
        .collect();
    let reaches = |from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_string()];
        let mut seen = HashSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n.clone()) {
                stack.extend(edges.get(&n).into_iter().flatten().cloned());
            }
        }
        false
    };
    for t in &mut space.decls {
        if let TypeDecl::Struct(s) = t {
            for f in &mut s.fields {
                if let Ty::Struct(n) = &f.ty {
                    if reaches(n, &s.name) {
                        f.boxed = true;
                        s.recursive = true;
                    }
                }
            }
        }
    }
}

/// Marks the structs that request bodies contain, through fields and arrays.
pub(super) fn mark_request_types(space: &mut TypeSpace, operations: &[Operation]) {
    fn structs_in(ty: &Ty, out: &mut Vec<String>) {
        match ty {
            Ty::Struct(n) => out.push(n.clone()),
            Ty::Array(inner) => structs_in(inner, out),
            _ => {}
        }
    }
    let mut stack: Vec<String> = operations
        .iter()
        .filter_map(|op| op.body.as_ref().map(|b| b.ty.clone()))
        .collect();
    let mut seen = HashSet::new();
    while let Some(name) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(TypeDecl::Struct(s)) = space.get_mut(&name) {
            s.in_requests = true;
            for f in &s.fields {
                structs_in(&f.ty, &mut stack);
            }
        }
    }
}
