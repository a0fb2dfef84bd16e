//! Field constraints (`max_chars`, `format`, `min`/`max`, ...), read from one
//! table: each constraint key is described once, with the field types it
//! applies to, how it is read into the model and its own checks. `error_keys`
//! are validated against the same table.
//!
//! To add a constraint key: a field in `spec::ast::FieldKeys` and in `Field`
//! (or, for a key few fields write, `FieldRest`), a `CheckKind` in the
//! model, one entry in [`CONSTRAINTS`], and its code in the emitters.

use super::ctxt::{Ctxt, Site};
use super::literals::{literal_for, ty_name};
use crate::diagnostic::suggest;
use crate::model::{CharRule, Check, CheckKind, EnumKind, Format, Literal, Ty};
use crate::spec::ast;

/// One constraint of the spec format.
struct Constraint {
    /// The field types it applies to.
    applies: Applies,
    /// Spec keys that `error_keys` may use for it besides its own
    /// ([`CheckKind::key`]): the keys it is written with.
    error_key_aliases: &'static [&'static str],
    /// Reads it from the field (`None` when the field does not state it).
    read: fn(&mut Ctxt<'_>, &Site, &Ty, &ast::Field) -> Option<Read>,
}

impl Constraint {
    const fn new(
        applies: Applies,
        read: fn(&mut Ctxt<'_>, &Site, &Ty, &ast::Field) -> Option<Read>,
    ) -> Constraint {
        Constraint {
            applies,
            error_key_aliases: &[],
            read,
        }
    }
}

/// The field types a constraint applies to.
struct Applies {
    /// In words, for the hint when it is misplaced.
    words: &'static str,
    /// Whether a field of this type can carry the constraint, as read.
    test: fn(&Ty, &CheckKind) -> bool,
}

const STRINGS: Applies = Applies {
    words: "strings",
    test: |ty, _| is_string(ty),
};

/// Strings, and numbers for a Unix timestamp.
const TIMES: Applies = Applies {
    words: "strings (and integers, for `timestamp_ms` and `timestamp_s`)",
    test: |ty, kind| {
        let timestamp = matches!(
            kind,
            CheckKind::Format(Format::TimestampMs | Format::TimestampS)
        );
        is_string(ty) || (timestamp && is_numeric(ty))
    },
};

const NUMBERS: Applies = Applies {
    words: "integers and numbers",
    test: |ty, _| is_numeric(ty),
};

const VALUES: Applies = Applies {
    words: "integers and strings",
    test: |ty, _| is_string(ty) || is_numeric(ty),
};

const ARRAYS: Applies = Applies {
    words: "arrays",
    test: |ty, _| matches!(ty, Ty::Array(_)),
};

const FILES: Applies = Applies {
    words: "files",
    test: |ty, _| matches!(ty, Ty::File),
};

/// A constraint as a field states it.
struct Read {
    /// The key it is written with (where a misplaced one is reported).
    key: &'static str,
    /// What it means, or `None` when its value is wrong (already reported).
    kind: Option<CheckKind>,
}

impl Read {
    /// A constraint whose value needs no further reading.
    fn stated(key: &'static str, kind: Option<CheckKind>) -> Option<Read> {
        kind.map(|kind| Read {
            key,
            kind: Some(kind),
        })
    }
}

fn is_string(ty: &Ty) -> bool {
    matches!(ty, Ty::String | Ty::Enum(_, EnumKind::String))
}

fn is_numeric(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::Integer | Ty::Number | Ty::Enum(_, EnumKind::Integer)
    )
}

