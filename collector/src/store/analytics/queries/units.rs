//! What a roll-up read covers, the same for both backends: the days or
//! the listed quarter hours of a period, and which tables answer a plan.

use crate::domain::Filter;
use crate::store::analytics::Grouping;

/// Quarters listed in one statement, well under both backends' limits on
/// bound values.
pub(super) const QUARTERS_PER_QUERY: usize = 4_000;

/// Which roll-up rows a query reads.
pub(super) enum Unit<'q> {
    /// Days `[first, end)` of the daily tables, per day or summed.
    Days {
        first: Option<i64>,
        end: Option<i64>,
        by_day: bool,
    },
    /// These quarters of the quarter-hour tables, per quarter.
    Quarters(&'q [i64]),
}

/// Whether the score-only roll-ups answer a daily-table plan: no moment or
/// locale asked for, to filter or to group by (they hold a tenth of the
/// rows the daily tables do on a busy project).
pub(super) fn scores_alone(f: &Filter, g: &Grouping) -> bool {
    f.moment.is_none() && f.locale.is_none() && !matches!(g, Grouping::Moment | Grouping::Locale)
}
