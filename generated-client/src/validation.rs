//! Client-side validation: the documented rules, checked before anything is sent.
//!
//! Generated `Validate` impls call one [`Validator`] method per rule; the rules'
//! logic lives here once, not in every generated type. Every violation is kept
//! (not only the first), with the field path (`sessions[2].sessionName`), the rule,
//! the limit, the offending part of the value, and the vendor's own error key when
//! the document gives one.

use std::fmt;

/// A type whose documented rules can be checked.
pub trait Validate {
    /// Pushes every violation of `self` (and of what it contains) into `v`.
    fn validate_into(&self, v: &mut Validator);

    /// Every violation, or `Ok(())`.
    fn validate(&self) -> Result<(), Violations> {
        let mut v = Validator::default();
        self.validate_into(&mut v);
        v.finish()
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_into(&self, v: &mut Validator) {
        (**self).validate_into(v);
    }
}

/// A generated enumeration: documented values plus `Unknown`.
pub trait Coded {
    /// Whether the value is one the document lists.
    fn is_known(&self) -> bool;
    /// The wire value as text (a query parameter, a message).
    fn code_text(&self) -> String;
    /// Whether the codes are strings (messages quote them).
    fn is_text(&self) -> bool {
        false
    }
}

/// Which characters a string may hold (see the spec's `chars:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharRule {
    /// ASCII letters are allowed.
    pub letters: bool,
    /// ASCII digits are allowed.
    pub digits: bool,
    /// Only allowed characters may appear (`letters`, `digits`, `extra`).
    pub restricted: bool,
    /// Further allowed characters.
    pub extra: &'static str,
    /// Characters never allowed.
    pub forbid: &'static str,
    /// Characters not allowed first or last.
    pub forbid_at_ends: &'static str,
}

impl CharRule {
    fn allows(&self, c: char) -> bool {
        !self.restricted
            || (self.letters && c.is_ascii_alphabetic())
            || (self.digits && c.is_ascii_digit())
            || self.extra.contains(c)
    }
}

/// Documented text formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ISO 8601 date and time with an offset: `2016-11-11T15:30:00+08:00`.
    Iso8601,
    /// `yyyy-MM-dd HH:mm:ss`, a real calendar date and time.
    DateTime,
    /// A 13-digit Unix timestamp in milliseconds.
    TimestampMs,
    /// `#RRGGBB`, hexadecimal.
    RgbHex,
}

