//! Calendar dates as the URL holds them (`YYYY-MM-DD`, UTC), and the
//! arithmetic the filters need: days since the Unix epoch and back
//! (Howard Hinnant's civil-from-days algorithms), no calendar library.

/// A day, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Day(i64);

impl Day {
    /// Days since 1970-01-01.
    #[cfg(test)]
    pub(crate) fn from_epoch_days(days: i64) -> Self {
        Self(days)
    }

    /// The day of a Unix time in milliseconds.
    pub(crate) fn from_millis(ms: f64) -> Self {
        Self((ms / 86_400_000.0).floor() as i64)
    }

    /// The day of a Unix time in whole milliseconds, as the API gives it.
    pub(crate) fn from_unix_ms(ms: i64) -> Self {
        Self(ms.div_euclid(86_400_000))
    }

    /// Reads `YYYY-MM-DD`; `None` for anything else or an impossible date.
    pub(crate) fn parse(raw: &str) -> Option<Self> {
        let mut parts = raw.trim().splitn(3, '-');
        let y: i64 = parts.next()?.parse().ok()?;
        let m: u32 = parts.next()?.parse().ok()?;
        let d: u32 = parts.next()?.parse().ok()?;
        if raw.trim().len() != 10 || !(1..=12).contains(&m) || d == 0 || d > days_in(y, m) {
            return None;
        }
        Some(Self(days_from_civil(y, m, d)))
    }

    /// The day `n` days later (earlier when negative).
    pub(crate) fn plus(self, n: i64) -> Self {
        Self(self.0 + n)
    }

    /// Days from `earlier` to `self`.
    pub(crate) fn since(self, earlier: Self) -> i64 {
        self.0 - earlier.0
    }

    /// `YYYY-MM-DD`.
    pub(crate) fn iso(self) -> String {
        let (y, m, d) = civil_from_days(self.0);
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// Midnight UTC starting this day, RFC 3339, as the API reads it.
    pub(crate) fn rfc3339(self) -> String {
        format!("{}T00:00:00Z", self.iso())
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_epoch_days() {
        for raw in [
            "1970-01-01",
            "2000-02-29",
            "2026-11-29",
            "2024-12-31",
            "1969-12-31",
        ] {
            assert_eq!(Day::parse(raw).map(Day::iso).as_deref(), Some(raw), "{raw}");
        }
        assert_eq!(Day::parse("1970-01-01"), Some(Day::from_epoch_days(0)));
        assert_eq!(Day::from_millis(86_400_000.0 * 3.5).iso(), "1970-01-04");
    }

    #[test]
    fn impossible_or_malformed_dates_are_refused() {
        for raw in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-1",
            "yesterday",
            "",
            "2026-04-31",
        ] {
            assert_eq!(Day::parse(raw), None, "{raw}");
        }
    }

    #[test]
    fn arithmetic_crosses_months_and_years() {
        let d = Day::parse("2026-12-30").unwrap();
        assert_eq!(d.plus(3).iso(), "2027-01-02");
        assert_eq!(d.plus(3).since(d), 3);
        assert_eq!(d.rfc3339(), "2026-12-30T00:00:00Z");
    }
}
