//! Tags on answers (by hand, or by rules applied on arrival and on
//! demand), and the rules, for both backends. Tags are the team's own
//! records about an answer, so erasing a person erases them too (see
//! `privacy`).

mod queries;
use queries::{postgres, sqlite};

use std::collections::BTreeMap;

use super::{Pool, StoreResult};

/// A rule that tags answers whose comment matches.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredTagRule {
    /// Its id.
    pub id: String,
    /// The tag it sets.
    pub tag: String,
    /// Any of these words or phrases (case-insensitive).
    pub keywords: Vec<String>,
    /// Or a regular expression (Rust `regex` syntax).
    pub regex: Option<String>,
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
    rule: &StoredTagRule,
    now: i64,
) -> StoreResult<()> {
    on!(pool, create_rule(project, rule, now))
}
/// The project's rules.
pub async fn rules(pool: Pool<'_>, project: &str) -> StoreResult<Vec<StoredTagRule>> {
    on!(pool, rules(project))
}
/// Removes a rule (the tags it set stay).
pub async fn delete_rule(pool: Pool<'_>, project: &str, id: &str) -> StoreResult<bool> {
    on!(pool, delete_rule(project, id))
}
