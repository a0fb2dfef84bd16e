//! One constant per distinct character rule of a vendor's validated fields.
//!
//! A rule such as "ASCII letters, digits and `_.`" is written on dozens of
//! fields; spelled out in each `v.chars(..)` call it took eleven lines. The
//! calls name `CHAR_RULE_<n>` instead, declared once with the operation
//! table at the end of the module. Rules are numbered in the order the
//! module validates them (operations, then the types requests use), so the
//! same specs give the same names. The declarations are written by
//! `validation::char_rule_consts`.

use std::collections::HashMap;

use syn::Expr;

use super::syntax as sx;
use crate::model::{CharRule, CheckKind, Field, TypeDecl, Vendor};

/// What makes two rules the same: everything but the document's words.
type Key<'a> = (bool, bool, bool, &'a str, &'a str, &'a str);

fn key(r: &CharRule) -> Key<'_> {
    (
        r.letters,
        r.digits,
        r.restricted,
        &r.extra,
        &r.forbid,
        &r.forbid_at_ends,
    )
}

/// The distinct character rules of the fields a vendor's module validates.
pub struct CharRules<'a> {
    rules: Vec<&'a CharRule>,
    numbers: HashMap<Key<'a>, usize>,
}

impl<'a> CharRules<'a> {
    /// The rules of every field a `Validate` impl of the module checks: the
    /// operations' parameters and the fields of the vendor's own types that
    /// requests use (what `emit::unit_items` and `requests` validate).
    pub fn of(vendor: &'a Vendor) -> CharRules<'a> {
        let params = vendor
            .operations
            .iter()
            .flat_map(|op| op.path_params.iter().chain(&op.query).chain(&op.headers));
        let types = vendor.own_types().flat_map(|t| match t {
            TypeDecl::Struct(s) if s.in_requests => s.fields.as_slice(),
            _ => &[],
        });
        let mut out = CharRules {
            rules: Vec::new(),
            numbers: HashMap::new(),
        };
        for rule in params.chain(types).flat_map(rules_of) {
            let next = out.rules.len();
            if *out.numbers.entry(key(rule)).or_insert(next) == next {
                out.rules.push(rule);
            }
        }
        out
    }

    /// `CHAR_RULE_<n>`, the constant of `rule`.
    ///
    /// # Panics
    ///
    /// When `rule` is on no field [`CharRules::of`] read (an emitter bug).
    pub fn name_of(&self, rule: &CharRule) -> Expr {
        let n = self.numbers.get(&key(rule)).copied();
        sx::var(&const_name(n.expect("every validated rule was collected")))
    }

    /// Each constant's name and rule, in number order.
    pub fn named(&self) -> impl Iterator<Item = (String, &'a CharRule)> + '_ {
        self.rules
            .iter()
            .enumerate()
            .map(|(n, r)| (const_name(n), *r))
    }
}

fn rules_of(f: &Field) -> impl Iterator<Item = &CharRule> {
    f.checks.iter().filter_map(|c| match &c.kind {
        CheckKind::Chars(rule) => Some(rule),
        _ => None,
    })
}

fn const_name(n: usize) -> String {
    format!("CHAR_RULE_{}", n + 1)
}
