//! The vocabulary of validation: which rule was broken ([`Rule`]), where
//! ([`Violation`]), every violation of one value ([`Violations`]), and the
//! message each reads as.

use std::fmt;

use super::format::Format;

/// What rule a violation broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// A required (or conditionally required) field is absent.
    Required {
        /// The condition, when the field is required only under one.
        when: Option<&'static str>,
    },
    /// A field given although it applies only under a condition.
    OnlyWhen {
        /// The condition under which the field may be given.
        when: &'static str,
    },
    /// Longer than `limit` characters (Unicode scalar values).
    MaxChars {
        /// The most characters allowed.
        limit: usize,
        /// The value's length in characters.
        actual: usize,
    },
    /// Longer than `limit` bytes of UTF-8.
    MaxBytes {
        /// The most bytes allowed.
        limit: usize,
        /// The value's length in bytes.
        actual: usize,
    },
    /// Shorter than `limit` characters.
    MinChars {
        /// The fewest characters allowed.
        limit: usize,
        /// The value's length in characters.
        actual: usize,
    },
    /// Shorter than `limit` bytes of UTF-8.
    MinBytes {
        /// The fewest bytes allowed.
        limit: usize,
        /// The value's length in bytes.
        actual: usize,
    },
    /// Wider than `limit` columns (East Asian wide characters count two).
    MaxWidth {
        /// The widest allowed.
        limit: usize,
        /// The value's display width.
        actual: usize,
    },
    /// Not exactly `expected` characters long.
    ExactChars {
        /// The required length in characters.
        expected: usize,
        /// The value's length in characters.
        actual: usize,
    },
    /// A character not allowed (anywhere, or at the first/last position).
    Chars {
        /// The first offending character.
        offending: char,
        /// Its 1-based position in characters.
        position: usize,
        /// Whether it is refused only because it is first or last.
        at_end: bool,
    },
    /// Text not in the documented format.
    Format {
        /// The format required.
        format: Format,
    },
    /// A number outside its documented range.
    Range {
        /// The smallest value allowed, if bounded below.
        min: Option<i64>,
        /// The largest value allowed, if bounded above.
        max: Option<i64>,
        /// The value as text.
        actual: String,
    },
    /// A value outside a documented list.
    OneOf {
        /// The allowed values, comma-separated.
        allowed: String,
        /// The value as text.
        actual: String,
    },
    /// A value the document does not list for this enumeration.
    UnknownValue {
        /// The value as text (quoted when the codes are strings).
        actual: String,
    },
    /// Fewer items than documented.
    MinItems {
        /// The fewest items allowed.
        limit: usize,
        /// The number of items.
        actual: usize,
    },
    /// More items than documented.
    MaxItems {
        /// The most items allowed.
        limit: usize,
        /// The number of items.
        actual: usize,
    },
    /// A file larger than documented.
    MaxFileBytes {
        /// The largest size allowed, in bytes.
        limit: u64,
        /// The file's size in bytes.
        actual: u64,
    },
    /// None of a group of fields is given, and one is required: 二者必填一项.
    AtLeastOneOf {
        /// The group's paths, comma-separated.
        fields: String,
        /// The condition, when the rule holds only under one.
        when: Option<&'static str>,
    },
    /// Not exactly one of a group of fields is given.
    ExactlyOneOf {
        /// The group's paths, comma-separated.
        fields: String,
        /// The paths given, comma-separated (empty: none).
        given: String,
        /// The condition, when the rule holds only under one.
        when: Option<&'static str>,
    },
    /// A number outside bounds that hold under a condition (a limit that
    /// depends on another field).
    Limit {
        /// The smallest value allowed, if bounded below.
        min: Option<i64>,
        /// The largest value allowed, if bounded above.
        max: Option<i64>,
        /// The value as text.
        actual: String,
        /// The condition the bounds hold under.
        when: Option<&'static str>,
    },
    /// A value forbidden (under a condition).
    ForbiddenValue {
        /// The value as text (quoted when it is a string).
        actual: String,
        /// The condition it is forbidden under.
        when: Option<&'static str>,
    },
    /// `field` must be earlier than `later`.
    Before {
        /// The path of the field that must come later.
        later: String,
    },
    /// Two elements' periods overlap.
    Overlap {
        /// The index of the first of the two elements.
        first: usize,
        /// The index of the second.
        second: usize,
    },
}

