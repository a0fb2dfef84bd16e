//! The shapes a text value may be required to have: the characters it may
//! hold ([`CharRule`]) and the documented formats ([`Format`]), each with the
//! way it is recognised.

use super::calendar::{parse_datetime, parse_iso8601, Offset};

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
    /// Whether `c` may appear anywhere in the value.
    pub(super) fn allows(&self, c: char) -> bool {
        !self.forbid.contains(c)
            && (!self.restricted
                || (self.letters && c.is_ascii_alphabetic())
                || (self.digits && c.is_ascii_digit())
                || self.extra.contains(c))
    }
}

/// Documented text formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ISO 8601 date and time with an offset: `2016-11-11T15:30:00+08:00`.
    Iso8601,
    /// ISO 8601 date and time with or without an offset:
    /// `2020-07-24T15:30:00` or `2020-07-24T15:30:00+08:00`.
    Iso8601LocalOrOffset,
    /// `yyyy-MM-dd HH:mm:ss`, a real calendar date and time.
    DateTime,
    /// A 13-digit Unix timestamp in milliseconds.
    TimestampMs,
    /// A Unix timestamp in seconds, at most 10 digits (`1577836800`).
    TimestampS,
    /// `#RRGGBB`, hexadecimal.
    RgbHex,
}

impl Format {
    /// What a valid value looks like, for messages.
    pub(super) fn describe(self) -> &'static str {
        match self {
            Format::Iso8601 => "an ISO 8601 date-time with offset (2016-11-11T15:30:00+08:00)",
            Format::Iso8601LocalOrOffset => {
                "an ISO 8601 date-time (2020-07-24T15:30:00, offset optional)"
            }
            Format::DateTime => "a date-time as yyyy-MM-dd HH:mm:ss",
            Format::TimestampMs => "a 13-digit millisecond timestamp",
            Format::TimestampS => "a Unix timestamp in seconds (at most 10 digits)",
            Format::RgbHex => "a #RRGGBB colour",
        }
    }

    /// A sortable instant (seconds, or milliseconds for `TimestampMs`) when
    /// `s` is valid.
    pub fn parse(self, s: &str) -> Option<i128> {
        match self {
            Format::DateTime => parse_datetime(s),
            Format::Iso8601 => parse_iso8601(s, Offset::Required),
            // A value without an offset orders as if it were UTC: the
            // documents that allow it write every time in one zone.
            Format::Iso8601LocalOrOffset => parse_iso8601(s, Offset::Optional),
            Format::TimestampMs => unsigned(s, 13..=13),
            // Ten digits reach 2286; a longer value is a millisecond
            // timestamp sent by mistake.
            Format::TimestampS => unsigned(s, 1..=10),
            Format::RgbHex => {
                let hex = s.strip_prefix('#')?;
                (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then_some(0)
            }
        }
    }
}

/// `s` as a number when it is only ASCII digits, as many as `digits` allows.
fn unsigned(s: &str, digits: std::ops::RangeInclusive<usize>) -> Option<i128> {
    let valid = digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    valid.then(|| s.parse().ok()).flatten()
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
    fn iso8601_local_or_offset_takes_a_value_with_or_without_an_offset() {
        let f = Format::Iso8601LocalOrOffset;
        assert!(f.parse("2020-07-24T15:30:00").is_some());
        assert!(f.parse("2020-07-24T15:30:00.5").is_some());
        assert!(f.parse("2020-07-24T15:30:00+08:00").is_some());
        assert!(f.parse("2020-07-24 15:30:00").is_none());
        assert!(f.parse("2023-02-29T10:00:00").is_none());
        assert!(f.parse("2020-07-24T15:30:00+8").is_none());
    }

    #[test]
    fn timestamps_have_thirteen_digits() {
        assert!(Format::TimestampMs.parse("1660270926732").is_some());
        assert!(Format::TimestampMs.parse("166027092673").is_none());
    }

    #[test]
    fn second_timestamps_have_at_most_ten_digits_and_no_sign() {
        assert_eq!(Format::TimestampS.parse("1577836800"), Some(1_577_836_800));
        assert_eq!(Format::TimestampS.parse("0"), Some(0));
        assert!(Format::TimestampS.parse("15778368000").is_none());
        assert!(Format::TimestampS.parse("-1").is_none());
        assert!(Format::TimestampS.parse("").is_none());
        assert!(Format::TimestampS.parse("1577836800.5").is_none());
    }
}
