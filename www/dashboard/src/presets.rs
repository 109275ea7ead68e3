//! Periods picked with one click ("Today", "Last 30 days"): each ends on
//! today *in the project's time zone* (the browser says which day that
//! is), and is written to the URL as plain `from`/`to` days like any other.

use crate::dates::Day;
use crate::filters::Filters;
use crate::i18n::Texts;

/// A period ending today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Preset {
    /// Today alone.
    Today,
    /// The last 7 days, today included.
    Last7,
    /// The last 30 days, today included.
    Last30,
    /// The last 90 days, today included.
    Last90,
}

impl Preset {
    /// The presets, shortest first, as the filter bar offers them.
    pub(crate) const ALL: [Preset; 4] =
        [Preset::Today, Preset::Last7, Preset::Last30, Preset::Last90];

    /// Days it spans, today included.
    fn days(self) -> i64 {
        match self {
            Preset::Today => 1,
            Preset::Last7 => 7,
            Preset::Last30 => 30,
            Preset::Last90 => 90,
        }
    }

    /// First and last day included, the last being `today`.
    pub(crate) fn range(self, today: Day) -> (Day, Day) {
        (today.plus(1 - self.days()), today)
    }

    /// `filters` with this period, the other filters kept.
    pub(crate) fn apply(self, filters: &Filters, today: Day) -> Filters {
        let (from, to) = self.range(today);
        Filters {
            from: Some(from),
            to: Some(to),
            ..filters.clone()
        }
    }

    /// The preset the filters' period is on `today`, if it is one (the
    /// filter bar marks it pressed).
    pub(crate) fn of(filters: &Filters, today: Day) -> Option<Preset> {
        Self::ALL
            .into_iter()
            .find(|p| Some(p.range(today)) == filters.from.zip(filters.to))
    }

    /// Its label.
    pub(crate) fn name(self, t: &'static Texts) -> &'static str {
        match self {
            Preset::Today => t.preset_today,
            Preset::Last7 => t.preset_7,
            Preset::Last30 => t.preset_30,
            Preset::Last90 => t.preset_90,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(raw: &str) -> Day {
        Day::parse(raw).unwrap()
    }

    #[test]
    fn each_preset_ends_today_and_spans_its_days() {
        let today = day("2026-03-01");
        let iso = |p: Preset| {
            let (a, b) = p.range(today);
            (a.iso(), b.iso())
        };
        assert_eq!(
            iso(Preset::Today),
            ("2026-03-01".into(), "2026-03-01".into())
        );
        assert_eq!(
            iso(Preset::Last7),
            ("2026-02-23".into(), "2026-03-01".into())
        );
        assert_eq!(
            iso(Preset::Last30),
            ("2026-01-31".into(), "2026-03-01".into())
        );
        assert_eq!(iso(Preset::Last90).0, "2025-12-02");
    }

    #[test]
    fn the_last_30_days_are_the_default_period_of_the_change_figure() {
        let today = day("2026-11-29");
        let f = Preset::Last30.apply(&Filters::default(), today);
        assert_eq!(f.periods(today), Filters::default().periods(today));
    }

    #[test]
    fn applying_a_preset_keeps_the_other_filters_and_is_recognised() {
        let today = day("2026-11-29");
        let f = Filters {
            moment: Some("x".into()),
            ..Filters::default()
        };
        let last7 = Preset::Last7.apply(&f, today);
        assert_eq!(last7.moment.as_deref(), Some("x"));
        assert_eq!(Preset::of(&last7, today), Some(Preset::Last7));
        assert_eq!(
            Preset::of(&last7, today.plus(1)),
            None,
            "a day later it is a plain period"
        );
        assert_eq!(Preset::of(&f, today), None, "no period");
    }
}
