//! What sampling to a precision reads, for both backends: a month's
//! answers in the order they arrived (to find the one that brought the
//! margin to the target) and the prompts shown before it (to estimate
//! what the pause saves). Both read the rows through indexes that start
//! with the project and end with the time (`responses_by_project_time`,
//! `events_by_moment_time`).

mod queries;
use queries::{postgres, sqlite};

use super::{Pool, StoreResult};

/// One answer: when, at which moment, which score.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TimedScore {
    /// Unix ms.
    pub created_at: i64,
    /// The moment that prompted it, if any.
    pub moment: Option<String>,
    /// 0-10.
    pub score: i64,
}

/// A project's answers between two instants (Unix ms, `from` included,
/// `until` excluded), oldest first.
pub async fn scores_in_order(
    pool: Pool<'_>,
    project: &str,
    from: i64,
    until: i64,
) -> StoreResult<Vec<TimedScore>> {
    on!(pool, scores_in_order(project, from, until))
}

/// `shown` events between two instants, of one moment or (`None`) of all.
pub async fn shown(
    pool: Pool<'_>,
    project: &str,
    moment: Option<&str>,
    from: i64,
    until: i64,
) -> StoreResult<u64> {
    let n = match moment {
        Some(m) => on!(pool, shown_of_moment(project, m, from, until))?,
        None => on!(pool, shown_of_project(project, from, until))?,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}
