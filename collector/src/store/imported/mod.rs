//! What an import adds beside its answers, for both backends: the source's
//! tags and notes (into the existing `tags` and follow-up stores, so
//! erasure, retention and the tag roll-ups treat them like any other), and
//! how many of a batch's answers are stored already (a dry run's
//! duplicates). The answers themselves go through the write queue
//! ([`super::Store::insert_responses`]), like live ones.

mod queries;
use queries::{postgres, sqlite};

use super::{Pool, StoreResult};

/// A note of the source tool on an imported answer: a follow-up note.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedNote {
    /// Its text.
    pub text: String,
    /// Who wrote it (`import` when the source does not say).
    pub author: String,
    /// When (Unix ms).
    pub at: i64,
}

/// The tags and notes of one imported answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attachment {
    /// The answer's stored id.
    pub id: String,
    /// Tags (already normalised), with their `source` (`manual` for the
    /// source tool's tags, `rule` for the project's tag rules).
    pub tags: Vec<(String, &'static str)>,
    /// Notes, oldest first.
    pub notes: Vec<ImportedNote>,
}

impl Attachment {
    /// Nothing to add.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.notes.is_empty()
    }
}

/// Adds the tags and notes of a batch of answers, in one transaction. A tag
/// already there stays as it is; a note goes with the follow-up of its
/// answer (status `new` if nobody acted on it yet).
pub async fn attach(
    pool: Pool<'_>,
    project: &str,
    items: &[Attachment],
    now: i64,
) -> StoreResult<()> {
    if items.iter().all(Attachment::is_empty) {
        return Ok(());
    }
    on!(pool, attach(project, items, now))
}

/// How many of these ids the project has stored already.
pub async fn existing(pool: Pool<'_>, project: &str, ids: &[String]) -> StoreResult<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    on!(pool, existing(project, ids))
}
