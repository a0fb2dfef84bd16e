//! The rule engine: one [`Validator`] method per kind of documented rule. Each
//! checks one value and records a [`Rule`] violation when it fails.

use super::format::{CharRule, Format};
use super::violation::Rule;
use super::{Coded, FieldValue, Validator};

type Key = Option<&'static str>;
/// The condition a rule holds under, in words, for its message.
type When = Option<&'static str>;

/// The first of a rule's fields: where a violation of the group is reported.
fn first<'f>(fields: &[(&'f str, bool)]) -> &'f str {
    fields.first().map_or("", |(name, _)| name)
}

impl Validator {
    /// An enumeration value must be a documented one.
    pub fn known<V>(&mut self, field: &str, value: &V, key: Key)
    where
        V: FieldValue + ?Sized,
        V::Of: Coded,
    {
        if let Some(value) = value.get() {
            self.known_code(field, value, key);
        }
    }

    fn known_code<T: Coded + ?Sized>(&mut self, field: &str, value: &T, key: Key) {
        if !value.is_known() {
            let actual = if value.is_text() {
                format!("{:?}", value.code_text())
            } else {
                value.code_text()
            };
            self.push(field, Rule::UnknownValue { actual }, key);
        }
    }

    /// Every element of an array of enumeration values must be documented.
    pub fn known_each<T, V>(&mut self, field: &str, items: &V, key: Key)
    where
        T: Coded,
        V: FieldValue<Of = [T]> + ?Sized,
    {
        for (i, item) in items.get().unwrap_or_default().iter().enumerate() {
            if !item.is_known() {
                self.known_code(&format!("{field}[{i}]"), item, key);
            }
        }
    }

    /// A field must be `present` (always, or under the condition `when`).
    pub fn require(&mut self, field: &str, present: bool, when: Option<&'static str>, key: Key) {
        if !present {
            self.push(field, Rule::Required { when }, key);
        }
    }

    /// A field that applies only under the condition `when`, which does not
    /// hold, must not be `present`.
    pub fn only_when(&mut self, field: &str, present: bool, when: &'static str, key: Key) {
        if present {
            self.push(field, Rule::OnlyWhen { when }, key);
        }
    }

