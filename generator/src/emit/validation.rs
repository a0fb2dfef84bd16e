//! `Validate` impls: one call into the runtime per documented rule.
//!
//! Two kinds of output, each built one way. The per-field checks are repeated
//! for every constrained field of every request: they are syntax nodes put in
//! the `Validate` shell (see [`super::context::shells`]), for speed. The
//! cross-field rules (a few per struct, with conditions over field paths) are
//! written with `quote!` and parsed, because there they read like the code
//! they produce.

use proc_macro2::{Literal as Lit, TokenStream};
use quote::{format_ident, quote, ToTokens};
use syn::{Expr, Item, Stmt};

use super::context::quoted;
use super::context::shells::method_body;
use super::context::syntax::{self as sx, var};
use super::context::{ident, Ctx, Rt};
use super::docs;
use crate::model::{
    Check, CheckKind, Condition, EnumKind, Field, FieldPath, Format, Literal, Rule, RuleKind, Test,
    Ty,
};

/// `impl Validate for <name>` over the given fields (path/query/body) and rules.
pub fn impl_validate(
    cx: &Ctx,
    name: &syn::Ident,
    fields: &[Field],
    flatten: Option<&Field>,
    rules: &[Rule],
) -> Item {
    let mut body: Vec<Stmt> = fields.iter().flat_map(|f| field(cx, f)).collect();
    if let Some(f) = flatten {
        let validate = sx::expr_path(cx.path(Rt::Validate, &["validate_into"]));
        let value = sx::reference(sx::field(var("self"), ident(&f.ident)));
        body.push(sx::stmt(sx::call(validate, vec![value, var("v")])));
    }
    let rule_checks: TokenStream = rules.iter().map(|r| rule(cx, r)).collect();
    if !rule_checks.is_empty() {
        body.extend(quoted::parse_stmts(rule_checks));
    }
    let mut item = cx.shells.validate(name, !body.is_empty());
    if let Some(stmts) = method_body(&mut item) {
        *stmts = body;
    }
    Item::Impl(item)
}

