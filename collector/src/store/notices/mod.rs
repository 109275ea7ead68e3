//! Closing the loop at scale, for both backends: a tag's lifecycle (open,
//! planned, shipped, with its announcement), the notices that tell each
//! person whose answer carries a shipped tag, and the widget's `seen`
//! events for them. Notices and their events name a person, so erasing
//! the person, or retention, erases them too (see `privacy`).

#[macro_use]
mod story;
mod queries;
use queries::{postgres, sqlite};

use super::webhooks::NewDelivery;
use super::{Pool, StoreResult};

/// A tag's lifecycle as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct StoredTagState {
    /// The tag.
    pub tag: String,
    /// `open`, `planned` or `shipped`.
    pub status: String,
    /// The announcement, JSON `{en?, fr?, link?}`.
    pub announcement: Option<String>,
}

/// What a tag reached: its answers and people, and the notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TagReach {
    /// Answers carrying it.
    pub responses: u64,
    /// Distinct identified people among them.
    pub people: u64,
    /// Notices created.
    pub told: u64,
    /// Notices seen.
    pub seen: u64,
}

/// A notice of one person.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct StoredNotice {
    /// Its id.
    pub id: String,
    /// The tag that shipped.
    pub tag: String,
    /// The tag's announcement, JSON.
    pub announcement: Option<String>,
    /// When the person was told, Unix ms.
    pub created_at: i64,
    /// When the widget showed it, Unix ms.
    pub seen_at: Option<i64>,
}

/// A person reached by the team: followed up or told, and when.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Reached {
    /// The person.
    pub user_id: String,
    /// When, Unix ms.
    pub at: i64,
}

/// The lifecycle of every tag of the project that has one.
pub async fn states(pool: Pool<'_>, project: &str) -> StoreResult<Vec<StoredTagState>> {
    on!(pool, states(project))
}
/// Sets a tag's status (and its announcement, when `Some`).
pub async fn set_state(
    pool: Pool<'_>,
    project: &str,
    tag: &str,
    status: &str,
    announcement: Option<&str>,
    now: i64,
) -> StoreResult<()> {
    on!(pool, set_state(project, tag, status, announcement, now))
}
/// Answers, people, told and seen per tag (only `tag` when given).
pub async fn reach(
    pool: Pool<'_>,
    project: &str,
    tag: Option<&str>,
) -> StoreResult<Vec<(String, TagReach)>> {
    on!(pool, reach(project, tag))
}
/// Creates a notice of `tag` for every identified person whose answer
/// carries it, who has none for it yet and did not opt out, and queues the
/// `(webhook id, delivery)` pairs `deliveries` makes of the people told,
/// in one transaction that an erasure of one of them cannot cut in half:
/// the people told now.
pub async fn ship<F>(
    pool: Pool<'_>,
    project: &str,
    tag: &str,
    now: i64,
    deliveries: F,
) -> StoreResult<Vec<String>>
where
    F: FnOnce(&[String]) -> Vec<(String, NewDelivery)>,
{
    on!(pool, ship(project, tag, now, deliveries))
}
/// The notices of a person, oldest first (`unseen`: only those not seen).
pub async fn of_user(
    pool: Pool<'_>,
    project: &str,
    user: &str,
    unseen: bool,
) -> StoreResult<Vec<StoredNotice>> {
    on!(pool, of_user(project, user, unseen))
}
/// Records the widget's `notice_seen` event `event_id` for `notice` of
/// `user`: `None` when the person has no such notice, else whether the
/// event is new (a replayed id changes nothing). A notice is seen once,
/// at its first event.
pub async fn see(
    pool: Pool<'_>,
    project: &str,
    event_id: &str,
    notice: &str,
    user: &str,
    now: i64,
) -> StoreResult<Option<bool>> {
    on!(pool, see(project, event_id, notice, user, now))
}
/// The `notice_seen` events of a person, oldest first: (time, notice, tag).
pub async fn seen_events(
    pool: Pool<'_>,
    project: &str,
    user: &str,
) -> StoreResult<Vec<(i64, String, String)>> {
    on!(pool, seen_events(project, user))
}
/// Notices created in `[from, to)` (Unix ms), and how many of them were
/// seen.
pub async fn counts(
    pool: Pool<'_>,
    project: &str,
    from: Option<i64>,
    to: Option<i64>,
) -> StoreResult<(u64, u64)> {
    on!(pool, counts(project, from, to))
}
/// Everyone reached: first told per person, and every follow-up marked
/// contacted (or resolved) per person, oldest first.
pub async fn reached(pool: Pool<'_>, project: &str) -> StoreResult<Vec<Reached>> {
    on!(pool, reached(project))
}

/// A tag, follow-up change or note on one of a person's answers.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Recorded {
    /// When, Unix ms.
    pub at: i64,
    /// `tag`, or the follow-up history's `status`, `assignee` or `note`.
    pub kind: String,
    /// The answer.
    pub response_id: String,
    /// The tag, status, assignee or note.
    pub value: Option<String>,
    /// Who (follow-ups).
    pub actor: Option<String>,
}

/// A follow-up and its first contact.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Contact {
    /// The answer.
    pub response_id: String,
    /// Its status now.
    pub status: String,
    /// Who is on it now.
    pub assignee: Option<String>,
    /// When it was first marked contacted (or resolved), Unix ms.
    pub first_contact: Option<i64>,
}

/// One answer of a person.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ScoreAt {
    /// The person.
    pub user_id: String,
    /// 0–10.
    pub score: i64,
    /// When, Unix ms.
    pub at: i64,
}

/// Tags and follow-up changes and notes on a person's answers, oldest
/// first.
pub async fn recorded(pool: Pool<'_>, project: &str, user: &str) -> StoreResult<Vec<Recorded>> {
    on!(pool, recorded(project, user))
}
/// Every follow-up of the project with its first contact.
pub async fn contacts(pool: Pool<'_>, project: &str) -> StoreResult<Vec<Contact>> {
    on!(pool, contacts(project))
}
/// The answers of everyone told or followed up, by person then time.
pub async fn answers_of_reached(pool: Pool<'_>, project: &str) -> StoreResult<Vec<ScoreAt>> {
    on!(pool, answers_of_reached(project))
}
