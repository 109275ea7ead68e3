//! The one way into storage the rest of the collector holds: the [`Store`]
//! trait both backends implement, [`open`] to get one from a database URL,
//! and the backend's [`Pool`] for the features whose queries are written
//! once for both.

use std::sync::Arc;

use async_trait::async_trait;
use time::OffsetDateTime;

use nps_protocol::UserHistory;

use super::analytics::{Cursor, GroupCount, Grouping};
use super::privacy::{PrivacyLogEntry, Removed, UserData};
use super::{
    CommentTarget, Inserted, MomentCounts, PostgresStore, Project, ProjectChange, RetentionMode,
    SqliteStore, StoreError, StoreResult, StoredResponse,
};
use crate::domain::{ClientId, Comment, Filter, ProjectKey, UserId, ValidEvent, ValidResponse};

/// The connection pool of the backend, for the features whose queries are
/// written once for both and dispatched on it (`webhooks`, `tags`):
/// low-rate admin reads and writes that need no trait method each.
#[derive(Debug, Clone, Copy)]
pub enum Pool<'a> {
    /// SQLite's read pool (admin writes through it wait for the writer's
    /// lock, within the busy timeout).
    Sqlite(&'a sqlx::SqlitePool),
    /// PostgreSQL's pool.
    Postgres(&'a sqlx::PgPool),
}

/// Everything the collector keeps.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// The backend's pool.
    fn pool(&self) -> Pool<'_>;
    /// Creates the project if no project has its key; returns whether it did.
    async fn create_project(&self, project: &Project) -> StoreResult<bool>;
    /// The project with this key.
    async fn project(&self, key: &ProjectKey) -> StoreResult<Option<Project>>;
    /// All projects, by key.
    async fn projects(&self) -> StoreResult<Vec<Project>>;
    /// Stores a response once; a second call with the same id changes
    /// nothing (a replay's comment is the HTTP layer's to check and set,
    /// like any edit). It takes the response (no copy on the ingest path:
    /// the writer owns it).
    async fn insert_response(
        &self,
        response: ValidResponse,
        now: OffsetDateTime,
    ) -> StoreResult<Inserted>;
    /// Stores responses at their own times (an import's), each once, in the
    /// write queue's batches; what became of each, in order. Roll-ups,
    /// search and tag counts follow as for [`Store::insert_response`].
    async fn insert_responses(
        &self,
        rows: Vec<(ValidResponse, OffsetDateTime)>,
    ) -> StoreResult<Vec<Inserted>>;
    /// What is known of a user's prompts, from every device.
    async fn user_history(&self, key: &ProjectKey, user_id: &UserId) -> StoreResult<UserHistory>;
    /// Changes a project in one transaction: read from the database
    /// (locked on PostgreSQL, so changes saved on two instances at once
    /// apply one after the other and neither is lost), changed by
    /// `change`, written back, and every instance told to forget its
    /// cached copy. `(before, after)`, or `None` when there is no such
    /// project.
    async fn change_project(
        &self,
        key: &ProjectKey,
        change: ProjectChange<'_>,
    ) -> StoreResult<Option<(Project, Project)>>;
    /// The keys of projects changed by any instance, as they change (an
    /// empty key: forget them all, some changes may have been missed);
    /// `None` where this instance is the only writer.
    fn project_changes(&self) -> Option<tokio::sync::broadcast::Receiver<String>> {
        None
    }
    /// Stores an event once; a second call with the same id changes nothing.
    async fn insert_event(&self, event: ValidEvent, now: OffsetDateTime) -> StoreResult<Inserted>;
    /// Sets (or clears) the comment of a response of this project; `false`
    /// when there is no such response.
    async fn set_comment(
        &self,
        key: &ProjectKey,
        id: ClientId,
        comment: Option<&Comment>,
        now: OffsetDateTime,
    ) -> StoreResult<bool>;
    /// Who may set the comment of response `id` of this project.
    async fn comment_target(
        &self,
        key: &ProjectKey,
        id: ClientId,
    ) -> StoreResult<Option<CommentTarget>>;
    /// Prompts shown and answered per moment, over the period and moment
    /// of `filter` (its other conditions cannot apply to impressions; see
    /// `analytics::rates`).
    async fn moment_counts(
        &self,
        key: &ProjectKey,
        filter: &Filter,
    ) -> StoreResult<Vec<MomentCounts>>;
    /// Everything stored about `user` in project `key`.
    async fn user_data(&self, key: &ProjectKey, user: &UserId) -> StoreResult<UserData>;
    /// Deletes everything about `user` in project `key` (one transaction)
    /// and logs who did it and how many rows, not the data.
    async fn delete_user(
        &self,
        key: &ProjectKey,
        user: &UserId,
        actor: &str,
    ) -> StoreResult<Removed>;
    /// Deletes or anonymises project `key`'s rows older than `cutoff`.
    async fn apply_retention(
        &self,
        key: &ProjectKey,
        cutoff: OffsetDateTime,
        mode: RetentionMode,
    ) -> StoreResult<Removed>;
    /// Logs a privacy action (e.g. an export).
    async fn log_privacy(
        &self,
        key: &ProjectKey,
        action: &str,
        actor: &str,
        rows: u64,
    ) -> StoreResult<()>;
    /// The project's privacy log, newest first.
    async fn privacy_log(&self, key: &ProjectKey) -> StoreResult<Vec<PrivacyLogEntry>>;
    /// Score counts of the answers `filter` selects, per `grouping`.
    async fn grouped_scores(
        &self,
        key: &ProjectKey,
        filter: &Filter,
        grouping: &Grouping,
    ) -> StoreResult<Vec<GroupCount>>;
    /// When project `key`'s first and last answers arrived, if it has any.
    async fn answer_span(
        &self,
        key: &ProjectKey,
    ) -> StoreResult<Option<(OffsetDateTime, OffsetDateTime)>>;
    /// A page of the answers `filter` selects, newest first, after `cursor`.
    async fn list_responses(
        &self,
        key: &ProjectKey,
        filter: &Filter,
        cursor: Option<&Cursor>,
        limit: u32,
    ) -> StoreResult<Vec<StoredResponse>>;
}

/// Opens the store a database URL names and brings its schema up to date.
pub async fn open(url: &str) -> StoreResult<Arc<dyn Store>> {
    let backend: Arc<dyn Store> = if url.starts_with("sqlite:") {
        Arc::new(SqliteStore::open(url).await?)
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Arc::new(PostgresStore::open(url).await?)
    } else {
        // Only the scheme: the URL may hold a password.
        let scheme = url.split(':').next().unwrap_or_default();
        return Err(StoreError::UnsupportedUrl(scheme.to_owned()));
    };
    Ok(backend)
}