impl Format {
    fn describe(self) -> &'static str {
        match self {
            Format::Iso8601 => "an ISO 8601 date-time with offset (2016-11-11T15:30:00+08:00)",
            Format::DateTime => "a date-time as yyyy-MM-dd HH:mm:ss",
            Format::TimestampMs => "a 13-digit millisecond timestamp",
            Format::RgbHex => "a #RRGGBB colour",
        }
    }

    /// A sortable instant (seconds, or milliseconds for timestamps) when `s` is valid.
    pub fn parse(self, s: &str) -> Option<i128> {
        match self {
            Format::DateTime => parse_datetime(s.as_bytes()).map(|(secs, _)| secs),
            Format::Iso8601 => parse_iso8601(s),
            Format::TimestampMs => (s.len() == 13 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten(),
            Format::RgbHex => {
                let hex = s.strip_prefix('#')?;
                (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then_some(0)
            }
        }
    }
}

/// What rule a violation broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// A required (or conditionally required) field is absent.
    Required {
        when: Option<&'static str>,
    },
    /// A field given although it applies only under a condition.
    OnlyWhen {
        when: &'static str,
    },
    MaxChars {
        limit: usize,
        actual: usize,
    },
    MaxBytes {
        limit: usize,
        actual: usize,
    },
    ExactChars {
        expected: usize,
        actual: usize,
    },
    /// A character not allowed (anywhere, or at the first/last position).
    Chars {
        offending: char,
        position: usize,
        at_end: bool,
    },
    Format {
        format: Format,
    },
    Range {
        min: Option<i64>,
        max: Option<i64>,
        actual: String,
    },
    OneOf {
        allowed: String,
        actual: String,
    },
    /// A value the document does not list for this enumeration.
    UnknownValue {
        actual: String,
    },
    MinItems {
        limit: usize,
        actual: usize,
    },
    MaxItems {
        limit: usize,
        actual: usize,
    },
    MaxFileBytes {
        limit: u64,
        actual: u64,
    },
    /// `field` must be earlier than `later`.
    Before {
        later: String,
    },
    /// Two elements' periods overlap.
    Overlap {
        first: usize,
        second: usize,
    },
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where: `live_config.live_subject`, `sessions[2].sessionName`.
    pub path: String,
    pub rule: Rule,
    /// The vendor's own error key for this rule, when the document gives one.
    pub vendor_key: Option<&'static str>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.path;
        match &self.rule {
            Rule::Required { when: None } => write!(f, "{p} is required")?,
            Rule::Required { when: Some(w) } => write!(f, "{p} is required when {w}")?,
            Rule::OnlyWhen { when } => write!(f, "{p} may only be given when {when}")?,
            Rule::MaxChars { limit, actual } => write!(
                f,
                "{p} is {actual} characters long; at most {limit} are allowed"
            )?,
            Rule::MaxBytes { limit, actual } => write!(
                f,
                "{p} is {actual} bytes of UTF-8; at most {limit} bytes are allowed"
            )?,
            Rule::ExactChars { expected, actual } => write!(
                f,
                "{p} is {actual} characters long; it must be exactly {expected}"
            )?,
            Rule::Chars {
                offending,
                position,
                at_end: false,
            } => write!(
                f,
                "{p} contains {offending:?} at character {position}, which is not allowed"
            )?,
            Rule::Chars {
                offending,
                position,
                at_end: true,
            } => write!(
                f,
                "{p} may not start or end with {offending:?} (character {position})"
            )?,
            Rule::Format { format } => write!(f, "{p} must be {}", format.describe())?,
            Rule::Range { min, max, actual } => match (min, max) {
                (Some(a), Some(b)) => write!(f, "{p} is {actual}; it must be from {a} to {b}")?,
                (Some(a), None) => write!(f, "{p} is {actual}; it must be at least {a}")?,
                (None, Some(b)) => write!(f, "{p} is {actual}; it must be at most {b}")?,
                (None, None) => write!(f, "{p} is out of range")?,
            },
            Rule::OneOf { allowed, actual } => {
                write!(f, "{p} is {actual}; it must be one of {allowed}")?
            }
            Rule::UnknownValue { actual } => {
                write!(f, "{p} is {actual}, which is not a documented value")?
            }
            Rule::MinItems { limit, actual } => {
                write!(f, "{p} has {actual} items; at least {limit} are required")?
            }
            Rule::MaxItems { limit, actual } => {
                write!(f, "{p} has {actual} items; at most {limit} are allowed")?
            }
            Rule::MaxFileBytes { limit, actual } => write!(
                f,
                "{p} is {actual} bytes; at most {limit} bytes are allowed"
            )?,
            Rule::Before { later } => write!(f, "{p} must be earlier than {later}")?,
            Rule::Overlap { first, second } => write!(
                f,
                "{p}[{first}] and {p}[{second}] have overlapping time periods"
            )?,
        }
        if let Some(key) = self.vendor_key {
            write!(f, " ({key})")?;
        }
        Ok(())
    }
}

/// Every violation of one value, in the order found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

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

/// Collects violations while walking a value; tracks the current field path.
#[derive(Debug, Default)]
pub struct Validator {
    path: String,
    violations: Vec<Violation>,
}

