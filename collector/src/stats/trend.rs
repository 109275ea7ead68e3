//! The periods of a trend: one per day, ISO week (starting Monday) or
//! calendar month of the project's calendar, with empty periods kept so a
//! chart's x axis has no holes. Dates here; the time zone turns them into
//! instants (a daylight-saving day lasts 23 or 25 hours).

use time::{Date, Duration, Month};

/// The width of a trend point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    /// A UTC day.
    Day,
    /// An ISO week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

/// Most points a trend returns; a range that needs more is cut at its
/// latest end.
pub const MAX_POINTS: usize = 1_000;

/// The first day of the period holding `day`.
pub fn period_start(day: Date, interval: Interval) -> Date {
    match interval {
        Interval::Day => day,
        Interval::Week => day - Duration::days(i64::from(day.weekday().number_days_from_monday())),
        Interval::Month => day.replace_day(1).unwrap_or(day),
    }
}

fn next_period(start: Date, interval: Interval) -> Option<Date> {
    match interval {
        Interval::Day => start.next_day(),
        Interval::Week => start.checked_add(Duration::days(7)),
        Interval::Month => {
            let (year, month) = match start.month() {
                Month::December => (start.year() + 1, Month::January),
                m => (start.year(), m.next()),
            };
            Date::from_calendar_date(year, month, 1).ok()
        }
    }
}

/// The first day of each period from the one holding `first` to the one
/// holding `last` (both included), at most [`MAX_POINTS`].
pub fn starts(first: Date, last: Date, interval: Interval) -> Vec<Date> {
    let mut starts = Vec::new();
    let mut start = period_start(first, interval);
    while start <= last && starts.len() < MAX_POINTS {
        starts.push(start);
        match next_period(start, interval) {
            Some(next) => start = next,
            None => break,
        }
    }
    starts
}

/// The day after the period starting on `start` (where the next begins).
pub fn end_of(start: Date, interval: Interval) -> Option<Date> {
    next_period(start, interval)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        // 2026-11-29 is a Sunday.
        assert_eq!(
            period_start(date!(2026 - 11 - 29), Interval::Week),
            date!(2026 - 11 - 23)
        );
        assert_eq!(
            period_start(date!(2026 - 11 - 29), Interval::Month),
            date!(2026 - 11 - 01)
        );
    }

    #[test]
    fn periods_cover_first_to_last_with_none_missing() {
        let weeks = starts(date!(2026 - 01 - 07), date!(2026 - 01 - 31), Interval::Week);
        assert_eq!(
            weeks,
            [
                date!(2026 - 01 - 05),
                date!(2026 - 01 - 12),
                date!(2026 - 01 - 19),
                date!(2026 - 01 - 26)
            ]
        );
        let days = starts(date!(2026 - 03 - 28), date!(2026 - 03 - 30), Interval::Day);
        assert_eq!(days.len(), 3);
    }

    #[test]
    fn months_roll_over_the_year() {
        let months = starts(
            date!(2025 - 12 - 31),
            date!(2026 - 01 - 01),
            Interval::Month,
        );
        assert_eq!(months, [date!(2025 - 12 - 01), date!(2026 - 01 - 01)]);
        assert_eq!(
            end_of(date!(2025 - 12 - 01), Interval::Month),
            Some(date!(2026 - 01 - 01))
        );
    }

    #[test]
    fn a_long_range_is_cut_at_the_cap() {
        let many = starts(date!(2000 - 01 - 01), date!(2026 - 01 - 01), Interval::Day);
        assert_eq!(many.len(), MAX_POINTS);
    }
}