/// Every constraint, in the order a field's checks are generated.
const CONSTRAINTS: &[Constraint] = &[
    Constraint::new(STRINGS, |_, _, _, f| {
        Read::stated("max_chars", f.max_chars.map(CheckKind::MaxChars))
    }),
    Constraint::new(STRINGS, |_, _, _, f| {
        Read::stated("max_bytes", f.max_bytes.map(CheckKind::MaxBytes))
    }),
    Constraint::new(STRINGS, |_, _, _, f| {
        Read::stated("length", f.rest().length.map(CheckKind::Length))
    }),
    Constraint::new(STRINGS, |cx, at, _, f| {
        ordered(
            cx,
            at,
            ("min_chars", f.rest().min_chars),
            ("max_chars", f.max_chars),
        );
        ordered(
            cx,
            at,
            ("min_chars", f.rest().min_chars),
            ("length", f.rest().length),
        );
        Read::stated("min_chars", f.rest().min_chars.map(CheckKind::MinChars))
    }),
    Constraint::new(STRINGS, |cx, at, _, f| {
        ordered(
            cx,
            at,
            ("min_bytes", f.rest().min_bytes),
            ("max_bytes", f.max_bytes),
        );
        Read::stated("min_bytes", f.rest().min_bytes.map(CheckKind::MinBytes))
    }),
    Constraint::new(STRINGS, |_, _, _, f| {
        Read::stated("max_width", f.rest().max_width.map(CheckKind::MaxWidth))
    }),
    Constraint::new(STRINGS, |cx, at, _, f| {
        let rule = f.rest().chars.as_ref()?;
        let kind = char_rule(cx, &at.key("chars"), rule).map(CheckKind::Chars);
        Some(Read { key: "chars", kind })
    }),
    Constraint::new(TIMES, |cx, at, _, f| {
        let name = f.rest().format.as_ref()?;
        let kind = Format::parse(name).map(CheckKind::Format);
        if kind.is_none() {
            let hint = suggest(name, &Format::NAMES);
            cx.error(&at.key("format"), format!("unknown format `{name}`"), hint);
        }
        Some(Read {
            key: "format",
            kind,
        })
    }),
    Constraint {
        error_key_aliases: &["min", "max"],
        ..Constraint::new(NUMBERS, |cx, at, _, f| {
            ordered(cx, at, ("min", f.min), ("max", f.max));
            let key = match (f.min, f.max) {
                (None, None) => return None,
                (Some(_), _) => "min",
                (None, Some(_)) => "max",
            };
            let (min, max) = (f.min, f.max);
            Read::stated(key, Some(CheckKind::Range { min, max }))
        })
    },
    Constraint::new(VALUES, |cx, at, ty, f| {
        let values = f.rest().one_of.as_ref()?;
        let at = at.key("one_of");
        let literals = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| literal_for(cx, &at.index(i), ty, v, "allowed value"))
            .collect();
        Read::stated("one_of", Some(CheckKind::OneOf(literals)))
    }),
    Constraint::new(ARRAYS, |_, _, _, f| {
        Read::stated("min_items", f.rest().min_items.map(CheckKind::MinItems))
    }),
    Constraint::new(ARRAYS, |_, _, _, f| {
        Read::stated("max_items", f.rest().max_items.map(CheckKind::MaxItems))
    }),
    Constraint::new(FILES, |_, _, _, f| {
        let kind = f.rest().max_file_bytes.map(CheckKind::MaxFileBytes);
        Read::stated("max_file_bytes", kind)
    }),
];

