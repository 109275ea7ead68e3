//! The commented answers a theme analysis reads, for both backends: all
//! of them up to a bound, else a deterministic sample spread over the
//! period (the period cut into [`SLICES`] equal slices, the first answers
//! of each slice in time order, each slice an index seek on
//! `(project_key, created_at)`), and how many there are.

mod queries;
use queries::{postgres, sqlite};

use super::{Pool, StoreResult};
use crate::domain::{Filter, ProjectKey};

/// Slices a period is cut into for a sample.
pub const SLICES: u32 = 20;

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
