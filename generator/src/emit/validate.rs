//! `Validate` impls: one call into the runtime per documented rule.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident, Ctx};
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
) -> TokenStream {
    let rt = &cx.runtime;
    let field_checks: Vec<TokenStream> = fields.iter().map(|f| field(cx, f)).collect();
    let flat = flatten.map(|f| {
        let id = ident(&f.ident);
        quote! { #rt::validation::Validate::validate_into(&self.#id, v); }
    });
    let rule_checks: Vec<TokenStream> = rules.iter().map(|r| rule(cx, r)).collect();
    let body = quote! { #(#field_checks)* #flat #(#rule_checks)* };
    let v = if body.is_empty() {
        quote! { _v }
    } else {
        quote! { v }
    };
    quote! {
        impl #rt::validation::Validate for #name {
            fn validate_into(&self, #v: &mut #rt::validation::Validator) {
                #body
            }
        }
    }
}

/// The checks of one field, applied to its value when present.
fn field(cx: &Ctx, f: &Field) -> TokenStream {
    let id = ident(&f.ident);
    let inner = value_checks(cx, f, quote! { value });
    if inner.is_empty() {
        return quote! {};
    }
    if f.required {
        quote! { { let value = &self.#id; #inner } }
    } else {
        quote! { if let Some(value) = &self.#id { #inner } }
    }
}

/// Checks on `value` (a reference to the field's value type).
fn value_checks(cx: &Ctx, f: &Field, value: TokenStream) -> TokenStream {
    let (wire, ty) = (&f.wire, &f.ty);
    let mut out: Vec<TokenStream> = f
        .checks
        .iter()
        .map(|c| check(cx, wire, ty, c, &value))
        .collect();
    let key = key_tokens(&f.enum_error_key);
    match ty {
        Ty::Struct(_) => out.push(quote! { v.nested(#wire, #value); }),
        Ty::Enum(..) => out.push(quote! { v.known(#wire, #value, #key); }),
        Ty::Array(item) => match item.as_ref() {
            Ty::Struct(_) => out.push(quote! { v.each(#wire, #value); }),
            Ty::Enum(..) => out.push(quote! { v.known_each(#wire, #value, #key); }),
            _ => {}
        },
        _ => {}
    }
    quote! { #(#out)* }
}

fn key_tokens(key: &Option<String>) -> TokenStream {
    match key {
        Some(k) => quote! { Some(#k) },
        None => quote! { None },
    }
}

fn format_tokens(cx: &Ctx, f: Format) -> TokenStream {
    let rt = &cx.runtime;
    match f {
        Format::Iso8601 => quote! { #rt::validation::Format::Iso8601 },
        Format::DateTime => quote! { #rt::validation::Format::DateTime },
        Format::TimestampMs => quote! { #rt::validation::Format::TimestampMs },
        Format::RgbHex => quote! { #rt::validation::Format::RgbHex },
    }
}

fn check(cx: &Ctx, wire: &str, ty: &Ty, c: &Check, value: &TokenStream) -> TokenStream {
    let rt = &cx.runtime;
    let key = key_tokens(&c.error_key);
    // String rules see the wire text: a string enum is checked on its code.
    let text = match ty {
        Ty::Enum(_, EnumKind::String) => quote! { #value.code() },
        _ => quote! { #value },
    };
    let number = match ty {
        Ty::Enum(_, EnumKind::Integer) => quote! { #value.code() },
        _ => quote! { *#value },
    };
    match &c.kind {
        CheckKind::MaxChars(n) => {
            let n = *n as usize;
            quote! { v.max_chars(#wire, #text, #n, #key); }
        }
        CheckKind::MaxBytes(n) => {
            let n = *n as usize;
            quote! { v.max_bytes(#wire, #text, #n, #key); }
        }
        CheckKind::Length(n) => {
            let n = *n as usize;
            quote! { v.exact_chars(#wire, #text, #n, #key); }
        }
        CheckKind::Chars(r) => {
            let (letters, digits, restricted) = (r.letters, r.digits, r.restricted);
            let (extra, forbid, ends) = (&r.extra, &r.forbid, &r.forbid_at_ends);
            quote! {
                v.chars(#wire, #text, &#rt::validation::CharRule {
                    letters: #letters, digits: #digits, restricted: #restricted,
                    extra: #extra, forbid: #forbid, forbid_at_ends: #ends,
                }, #key);
            }
        }
        CheckKind::Format(f) => {
            let f = format_tokens(cx, *f);
            if matches!(ty, Ty::Integer) {
                quote! { v.format_int(#wire, *#value, #f, #key); }
            } else {
                quote! { v.format(#wire, #text, #f, #key); }
            }
        }
        CheckKind::Range { min, max } => {
            let opt = |x: &Option<i64>| match x {
                Some(x) => {
                    let l = proc_macro2::Literal::i64_unsuffixed(*x);
                    quote! { Some(#l) }
                }
                None => quote! { None },
            };
            let (min, max) = (opt(min), opt(max));
            if matches!(ty, Ty::Number) {
                quote! { v.range_f64(#wire, *#value, #min, #max, #key); }
            } else {
                quote! { v.range(#wire, #number, #min, #max, #key); }
            }
        }
        CheckKind::OneOf(values) => {
            let lits = values.iter().map(docs::literal);
            match values.first() {
                Some(Literal::Str(_)) => {
                    quote! { v.one_of_str(#wire, #text, &[#(#lits),*], #key); }
                }
                _ => quote! { v.one_of_int(#wire, #number, &[#(#lits),*], #key); },
            }
        }
        CheckKind::MinItems(n) => {
            let n = *n as usize;
            quote! { v.min_items(#wire, #value.len(), #n, #key); }
        }
        CheckKind::MaxItems(n) => {
            let n = *n as usize;
            quote! { v.max_items(#wire, #value.len(), #n, #key); }
        }
        CheckKind::MaxFileBytes(n) => {
            let n = *n;
            quote! { v.max_file_bytes(#wire, #value.len() as u64, #n, #key); }
        }
    }
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

/// `Option<V>` where V compares with literals (i64, &str, bool).
fn comparable(path: &FieldPath) -> TokenStream {
    let a = access(path);
    let last = path.last();
    let mut expr = match &last.ty {
        Ty::Integer | Ty::Boolean => quote! { #a.copied() },
        Ty::String => access_str(path, a),
        Ty::Enum(..) => quote! { #a.map(|x| x.code()) },
        _ => quote! { #a.map(|_| ()) },
    };
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
            let p = *p != negate;
            quote! { #a.is_some() == #p }
        }
    }
}

/// The condition in words, for messages: `conf_type is 4`.
fn describe_condition(c: &Condition) -> String {
    let field = &c.field.wire;
    match &c.test {
        Test::Equals(l) => format!("{field} is {}", crate::check::literal_text(l)),
        Test::NotEquals(l) => format!("{field} is not {}", crate::check::literal_text(l)),
        Test::In(ls) => format!(
            "{field} is one of {}",
            ls.iter()
                .map(crate::check::literal_text)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Test::Present(true) => format!("{field} is given"),
        Test::Present(false) => format!("{field} is absent"),
    }
}

fn rule(cx: &Ctx, r: &Rule) -> TokenStream {
    let rt = &cx.runtime;
    let key = key_tokens(&r.error_key);
    let when_text = r.when.as_ref().map(describe_condition);
    let when_tokens = match &when_text {
        Some(t) => quote! { Some(#t) },
        None => quote! { None },
    };
    let body = match &r.kind {
        RuleKind::Require(paths) => {
            let checks = paths
                .iter()
                .filter(|p| !p.steps.iter().all(|s| s.required))
                .map(|p| {
                    let wire = &p.wire;
                    let present = access(p);
                    quote! { v.require(#wire, #present.is_some(), #when_tokens, #key); }
                });
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
                Some(c) => {
                    let cond = condition(c, true);
                    quote! { if #cond { #(#checks)* } }
                }
                None => quote! {},
            };
        }
        RuleKind::Before(a, b, f) => {
            let (wa, wb) = (&a.wire, &b.wire);
            let (va, vb) = (access(a), access(b));
            let f = format_tokens(cx, *f);
            let (va, vb) = (access_str(a, va), access_str(b, vb));
            quote! { v.before(#wa, #va, #wb, #vb, #f, #key); }
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
    let _ = rt;
    match &r.when {
        Some(c) => {
            let cond = condition(c, false);
            quote! { if #cond { #body } }
        }
        None => body,
    }
}
