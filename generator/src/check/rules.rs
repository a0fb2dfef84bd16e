//! Rules across fields (`require`, `only_when`, `before`, `no_overlap`), their
//! `when` conditions, and the field paths both follow through structs.
//!
//! Rules are resolved from the one queue of deferred work, once every type is
//! known: a struct's rules over its fields, an operation's over its request.

use super::ctxt::{Ctxt, Owner, Site};
use super::literals::{literal_for, ty_name};
use crate::diagnostic::suggest;
use crate::model::{
    CheckKind, Condition, Field, FieldPath, Format, NoOverlap, Operation, Rule, RuleKind, Test, Ty,
    TypeDecl,
};
use crate::spec::ast;

/// The fields a rule's paths start from, and the struct (or operation) that owns
/// them: what a missing field is looked up against.
#[derive(Clone, Copy)]
pub(super) struct Scope<'s> {
    pub owner: &'s str,
    pub fields: &'s [Field],
}

/// Resolves every queued rule and attaches it to its struct or operation.
pub(super) fn resolve_deferred(cx: &mut Ctxt<'_>, operations: &mut [Operation]) {
    for d in std::mem::take(&mut cx.deferred) {
        match d.owner {
            Owner::Struct(id) => {
                let fields = cx.space.fields_of(id);
                let name = cx.space.name(id).to_string();
                let scope = Scope {
                    owner: &name,
                    fields: &fields,
                };
                let rules = rules(cx, &d.at, scope, d.rules);
                if let Some(TypeDecl::Struct(s)) = cx.space.get_mut(id) {
                    s.rules = rules;
                }
            }
            Owner::Operation(i) => {
                let op = &mut operations[i];
                // Their scope is the request: params, query, headers, body.
                let fields = op.request_fields();
                let scope = Scope {
                    owner: &op.type_name,
                    fields: &fields,
                };
                op.rules = rules(cx, &d.at, scope, d.rules);
            }
        }
    }
}

fn rules(cx: &mut Ctxt<'_>, at: &Site, scope: Scope<'_>, rules: &[ast::Rule]) -> Vec<Rule> {
    rules
        .iter()
        .enumerate()
        .filter_map(|(i, r)| rule(cx, &at.index(i), scope, r))
        .collect()
}

fn rule(cx: &mut Ctxt<'_>, at: &Site, scope: Scope<'_>, r: &ast::Rule) -> Option<Rule> {
    let given = [
        r.require.is_some(),
        r.only_when.is_some(),
        r.before.is_some(),
        r.no_overlap.is_some(),
        r.at_least_one_of.is_some(),
        r.exactly_one_of.is_some(),
        r.effective_only_when.is_some(),
        r.limit.is_some(),
        r.forbid_values.is_some(),
    ];
    if !exactly_one(&given) {
        // Splitting helps only a rule that states several; one that states
        // none (its key unknown, reported apart) is not several rules.
        let several = given.iter().filter(|g| **g).count() > 1;
        let kinds: Vec<String> = RuleKind::KEYS.iter().map(|k| format!("`{k}`")).collect();
        cx.error(
            at,
            format!("a rule states exactly one of {}", kinds.join(", ")),
            if several {
                "split it into several rules"
            } else {
                ""
            },
        );
        return None;
    }
    let (when, also_when) = match &r.when {
        Some(w) => {
            let mut all = conditions(cx, &at.key("when"), scope, w)?;
            let first = all.remove(0);
            (Some(first), all)
        }
        None => (None, Vec::new()),
    };
    let conditional = |cx: &mut Ctxt<'_>, key: &str| {
        if when.is_none() {
            cx.error(at, format!("`{key}` needs a `when` condition"), "");
        }
        when.is_some()
    };
    let kind = if let Some(list) = &r.require {
        let at = at.key("require");
        RuleKind::Require(paths_of(cx, &at, scope, list, Arrays::Allowed)?)
    } else if let Some(list) = &r.only_when {
        if !conditional(cx, "only_when") {
            return None;
        }
        RuleKind::OnlyWhen(field_paths(cx, &at.key("only_when"), scope, list)?)
    } else if let Some(pair) = &r.before {
        before(cx, &at.key("before"), scope, pair)?
    } else if let Some(o) = &r.no_overlap {
        no_overlap(cx, &at.key("no_overlap"), scope, o)?
    } else if let Some(list) = &r.at_least_one_of {
        RuleKind::AtLeastOneOf(alternatives(cx, &at.key("at_least_one_of"), scope, list)?)
    } else if let Some(list) = &r.exactly_one_of {
        RuleKind::ExactlyOneOf(alternatives(cx, &at.key("exactly_one_of"), scope, list)?)
    } else if let Some(list) = &r.effective_only_when {
        if !conditional(cx, "effective_only_when") {
            return None;
        }
        RuleKind::EffectiveOnlyWhen(own_fields(cx, &at.key("effective_only_when"), scope, list)?)
    } else if let Some(l) = &r.limit {
        limit(cx, &at.key("limit"), scope, l)?
    } else {
        forbid_values(
            cx,
            &at.key("forbid_values"),
            scope,
            r.forbid_values.as_ref()?,
        )?
    };
    Some(Rule {
        kind,
        when,
        also_when,
        error_key: r.error_key.clone(),
        doc: r.doc.clone(),
    })
}