impl Validator {
    /// The violations found, or `Ok(())`.
    pub fn finish(self) -> Result<(), Violations> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(Violations(self.violations))
        }
    }

    fn at(&self, field: &str) -> String {
        if self.path.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", self.path)
        }
    }

    fn push(&mut self, field: &str, rule: Rule, vendor_key: Option<&'static str>) {
        let path = self.at(field);
        self.violations.push(Violation {
            path,
            rule,
            vendor_key,
        });
    }

    /// Validates a nested object under `field`.
    pub fn nested<T: Validate + ?Sized>(&mut self, field: &str, value: &T) {
        let saved = self.enter(field);
        value.validate_into(self);
        self.path.truncate(saved);
    }

    /// Validates each element of an array under `field[i]`.
    pub fn each<T: Validate>(&mut self, field: &str, items: &[T]) {
        let saved = self.enter(field);
        let base = self.path.len();
        for (i, item) in items.iter().enumerate() {
            self.index(i);
            item.validate_into(self);
            self.path.truncate(base);
        }
        self.path.truncate(saved);
    }

    /// Appends `.field` to the current path in place (a valid value costs no
    /// allocation) and returns the length to truncate back to.
    fn enter(&mut self, field: &str) -> usize {
        let saved = self.path.len();
        if saved > 0 {
            self.path.push('.');
        }
        self.path.push_str(field);
        saved
    }

    fn index(&mut self, i: usize) {
        use fmt::Write as _;
        // Writing into a String cannot fail.
        let _ = write!(self.path, "[{i}]");
    }

    /// An enumeration value must be a documented one.
    pub fn known<T: Coded>(&mut self, field: &str, value: &T, key: Option<&'static str>) {
        if !value.is_known() {
            self.push(
                field,
                Rule::UnknownValue {
                    actual: if value.is_text() {
                        format!("{:?}", value.code_text())
                    } else {
                        value.code_text()
                    },
                },
                key,
            );
        }
    }

    /// Every element of an array of enumeration values must be documented.
    pub fn known_each<T: Coded>(&mut self, field: &str, items: &[T], key: Option<&'static str>) {
        for (i, item) in items.iter().enumerate() {
            if !item.is_known() {
                self.known(&format!("{field}[{i}]"), item, key);
            }
        }
    }

    pub fn require(
        &mut self,
        field: &str,
        present: bool,
        when: Option<&'static str>,
        key: Option<&'static str>,
    ) {
        if !present {
            self.push(field, Rule::Required { when }, key);
        }
    }

    pub fn only_when(
        &mut self,
        field: &str,
        present: bool,
        when: &'static str,
        key: Option<&'static str>,
    ) {
        if present {
            self.push(field, Rule::OnlyWhen { when }, key);
        }
    }

    /// At most `limit` characters (Unicode scalar values).
    pub fn max_chars(&mut self, field: &str, value: &str, limit: usize, key: Option<&'static str>) {
        let actual = value.chars().count();
        if actual > limit {
            self.push(field, Rule::MaxChars { limit, actual }, key);
        }
    }

    /// At most `limit` bytes of UTF-8 (a 3-byte character counts 3).
    pub fn max_bytes(&mut self, field: &str, value: &str, limit: usize, key: Option<&'static str>) {
        if value.len() > limit {
            self.push(
                field,
                Rule::MaxBytes {
                    limit,
                    actual: value.len(),
                },
                key,
            );
        }
    }

    pub fn exact_chars(
        &mut self,
        field: &str,
        value: &str,
        expected: usize,
        key: Option<&'static str>,
    ) {
        let actual = value.chars().count();
        if actual != expected {
            self.push(field, Rule::ExactChars { expected, actual }, key);
        }
    }

    /// Character rules; reports the first offending character of each kind.
    pub fn chars(&mut self, field: &str, value: &str, rule: &CharRule, key: Option<&'static str>) {
        let count = value.chars().count();
        if let Some((i, c)) = value
            .chars()
            .enumerate()
            .find(|&(_, c)| rule.forbid.contains(c) || !rule.allows(c))
        {
            self.push(
                field,
                Rule::Chars {
                    offending: c,
                    position: i + 1,
                    at_end: false,
                },
                key,
            );
        }
        let ends = [
            value.chars().next().map(|c| (1, c)),
            value.chars().last().map(|c| (count, c)),
        ];
        if let Some((i, c)) = ends
            .into_iter()
            .flatten()
            .find(|&(_, c)| rule.forbid_at_ends.contains(c))
        {
            self.push(
                field,
                Rule::Chars {
                    offending: c,
                    position: i,
                    at_end: true,
                },
                key,
            );
        }
    }

    pub fn format(&mut self, field: &str, value: &str, format: Format, key: Option<&'static str>) {
        if format.parse(value).is_none() {
            self.push(field, Rule::Format { format }, key);
        }
    }

    /// A format on an integer field (13-digit millisecond timestamps).
    pub fn format_int(
        &mut self,
        field: &str,
        value: i64,
        format: Format,
        key: Option<&'static str>,
    ) {
        self.format(field, &value.to_string(), format, key);
    }

    pub fn range(
        &mut self,
        field: &str,
        value: i64,
        min: Option<i64>,
        max: Option<i64>,
        key: Option<&'static str>,
    ) {
        if min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
            self.push(
                field,
                Rule::Range {
                    min,
                    max,
                    actual: value.to_string(),
                },
                key,
            );
        }
    }

    pub fn range_f64(
        &mut self,
        field: &str,
        value: f64,
        min: Option<i64>,
        max: Option<i64>,
        key: Option<&'static str>,
    ) {
        if min.is_some_and(|m| value < m as f64)
            || max.is_some_and(|m| value > m as f64)
            || value.is_nan()
        {
            self.push(
                field,
                Rule::Range {
                    min,
                    max,
                    actual: value.to_string(),
                },
                key,
            );
        }
    }

    pub fn one_of_int(
        &mut self,
        field: &str,
        value: i64,
        allowed: &[i64],
        key: Option<&'static str>,
    ) {
        if !allowed.contains(&value) {
            let allowed = allowed
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            self.push(
                field,
                Rule::OneOf {
                    allowed,
                    actual: value.to_string(),
                },
                key,
            );
        }
    }

    pub fn one_of_str(
        &mut self,
        field: &str,
        value: &str,
        allowed: &[&str],
        key: Option<&'static str>,
    ) {
        if !allowed.contains(&value) {
            self.push(
                field,
                Rule::OneOf {
                    allowed: allowed.join(", "),
                    actual: format!("{value:?}"),
                },
                key,
            );
        }
    }

    pub fn min_items(&mut self, field: &str, len: usize, limit: usize, key: Option<&'static str>) {
        if len < limit {
            self.push(field, Rule::MinItems { limit, actual: len }, key);
        }
    }

    pub fn max_items(&mut self, field: &str, len: usize, limit: usize, key: Option<&'static str>) {
        if len > limit {
            self.push(field, Rule::MaxItems { limit, actual: len }, key);
        }
    }

    pub fn max_file_bytes(&mut self, field: &str, len: u64, limit: u64, key: Option<&'static str>) {
        if len > limit {
            self.push(field, Rule::MaxFileBytes { limit, actual: len }, key);
        }
    }

    /// `earlier < later` when both are present and valid (format errors are
    /// reported by the fields' own format checks).
    pub fn before(
        &mut self,
        earlier_field: &str,
        earlier: Option<&str>,
        later_field: &str,
        later: Option<&str>,
        format: Format,
        key: Option<&'static str>,
    ) {
        let parsed = (
            earlier.and_then(|s| format.parse(s)),
            later.and_then(|s| format.parse(s)),
        );
        if let (Some(a), Some(b)) = parsed {
            if a >= b {
                let later = self.at(later_field);
                self.push(earlier_field, Rule::Before { later }, key);
            }
        }
    }

    /// The [start, end) periods of an array's elements must not overlap.
    pub fn no_overlap<'a>(
        &mut self,
        field: &str,
        periods: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>,
        format: Format,
        key: Option<&'static str>,
    ) {
        let mut spans: Vec<(i128, i128, usize)> = periods
            .enumerate()
            .filter_map(|(i, (s, e))| Some((format.parse(s?)?, format.parse(e?)?, i)))
            .filter(|(s, e, _)| s < e)
            .collect();
        spans.sort();
        for pair in spans.windows(2) {
            let ((_, end, a), (start, _, b)) = (pair[0], pair[1]);
            if start < end {
                self.push(
                    field,
                    Rule::Overlap {
                        first: a.min(b),
                        second: a.max(b),
                    },
                    key,
                );
            }
        }
    }
}