/// Reports a lower bound greater than the upper bound it goes with
/// (`min_chars: 8` with `max_chars: 6`), at the lower bound.
fn ordered<T: PartialOrd + std::fmt::Display + Copy>(
    cx: &mut Ctxt<'_>,
    at: &Site,
    (lo_key, lo): (&'static str, Option<T>),
    (hi_key, hi): (&str, Option<T>),
) {
    if let (Some(lo), Some(hi)) = (lo, hi) {
        if lo > hi {
            let message = format!("`{lo_key}: {lo}` is greater than `{hi_key}: {hi}`");
            cx.error(&at.key(lo_key), message, "");
        }
    }
}

/// The field's constraints, and the vendor's key for a value outside its
/// enumeration (`error_keys: {enum: ...}`).
pub(super) fn checks(
    cx: &mut Ctxt<'_>,
    at: &Site,
    ty: &Ty,
    f: &ast::Field,
) -> (Vec<Check>, Option<String>) {
    let mut found: Vec<(&Constraint, Check)> = Vec::new();
    for constraint in CONSTRAINTS {
        let Some(Read { key, kind }) = (constraint.read)(cx, at, ty, f) else {
            continue;
        };
        let Some(kind) = kind else { continue };
        if (constraint.applies.test)(ty, &kind) {
            let check = Check {
                kind,
                error_key: None,
            };
            found.push((constraint, check));
        } else {
            cx.error_at_key(
                &at.key(key),
                format!(
                    "`{key}` does not apply to a {} field",
                    ty_name(&cx.space, ty)
                ),
                format!("`{key}` applies to {}", constraint.applies.words),
            );
        }
    }
    let enum_key = error_keys(cx, at, ty, f, &mut found);
    // Built at its size, not in the room of `found`: the model keeps one of
    // these per field.
    let mut checks = Vec::with_capacity(found.len());
    checks.extend(found.into_iter().map(|(_, check)| check));
    (checks, enum_key)
}

/// Gives each check the vendor's error key that `error_keys` names it with,
/// and returns the key for a value outside the field's enumeration.
fn error_keys(
    cx: &mut Ctxt<'_>,
    at: &Site,
    ty: &Ty,
    f: &ast::Field,
    found: &mut [(&Constraint, Check)],
) -> Option<String> {
    let mut enum_key = None;
    for (name, key) in &f.rest().error_keys {
        let at = at.key("error_keys").key(name.clone());
        if name == "enum" {
            if ty.is_enum_valued() {
                enum_key = Some(key.clone());
            } else {
                let message = format!(
                    "`error_keys.enum` needs an enumeration, and this is a {} field",
                    ty_name(&cx.space, ty)
                );
                cx.error_at_key(
                    &at,
                    message,
                    "give the field an `enum:` or a named enumeration type",
                );
            }
            continue;
        }
        let named = found.iter_mut().find(|(c, check)| {
            check.kind.key() == name || c.error_key_aliases.contains(&name.as_str())
        });
        match named {
            Some((_, check)) => check.error_key = Some(key.clone()),
            None => {
                let mut present: Vec<&str> = found.iter().map(|(_, c)| c.kind.key()).collect();
                if ty.is_enum_valued() {
                    present.push("enum");
                }
                cx.error_at_key(
                    &at,
                    format!("`error_keys` names `{name}`, which this field does not declare"),
                    suggest(name, &present),
                );
            }
        }
    }
    enum_key
}

/// Reads a `chars:` rule; `None` when it names an unknown class or states nothing.
fn char_rule(cx: &mut Ctxt<'_>, at: &Site, rule: &ast::CharRule) -> Option<CharRule> {
    let mut out = CharRule {
        restricted: !rule.allow.is_empty(),
        extra: rule.extra.clone().unwrap_or_default(),
        forbid: rule.forbid.clone().unwrap_or_default(),
        forbid_at_ends: rule.forbid_at_ends.clone().unwrap_or_default(),
        doc: rule.doc.clone(),
        ..CharRule::default()
    };
    for (i, class) in rule.allow.iter().enumerate() {
        match class.as_str() {
            "letters" => out.letters = true,
            "digits" => out.digits = true,
            other => {
                cx.error(
                    &at.key("allow").index(i),
                    format!("unknown character class `{other}`"),
                    format!(
                        "{}; list single characters in `extra`",
                        suggest(other, &["letters", "digits"])
                    ),
                );
                return None;
            }
        }
    }
    if out.extra.is_empty()
        && out.forbid.is_empty()
        && out.forbid_at_ends.is_empty()
        && !out.restricted
    {
        cx.error(
            at,
            "`chars` states no rule",
            "add `allow`, `extra`, `forbid` or `forbid_at_ends`",
        );
        return None;
    }
    Some(out)
}

/// Reports a `default:` that breaks one of the field's own constraints (a
/// documented default the validator would reject is a transcription error).
pub(super) fn default_fits(cx: &mut Ctxt<'_>, at: &Site, default: &Literal, checks: &[Check]) {
    for check in checks {
        if let Some(why) = breaks(default, &check.kind) {
            let message = format!("default `{default}` breaks `{}`: {why}", check.kind.key());
            cx.error(
                at,
                message,
                "check the default and the limit against the document",
            );
        }
    }
}

/// Why `value` breaks `kind`, or `None` when it keeps it (or `kind` does not
/// judge values of its type).
fn breaks(value: &Literal, kind: &CheckKind) -> Option<String> {
    match (value, kind) {
        (Literal::Str(s), _) => breaks_text(s, kind),
        (Literal::Int(i), CheckKind::Range { min, max }) => {
            let outside = min.is_some_and(|m| *i < m) || max.is_some_and(|m| *i > m);
            outside.then(|| outside_of(*min, *max))
        }
        (Literal::Float(x), CheckKind::Range { min, max }) => {
            let outside = min.is_some_and(|m| *x < m as f64) || max.is_some_and(|m| *x > m as f64);
            outside.then(|| outside_of(*min, *max))
        }
        (Literal::Int(i), CheckKind::OneOf(values)) => {
            (!values.contains(value)).then(|| format!("{i} is not an allowed value"))
        }
        (Literal::Int(i), CheckKind::Format(f)) => {
            breaks_text(&i.to_string(), &CheckKind::Format(*f))
        }
        _ => None,
    }
}

/// The range a value falls outside, in words.
fn outside_of(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("it is not from {a} to {b}"),
        (Some(a), None) => format!("it is less than {a}"),
        (None, _) => format!("it is more than {}", max.unwrap_or_default()),
    }
}