/// The fields of `at_least_one_of` / `exactly_one_of`: two or more, none
/// of them required (a required one would make the rule say nothing).
fn alternatives(
    cx: &mut Ctxt<'_>,
    at: &Site,
    scope: Scope<'_>,
    list: &[String],
) -> Option<Vec<FieldPath>> {
    if list.len() < 2 {
        cx.error(
            at,
            "a choice between fields names two or more fields",
            "use `require` for one field",
        );
        return None;
    }
    let paths = field_paths(cx, at, scope, list)?;
    let always = paths
        .iter()
        .position(|p| p.steps.iter().all(|s| s.required));
    if let Some(i) = always {
        let message = format!("`{}` is required, so it is always present", paths[i].wire);
        cx.error(
            &at.index(i),
            message,
            "remove `required: true` from the field, or drop the rule",
        );
        return None;
    }
    Some(paths)
}

/// Fields of the rule's own object (no dotted path): their docs carry the rule.
fn own_fields(
    cx: &mut Ctxt<'_>,
    at: &Site,
    scope: Scope<'_>,
    list: &[String],
) -> Option<Vec<FieldPath>> {
    let paths = field_paths(cx, at, scope, list)?;
    if let Some(i) = paths.iter().position(|p| p.steps.len() > 1) {
        let message = format!("`{}` is not a field of this object", paths[i].wire);
        cx.error(
            &at.index(i),
            message,
            "put the rule on the object that holds the field",
        );
        return None;
    }
    Some(paths)
}

/// `limit: {field, min, max}`: an integer field, at least one bound, in order.
fn limit(cx: &mut Ctxt<'_>, at: &Site, scope: Scope<'_>, l: &ast::Limit) -> Option<RuleKind> {
    let field = field_path(cx, &at.key("field"), scope, &l.field)?;
    if field.last().ty != Ty::Integer {
        let message = format!(
            "`limit` bounds integers, and `{}` is a {}",
            l.field,
            ty_name(&cx.space, &field.last().ty)
        );
        cx.error(&at.key("field"), message, "");
        return None;
    }
    match (l.min, l.max) {
        (None, None) => {
            cx.error(at, "`limit` states no bound", "add `min:` or `max:`");
            return None;
        }
        (Some(lo), Some(hi)) if lo > hi => {
            let message = format!("`min: {lo}` is greater than `max: {hi}`");
            cx.error(&at.key("min"), message, "");
            return None;
        }
        _ => {}
    }
    Some(RuleKind::Limit {
        field,
        min: l.min,
        max: l.max,
    })
}

/// `forbid_values: {field, values}`: values of the field's own type.
fn forbid_values(
    cx: &mut Ctxt<'_>,
    at: &Site,
    scope: Scope<'_>,
    f: &ast::ForbidValues,
) -> Option<RuleKind> {
    let field = field_path(cx, &at.key("field"), scope, &f.field)?;
    let ty = field.last().ty.clone();
    if !matches!(ty, Ty::String | Ty::Integer | Ty::Enum(..)) {
        let message = format!(
            "`forbid_values` compares values, and `{}` is a {}",
            f.field,
            ty_name(&cx.space, &ty)
        );
        cx.error(&at.key("field"), message, "");
        return None;
    }
    if f.values.is_empty() {
        cx.error(&at.key("values"), "`forbid_values` lists no value", "");
        return None;
    }
    let vat = at.key("values");
    let mut values = Vec::new();
    for (i, v) in f.values.iter().enumerate() {
        values.push(literal_for(cx, &vat.index(i), &ty, v, "value")?);
    }
    Some(RuleKind::ForbidValues(field, values))
}

