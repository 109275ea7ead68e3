//! An experiment's counts per variant, for both backends: impressions from
//! the `shown` events, answers with their scores and comments. Read from
//! the rows through the partial indexes of migration 0029, which hold only
//! the rows that carry a variant: an experiment is one moment of one
//! project for a bounded time, not a table to roll up.

mod queries;
use queries::{postgres, sqlite};

use super::{Pool, StoreResult};

/// Impressions of one variant.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ShownRow {
    /// The variant.
    pub variant: String,
    /// `shown` events.
    pub shown: i64,
}

/// Answers of one variant with one score.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScoreRow {
    /// The variant.
    pub variant: String,
    /// 0-10.
    pub score: i64,
    /// Answers with this score.
    pub n: i64,
    /// Of them, answers with a comment.
    pub commented: i64,
}

/// What one experiment is counted over: a project's moment, between two
/// instants (Unix ms, `from` included, `until` excluded).
#[derive(Debug, Clone, Copy)]
pub struct Window<'a> {
    /// The project.
    pub project: &'a str,
    /// The moment.
    pub moment: &'a str,
    /// From (the experiment's start).
    pub from: i64,
    /// Until (its end).
    pub until: i64,
}

/// Impressions per variant in the window.
pub async fn shown(pool: Pool<'_>, w: Window<'_>) -> StoreResult<Vec<ShownRow>> {
    on!(pool, shown(w))
}

/// Answers per variant and score in the window.
pub async fn scores(pool: Pool<'_>, w: Window<'_>) -> StoreResult<Vec<ScoreRow>> {
    on!(pool, scores(w))
}
