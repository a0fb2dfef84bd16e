//! The calendar arithmetic behind the date-time formats: real dates only
//! (leap years, month lengths), and instants that sort across offsets.
//!
//! Hand-written rather than a date crate: the formats are fixed and small, and
//! the runtime keeps its dependencies few.

/// `yyyy-MM-dd HH:mm:ss` as seconds since the Unix epoch, when it is a real
/// calendar date and time.
pub(super) fn parse_datetime(s: &str) -> Option<i128> {
    let (secs, rest) = parse_datetime_sep(s.as_bytes(), b' ')?;
    rest.is_empty().then_some(secs)
}

/// Whether an ISO 8601 value must carry its UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Offset {
    /// `Z` or `±hh:mm` is required.
    Required,
    /// A value without one is read as UTC.
    Optional,
}

/// ISO 8601 with a `T`, optional fraction, and a `Z` or `±hh:mm` offset
/// (required or optional), as seconds since the Unix epoch (UTC).
pub(super) fn parse_iso8601(s: &str, offset: Offset) -> Option<i128> {
    let (secs, mut rest) = parse_datetime_sep(s.as_bytes(), b'T')?;
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset = match rest {
        b"" if offset == Offset::Optional => 0,
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
