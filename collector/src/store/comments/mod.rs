//! The commented answers a theme analysis reads, for both backends: all
//! of them up to a bound, else a deterministic sample spread over the
//! period (the period cut into [`SLICES`] equal slices, the first answers
//! of each slice in time order, each slice an index seek on
//! `(project_key, created_at)`), and how many there are.

mod queries;
use queries::{postgres, sqlite};

use super::{to_millis, Pool, Store, StoreResult};
use crate::domain::{Filter, ProjectKey};

/// Slices a period is cut into for a sample.
pub const SLICES: u32 = 20;

/// Most commented answers a theme analysis reads; past this, a
/// time-stratified sample of this size is read instead.
pub const SAMPLE: u32 = 5_000;

/// A commented answer, as the theme finder reads it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Commented {
    /// Its id.
    pub id: String,
    /// 0–10.
    pub score: i64,
    /// The comment.
    pub comment: String,
    /// The prompt's language.
    pub locale: Option<String>,
}

/// How many answers `filter` selects have a comment.
pub async fn count(pool: Pool<'_>, key: &ProjectKey, filter: &Filter) -> StoreResult<u64> {
    on!(pool, count(key, filter))
}

/// The names of the traits the project's answers carry, at most `limit`,
/// in order.
pub async fn trait_names(pool: Pool<'_>, key: &ProjectKey, limit: u32) -> StoreResult<Vec<String>> {
    on!(pool, trait_names(key, limit))
}

/// The first `limit` commented answers `filter` selects, in time order.
pub async fn first(
    pool: Pool<'_>,
    key: &ProjectKey,
    filter: &Filter,
    limit: u32,
) -> StoreResult<Vec<Commented>> {
    on!(pool, first(key, filter, limit))
}

/// Up to `per_slice` commented answers from each of [`SLICES`] equal
/// slices of `[from, to)` (Unix ms), in time order.
pub async fn sample(
    pool: Pool<'_>,
    key: &ProjectKey,
    filter: &Filter,
    (from, to): (i64, i64),
    per_slice: u32,
) -> StoreResult<Vec<Commented>> {
    let mut out = Vec::new();
    let width = (to - from).max(1);
    for k in 0..i64::from(SLICES) {
        let lo = from + width * k / i64::from(SLICES);
        let hi = from + width * (k + 1) / i64::from(SLICES);
        if hi <= lo {
            continue;
        }
        let slice = Filter {
            from: Some(crate::store::from_millis(lo)),
            to: Some(crate::store::from_millis(hi)),
            ..filter.clone()
        };
        out.extend(first(pool, key, &slice, per_slice).await?);
    }
    Ok(out)
}

/// The commented answers `filter` selects: how many there are (exact),
/// and all of them when there are at most `bound`, else a sample of about
/// `bound` spread over the period (its unbounded ends taken from the
/// project's first and last answers).
pub async fn read(
    store: &dyn Store,
    key: &ProjectKey,
    filter: &Filter,
    bound: u32,
) -> StoreResult<(u64, Vec<Commented>)> {
    let pool = store.pool();
    let with_comment = count(pool, key, filter).await?;
    if with_comment <= u64::from(bound) {
        return Ok((with_comment, first(pool, key, filter, bound).await?));
    }
    // The project's first and last answers bound an open-ended period.
    let span = match (filter.from, filter.to) {
        (Some(_), Some(_)) => None,
        _ => store.answer_span(key).await?,
    };
    let from = filter
        .from
        .or(span.map(|s| s.0))
        .map(to_millis)
        .unwrap_or_default();
    let to = filter
        .to
        .map(to_millis)
        .or(span.map(|s| to_millis(s.1) + 1))
        .unwrap_or(from + 1);
    let answers = sample(pool, key, filter, (from, to), bound / SLICES).await?;
    Ok((with_comment, answers))
}
