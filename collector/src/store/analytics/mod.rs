//! The analytics reads, written once for both backends with sqlx's
//! `QueryBuilder`: score counts under a [`Filter`], grouped by a dimension,
//! and the filtered verbatim feed with keyset pagination. Only reading a
//! trait out of the stored JSON and the full-text search of comments differ
//! between SQLite (FTS5) and PostgreSQL (`tsvector`).
//!
//! Score counts come from the roll-ups whenever one covers the question
//! ([`plan`]), else from the project's rows through their indexes. On
//! SQLite the feed under a search reads the full-text index in time order
//! (`sqlite_search`); on PostgreSQL it picks its plan (`postgres_search`).

pub(crate) mod postgres_search;
mod queries;
pub(crate) mod rates;
mod search;
pub(crate) mod sqlite_search;
pub(crate) use queries::{postgres, sqlite};

/// The columns of a stored response the feed reads, in
/// `response_from_row`'s names.
pub(crate) const RESPONSE_COLUMNS: &str = "id, score, comment, user_id, moment, locale, url, \
     traits, created_at, updated_at, identity_unverified";

use crate::domain::{Filter, Tenure};

/// What to group score counts by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grouping {
    /// No grouping: one histogram.
    Total,
    /// The moment answered.
    Moment,
    /// The prompt's language.
    Locale,
    /// The UTC day (days since the Unix epoch, as text).
    Day,
    /// `new` or `established`.
    Tenure,
    /// Days since signup, in the tenure curve's buckets (`0-7` … `>365`).
    TenureBucket,
    /// The value of one trait.
    Trait(String),
}

/// How many answers of one group gave one score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCount {
    /// The group's value (`None`: the answer has none, or no grouping).
    pub group: Option<String>,
    /// 0–10.
    pub score: u8,
    /// Answers.
    pub count: u64,
}

/// Where a page of the feed starts: after the item with this time and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// `created_at` of the last item seen, Unix ms.
    pub at: i64,
    /// Its id.
    pub id: String,
}

/// Which roll-up answers a statistic, if one does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Plan {
    /// `rollup_daily`: day, moment, locale.
    Daily,
    /// `rollup_tenure`: day, tenure bucket.
    Tenure,
    /// `rollup_traits` for one trait, optionally one value of it.
    Trait { name: String, value: Option<String> },
}

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// The roll-up that covers `f` grouped by `g`, or `None` when only the
/// rows can answer: verbatim filters, a period not on whole UTC days,
/// several traits, or two of {moment or locale, tenure, a trait} crossed.
pub(crate) fn plan(f: &Filter, g: &Grouping) -> Option<Plan> {
    let verbatim = f.q.is_some()
        || f.category.is_some()
        || f.score_min.is_some()
        || f.score_max.is_some()
        || f.has_comment.is_some()
        || f.user_id.is_some()
        || f.tag.is_some()
        || f.status.is_some();
    let whole_days = [f.from, f.to]
        .iter()
        .flatten()
        .all(|t| crate::store::to_millis(*t).rem_euclid(DAY_MS) == 0);
    if verbatim || !whole_days || f.traits.len() > 1 {
        return None;
    }
    let daily_dims = f.moment.is_some()
        || f.locale.is_some()
        || matches!(g, Grouping::Moment | Grouping::Locale);
    let tenure_dims = f.tenure.is_some() || matches!(g, Grouping::Tenure | Grouping::TenureBucket);
    let trait_dims = !f.traits.is_empty() || matches!(g, Grouping::Trait(_));
    match (daily_dims, tenure_dims, trait_dims) {
        (_, false, false) => Some(Plan::Daily),
        (false, true, false) => Some(Plan::Tenure),
        (false, false, true) => match (f.traits.first(), g) {
            (Some((name, value)), Grouping::Total | Grouping::Day) => Some(Plan::Trait {
                name: name.clone(),
                value: Some(value.clone()),
            }),
            (None, Grouping::Trait(name)) => Some(Plan::Trait {
                name: name.clone(),
                value: None,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// The day range of a filter on whole days: `[from, to)`.
pub(crate) fn day_range(f: &Filter) -> (Option<i64>, Option<i64>) {
    let day = |t: time::OffsetDateTime| crate::store::to_millis(t).div_euclid(DAY_MS);
    (f.from.map(day), f.to.map(day))
}

/// The tenure condition, as SQL.
pub(crate) fn tenure_sql(t: Tenure) -> &'static str {
    match t {
        Tenure::New => " AND tenure_days < 90",
        Tenure::Established => " AND tenure_days >= 90",
    }
}