/// The value of a short run of ASCII digits (at most 4 in the formats).
fn digits(b: &[u8]) -> Option<i64> {
    if b.is_empty() || b.len() > 18 {
        return None;
    }
    b.iter().try_fold(0i64, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0'))
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian), for ordering instants.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `yyyy-MM-dd?HH:mm:ss` with separator `sep`; returns (seconds, rest).
fn parse_datetime_sep(b: &[u8], sep: u8) -> Option<(i128, &[u8])> {
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != sep
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    let (h, mi, s) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s;
    Some((i128::from(secs), &b[19..]))
}

fn parse_datetime(b: &[u8]) -> Option<(i128, &[u8])> {
    let (secs, rest) = parse_datetime_sep(b, b' ')?;
    rest.is_empty().then_some((secs, rest))
}

/// ISO 8601 with a `T`, optional fraction, and a `Z` or `±hh:mm` offset.
fn parse_iso8601(s: &str) -> Option<i128> {
    let (secs, mut rest) = parse_datetime_sep(s.as_bytes(), b'T')?;
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset = match rest {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            let off = h * 3600 + m * 60;
            if *sign == b'+' {
                off
            } else {
                -off
            }
        }
        _ => return None,
    };
    Some(secs - i128::from(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_must_be_a_real_calendar_date() {
        assert!(Format::DateTime.parse("2024-02-29 23:59:59").is_some());
        assert!(Format::DateTime.parse("2023-02-29 10:00:00").is_none());
        assert!(Format::DateTime.parse("2024-13-01 10:00:00").is_none());
        assert!(Format::DateTime.parse("2024-01-01 24:00:00").is_none());
        assert!(Format::DateTime.parse("2024-01-01T10:00:00").is_none());
    }

    #[test]
    fn iso8601_needs_an_offset_and_orders_by_instant() {
        let a = Format::Iso8601.parse("2016-11-11T15:30:00+08:00").unwrap();
        let b = Format::Iso8601.parse("2016-11-11T07:30:00Z").unwrap();
        assert_eq!(a, b);
        assert!(Format::Iso8601.parse("2016-11-11T15:30:00").is_none());
        assert!(Format::Iso8601.parse("2016-11-11 15:30:00+08:00").is_none());
    }

    #[test]
    fn timestamps_have_thirteen_digits() {
        assert!(Format::TimestampMs.parse("1660270926732").is_some());
        assert!(Format::TimestampMs.parse("166027092673").is_none());
    }

    #[test]
    fn a_64_byte_limit_admits_21_chinese_characters_not_22() {
        let mut v = Validator::default();
        v.max_bytes("name", &"会".repeat(21), 64, None);
        assert!(v.violations.is_empty());
        v.max_bytes("name", &"会".repeat(22), 64, None);
        assert_eq!(
            v.violations[0].rule,
            Rule::MaxBytes {
                limit: 64,
                actual: 66
            }
        );
    }

    #[test]
    fn forbidden_edge_characters_are_reported_with_their_position() {
        let mut v = Validator::default();
        let rule = CharRule {
            letters: false,
            digits: false,
            restricted: false,
            extra: "",
            forbid: "%",
            forbid_at_ends: "_-.@",
        };
        v.chars("name", "会议_", &rule, None);
        assert_eq!(
            v.violations[0].rule,
            Rule::Chars {
                offending: '_',
                position: 3,
                at_end: true
            }
        );
        assert_eq!(v.violations.len(), 1);
    }
}
