//! A store decorator that remembers projects for a few seconds.
//!
//! Every widget request looks its project up by key; projects change rarely,
//! so reading them from the database each time only costs throughput (it
//! was the largest cost of the ingest path after the commit itself). Other
//! instances' changes show up within [`TTL`]. Unknown keys are remembered
//! too, so a bot cycling through bogus keys does not reach the database;
//! the map is bounded and simply cleared when full.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use time::OffsetDateTime;

use super::{Inserted, MomentCounts, Project, Store, StoreResult, StoredResponse};
use nps_protocol::UserHistory;

use crate::domain::{ClientId, Comment, ProjectKey, UserId, ValidEvent, ValidResponse};
use crate::stats::Distribution;

/// How long a project read is trusted.
pub(crate) const TTL: Duration = Duration::from_secs(5);
/// Most keys remembered at once.
const MAX_ENTRIES: usize = 10_000;

type Entries = HashMap<String, (Instant, Option<Project>)>;

/// Wraps a store; project lookups are served from memory for [`TTL`].
pub struct CachedProjects {
    inner: Arc<dyn Store>,
    entries: RwLock<Entries>,
}

impl CachedProjects {
    /// Caches the project lookups of `inner`.
    pub fn new(inner: Arc<dyn Store>) -> Self {
        Self {
            inner,
            entries: RwLock::new(HashMap::new()),
        }
    }

    fn cached(&self, key: &ProjectKey) -> Option<Option<Project>> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let (at, project) = entries.get(key.as_str())?;
        (at.elapsed() < TTL).then(|| project.clone())
    }

    fn remember(&self, key: &ProjectKey, project: Option<Project>) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key.as_str().to_owned(), (Instant::now(), project));
    }
}

#[async_trait]
impl Store for CachedProjects {
    async fn create_project(&self, project: &Project) -> StoreResult<bool> {
        let created = self.inner.create_project(project).await?;
        // Forget a remembered "unknown key" at once on this instance.
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(project.key.as_str());
        Ok(created)
    }

    async fn project(&self, key: &ProjectKey) -> StoreResult<Option<Project>> {
        if let Some(hit) = self.cached(key) {
            return Ok(hit);
        }
        let project = self.inner.project(key).await?;
        self.remember(key, project.clone());
        Ok(project)
    }

    async fn projects(&self) -> StoreResult<Vec<Project>> {
        self.inner.projects().await
    }

    async fn user_history(&self, key: &ProjectKey, user_id: &UserId) -> StoreResult<UserHistory> {
        self.inner.user_history(key, user_id).await
    }

    async fn update_project(&self, project: &Project) -> StoreResult<bool> {
        let key = &project.key;
        let updated = self.inner.update_project(project).await?;
        // This instance sees its own change at once; others within TTL.
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key.as_str());
        Ok(updated)
    }

    async fn insert_response(
        &self,
        response: &ValidResponse,
        now: OffsetDateTime,
    ) -> StoreResult<Inserted> {
        self.inner.insert_response(response, now).await
    }

    async fn insert_event(&self, event: &ValidEvent, now: OffsetDateTime) -> StoreResult<Inserted> {
        self.inner.insert_event(event, now).await
    }

    async fn set_comment(
        &self,
        key: &ProjectKey,
        id: ClientId,
        comment: Option<&Comment>,
        now: OffsetDateTime,
    ) -> StoreResult<bool> {
        self.inner.set_comment(key, id, comment, now).await
    }

    async fn comment_target(
        &self,
        key: &ProjectKey,
        id: ClientId,
    ) -> StoreResult<Option<super::CommentTarget>> {
        self.inner.comment_target(key, id).await
    }

    async fn moment_counts(&self, key: &ProjectKey) -> StoreResult<Vec<MomentCounts>> {
        self.inner.moment_counts(key).await
    }

    async fn distribution(&self, key: &ProjectKey) -> StoreResult<Distribution> {
        self.inner.distribution(key).await
    }

    async fn user_data(
        &self,
        key: &ProjectKey,
        user: &UserId,
    ) -> StoreResult<super::privacy::UserData> {
        self.inner.user_data(key, user).await
    }

    async fn delete_user(
        &self,
        key: &ProjectKey,
        user: &UserId,
        actor: &str,
    ) -> StoreResult<super::privacy::Removed> {
        self.inner.delete_user(key, user, actor).await
    }

    async fn apply_retention(
        &self,
        key: &ProjectKey,
        cutoff: OffsetDateTime,
        mode: super::RetentionMode,
    ) -> StoreResult<super::privacy::Removed> {
        self.inner.apply_retention(key, cutoff, mode).await
    }

    async fn log_privacy(
        &self,
        key: &ProjectKey,
        action: &str,
        actor: &str,
        rows: u64,
    ) -> StoreResult<()> {
        self.inner.log_privacy(key, action, actor, rows).await
    }

    async fn privacy_log(
        &self,
        key: &ProjectKey,
    ) -> StoreResult<Vec<super::privacy::PrivacyLogEntry>> {
        self.inner.privacy_log(key).await
    }

    async fn grouped_scores(
        &self,
        key: &ProjectKey,
        filter: &crate::domain::Filter,
        grouping: &super::analytics::Grouping,
    ) -> StoreResult<Vec<super::analytics::GroupCount>> {
        self.inner.grouped_scores(key, filter, grouping).await
    }

    async fn list_responses(
        &self,
        key: &ProjectKey,
        filter: &crate::domain::Filter,
        cursor: Option<&super::analytics::Cursor>,
        limit: u32,
    ) -> StoreResult<Vec<StoredResponse>> {
        self.inner.list_responses(key, filter, cursor, limit).await
    }
}
