//! Rules across fields as `x-rules`, written the way the spec writes them
//! (`require`, `only_when`, `before`, `no_overlap`, a `when` condition), with
//! each field as its wire path from the rule's owner and the resolved format.

use super::checks::format_name;
use super::schemas::literal;
use crate::export::json::Json;
use crate::model::{Condition, FieldPath, Rule, RuleKind, Test};

/// `x-rules`: the rules of a struct or an operation, in spec order.
pub(crate) fn rules(rules: &[Rule]) -> Json {
    rules.iter().map(rule).collect()
}

fn rule(r: &Rule) -> Json {
    let paths = |fields: &[FieldPath]| -> Json { fields.iter().map(|p| p.wire.as_str()).collect() };
    let demand = match &r.kind {
        RuleKind::Require(fields) => Json::obj().with("require", paths(fields)),
        RuleKind::OnlyWhen(fields) => Json::obj().with("only_when", paths(fields)),
        RuleKind::Before(earlier, later, format) => Json::obj()
            .with("before", paths(&[earlier.clone(), later.clone()]))
            .with("format", format_name(*format)),
        RuleKind::NoOverlap(n) => Json::obj()
            .with(
                "no_overlap",
                Json::obj()
                    .with("array", n.array.wire.as_str())
                    .with("start", n.start.wire.as_str())
                    .with("end", n.end.wire.as_str()),
            )
            .with("format", format_name(n.format)),
        RuleKind::AtLeastOneOf(fields) => Json::obj().with("at_least_one_of", paths(fields)),
        RuleKind::ExactlyOneOf(fields) => Json::obj().with("exactly_one_of", paths(fields)),
        RuleKind::EffectiveOnlyWhen(fields) => {
            Json::obj().with("effective_only_when", paths(fields))
        }
        RuleKind::Limit { field, min, max } => Json::obj().with(
            "limit",
            Json::obj()
                .with("field", field.wire.as_str())
                .with_opt("min", *min)
                .with_opt("max", *max),
        ),
        RuleKind::ForbidValues(field, values) => Json::obj().with(
            "forbid_values",
            Json::obj()
                .with("field", field.wire.as_str())
                .with("values", values.iter().map(literal).collect::<Json>()),
        ),
    };
    // One condition as the spec writes it; several (a `when:` list) as a list.
    let when = match (&r.when, r.also_when.is_empty()) {
        (Some(first), true) => Some(condition(first)),
        (Some(first), false) => Some(
            std::iter::once(first)
                .chain(&r.also_when)
                .map(condition)
                .collect::<Json>(),
        ),
        (None, _) => None,
    };
    demand
        .with_opt("when", when)
        .with_opt("error_key", r.error_key.as_deref())
        .with_opt("doc", r.doc.as_deref())
}

fn condition(c: &Condition) -> Json {
    let on = Json::obj().with("field", c.field.wire.as_str());
    match &c.test {
        Test::Equals(l) => on.with("equals", literal(l)),
        Test::NotEquals(l) => on.with("not_equals", literal(l)),
        Test::In(ls) => on.with("in", ls.iter().map(literal).collect::<Json>()),
        Test::Present(p) => on.with("present", *p),
    }
}