    /// At most `limit` characters (Unicode scalar values).
    pub fn max_chars<V: FieldValue<Of = str> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        limit: usize,
        key: Key,
    ) {
        let Some(value) = value.get() else { return };
        let actual = value.chars().count();
        if actual > limit {
            self.push(field, Rule::MaxChars { limit, actual }, key);
        }
    }

    /// At most `limit` bytes of UTF-8 (a 3-byte character counts 3).
    pub fn max_bytes<V: FieldValue<Of = str> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        limit: usize,
        key: Key,
    ) {
        let Some(value) = value.get() else { return };
        let actual = value.len();
        if actual > limit {
            self.push(field, Rule::MaxBytes { limit, actual }, key);
        }
    }

    /// At least one of `fields` (name, whether present) is present, always or
    /// under the condition `when`: 二者必填一项.
    pub fn at_least_one_of(&mut self, fields: &[(&str, bool)], when: When, key: Key) {
        if fields.iter().all(|(_, present)| !present) {
            let rule = Rule::AtLeastOneOf {
                fields: self.paths(fields.iter()),
                when,
            };
            self.push(first(fields), rule, key);
        }
    }

    /// Exactly one of `fields` (name, whether present) is present, always or
    /// under the condition `when`.
    pub fn exactly_one_of(&mut self, fields: &[(&str, bool)], when: When, key: Key) {
        let given: Vec<&(&str, bool)> = fields.iter().filter(|(_, present)| *present).collect();
        if given.len() != 1 {
            let rule = Rule::ExactlyOneOf {
                fields: self.paths(fields.iter()),
                given: self.paths(given.into_iter()),
                when,
            };
            self.push(first(fields), rule, key);
        }
    }

    /// An integer within `min..=max` while the condition `when` holds (a
    /// limit that depends on another field: 最大值取决于 recurring_type).
    pub fn limit(
        &mut self,
        field: &str,
        value: i64,
        min: Option<i64>,
        max: Option<i64>,
        when: When,
        key: Key,
    ) {
        if min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
            let actual = value.to_string();
            self.push(
                field,
                Rule::Limit {
                    min,
                    max,
                    actual,
                    when,
                },
                key,
            );
        }
    }

    /// A value that is not one of `forbidden` while the condition `when`
    /// holds (a type that may not be 快速会议 for a recurring meeting).
    pub fn forbid_values<T: PartialEq + std::fmt::Debug>(
        &mut self,
        field: &str,
        value: T,
        forbidden: &[T],
        when: When,
        key: Key,
    ) {
        if forbidden.contains(&value) {
            let actual = format!("{value:?}");
            self.push(field, Rule::ForbiddenValue { actual, when }, key);
        }
    }

    /// The full paths of named fields, comma-separated, for a message.
    fn paths<'f>(&self, fields: impl Iterator<Item = &'f (&'f str, bool)>) -> String {
        fields
            .map(|(name, _)| self.at(name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// At least `limit` characters (Unicode scalar values): 4~6位.
    pub fn min_chars<V: FieldValue<Of = str> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        limit: usize,
        key: Key,
    ) {
        let Some(value) = value.get() else { return };
        let actual = value.chars().count();
        if actual < limit {
            self.push(field, Rule::MinChars { limit, actual }, key);
        }
    }

    /// At least `limit` bytes of UTF-8.
    pub fn min_bytes<V: FieldValue<Of = str> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        limit: usize,
        key: Key,
    ) {
        let Some(value) = value.get() else { return };
        let actual = value.len();
        if actual < limit {
            self.push(field, Rule::MinBytes { limit, actual }, key);
        }
    }

    /// At most `limit` columns of display width, as a terminal or a form
    /// counts them: an East Asian wide or full-width character (汉字, ｗ)
    /// counts two, a Latin letter one, a combining mark none
    /// (18个汉字或36个英文字母 is `limit` 36).
    pub fn max_width<V: FieldValue<Of = str> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        limit: usize,
        key: Key,
    ) {
        let Some(value) = value.get() else { return };
        let actual = unicode_width::UnicodeWidthStr::width(value);
        if actual > limit {
            self.push(field, Rule::MaxWidth { limit, actual }, key);
        }
    }

    /// Exactly `expected` characters (Unicode scalar values).
    pub fn exact_chars<V: FieldValue<Of = str> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        expected: usize,
        key: Key,
    ) {
        let Some(value) = value.get() else { return };
        let actual = value.chars().count();
        if actual != expected {
            self.push(field, Rule::ExactChars { expected, actual }, key);
        }
    }

    /// Character rules; reports the first offending character of each kind.
    pub fn chars<V: FieldValue<Of = str> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        rule: &CharRule,
        key: Key,
    ) {
        let Some(value) = value.get() else { return };
        let count = value.chars().count();
        if let Some((i, c)) = value.chars().enumerate().find(|&(_, c)| !rule.allows(c)) {
            self.push(field, chars_rule(c, i + 1, false), key);
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
            self.push(field, chars_rule(c, i, true), key);
        }
    }

    /// Text in the documented `format`.
    pub fn format<V: FieldValue<Of = str> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        format: Format,
        key: Key,
    ) {
        let Some(value) = value.get() else { return };
        if format.parse(value).is_none() {
            self.push(field, Rule::Format { format }, key);
        }
    }

    /// A format on an integer field (a Unix timestamp in seconds or milliseconds).
    pub fn format_int<V: FieldValue<Of = i64> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        format: Format,
        key: Key,
    ) {
        let Some(value) = value.get() else { return };
        self.format(field, value.to_string().as_str(), format, key);
    }

    /// An integer within `min..=max` (either bound optional).
    pub fn range<V: FieldValue<Of = i64> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        min: Option<i64>,
        max: Option<i64>,
        key: Key,
    ) {
        let Some(&value) = value.get() else { return };
        let outside = min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m);
        self.check_range(field, outside, || value.to_string(), (min, max), key);
    }

    /// A number within `min..=max` (either bound optional); NaN is never within.
    pub fn range_f64<V: FieldValue<Of = f64> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        min: Option<i64>,
        max: Option<i64>,
        key: Key,
    ) {
        let Some(&value) = value.get() else { return };
        let outside = min.is_some_and(|m| value < m as f64)
            || max.is_some_and(|m| value > m as f64)
            || value.is_nan();
        self.check_range(field, outside, || value.to_string(), (min, max), key);
    }

    /// An integer among the documented values.
    pub fn one_of_int<V: FieldValue<Of = i64> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        allowed: &[i64],
        key: Key,
    ) {
        let Some(&value) = value.get() else { return };
        if !allowed.contains(&value) {
            let allowed = allowed
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let actual = value.to_string();
            self.push(field, Rule::OneOf { allowed, actual }, key);
        }
    }

    /// A string among the documented values.
    pub fn one_of_str<V: FieldValue<Of = str> + ?Sized>(
        &mut self,
        field: &str,
        value: &V,
        allowed: &[&str],
        key: Key,
    ) {
        let Some(value) = value.get() else { return };
        if !allowed.contains(&value) {
            let allowed = allowed.join(", ");
            let actual = format!("{value:?}");
            self.push(field, Rule::OneOf { allowed, actual }, key);
        }
    }

    /// An array of at least `limit` items.
    pub fn min_items<T, V: FieldValue<Of = [T]> + ?Sized>(
        &mut self,
        field: &str,
        items: &V,
        limit: usize,
        key: Key,
    ) {
        let Some(len) = items.get().map(<[T]>::len) else {
            return;
        };
        if len < limit {
            self.push(field, Rule::MinItems { limit, actual: len }, key);
        }
    }

    /// An array of at most `limit` items.
    pub fn max_items<T, V: FieldValue<Of = [T]> + ?Sized>(
        &mut self,
        field: &str,
        items: &V,
        limit: usize,
        key: Key,
    ) {
        let Some(len) = items.get().map(<[T]>::len) else {
            return;
        };
        if len > limit {
            self.push(field, Rule::MaxItems { limit, actual: len }, key);
        }
    }

    /// A file of at most `limit` bytes (`len` is its size).
    pub fn max_file_bytes(&mut self, field: &str, len: u64, limit: u64, key: Key) {
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
        key: Key,
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
        key: Key,
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
                let (first, second) = (a.min(b), a.max(b));
                self.push(field, Rule::Overlap { first, second }, key);
            }
        }
    }

    /// Records a range violation when `outside`; shared by the integer and
    /// float checks, which differ only in how they compare. The value is
    /// formatted only then: a valid value costs no allocation.
    fn check_range(
        &mut self,
        field: &str,
        outside: bool,
        actual: impl FnOnce() -> String,
        (min, max): (Option<i64>, Option<i64>),
        key: Key,
    ) {
        if outside {
            let actual = actual();
            self.push(field, Rule::Range { min, max, actual }, key);
        }
    }
}

