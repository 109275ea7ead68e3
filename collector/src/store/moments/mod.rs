//! Moments sent by the host app's backend, and the project's server key
//! that sends them, for both backends. A moment is pending until a prompt
//! for it is shown to its user on any device (a `shown` event arriving
//! after it) or it expires; erasure and retention remove moments with the
//! user's other rows (`privacy`).

mod queries;
use queries::{postgres, sqlite};

use super::{Pool, StoreResult};

/// Most pending moments handed to a widget at once.
const MAX_PENDING: i64 = 20;

/// A moment to store (validated by the HTTP layer).
#[derive(Debug, Clone, Copy)]
pub struct NewServerMoment<'a> {
    /// Its id.
    pub id: &'a str,
    /// The project.
    pub project: &'a str,
    /// The user.
    pub user_id: &'a str,
    /// The moment's name.
    pub moment: &'a str,
    /// When it happened, Unix ms.
    pub at: i64,
    /// Its properties, a JSON object.
    pub props: &'a str,
    /// When it arrived, Unix ms.
    pub created_at: i64,
}

/// A moment not consumed yet.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PendingRow {
    /// Its name.
    pub moment: String,
    /// When it happened, Unix ms.
    pub at: i64,
}

/// Sets project `project`'s server key (its hash), replacing the one before.
pub async fn set_server_key(
    pool: Pool<'_>,
    project: &str,
    hash: &str,
    now: i64,
) -> StoreResult<()> {
    on!(pool, set_server_key(project, hash, now))
}

/// The project whose server key has this hash.
pub async fn project_of_key(pool: Pool<'_>, hash: &str) -> StoreResult<Option<String>> {
    on!(pool, project_of_key(hash))
}

/// Stores a moment.
pub async fn insert(pool: Pool<'_>, moment: &NewServerMoment<'_>) -> StoreResult<()> {
    on!(pool, insert(moment))
}

/// `user`'s moments that happened at or after `since` (Unix ms) and have not
/// prompted since they arrived, newest first.
pub async fn pending(
    pool: Pool<'_>,
    project: &str,
    user: &str,
    since: i64,
) -> StoreResult<Vec<PendingRow>> {
    on!(pool, pending(project, user, since))
}
