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
pub(crate) mod span;
pub(crate) mod sqlite_search;
pub(crate) use queries::{postgres, sqlite};

/// The columns of a stored response the feed reads, in
/// `response_from_row`'s names.
pub(crate) const RESPONSE_COLUMNS: &str = "id, score, comment, user_id, moment, locale, url, \
     traits, created_at, updated_at, identity_unverified, source, variant";

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
    /// Periods of a trend: the instants (Unix ms, ascending) where one
    /// ends and the next starts, strictly between the filter's `from` and
    /// `to`, each on a quarter hour (a local midnight is). Each count's
    /// group is its period's index, as text (`"0"` from `from`).
    Periods(Vec<i64>),
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
    /// `rollup_daily`: day, moment, locale (`rollup_scores`, day alone,
    /// when neither moment nor locale is asked for).
    Daily,
    /// `rollup_tenure`: day, tenure bucket.
    Tenure,
    /// `rollup_traits` for one trait, optionally one value of it.
    Trait { name: String, value: Option<String> },
}

/// The roll-up that covers `f` grouped by `g`, or `None` when only the
/// rows can answer: verbatim filters, several traits, or two of {moment
/// or locale, tenure, a trait} crossed. Any period is covered (see
/// [`span::Span`]).
pub(crate) fn plan(f: &Filter, g: &Grouping) -> Option<Plan> {
    let verbatim = f.q.is_some()
        || f.category.is_some()
        || f.score_min.is_some()
        || f.score_max.is_some()
        || f.has_comment.is_some()
        || f.user_id.is_some()
        || f.tag.is_some()
        || f.status.is_some();
    if verbatim || f.traits.len() > 1 {
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
            (Some((name, value)), Grouping::Total | Grouping::Periods(_)) => Some(Plan::Trait {
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

/// The buckets a read counts into: the filter's period, cut at the
/// grouping's period boundaries if it has some.
pub(crate) fn span_of(f: &Filter, g: &Grouping) -> span::Span {
    let mut bounds = vec![f.from.map(crate::store::to_millis)];
    if let Grouping::Periods(inner) = g {
        bounds.extend(inner.iter().map(|t| Some(*t)));
    }
    bounds.push(f.to.map(crate::store::to_millis));
    span::Span::new(bounds)
}

/// Signed score counts per (bucket, group, score), as a bucketed read
/// adds them up.
pub(crate) struct Tally {
    periods: bool,
    counts: std::collections::BTreeMap<(usize, Option<String>, u8), i64>,
}

impl Tally {
    pub(crate) fn new(g: &Grouping) -> Self {
        Self {
            periods: matches!(g, Grouping::Periods(_)),
            counts: std::collections::BTreeMap::new(),
        }
    }

    /// Counts `n` answers in `bucket` (`None`: outside the period).
    pub(crate) fn add(&mut self, bucket: Option<usize>, group: Option<String>, score: u8, n: i64) {
        if let Some(bucket) = bucket {
            *self.counts.entry((bucket, group, score)).or_default() += n;
        }
    }

    /// Moves `n` answers placed at `t` from the bucket their day gave them
    /// to the bucket their time gives them.
    pub(crate) fn correct(
        &mut self,
        span: &span::Span,
        t: i64,
        group: Option<String>,
        score: u8,
        n: i64,
    ) {
        let day = t.div_euclid(crate::store::rollup::DAY_MS);
        let (first, end) = span.days();
        let counted = first.is_none_or(|f| day >= f) && end.is_none_or(|e| day < e);
        let by_day = if span.buckets() > 1 {
            span.bucket_of_day(day)
        } else {
            Some(0)
        };
        if counted {
            self.add(by_day, group.clone(), score, -n);
        }
        self.add(span.bucket_of_time(t), group, score, n);
    }

    /// The counts, with the bucket as the group for a trend.
    pub(crate) fn into_counts(self) -> Vec<GroupCount> {
        self.counts
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|((bucket, group, score), n)| GroupCount {
                group: if self.periods {
                    Some(bucket.to_string())
                } else {
                    group
                },
                score,
                count: n.unsigned_abs(),
            })
            .collect()
    }
}

/// The tenure condition, as SQL.
pub(crate) fn tenure_sql(t: Tenure) -> &'static str {
    match t {
        Tenure::New => " AND tenure_days < 90",
        Tenure::Established => " AND tenure_days >= 90",
    }
}
