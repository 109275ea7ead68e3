//! The follow-up of each answer (status, assignee, notes, and the history
//! of every change), and the inbox of answers awaiting one, for both
//! backends. These are the team's own records about an answer, so erasing
//! a person erases them too (see `privacy`).

mod queries;
use queries::{postgres, sqlite};

use super::{Pool, StoreResult, StoredResponse};

/// Where an answer stands in the closed loop.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFollowUp {
    /// `new`, `contacted`, `resolved` or `ignored`.
    pub status: String,
    /// Who is on it.
    pub assignee: Option<String>,
}

/// One change or note, kept for ever (until the person is erased).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredHistoryEntry {
    /// Who.
    pub actor: String,
    /// `status`, `assignee` or `note`.
    pub kind: String,
    /// The new status, the assignee, or the note's text.
    pub value: Option<String>,
    /// Unix ms.
    pub created_at: i64,
}

/// An answer in the follow-up inbox.
#[derive(Debug, Clone, PartialEq)]
pub struct InboxItem {
    /// The answer.
    pub response: StoredResponse,
    /// Its follow-up.
    pub followup: StoredFollowUp,
}

/// An answer's follow-up row, if anyone acted on it.
pub async fn followup(
    pool: Pool<'_>,
    project: &str,
    id: &str,
) -> StoreResult<Option<StoredFollowUp>> {
    on!(pool, followup(project, id))
}
/// An answer's follow-up history, oldest first.
pub async fn history(
    pool: Pool<'_>,
    project: &str,
    id: &str,
) -> StoreResult<Vec<StoredHistoryEntry>> {
    on!(pool, history(project, id))
}
/// Sets a follow-up and appends its changes to the history, atomically.
pub async fn record(
    pool: Pool<'_>,
    project: &str,
    id: &str,
    state: &StoredFollowUp,
    changes: &[(&'static str, Option<String>)],
    actor: &str,
    now: i64,
) -> StoreResult<()> {
    on!(pool, record(project, id, state, changes, actor, now))
}
/// Answers up to `max_score` whose follow-up is in `statuses` (and
/// assigned to `assignee`, and answer `only`, if given), oldest first.
pub async fn inbox(
    pool: Pool<'_>,
    project: &str,
    max_score: i64,
    statuses: &[&str],
    assignee: Option<&str>,
    only: Option<&str>,
    limit: i64,
) -> StoreResult<Vec<InboxItem>> {
    on!(
        pool,
        inbox(project, max_score, statuses, assignee, only, limit)
    )
}