fn before(cx: &mut Ctxt<'_>, at: &Site, scope: Scope<'_>, pair: &[String]) -> Option<RuleKind> {
    let [a, b] = pair else {
        cx.error(at, "`before` takes two fields: [earlier, later]", "");
        return None;
    };
    let a = field_path(cx, &at.index(0), scope, a)?;
    let b = field_path(cx, &at.index(1), scope, b)?;
    let format = time_format(cx, at, &[a.last(), b.last()])?;
    Some(RuleKind::Before(a, b, format))
}

fn no_overlap(
    cx: &mut Ctxt<'_>,
    at: &Site,
    scope: Scope<'_>,
    o: &ast::NoOverlap,
) -> Option<RuleKind> {
    let aat = at.key("array");
    let array = field_path(cx, &aat, scope, &o.array)?;
    let Ty::Array(item) = &array.last().ty else {
        cx.error(&aat, format!("`{}` is not an array", o.array), "");
        return None;
    };
    let Ty::Struct(item) = item.as_ref() else {
        cx.error(
            &aat,
            format!("`{}` is not an array of objects", o.array),
            "",
        );
        return None;
    };
    let item_fields = cx.space.fields_of(*item);
    let item_name = cx.space.name(*item).to_string();
    let item_scope = Scope {
        owner: &item_name,
        fields: &item_fields,
    };
    let start = field_path(cx, &at.key("start"), item_scope, &o.start)?;
    let end = field_path(cx, &at.key("end"), item_scope, &o.end)?;
    let format = time_format(cx, at, &[start.last(), end.last()])?;
    if [&start, &end].iter().any(|p| p.last().ty != Ty::String) {
        cx.error(
            at,
            "`no_overlap` compares times written as strings",
            "declare `start` and `end` as `type: string` with their `format:`",
        );
        return None;
    }
    Some(RuleKind::NoOverlap(Box::new(NoOverlap {
        array,
        start: start.last().clone(),
        end: end.last().clone(),
        format,
    })))
}

/// The time format two compared fields share: a value of one format is
/// ordered against another of the same format only (a `timestamp_s` against
/// a `datetime` would need a time zone the documents do not give).
fn time_format(cx: &mut Ctxt<'_>, at: &Site, fields: &[&Field]) -> Option<Format> {
    let formats: Vec<Option<Format>> = fields
        .iter()
        .map(|f| {
            f.checks.iter().find_map(|c| match c.kind {
                CheckKind::Format(fmt) if fmt.is_time() => Some(fmt),
                _ => None,
            })
        })
        .collect();
    match formats.as_slice() {
        [Some(a), rest @ ..] if rest.iter().all(|f| *f == Some(*a)) => return Some(*a),
        _ => {}
    }
    let shown: Vec<String> = fields
        .iter()
        .zip(&formats)
        .map(|(f, fmt)| match fmt {
            Some(fmt) => format!("`{}` is `{}`", f.wire, fmt.name()),
            None => format!("`{}` declares no time format", f.wire),
        })
        .collect();
    cx.error(
        at,
        format!(
            "comparing times needs both fields to declare the same time `format:` ({})",
            shown.join(", ")
        ),
        format!("time formats: {}", Format::TIMES.join(", ")),
    );
    None
}

/// Whether a path may reach into the items of an array (`members[].account`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Arrays {
    /// `require` only: the field is required in every item present.
    Allowed,
    /// Every other use of a path names one value.
    Refused,
}

fn field_paths(
    cx: &mut Ctxt<'_>,
    at: &Site,
    scope: Scope<'_>,
    list: &[String],
) -> Option<Vec<FieldPath>> {
    paths_of(cx, at, scope, list, Arrays::Refused)
}