fn chars_rule(offending: char, position: usize, at_end: bool) -> Rule {
    Rule::Chars {
        offending,
        position,
        at_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_rule_on_an_absent_optional_field_holds_and_on_a_present_one_checks_its_value() {
        let mut v = Validator::default();
        let (absent, long): (Option<String>, Option<String>) = (None, Some("abcdef".into()));
        v.max_chars("absent", &absent, 3, None);
        v.max_chars("long", &long, 3, None);
        v.max_chars("plain", "abcd", 3, None);
        v.range("count", &None::<i64>, Some(0), None, None);
        v.range("count", &Some(-1i64), Some(0), None, None);
        v.max_items("list", &None::<Vec<i64>>, 1, None);
        v.max_items("list", &vec![1i64, 2], 1, None);
        let shown: Vec<String> = v.violations.iter().map(|x| x.path.clone()).collect();
        assert_eq!(shown, ["long", "plain", "count", "list"]);
    }

    #[test]
    fn integers_and_floats_outside_their_range_are_reported_alike() {
        let mut v = Validator::default();
        v.range("n", &5, Some(1), Some(10), None);
        v.range_f64("x", &5.5, Some(1), Some(10), None);
        assert!(v.violations.is_empty());
        v.range("n", &11, Some(1), Some(10), Some("E1"));
        v.range_f64("x", &0.5, Some(1), None, None);
        v.range_f64("y", &f64::NAN, None, Some(3), None);
        let shown: Vec<String> = v.violations.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "n is 11; it must be from 1 to 10 (E1)",
                "x is 0.5; it must be at least 1",
                "y is NaN; it must be at most 3",
            ]
        );
    }

    #[test]
    fn rules_on_a_sensitive_field_never_quote_its_value() {
        let rule = CharRule {
            letters: true,
            digits: true,
            restricted: true,
            extra: "",
            forbid: "",
            forbid_at_ends: "",
        };
        let mut v = Validator::default();
        v.sensitive(|v| {
            v.chars("hostPassword", "pa$$w0rd", &rule, None);
            v.exact_chars("hostPassword", "pa$$w0rd", 6, None);
            v.range("pin", &987_654, Some(0), Some(9999), None);
            v.one_of_str("playPassword", "hunter2", &["a", "b"], None);
        });
        v.range("count", &42, Some(0), Some(10), None);
        let shown: Vec<String> = v.violations.iter().map(ToString::to_string).collect();
        for (message, secret) in shown.iter().zip(["$", "pa$$w0rd", "987654", "hunter2"]) {
            assert!(!message.contains(secret), "{message}");
        }
        assert_eq!(shown.len(), 5);
        assert!(shown[1].contains('8'), "lengths stay: {}", shown[1]);
        assert!(
            shown[4].contains("42"),
            "outside, values stay: {}",
            shown[4]
        );
    }
}
