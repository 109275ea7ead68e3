//! Tags on answers (by hand, or by rules applied on arrival and on demand)
//! and the follow-up of each answer (status, assignee, notes, history),
//! for both backends. These are the team's own records about an answer,
//! so erasing a person erases them too (see `privacy`).

mod queries;
use queries::{postgres, sqlite};

use std::collections::BTreeMap;

use super::{Pool, StoreResult, StoredResponse};

/// A rule that tags answers whose comment matches.
#[derive(Debug, Clone, PartialEq)]
pub struct TagRule {
    /// Its id.
    pub id: String,
    /// The tag it sets.
    pub tag: String,
    /// Any of these words or phrases (case-insensitive).
    pub keywords: Vec<String>,
    /// Or a regular expression (Rust `regex` syntax).
    pub regex: Option<String>,
}

/// Where an answer stands in the closed loop.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    /// `new`, `contacted`, `resolved` or `ignored`.
    pub status: String,
    /// Who is on it.
    pub assignee: Option<String>,
}

/// One change or note, kept for ever (until the person is erased).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
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
    pub followup: FollowUp,
}

macro_rules! on {
    ($pool:expr, $f:ident($($arg:expr),*)) => {
        match $pool {
            Pool::Sqlite(p) => sqlite::$f(p, $($arg),*).await,
            Pool::Postgres(p) => postgres::$f(p, $($arg),*).await,
        }
    };
}

/// Tags an answer; `false` if it had the tag (or does not exist).
pub async fn add(
    pool: Pool<'_>,
    project: &str,
    id: &str,
    tag: &str,
    source: &str,
    now: i64,
) -> StoreResult<bool> {
    on!(pool, add(project, id, tag, source, now))
}
/// Untags an answer; `false` if it did not have the tag.
pub async fn remove(pool: Pool<'_>, project: &str, id: &str, tag: &str) -> StoreResult<bool> {
    on!(pool, remove(project, id, tag))
}
/// The tags of these answers.
pub async fn of(
    pool: Pool<'_>,
    project: &str,
    ids: &[String],
) -> StoreResult<BTreeMap<String, Vec<String>>> {
    on!(pool, of(project, ids))
}
/// (tag, score, count) over the project's answers in `[from, to)` (Unix
/// ms; `None`: unbounded).
pub async fn counts(
    pool: Pool<'_>,
    project: &str,
    from: Option<i64>,
    to: Option<i64>,
) -> StoreResult<Vec<(String, u8, u64)>> {
    on!(pool, counts(project, from, to))
}
/// Stores a rule.
pub async fn create_rule(
    pool: Pool<'_>,
    project: &str,
    rule: &TagRule,
    now: i64,
) -> StoreResult<()> {
    on!(pool, create_rule(project, rule, now))
}
/// The project's rules.
pub async fn rules(pool: Pool<'_>, project: &str) -> StoreResult<Vec<TagRule>> {
    on!(pool, rules(project))
}
/// Removes a rule (the tags it set stay).
pub async fn delete_rule(pool: Pool<'_>, project: &str, id: &str) -> StoreResult<bool> {
    on!(pool, delete_rule(project, id))
}
/// An answer's follow-up row, if anyone acted on it.
pub async fn followup(pool: Pool<'_>, project: &str, id: &str) -> StoreResult<Option<FollowUp>> {
    on!(pool, followup(project, id))
}
/// An answer's follow-up history, oldest first.
pub async fn history(pool: Pool<'_>, project: &str, id: &str) -> StoreResult<Vec<HistoryEntry>> {
    on!(pool, history(project, id))
}
/// Sets a follow-up and appends its changes to the history, atomically.
pub async fn record(
    pool: Pool<'_>,
    project: &str,
    id: &str,
    state: &FollowUp,
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
