//! A project's time zone (`timezone`, an IANA name such as
//! `Europe/Paris`; UTC by default): where its days, weeks and months start,
//! what a plain date in a query means. Daylight-saving days are 23 or 25
//! hours long; the tz database compiled into the binary (jiff's bundle)
//! decides, so every instance answers alike whatever the host has.

use time::{Date, Month, OffsetDateTime};

use super::Invalid;

/// A validated IANA time zone.
#[derive(Debug, Clone)]
pub struct Zone {
    name: String,
    tz: jiff::tz::TimeZone,
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Default for Zone {
    fn default() -> Self {
        Self {
            name: "UTC".to_owned(),
            tz: jiff::tz::TimeZone::UTC,
        }
    }
}

impl TryFrom<&str> for Zone {
    type Error = Invalid;

    fn try_from(name: &str) -> Result<Self, Invalid> {
        let refuse = || {
            Invalid::new(
                "invalid_timezone",
                format!("timezone must be an IANA time zone such as Europe/Paris, not {name:?}"),
            )
        };
        // Names only: a POSIX rule or a fixed offset would not follow a
        // country's future changes.
        if name.is_empty() || name.len() > 64 || name.starts_with(['+', '-']) {
            return Err(refuse());
        }
        let tz = jiff::tz::db().get(name).map_err(|_| refuse())?;
        let name = tz.iana_name().unwrap_or(name).to_owned();
        Ok(Self { name, tz })
    }
}

/// An instant as jiff sees it (they share the Unix epoch).
fn timestamp(t: OffsetDateTime) -> jiff::Timestamp {
    jiff::Timestamp::from_nanosecond(t.unix_timestamp_nanos()).unwrap_or(jiff::Timestamp::MAX)
}

fn instant(t: jiff::Timestamp) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(t.as_nanosecond())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

impl Zone {
    /// The IANA name, as stored and shown.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether this is UTC (nothing to convert).
    pub fn is_utc(&self) -> bool {
        self.name == "UTC"
    }

    /// The instant `date` starts in this zone, with the zone's offset then.
    /// A day whose midnight a daylight-saving change skips starts at the
    /// first instant that exists.
    pub fn midnight(&self, date: Date) -> OffsetDateTime {
        let civil = jiff::civil::date(date.year() as i16, date.month() as i8, date.day() as i8);
        let start = civil
            .to_zoned(self.tz.clone())
            .and_then(|z| z.start_of_day())
            .map(|z| z.timestamp())
            .unwrap_or(jiff::Timestamp::MIN);
        self.local(instant(start))
    }

    /// The calendar date `t` falls on in this zone.
    pub fn date_of(&self, t: OffsetDateTime) -> Date {
        self.local(t).date()
    }

    /// The calendar month `t` falls in, in this zone: its first instant
    /// and the next month's.
    pub fn month_of(&self, t: OffsetDateTime) -> (OffsetDateTime, OffsetDateTime) {
        let today = self.date_of(t);
        // Day 1 exists in every month.
        let first = today.replace_day(1).unwrap_or(today);
        let (year, month) = match first.month() {
            Month::December => (first.year() + 1, Month::January),
            m => (first.year(), m.next()),
        };
        let next = Date::from_calendar_date(year, month, 1).unwrap_or(first);
        (self.midnight(first), self.midnight(next))
    }

    /// `t` written with this zone's offset at that instant.
    pub fn local(&self, t: OffsetDateTime) -> OffsetDateTime {
        let seconds = self.tz.to_offset(timestamp(t)).seconds();
        time::UtcOffset::from_whole_seconds(seconds).map_or(t, |o| t.to_offset(o))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn zone(name: &str) -> Zone {
        Zone::try_from(name).unwrap()
    }

    #[test]
    fn names_that_are_not_iana_zones_are_refused() {
        for bad in [
            "",
            "Paris",
            "Europe/Pariss",
            "+01:00",
            "UTC+1 ",
            "x".repeat(80).as_str(),
        ] {
            assert!(Zone::try_from(bad).is_err(), "{bad:?}");
        }
        assert_eq!(zone("Europe/Paris").name(), "Europe/Paris");
        assert!(zone("UTC").is_utc());
    }

    #[test]
    fn a_month_in_paris_runs_from_its_first_midnight_to_the_next_months() {
        let paris = zone("Europe/Paris");
        assert_eq!(
            paris.month_of(datetime!(2026-12-31 23:30 UTC)),
            (
                datetime!(2026-12-31 23:00 UTC),
                datetime!(2027-01-31 23:00 UTC)
            ),
            "half past midnight on 1 January in Paris"
        );
        let (start, end) = paris.month_of(datetime!(2026-03-10 12:00 UTC));
        assert_eq!(start, datetime!(2026-02-28 23:00 UTC));
        assert_eq!(end, datetime!(2026-03-31 22:00 UTC), "summer time");
    }

    #[test]
    fn midnight_in_paris_is_an_hour_or_two_before_utc() {
        let paris = zone("Europe/Paris");
        assert_eq!(
            paris.midnight(date!(2026 - 01 - 15)),
            datetime!(2026-01-14 23:00 UTC)
        );
        assert_eq!(
            paris.midnight(date!(2026 - 07 - 15)),
            datetime!(2026-07-14 22:00 UTC)
        );
    }

    #[test]
    fn daylight_saving_days_last_23_and_25_hours() {
        let paris = zone("Europe/Paris");
        let spring = paris.midnight(date!(2026 - 03 - 30)) - paris.midnight(date!(2026 - 03 - 29));
        let autumn = paris.midnight(date!(2026 - 10 - 26)) - paris.midnight(date!(2026 - 10 - 25));
        assert_eq!(spring.whole_hours(), 23);
        assert_eq!(autumn.whole_hours(), 25);
    }

    #[test]
    fn kolkata_starts_its_days_on_the_half_hour() {
        let kolkata = zone("Asia/Kolkata");
        assert_eq!(
            kolkata.midnight(date!(2026 - 05 - 01)),
            datetime!(2026-04-30 18:30 UTC)
        );
        assert_eq!(
            kolkata.date_of(datetime!(2026-04-30 18:29 UTC)),
            date!(2026 - 04 - 30)
        );
        assert_eq!(
            kolkata.date_of(datetime!(2026-04-30 18:30 UTC)),
            date!(2026 - 05 - 01)
        );
    }

    #[test]
    fn a_day_whose_midnight_does_not_exist_starts_at_its_first_instant() {
        // Santiago moves its clocks from 00:00 to 01:00 in September.
        let santiago = zone("America/Santiago");
        let start = santiago.midnight(date!(2026 - 09 - 06));
        assert_eq!(santiago.date_of(start), date!(2026 - 09 - 06));
        assert_eq!(
            santiago.date_of(start - time::Duration::seconds(1)),
            date!(2026 - 09 - 05)
        );
    }
}