/// Why the text `s` breaks a string constraint.
fn breaks_text(s: &str, kind: &CheckKind) -> Option<String> {
    let chars = s.chars().count() as u64;
    let bytes = s.len() as u64;
    let width = unicode_width::UnicodeWidthStr::width(s) as u64;
    let (broken, measured) = match kind {
        CheckKind::MaxChars(n) => (chars > *n, format!("{chars} characters")),
        CheckKind::MinChars(n) => (chars < *n, format!("{chars} characters")),
        CheckKind::Length(n) => (chars != *n, format!("{chars} characters")),
        CheckKind::MaxBytes(n) => (bytes > *n, format!("{bytes} bytes")),
        CheckKind::MinBytes(n) => (bytes < *n, format!("{bytes} bytes")),
        CheckKind::MaxWidth(n) => (width > *n, format!("{width} columns wide")),
        CheckKind::Chars(rule) => {
            let bad = s.chars().find(|c| !char_allowed(rule, *c)).or_else(|| {
                [s.chars().next(), s.chars().last()]
                    .into_iter()
                    .flatten()
                    .find(|c| rule.forbid_at_ends.contains(*c))
            });
            (
                bad.is_some(),
                format!("{:?} is not allowed there", bad.unwrap_or(' ')),
            )
        }
        CheckKind::Format(f) => (!format_shape(*f, s), format!("it is not `{}`", f.name())),
        CheckKind::OneOf(values) => (
            !values.contains(&Literal::Str(s.to_string())),
            "it is not an allowed value".to_string(),
        ),
        _ => (false, String::new()),
    };
    broken.then_some(measured)
}

/// Whether a character rule lets `c` appear inside a value.
fn char_allowed(rule: &CharRule, c: char) -> bool {
    !rule.forbid.contains(c)
        && (!rule.restricted
            || (rule.letters && c.is_ascii_alphabetic())
            || (rule.digits && c.is_ascii_digit())
            || rule.extra.contains(c))
}

/// Whether `s` has the shape of the format: digits and punctuation in place
/// (the calendar itself, leap days and offsets, is the runtime's check).
fn format_shape(f: Format, s: &str) -> bool {
    let pattern = |p: &str| {
        s.len() >= p.len()
            && s.bytes().zip(p.bytes()).all(|(c, p)| match p {
                b'd' => c.is_ascii_digit(),
                b'h' => c.is_ascii_hexdigit(),
                _ => c == p,
            })
    };
    let digits = |n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    match f {
        Format::DateTime => s.len() == 19 && pattern("dddd-dd-dd dd:dd:dd"),
        Format::Iso8601 | Format::Iso8601LocalOrOffset => pattern("dddd-dd-ddTdd:dd:dd"),
        Format::TimestampMs => digits(13..=13),
        Format::TimestampS => digits(1..=10),
        Format::RgbHex => s.len() == 7 && pattern("#hhhhhh"),
    }
}
