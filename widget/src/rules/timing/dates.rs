//! Dates in traits: an ISO 8601 date or date-time string, or Unix ms.
//!
//! Parsed by hand: only the shapes apps actually send (`2025-03-01`,
//! `2025-03-01T12:30:00Z`, `…T12:30:00.123+02:00`), without a date
//! library or a float parser in the wasm.

use nps_protocol::TraitValue;

/// The trait as ms since the Unix epoch, if it is a date.
pub fn trait_ms(value: &TraitValue) -> Option<f64> {
    match value {
        TraitValue::Number(n) if n.is_finite() => Some(*n),
        TraitValue::Text(s) => iso_ms(s.trim()),
        _ => None,
    }
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD[(T| )hh:mm[:ss[.fff]][Z|±hh[:]mm|±hh]]`; no offset means
/// UTC. Bytes and `get` only: string slicing would link its panic path,
/// about a kilobyte of wasm.
pub(crate) fn iso_ms(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let num = |at: usize, len: usize| -> Option<i64> {
        b.get(at..at + len)?.iter().try_fold(0i64, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
        })
    };
    let is = |at: usize, c: u8| b.get(at) == Some(&c);
    if !(is(4, b'-') && is(7, b'-')) {
        return None;
    }
    let (y, m, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut ms = days_from_civil(y, m, d) * 86_400_000;
    if b.len() == 10 {
        return Some(ms as f64);
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || !is(13, b':') {
        return None;
    }
    let (h, min) = (num(11, 2)?, num(14, 2)?);
    if h > 23 || min > 59 {
        return None;
    }
    ms += h * 3_600_000 + min * 60_000;
    let mut i = 16;
    if is(i, b':') {
        ms += num(17, 2)?.min(60) * 1000;
        i = 19;
        if matches!(b.get(i), Some(b'.' | b',')) {
            i += 1;
            let start = i;
            let mut frac = 0;
            while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
                if i - start < 3 {
                    frac = frac * 10 + i64::from(c - b'0');
                }
                i += 1;
            }
            match i - start {
                0 => return None,
                1 => frac *= 100,
                2 => frac *= 10,
                _ => {}
            }
            ms += frac;
        }
    }
    let offset = match b.get(i) {
        None => 0,
        Some(b'Z' | b'z') if b.len() == i + 1 => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let oh = num(i + 1, 2)?;
            let om = match b.len() - i {
                3 => 0,
                6 if is(i + 3, b':') => num(i + 4, 2)?,
                5 => num(i + 3, 2)?,
                _ => return None,
            };
            let o = oh * 3_600_000 + om * 60_000;
            if sign == b'+' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    Some((ms + offset) as f64)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_unix_ms_are_read() {
        let cases = [
            ("1970-01-01", Some(0.0)),
            ("2026-01-01", Some(1_767_225_600_000.0)),
            ("2026-01-01T00:00:00Z", Some(1_767_225_600_000.0)),
            ("2026-01-01T01:00:00+01:00", Some(1_767_225_600_000.0)),
            ("2025-12-31T23:00:00.500-01:00", Some(1_767_225_600_500.0)),
            ("2026-01-01T00:00", Some(1_767_225_600_000.0)),
            ("2000-02-29", Some(951_782_400_000.0)),
            ("yesterday", None),
            ("2026-13-01", None),
            ("2026-01-01Tnoon", None),
            ("2026-01-01T00:00:00.5Z", Some(1_767_225_600_500.0)),
            ("2026-01-01T00:00:00Zjunk", None),
            ("2026-01-01T02:00+02", Some(1_767_225_600_000.0)),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(trait_ms(&TraitValue::Text(text.into())), want, "{text}");
        }
        assert_eq!(trait_ms(&TraitValue::Number(5.0)), Some(5.0));
        assert_eq!(trait_ms(&TraitValue::Bool(true)), None);
    }
}
