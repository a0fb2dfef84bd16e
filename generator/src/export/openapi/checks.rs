//! Field constraints as JSON Schema keywords where the keyword means exactly
//! the constraint, and as `x-` extensions where it does not: JSON Schema
//! counts characters (`maxLength`), never bytes; formats it names only when
//! they are the same format.

use super::schemas::literal;
use crate::export::json::Json;
use crate::model::{CharRule, Check, CheckKind, Format};

/// Adds each constraint to a field's schema, with its error key under
/// `x-error-keys` (by the spec's constraint key).
pub(crate) fn apply(schema: &mut Json, checks: &[Check]) {
    let mut patterns = Vec::new();
    for check in checks {
        keyword(schema, &check.kind, &mut patterns);
        if let Some(key) = &check.error_key {
            schema.entry("x-error-keys").set(check.kind.key(), key);
        }
    }
    // One `pattern` per schema: further ones must all match as well.
    let mut patterns = patterns.into_iter();
    if let Some(first) = patterns.next() {
        schema.set("pattern", first);
    }
    let rest: Json = patterns.map(|p| Json::obj().with("pattern", p)).collect();
    if rest != Json::Arr(Vec::new()) {
        schema.set("allOf", rest);
    }
}

fn keyword(schema: &mut Json, kind: &CheckKind, patterns: &mut Vec<String>) {
    match kind {
        CheckKind::MaxChars(n) => tighten(schema, "maxLength", *n, u64::min),
        CheckKind::MaxBytes(n) => schema.set("x-max-bytes", *n),
        CheckKind::MinChars(n) => tighten(schema, "minLength", *n, u64::max),
        CheckKind::MinBytes(n) => schema.set("x-min-bytes", *n),
        CheckKind::MaxWidth(n) => schema.set("x-max-width", *n),
        CheckKind::Length(n) => {
            tighten(schema, "minLength", *n, u64::max);
            tighten(schema, "maxLength", *n, u64::min);
        }
        CheckKind::Chars(rule) => {
            schema.set("x-chars", chars(rule));
            patterns.extend(chars_pattern(rule));
        }
        CheckKind::Format(f) => {
            schema.set("x-format", format_name(*f));
            match f {
                Format::Iso8601 => schema.set("format", "date-time"),
                Format::DateTime => patterns.push(DATETIME_PATTERN.into()),
                Format::RgbHex => patterns.push(RGB_HEX_PATTERN.into()),
                Format::TimestampMs | Format::TimestampS | Format::Iso8601LocalOrOffset => {}
            }
        }
        CheckKind::Range { min, max } => {
            if let Some(min) = min {
                schema.set("minimum", *min);
            }
            if let Some(max) = max {
                schema.set("maximum", *max);
            }
        }
        CheckKind::OneOf(values) => {
            schema.set("enum", values.iter().map(literal).collect::<Json>());
        }
        CheckKind::MinItems(n) => tighten(schema, "minItems", *n, u64::max),
        CheckKind::MaxItems(n) => tighten(schema, "maxItems", *n, u64::min),
        CheckKind::MaxFileBytes(n) => schema.set("x-max-file-bytes", *n),
    }
}

/// `yyyy-MM-dd HH:mm:ss`, digit for digit (the runtime also checks the calendar).
const DATETIME_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$";
/// `#RRGGBB`.
const RGB_HEX_PATTERN: &str = "^#[0-9A-Fa-f]{6}$";

/// The spec's name of a format (`datetime`).
pub(crate) fn format_name(f: Format) -> &'static str {
    Format::NAMES[f as usize]
}

/// Sets a numeric keyword, keeping the stricter of two constraints that both
/// set it (`length` and `max_chars`).
fn tighten(schema: &mut Json, key: &str, n: u64, stricter: fn(u64, u64) -> u64) {
    let n = match schema.get(key) {
        Some(Json::Int(old)) => stricter(n, u64::try_from(*old).unwrap_or(0)),
        _ => n,
    };
    schema.set(key, n);
}

/// `x-chars`: the character rule, structurally.
fn chars(r: &CharRule) -> Json {
    Json::obj()
        .with("letters", r.letters)
        .with("digits", r.digits)
        .with("restricted", r.restricted)
        .with("extra", r.extra.as_str())
        .with("forbid", r.forbid.as_str())
        .with("forbid_at_ends", r.forbid_at_ends.as_str())
        .with_opt("doc", r.doc.as_deref())
}

/// The rule as an ECMA-262 pattern, when one says exactly the same thing
/// without lookarounds: a set of allowed characters, or of forbidden ones.
/// Rules about the ends, and a forbidden letter or digit inside an allowed
/// range, are left to `x-chars` alone.
pub(crate) fn chars_pattern(r: &CharRule) -> Option<String> {
    let carves_a_range =
        |c: char| (r.letters && c.is_ascii_alphabetic()) || (r.digits && c.is_ascii_digit());
    if !r.forbid_at_ends.is_empty() || (r.restricted && r.forbid.chars().any(carves_a_range)) {
        return None;
    }
    if r.restricted {
        let mut class = String::new();
        if r.letters {
            class.push_str("A-Za-z");
        }
        if r.digits {
            class.push_str("0-9");
        }
        let allowed: String = r.extra.chars().filter(|c| !r.forbid.contains(*c)).collect();
        class.push_str(&escape_class(&allowed));
        return Some(if class.is_empty() {
            "^$".to_string()
        } else {
            format!("^[{class}]*$")
        });
    }
    (!r.forbid.is_empty()).then(|| format!("^[^{}]*$", escape_class(&r.forbid)))
}

/// Characters for a `[...]` class, those with a meaning inside one escaped.
fn escape_class(chars: &str) -> String {
    let mut out = String::new();
    for c in chars.chars() {
        if matches!(c, '\\' | ']' | '[' | '^' | '-') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(restricted: bool, extra: &str, forbid: &str) -> CharRule {
        CharRule {
            letters: true,
            digits: true,
            restricted,
            extra: extra.into(),
            forbid: forbid.into(),
            ..CharRule::default()
        }
    }

    #[test]
    fn an_allowed_set_becomes_a_class_with_its_special_characters_escaped() {
        assert_eq!(
            chars_pattern(&rule(true, "_-.]", "")).as_deref(),
            Some(r"^[A-Za-z0-9_\-.\]]*$")
        );
    }

    #[test]
    fn a_forbidden_set_becomes_a_negated_class() {
        assert_eq!(
            chars_pattern(&rule(false, "", "%^")).as_deref(),
            Some(r"^[^%\^]*$")
        );
    }

    #[test]
    fn a_rule_about_the_ends_gets_no_pattern() {
        let mut r = rule(true, "", "");
        r.forbid_at_ends = "_".into();
        assert_eq!(chars_pattern(&r), None);
    }

    #[test]
    fn a_forbidden_letter_inside_an_allowed_range_gets_no_pattern() {
        assert_eq!(chars_pattern(&rule(true, "", "O")), None);
    }

    #[test]
    fn length_and_max_chars_keep_the_stricter_bound() {
        let mut schema = Json::obj();
        let check = |kind| Check {
            kind,
            error_key: None,
        };
        apply(
            &mut schema,
            &[check(CheckKind::MaxChars(10)), check(CheckKind::Length(8))],
        );
        assert_eq!(schema.get("maxLength"), Some(&Json::Int(8)));
        assert_eq!(schema.get("minLength"), Some(&Json::Int(8)));
    }
}