impl Rule {
    /// The rule without any part of the value it judged (for secrets):
    /// offending characters and values become `*`; limits and lengths stay.
    pub fn redacted(self) -> Rule {
        const HIDDEN: &str = "*";
        match self {
            Rule::Chars {
                position, at_end, ..
            } => Rule::Chars {
                offending: '*',
                position,
                at_end,
            },
            Rule::Range { min, max, .. } => Rule::Range {
                min,
                max,
                actual: HIDDEN.into(),
            },
            Rule::OneOf { allowed, .. } => Rule::OneOf {
                allowed,
                actual: HIDDEN.into(),
            },
            Rule::UnknownValue { .. } => Rule::UnknownValue {
                actual: HIDDEN.into(),
            },
            Rule::Limit { min, max, when, .. } => Rule::Limit {
                min,
                max,
                actual: HIDDEN.into(),
                when,
            },
            Rule::ForbiddenValue { when, .. } => Rule::ForbiddenValue {
                actual: HIDDEN.into(),
                when,
            },
            other => other,
        }
    }
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where: `live_config.live_subject`, `sessions[2].sessionName`.
    pub path: String,
    /// The rule broken, with its limit and the offending part of the value.
    pub rule: Rule,
    /// The vendor's own error key for this rule, when the document gives one.
    pub vendor_key: Option<&'static str>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.rule.describe(&self.path, f)?;
        if let Some(key) = self.vendor_key {
            write!(f, " ({key})")?;
        }
        Ok(())
    }
}

impl Rule {
    /// The message for this rule broken at path `p`.
    fn describe(&self, p: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Required { when: None } => write!(f, "{p} is required"),
            Rule::Required { when: Some(w) } => write!(f, "{p} is required when {w}"),
            Rule::OnlyWhen { when } => write!(f, "{p} may only be given when {when}"),
            Rule::MaxChars { limit, actual } => write!(
                f,
                "{p} is {actual} characters long; at most {limit} are allowed"
            ),
            Rule::MaxBytes { limit, actual } => write!(
                f,
                "{p} is {actual} bytes of UTF-8; at most {limit} bytes are allowed"
            ),
            Rule::MinChars { limit, actual } => write!(
                f,
                "{p} is {actual} characters long; at least {limit} are required"
            ),
            Rule::MinBytes { limit, actual } => write!(
                f,
                "{p} is {actual} bytes of UTF-8; at least {limit} bytes are required"
            ),
            Rule::MaxWidth { limit, actual } => write!(
                f,
                "{p} is {actual} columns wide (a CJK character counts two); at most {limit} are allowed"
            ),
            Rule::ExactChars { expected, actual } => write!(
                f,
                "{p} is {actual} characters long; it must be exactly {expected}"
            ),
            Rule::Chars {
                offending,
                position,
                at_end: false,
            } => write!(
                f,
                "{p} contains {offending:?} at character {position}, which is not allowed"
            ),
            Rule::Chars {
                offending,
                position,
                at_end: true,
            } => write!(
                f,
                "{p} may not start or end with {offending:?} (character {position})"
            ),
            Rule::Format { format } => write!(f, "{p} must be {}", format.describe()),
            Rule::Range { min, max, actual } => match (min, max) {
                (Some(a), Some(b)) => write!(f, "{p} is {actual}; it must be from {a} to {b}"),
                (Some(a), None) => write!(f, "{p} is {actual}; it must be at least {a}"),
                (None, Some(b)) => write!(f, "{p} is {actual}; it must be at most {b}"),
                (None, None) => write!(f, "{p} is out of range"),
            },
            Rule::OneOf { allowed, actual } => {
                write!(f, "{p} is {actual}; it must be one of {allowed}")
            }
            Rule::UnknownValue { actual } => {
                write!(f, "{p} is {actual}, which is not a documented value")
            }
            Rule::MinItems { limit, actual } => {
                write!(f, "{p} has {actual} items; at least {limit} are required")
            }
            Rule::MaxItems { limit, actual } => {
                write!(f, "{p} has {actual} items; at most {limit} are allowed")
            }
            Rule::MaxFileBytes { limit, actual } => write!(
                f,
                "{p} is {actual} bytes; at most {limit} bytes are allowed"
            ),
            Rule::AtLeastOneOf { fields, when } => {
                write!(f, "at least one of {fields} is required{}", under(*when))
            }
            Rule::ExactlyOneOf {
                fields,
                given,
                when,
            } if given.is_empty() => {
                write!(f, "exactly one of {fields} is required{}", under(*when))
            }
            Rule::ExactlyOneOf {
                fields,
                given,
                when,
            } => write!(
                f,
                "exactly one of {fields} may be given{}, and {given} are",
                under(*when)
            ),
            Rule::Limit {
                min,
                max,
                actual,
                when,
            } => {
                Rule::Range {
                    min: *min,
                    max: *max,
                    actual: actual.clone(),
                }
                .describe(p, f)?;
                f.write_str(&under(*when))
            }
            Rule::ForbiddenValue { actual, when } => {
                write!(f, "{p} may not be {actual}{}", under(*when))
            }
            Rule::Before { later } => write!(f, "{p} must be earlier than {later}"),
            Rule::Overlap { first, second } => write!(
                f,
                "{p}[{first}] and {p}[{second}] have overlapping time periods"
            ),
        }
    }
}

/// ` when <condition>`, or nothing for a rule that always holds.
fn under(when: Option<&'static str>) -> String {
    when.map(|w| format!(" when {w}")).unwrap_or_default()
}

/// Every violation of one value, in the order found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    /// The violations, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// How many rules were broken.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether none was (a `Violations` from a failed check never is).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}