/// The checks of one field: one `v.<rule>("wire", &self.field, ..)` line
/// per rule, which the runtime skips when an optional field is absent (see
/// `FieldValue`). A rule that needs the value converted first (a length limit
/// on a string enumeration's code, a range on an integer one's, a file's size)
/// puts the field's checks in one block over the bound value instead.
fn field(cx: &Ctx, f: &Field) -> Vec<Stmt> {
    let this = || sx::reference(sx::field(var("self"), ident(&f.ident)));
    let bound = f.checks.iter().any(|c| needs_binding(&f.ty, &c.kind));
    let subject = if bound {
        Subject::Bound
    } else {
        Subject::Field(this())
    };
    let checks = value_checks(cx, f, &subject);
    if checks.is_empty() {
        return Vec::new();
    }
    let checks = if bound {
        let checked = if f.required {
            let mut stmts = vec![sx::let_("value", this())];
            stmts.extend(checks);
            sx::block_expr(stmts)
        } else {
            sx::if_let_some("value", this(), checks)
        };
        vec![sx::tail(checked)]
    } else {
        checks
    };
    if !f.sensitive {
        return checks;
    }
    // The runtime redacts what the checks record, so no message quotes a secret.
    let checked = sx::block_expr(checks);
    quoted::parse_stmts(quote! { v.sensitive(|v| #checked); })
}

/// What a field's checks are applied to.
enum Subject {
    /// `&self.field`, as it is (`T`, `Option<T>`, `Vec<T>`, ...).
    Field(Expr),
    /// `value`, bound to `&T` of a present field.
    Bound,
}

impl Subject {
    fn expr(&self) -> Expr {
        match self {
            Subject::Field(e) => e.clone(),
            Subject::Bound => var("value"),
        }
    }
}

/// Whether a check reads something other than the field's value: the code of
/// an enumeration, the size of a file.
fn needs_binding(ty: &Ty, kind: &CheckKind) -> bool {
    match kind {
        CheckKind::MaxFileBytes(_) => true,
        CheckKind::Range { .. } | CheckKind::OneOf(_) | CheckKind::Format(_) => {
            matches!(ty, Ty::Enum(..))
        }
        CheckKind::MaxChars(_)
        | CheckKind::MaxBytes(_)
        | CheckKind::Length(_)
        | CheckKind::MinChars(_)
        | CheckKind::MinBytes(_)
        | CheckKind::MaxWidth(_)
        | CheckKind::Chars(_) => matches!(ty, Ty::Enum(..)),
        CheckKind::MinItems(_) | CheckKind::MaxItems(_) => false,
    }
}

/// Checks on the field's value (see [`Subject`]).
fn value_checks(cx: &Ctx, f: &Field, subject: &Subject) -> Vec<Stmt> {
    let (wire, ty) = (&f.wire, &f.ty);
    let mut out: Vec<Stmt> = f
        .checks
        .iter()
        .map(|c| check(cx, wire, ty, c, subject))
        .collect();
    let call = |method: &str, key: Option<&Option<String>>| {
        let mut args = vec![sx::lit_str(wire), subject.expr()];
        args.extend(key.map(key_expr));
        sx::stmt(sx::method(var("v"), method, args))
    };
    let key = Some(&f.enum_error_key);
    match ty {
        Ty::Struct(_) => out.push(call("nested", None)),
        Ty::Enum(..) => out.push(call("known", key)),
        Ty::Array(item) => match item.as_ref() {
            Ty::Struct(_) => out.push(call("each", None)),
            Ty::Enum(..) => out.push(call("known_each", key)),
            _ => {}
        },
        _ => {}
    }
    out
}

/// The vendor's error key of a check: `Some("key")` or `None`.
fn key_expr(key: &Option<String>) -> Expr {
    match key {
        Some(k) => sx::some(sx::lit_str(k)),
        None => var("None"),
    }
}

fn key_tokens(key: &Option<String>) -> TokenStream {
    key_expr(key).into_token_stream()
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Iso8601 => "Iso8601",
        Format::Iso8601LocalOrOffset => "Iso8601LocalOrOffset",
        Format::DateTime => "DateTime",
        Format::TimestampMs => "TimestampMs",
        Format::TimestampS => "TimestampS",
        Format::RgbHex => "RgbHex",
    }
}

fn format_tokens(cx: &Ctx, f: Format) -> TokenStream {
    format_expr(cx, f).into_token_stream()
}

fn format_expr(cx: &Ctx, f: Format) -> Expr {
    sx::expr_path(cx.path(Rt::Format, &[format_name(f)]))
}

/// `v.<method>(wire, value, args..., key);`
fn check(cx: &Ctx, wire: &str, ty: &Ty, c: &Check, subject: &Subject) -> Stmt {
    // String rules see the wire text: a string enum is checked on its code.
    let text = || match ty {
        Ty::Enum(_, EnumKind::String) => sx::method(var("value"), "code", Vec::new()),
        _ => subject.expr(),
    };
    let number = || match ty {
        Ty::Enum(_, EnumKind::Integer) => {
            sx::reference(sx::method(var("value"), "code", Vec::new()))
        }
        _ => subject.expr(),
    };
    let count = |n: u64| sx::lit_token(Lit::usize_unsuffixed(n as usize));
    let len = || subject.expr();
    let (method, args): (&str, Vec<Expr>) = match &c.kind {
        CheckKind::MaxChars(n) => ("max_chars", vec![text(), count(*n)]),
        CheckKind::MaxBytes(n) => ("max_bytes", vec![text(), count(*n)]),
        CheckKind::Length(n) => ("exact_chars", vec![text(), count(*n)]),
        CheckKind::MinChars(n) => ("min_chars", vec![text(), count(*n)]),
        CheckKind::MinBytes(n) => ("min_bytes", vec![text(), count(*n)]),
        CheckKind::MaxWidth(n) => ("max_width", vec![text(), count(*n)]),
        CheckKind::Chars(r) => {
            let rule = cx.char_rules.name_of(r);
            ("chars", vec![text(), sx::reference(rule)])
        }
        CheckKind::Format(f) if matches!(ty, Ty::Integer) => {
            ("format_int", vec![subject.expr(), format_expr(cx, *f)])
        }
        CheckKind::Format(f) => ("format", vec![text(), format_expr(cx, *f)]),
        CheckKind::Range { min, max } => {
            let bound = |x: &Option<i64>| match x {
                Some(x) => sx::some(sx::lit_token(Lit::i64_unsuffixed(*x))),
                None => var("None"),
            };
            if matches!(ty, Ty::Number) {
                ("range_f64", vec![subject.expr(), bound(min), bound(max)])
            } else {
                ("range", vec![number(), bound(min), bound(max)])
            }
        }
        CheckKind::OneOf(values) => {
            let list = sx::reference(Expr::Array(syn::ExprArray {
                attrs: Vec::new(),
                bracket_token: sx::bracket(),
                elems: values.iter().map(docs::literal_expr).collect(),
            }));
            match values.first() {
                Some(Literal::Str(_)) => ("one_of_str", vec![text(), list]),
                _ => ("one_of_int", vec![number(), list]),
            }
        }
        CheckKind::MinItems(n) => ("min_items", vec![len(), count(*n)]),
        CheckKind::MaxItems(n) => ("max_items", vec![len(), count(*n)]),
        CheckKind::MaxFileBytes(n) => {
            let bytes = Expr::Cast(syn::ExprCast {
                attrs: Vec::new(),
                expr: Box::new(sx::method(var("value"), "len", Vec::new())),
                as_token: Default::default(),
                ty: Box::new(sx::ty(sx::path(&["u64"]))),
            });
            (
                "max_file_bytes",
                vec![bytes, sx::lit_token(Lit::u64_suffixed(*n))],
            )
        }
    };
    let mut all = vec![sx::lit_str(wire)];
    all.extend(args);
    all.push(key_expr(&c.error_key));
    sx::stmt(sx::method(var("v"), method, all))
}

/// `Option<&T>` for a path of fields starting at `self`.
fn access(path: &FieldPath) -> TokenStream {
    let (first, rest) = path
        .steps
        .split_first()
        .expect("a field path has at least one step");
    let id = ident(&first.ident);
    let mut expr = match (first.required, first.boxed) {
        (true, false) => quote! { Some(&self.#id) },
        (true, true) => quote! { Some(&*self.#id) },
        (false, false) => quote! { self.#id.as_ref() },
        (false, true) => quote! { self.#id.as_deref() },
    };
    for step in rest {
        let id = ident(&step.ident);
        expr = match (step.required, step.boxed) {
            (true, false) => quote! { #expr.map(|x| &x.#id) },
            (true, true) => quote! { #expr.map(|x| &*x.#id) },
            (false, false) => quote! { #expr.and_then(|x| x.#id.as_ref()) },
            (false, true) => quote! { #expr.and_then(|x| x.#id.as_deref()) },
        };
    }
    expr
}

/// `Option<&str>` for a path to a string field.
fn access_str(path: &FieldPath, general: TokenStream) -> TokenStream {
    match path.steps.as_slice() {
        [only] if !only.boxed => {
            let id = ident(&only.ident);
            if only.required {
                quote! { Some(self.#id.as_str()) }
            } else {
                quote! { self.#id.as_deref() }
            }
        }
        _ => quote! { #general.map(String::as_str) },
    }
}

/// `v.require(..)` for the last field of `path`, inside the objects and
/// array items on the way that are present: a starred field of a nested
/// object is required when the object is given (`mix.mode`), in every item
/// of an array (`members[].account`). Nothing for a field the type already
/// requires.
fn require(path: &FieldPath, when: &TokenStream, key: &TokenStream) -> TokenStream {
    let Some((last, parents)) = path.steps.split_last() else {
        return quote! {};
    };
    if last.required {
        return quote! {};
    }
    let mut holder = quote! { self };
    let mut name = String::new();
    let mut indexes = Vec::new();
    let mut openers = Vec::new();
    for (k, step) in parents.iter().enumerate() {
        let (id, x) = (ident(&step.ident), format_ident!("x{k}"));
        // `&T` of a required step, `Option<&T>` of an optional one.
        let array = matches!(step.ty, Ty::Array(_));
        let place = match (step.required, step.boxed) {
            (true, false) if array => quote! { #holder.#id },
            (true, false) => quote! { &#holder.#id },
            (true, true) => quote! { &*#holder.#id },
            (false, false) => quote! { #holder.#id.as_ref() },
            (false, true) => quote! { #holder.#id.as_deref() },
        };
        let wire = step.wire.replace('{', "{{").replace('}', "}}");
        if array {
            let i = format_ident!("i{k}");
            name.push_str(&format!("{wire}[{{{i}}}]."));
            indexes.push(i.clone());
            openers.push((step.required, place, x, Some(i)));
        } else {
            name.push_str(&format!("{wire}."));
            openers.push((step.required, place, x, None));
        }
        holder = openers
            .last()
            .map(|o| o.2.to_token_stream())
            .unwrap_or_default();
    }
    let lid = ident(&last.ident);
    let present = quote! { #holder.#lid.is_some() };
    let mut body = if indexes.is_empty() {
        let wire = &path.wire;
        quote! { v.require(#wire, #present, #when, #key); }
    } else {
        let name = format!("{name}{}", last.wire.replace('{', "{{").replace('}', "}}"));
        quote! { v.require(&format!(#name), #present, #when, #key); }
    };
    for (required, place, x, index) in openers.into_iter().rev() {
        body = match (required, index) {
            (true, None) => quote! { { let #x = #place; #body } },
            (false, None) => quote! { if let Some(#x) = #place { #body } },
            // A required array is a `Vec` (never boxed): iterated in place.
            (true, Some(i)) => quote! { for (#i, #x) in #place.iter().enumerate() { #body } },
            (false, Some(i)) => quote! {
                if let Some(items) = #place {
                    for (#i, #x) in items.iter().enumerate() { #body }
                }
            },
        };
    }
    body
}

/// `Option<&str>` for a path to a time: a string field as it is, an integer
/// timestamp as its digits (a temporary that lives through the call).
fn time_text(path: &FieldPath) -> TokenStream {
    let a = access(path);
    match path.last().ty {
        Ty::Integer => quote! { #a.map(|x| x.to_string()).as_deref() },
        _ => access_str(path, a),
    }
}

/// `Option<V>` of the value given (no default), where V compares with
/// literals (i64, &str, bool).
fn given_value(path: &FieldPath) -> TokenStream {
    let a = access(path);
    match &path.last().ty {
        Ty::Integer | Ty::Boolean => quote! { #a.copied() },
        Ty::String => access_str(path, a),
        Ty::Enum(..) => quote! { #a.map(|x| x.code()) },
        _ => quote! { #a.map(|_| ()) },
    }
}

/// `Option<V>` where V compares with literals (i64, &str, bool); an absent
/// field reads as its default.
fn comparable(path: &FieldPath) -> TokenStream {
    let last = path.last();
    let mut expr = given_value(path);
    if let Some(d) = &last.default {
        let d = docs::literal(d);
        expr = quote! { #expr.or(Some(#d)) };
    }
    expr
}

/// The condition as a boolean expression, or its negation.
fn condition(c: &Condition, negate: bool) -> TokenStream {
    let value = comparable(&c.field);
    let (eq, ne) = if negate {
        (quote! { != }, quote! { == })
    } else {
        (quote! { == }, quote! { != })
    };
    match &c.test {
        Test::Equals(l) => {
            let l = docs::literal(l);
            quote! { #value #eq Some(#l) }
        }
        Test::NotEquals(l) => {
            let l = docs::literal(l);
            quote! { #value #ne Some(#l) }
        }
        Test::In(ls) => {
            let ls = ls.iter().map(docs::literal);
            let not = if negate {
                quote! { ! }
            } else {
                quote! {}
            };
            quote! { #not #value.is_some_and(|x| [#(#ls),*].contains(&x)) }
        }
        Test::Present(p) => {
            let a = access(&c.field);
            // `is_some() == false` is what clippy's `bool_comparison` rejects.
            if *p != negate {
                quote! { #a.is_some() }
            } else {
                quote! { #a.is_none() }
            }
        }
    }
}

fn rule(cx: &Ctx, r: &Rule) -> TokenStream {
    let key = key_tokens(&r.error_key);
    let when_text = r.when.as_ref().map(|_| docs::conditions(r));
    let when_tokens = match &when_text {
        Some(t) => quote! { Some(#t) },
        None => quote! { None },
    };
    let body = match &r.kind {
        RuleKind::Require(paths) => {
            let checks = paths.iter().map(|p| require(p, &when_tokens, &key));
            quote! { #(#checks)* }
        }
        RuleKind::OnlyWhen(paths) => {
            let when = when_text.clone().unwrap_or_default();
            let checks = paths.iter().map(|p| {
                let wire = &p.wire;
                let present = access(p);
                quote! { v.only_when(#wire, #present.is_some(), #when, #key); }
            });
            return match &r.when {
                Some(c) if r.also_when.is_empty() => {
                    let cond = condition(c, true);
                    quote! { if #cond { #(#checks)* } }
                }
                Some(_) => {
                    let cond = all_conditions(r);
                    quote! { if !(#cond) { #(#checks)* } }
                }
                None => quote! {},
            };
        }
        RuleKind::Before(a, b, f) => {
            let (wa, wb) = (&a.wire, &b.wire);
            let f = format_tokens(cx, *f);
            let (va, vb) = (time_text(a), time_text(b));
            quote! { v.before(#wa, #va, #wb, #vb, #f, #key); }
        }
        RuleKind::AtLeastOneOf(paths) | RuleKind::ExactlyOneOf(paths) => {
            let method = match &r.kind {
                RuleKind::AtLeastOneOf(_) => quote! { at_least_one_of },
                _ => quote! { exactly_one_of },
            };
            let given = paths.iter().map(|p| {
                let (wire, present) = (&p.wire, access(p));
                quote! { (#wire, #present.is_some()) }
            });
            quote! { v.#method(&[#(#given),*], #when_tokens, #key); }
        }
        // Documentation only: the field's rustdoc says it.
        RuleKind::EffectiveOnlyWhen(_) => return quote! {},
        RuleKind::Limit { field, min, max } => {
            let (wire, value) = (&field.wire, access(field));
            let bound = |b: &Option<i64>| match b {
                Some(b) => quote! { Some(#b) },
                None => quote! { None },
            };
            let (min, max) = (bound(min), bound(max));
            quote! {
                if let Some(x) = #value.copied() {
                    v.limit(#wire, x, #min, #max, #when_tokens, #key);
                }
            }
        }
        RuleKind::ForbidValues(field, values) => {
            let wire = &field.wire;
            let value = given_value(field);
            let values = values.iter().map(docs::literal);
            quote! {
                if let Some(x) = #value {
                    v.forbid_values(#wire, x, &[#(#values),*], #when_tokens, #key);
                }
            }
        }
        RuleKind::NoOverlap(o) => {
            let (array, start, end, format) = (&o.array, &o.start, &o.end, &o.format);
            let wire = &array.wire;
            let items = access(array);
            let f = format_tokens(cx, *format);
            let get = |fl: &Field| {
                let id = ident(&fl.ident);
                if fl.required {
                    quote! { Some(x.#id.as_str()) }
                } else {
                    quote! { x.#id.as_deref() }
                }
            };
            let (s, e) = (get(start), get(end));
            quote! {
                if let Some(items) = #items {
                    v.no_overlap(#wire, items.iter().map(|x| (#s, #e)), #f, #key);
                }
            }
        }
    };
    match &r.when {
        Some(_) => {
            let cond = all_conditions(r);
            quote! { if #cond { #body } }
        }
        None => body,
    }
}

/// `a && b && ...` over the rule's conditions.
fn all_conditions(r: &Rule) -> TokenStream {
    let all = r
        .when
        .iter()
        .chain(&r.also_when)
        .map(|c| condition(c, false));
    quote! { #(#all)&&* }
}

/// The vendor's character rules as constants (see
/// [`super::context::char_rules`]): `const CHAR_RULE_<n>: CharRule = ..;`,
/// each with the rule in words.
pub fn char_rule_consts(cx: &Ctx) -> Vec<Item> {
    let flag = |b: bool| {
        sx::lit(syn::Lit::Bool(syn::LitBool::new(
            b,
            proc_macro2::Span::call_site(),
        )))
    };
    cx.char_rules
        .named()
        .map(|(name, r)| {
            let value = sx::struct_lit(
                cx.path(Rt::CharRule, &[]),
                vec![
                    (ident("letters"), Some(flag(r.letters))),
                    (ident("digits"), Some(flag(r.digits))),
                    (ident("restricted"), Some(flag(r.restricted))),
                    (ident("extra"), Some(sx::lit_str(&r.extra))),
                    (ident("forbid"), Some(sx::lit_str(&r.forbid))),
                    (
                        ident("forbid_at_ends"),
                        Some(sx::lit_str(&r.forbid_at_ends)),
                    ),
                ],
            );
            let doc = format!(
                " Character rule: {}.",
                docs::describe(&CheckKind::Chars(r.clone()))
            );
            let (name, ty) = (ident(&name), cx.path(Rt::CharRule, &[]));
            // A split vendor's parts read them from the shared crate.
            match cx.split {
                false => syn::parse_quote! {
                    #[doc = #doc]
                    const #name: #ty = #value;
                },
                true => syn::parse_quote! {
                    #[doc = #doc]
                    #[doc(hidden)]
                    pub const #name: #ty = #value;
                },
            }
        })
        .collect()
}
