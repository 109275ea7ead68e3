//! The write side of an import: a batch of checked rows handed to the
//! store's write queue at once (so its writer commits them in full
//! batches, with their roll-ups, search entries and tag counts), then the
//! tags and notes of the answers that were new, with the tags the
//! project's rules give their comments (as a live comment gets).

use time::OffsetDateTime;

use super::row::Row;
use crate::domain::{matching_tags, CompiledRule, ProjectKey};
use crate::store::imported::{self, Attachment};
use crate::store::{tags, to_millis, Inserted, Store, StoreResult};

/// Writes batches for one import.
pub(super) struct Writer {
    rules: Vec<CompiledRule>,
    now: i64,
}

impl Writer {
    /// Reads the project's tag rules once for the whole import.
    pub(super) async fn new(store: &dyn Store, key: &ProjectKey) -> StoreResult<Self> {
        let rules = tags::rules(store.pool(), key.as_str())
            .await?
            .iter()
            .filter_map(|r| CompiledRule::new(&r.tag, &r.keywords, r.regex.as_deref()).ok())
            .collect();
        Ok(Self {
            rules,
            now: to_millis(OffsetDateTime::now_utc()),
        })
    }

    /// Stores `rows`; `(created, duplicates)`. A duplicate (stored by an
    /// earlier import) is left exactly as it is, tags and notes included.
    pub(super) async fn write(
        &self,
        store: &dyn Store,
        key: &ProjectKey,
        rows: Vec<Row>,
    ) -> StoreResult<(u64, u64)> {
        let mut attachments = Vec::with_capacity(rows.len());
        let mut answers = Vec::with_capacity(rows.len());
        for row in rows {
            let mut tags: Vec<(String, &'static str)> =
                row.tags.into_iter().map(|t| (t, "manual")).collect();
            if let Some(comment) = &row.response.comment {
                for t in matching_tags(&self.rules, comment.as_str()) {
                    tags.push((t.to_owned(), "rule"));
                }
            }
            attachments.push(Attachment {
                id: row.response.id.uuid().to_string(),
                tags,
                notes: row.notes,
            });
            answers.push((row.response, row.at));
        }
        let outcomes = store.insert_responses(answers).await?;
        let created = outcomes.iter().filter(|o| **o == Inserted::Created).count() as u64;
        let new: Vec<Attachment> = attachments
            .into_iter()
            .zip(&outcomes)
            .filter(|(a, o)| **o == Inserted::Created && !a.is_empty())
            .map(|(a, _)| a)
            .collect();
        imported::attach(store.pool(), key.as_str(), &new, self.now).await?;
        Ok((created, outcomes.len() as u64 - created))
    }
}