fn paths_of(
    cx: &mut Ctxt<'_>,
    at: &Site,
    scope: Scope<'_>,
    list: &[String],
    arrays: Arrays,
) -> Option<Vec<FieldPath>> {
    let mut out = Vec::new();
    let mut ok = true;
    for (i, wire) in list.iter().enumerate() {
        match path_through(cx, &at.index(i), scope, wire, arrays) {
            Some(p) => out.push(p),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// Follows a dotted wire path (`body.live_config.live_subject`) through structs.
pub(super) fn field_path(
    cx: &mut Ctxt<'_>,
    at: &Site,
    scope: Scope<'_>,
    wire: &str,
) -> Option<FieldPath> {
    path_through(cx, at, scope, wire, Arrays::Refused)
}

/// A path's field that is an array of objects, when its part is written
/// `name[]` (and arrays are allowed); `Err` when the part misuses `[]`.
fn array_step(part: &str, f: &Field, arrays: Arrays, last: bool) -> Result<(), String> {
    let marked = part.ends_with("[]");
    let of_objects = matches!(&f.ty, Ty::Array(item) if matches!(item.as_ref(), Ty::Struct(_)));
    match (marked, arrays, of_objects, last) {
        (false, _, true, false) => Err(format!(
            "`{}` is an array: write `{}[]` to reach into its items",
            f.wire, f.wire
        )),
        (true, Arrays::Refused, ..) => Err(format!(
            "`{part}`: only `require` reaches into the items of an array"
        )),
        (true, _, false, _) => Err(format!("`{}` is not an array of objects", f.wire)),
        (true, _, _, true) => Err(format!("`{part}` names no field of the items")),
        _ => Ok(()),
    }
}

fn path_through(
    cx: &mut Ctxt<'_>,
    at: &Site,
    scope: Scope<'_>,
    wire: &str,
    arrays: Arrays,
) -> Option<FieldPath> {
    let mut owner = scope.owner.to_string();
    let mut fields = scope.fields.to_vec();
    let mut steps = Vec::new();
    let parts: Vec<&str> = wire.split('.').collect();
    for (i, written) in parts.iter().enumerate() {
        let part = written.strip_suffix("[]").unwrap_or(written);
        let Some(f) = fields.iter().find(|f| f.wire == part).cloned() else {
            if cx.space.unresolved.contains(&(owner, part.to_string())) {
                return None;
            }
            let names: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
            let hint = suggest(part, &names);
            cx.error(at, format!("no field `{part}` here (in `{wire}`)"), hint);
            return None;
        };
        if let Err(message) = array_step(written, &f, arrays, i + 1 == parts.len()) {
            cx.error(at, message, "");
            return None;
        }
        let ty = match &f.ty {
            Ty::Array(item) => item.as_ref(),
            ty => ty,
        };
        fields = match ty {
            Ty::Struct(id) => {
                owner = cx.space.name(*id).to_string();
                cx.space.fields_of(*id)
            }
            _ => Vec::new(),
        };
        steps.push(f);
    }
    Some(FieldPath {
        wire: wire.to_string(),
        steps,
    })
}

/// A `when:`: one condition or a list, at least one, each resolved.
fn conditions(
    cx: &mut Ctxt<'_>,
    at: &Site,
    scope: Scope<'_>,
    w: &ast::When,
) -> Option<Vec<Condition>> {
    let listed = matches!(w, ast::When::All(_));
    let mut all = Vec::new();
    for (i, c) in w.conditions().iter().enumerate() {
        let cat = if listed { at.index(i) } else { at.clone() };
        all.push(condition(cx, &cat, scope, c)?);
    }
    if all.is_empty() {
        let hint = "leave `when` out for a rule that always holds";
        cx.error(at, "`when: []` states no condition", hint);
        return None;
    }
    Some(all)
}

fn condition(
    cx: &mut Ctxt<'_>,
    at: &Site,
    scope: Scope<'_>,
    c: &ast::Condition,
) -> Option<Condition> {
    let field = field_path(cx, &at.key("field"), scope, &c.field)?;
    let ty = field.last().ty.clone();
    let tests = [
        c.equals.is_some(),
        c.not_equals.is_some(),
        c.one_of.is_some(),
        c.present.is_some(),
    ];
    if !exactly_one(&tests) {
        cx.error(
            at,
            "a condition states exactly one of `equals`, `not_equals`, `in`, `present`",
            "",
        );
        return None;
    }
    let test = if let Some(v) = &c.equals {
        Test::Equals(literal_for(cx, &at.key("equals"), &ty, v, "value")?)
    } else if let Some(v) = &c.not_equals {
        Test::NotEquals(literal_for(cx, &at.key("not_equals"), &ty, v, "value")?)
    } else if let Some(vs) = &c.one_of {
        let mut lits = Vec::new();
        for (i, v) in vs.iter().enumerate() {
            lits.push(literal_for(cx, &at.key("in").index(i), &ty, v, "value")?);
        }
        Test::In(lits)
    } else {
        Test::Present(c.present.unwrap_or(true))
    };
    if !matches!(test, Test::Present(_)) && !is_comparable(&ty) {
        let message = format!(
            "`{}` is a {} and cannot be compared with a value",
            c.field,
            ty_name(&cx.space, &ty)
        );
        cx.error(&at.key("field"), message, "use `present: true`");
        return None;
    }
    Some(Condition { field, test })
}

/// Whether exactly one of the alternatives is written.
fn exactly_one(given: &[bool]) -> bool {
    given.iter().filter(|g| **g).count() == 1
}

/// Whether a condition can compare the type with a literal.
fn is_comparable(ty: &Ty) -> bool {
    matches!(ty, Ty::String | Ty::Integer | Ty::Boolean | Ty::Enum(..))
}
