//! Calendar dates as the URL and the API hold them (`YYYY-MM-DD`), and the
//! arithmetic the filters need: days since the Unix epoch and back
//! (Howard Hinnant's civil-from-days algorithms), no calendar library.
//!
//! A `Day` is a civil date with no zone of its own: the collector reads a
//! plain date in the project's time zone, so the dashboard sends days, not
//! instants, and asks the browser (`Intl`) which day it is in that zone.

/// A civil day (`YYYY-MM-DD`), in whatever zone the reader applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Day(i64);

impl Day {
    /// Days since 1970-01-01.
    #[cfg(test)]
    pub(crate) fn from_epoch_days(days: i64) -> Self {
        Self(days)
    }

    /// The UTC day of a Unix time in milliseconds (the fallback when the
    /// browser cannot name the day in the project's zone).
    pub(crate) fn from_millis(ms: f64) -> Self {
        Self((ms / 86_400_000.0).floor() as i64)
    }

    /// The day of a Unix time in whole milliseconds, as the API gives it.
    pub(crate) fn from_unix_ms(ms: i64) -> Self {
        Self(ms.div_euclid(86_400_000))
    }

    /// Reads `YYYY-MM-DD`; `None` for anything else or an impossible date.
    pub(crate) fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        let mut parts = raw.splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if (y.len(), m.len(), d.len()) != (4, 2, 2) {
            return None;
        }
        Self::from_civil(y, m, d)
    }

    /// The day of an RFC 3339 instant as written with its offset
    /// (`2026-03-30T00:00:00+02:00` is 30 March): a trend period's start
    /// is midnight in the project's zone, written in that zone, so its
    /// date part is the zone's day.
    pub(crate) fn of_local_instant(raw: &str) -> Option<Self> {
        let date = raw.trim().get(..10)?;
        let rest = &raw.trim()[10..];
        if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            return None;
        }
        Self::parse(date)
    }

    /// A day from its year, month and day as text (the parts
    /// `Intl.DateTimeFormat.formatToParts` gives); `None` when one is not a
    /// number or the date is impossible.
    pub(crate) fn from_civil(year: &str, month: &str, day: &str) -> Option<Self> {
        let y: i64 = year.trim().parse().ok()?;
        let m: u32 = month.trim().parse().ok()?;
        let d: u32 = day.trim().parse().ok()?;
        if !(1..=12).contains(&m) || d == 0 || d > days_in(y, m) {
            return None;
        }
        Some(Self(days_from_civil(y, m, d)))
    }

    /// The day named by `formatToParts`-style `(type, value)` pairs: the
    /// `year`, `month` and `day` parts, whatever their order and the
    /// literals between them.
    pub(crate) fn from_parts<'a>(
        parts: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Option<Self> {
        let (mut y, mut m, mut d) = (None, None, None);
        for (kind, value) in parts {
            match kind {
                "year" => y = Some(value),
                "month" => m = Some(value),
                "day" => d = Some(value),
                _ => {}
            }
        }
        Self::from_civil(y?, m?, d?)
    }

    /// The day `n` days later (earlier when negative).
    pub(crate) fn plus(self, n: i64) -> Self {
        Self(self.0 + n)
    }

    /// Days from `earlier` to `self`.
    pub(crate) fn since(self, earlier: Self) -> i64 {
        self.0 - earlier.0
    }

    /// Its midnight in UTC, in milliseconds since the Unix epoch: the
    /// instant `Intl` writes, in UTC, to name this day.
    pub(crate) fn unix_ms(self) -> i64 {
        self.0 * 86_400_000
    }

    /// `YYYY-MM-DD`.
    pub(crate) fn iso(self) -> String {
        let (y, m, d) = civil_from_days(self.0);
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// `YYYY-MM-DDTHH:MM` in UTC of a Unix time in milliseconds: the instant
/// as ISO text, for when the browser cannot write it in a language.
pub(crate) fn utc_stamp(ms: i64) -> String {
    let minutes = ms.rem_euclid(86_400_000) / 60_000;
    format!(
        "{}T{:02}:{:02}",
        Day::from_unix_ms(ms).iso(),
        minutes / 60,
        minutes % 60
    )
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
        let d = Day::parse("2026-12-07").unwrap();
        assert_eq!(Day::from_unix_ms(d.unix_ms()), d);
        assert_eq!(d.unix_ms(), 1_796_601_600_000, "2026-12-07T00:00:00Z");
    }

    #[test]
    fn impossible_or_malformed_dates_are_refused() {
        for raw in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-1",
            "2026-1-011",
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
    }

    #[test]
    fn a_trend_start_reads_as_the_day_of_its_own_offset() {
        for (raw, day) in [
            ("2026-03-30T00:00:00+02:00", "2026-03-30"),
            ("2026-03-30T00:00:00Z", "2026-03-30"),
            ("2026-11-01T00:00:00-05:00", "2026-11-01"),
            ("2026-11-02", "2026-11-02"),
        ] {
            assert_eq!(
                Day::of_local_instant(raw).map(Day::iso).as_deref(),
                Some(day),
                "{raw}"
            );
        }
        for raw in ["2026-03-30X", "2026-3-30T00:00Z", "soon", ""] {
            assert_eq!(Day::of_local_instant(raw), None, "{raw}");
        }
    }

    #[test]
    fn a_unix_time_reads_as_its_utc_stamp() {
        // 2026-12-07T17:43:59.999Z, and a second before 1970.
        assert_eq!(utc_stamp(1_796_665_439_999), "2026-12-07T17:43");
        assert_eq!(utc_stamp(-1_000), "1969-12-31T23:59");
    }

    #[test]
    fn the_day_comes_from_the_parts_the_browser_formats() {
        // en-US orders month/day/year with literals between them.
        let parts = [
            ("month", "03"),
            ("literal", "/"),
            ("day", "30"),
            ("literal", "/"),
            ("year", "2026"),
        ];
        assert_eq!(
            Day::from_parts(parts).map(Day::iso).as_deref(),
            Some("2026-03-30")
        );
        assert_eq!(
            Day::from_parts([("year", "2026"), ("month", "02")]),
            None,
            "no day"
        );
        assert_eq!(
            Day::from_parts([("year", "2026"), ("month", "02"), ("day", "30")]),
            None,
            "impossible"
        );
    }
}
