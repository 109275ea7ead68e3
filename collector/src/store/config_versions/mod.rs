//! The versions of each project's widget config (timing rules, texts,
//! look): appended on every save, read back newest first, for both
//! backends.

mod queries;
use queries::{postgres, sqlite};

use super::{Pool, StoreResult};

/// One saved version.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredConfigVersion {
    /// 1, 2, 3… per project.
    pub version: i64,
    /// The config as saved (JSON of `WidgetConfig`).
    pub config: String,
    /// Who saved it: a member's e-mail, or `admin-token`.
    pub actor: String,
    /// Why, when it was not a plain save (e.g. a revert).
    pub note: Option<String>,
    /// Unix ms.
    pub created_at: i64,
}

/// Appends a version; returns its number. Two saves racing for the same
/// number: the loser takes the next one.
pub async fn append(
    pool: Pool<'_>,
    project: &str,
    config: &str,
    actor: &str,
    note: Option<&str>,
    now: i64,
) -> StoreResult<i64> {
    on!(pool, append(project, config, actor, note, now))
}

/// The latest `limit` versions, newest first.
pub async fn list(
    pool: Pool<'_>,
    project: &str,
    limit: i64,
) -> StoreResult<Vec<StoredConfigVersion>> {
    on!(pool, list(project, limit))
}

/// One version.
pub async fn get(
    pool: Pool<'_>,
    project: &str,
    version: i64,
) -> StoreResult<Option<StoredConfigVersion>> {
    on!(pool, get(project, version))
}
