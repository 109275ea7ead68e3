//! Folding per-day score counts into the points of a trend: one per day,
//! ISO week (starting Monday) or calendar month, UTC, with empty periods
//! kept so a chart's x axis has no holes.

use std::collections::BTreeMap;

use time::{Date, Duration, Month};

use super::Distribution;

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

/// The trend's points from `first` to `last` (days, both included): each
/// period's start and its score counts.
pub fn fold(
    days: &BTreeMap<Date, Distribution>,
    interval: Interval,
    first: Date,
    last: Date,
) -> Vec<(Date, Distribution)> {
    let mut points: Vec<(Date, Distribution)> = Vec::new();
    let mut start = period_start(first, interval);
    while start <= last && points.len() < MAX_POINTS {
        points.push((start, Distribution::default()));
        match next_period(start, interval) {
            Some(next) => start = next,
            None => break,
        }
    }
    for (day, counts) in days.range(first..=last) {
        let start = period_start(*day, interval);
        if let Some((_, total)) = points.iter_mut().rev().find(|(s, _)| *s == start) {
            for (slot, n) in total.0.iter_mut().zip(counts.0) {
                *slot += n;
            }
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn days(list: &[(Date, u8)]) -> BTreeMap<Date, Distribution> {
        let mut map = BTreeMap::new();
        for (day, score) in list {
            let d: &mut Distribution = map.entry(*day).or_default();
            d.0[usize::from(*score)] += 1;
        }
        map
    }

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
    fn days_fold_into_their_period_and_empty_periods_stay() {
        let data = days(&[
            (date!(2026 - 01 - 05), 10),
            (date!(2026 - 01 - 11), 0),
            (date!(2026 - 01 - 26), 9),
        ]);
        let points = fold(
            &data,
            Interval::Week,
            date!(2026 - 01 - 05),
            date!(2026 - 01 - 31),
        );
        let totals: Vec<u64> = points.iter().map(|(_, d)| d.total()).collect();
        assert_eq!(points[0].0, date!(2026 - 01 - 05));
        assert_eq!(totals, [2, 0, 0, 1]);
    }

    #[test]
    fn months_roll_over_the_year() {
        let data = days(&[(date!(2025 - 12 - 31), 9), (date!(2026 - 01 - 01), 9)]);
        let points = fold(
            &data,
            Interval::Month,
            date!(2025 - 12 - 01),
            date!(2026 - 01 - 31),
        );
        assert_eq!(points.len(), 2);
        assert_eq!(points[1].0, date!(2026 - 01 - 01));
        assert_eq!(points[1].1.total(), 1);
    }
}
