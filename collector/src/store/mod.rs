//! Storage behind one trait, with a SQLite (embedded default) and a
//! PostgreSQL (several collector instances) implementation.
//!
//! Handlers hold an `Arc<dyn Store>` and never see SQL. Every method is a
//! single durable statement or transaction: when it returns `Ok`, the data
//! is committed to disk, which is what lets the HTTP layer acknowledge.

/// Runs the same query on whichever backend `pool` is: `on!(pool,
/// f(args))` calls the calling module's `sqlite::f` or `postgres::f` with
/// the backend's pool first, `on!(pool, m::f(args))` those of module `m`.
macro_rules! on {
    ($pool:expr, $module:ident::$f:ident($($arg:expr),*)) => {
        match $pool {
            $crate::store::Pool::Sqlite(p) => $module::sqlite::$f(p, $($arg),*).await,
            $crate::store::Pool::Postgres(p) => $module::postgres::$f(p, $($arg),*).await,
        }
    };
    ($pool:expr, $f:ident($($arg:expr),*)) => {
        match $pool {
            $crate::store::Pool::Sqlite(p) => sqlite::$f(p, $($arg),*).await,
            $crate::store::Pool::Postgres(p) => postgres::$f(p, $($arg),*).await,
        }
    };
}

pub mod analytics;
mod batch;
mod cache;
pub mod config_versions;
pub mod followups;
pub mod members;
mod postgres;
pub mod privacy;
mod queries;
pub(crate) mod rollup;
mod sqlite;
pub mod tags;
mod unavailable;
pub mod webhooks;

use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use nps_protocol::UserHistory;

use crate::domain::{
    ClientId, Comment, Filter, ProjectKey, TimingRules, UserId, ValidEvent, ValidResponse,
};
use analytics::{Cursor, GroupCount, Grouping};
use privacy::{PrivacyLogEntry, Removed, UserData};

pub use cache::ProjectCache;
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

/// What can go wrong below the HTTP layer. Never shown to clients.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// The SQLite writer's connection failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A migration failed at start-up.
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Stored JSON could not be read back.
    #[error("stored JSON is invalid: {0}")]
    Json(#[from] serde_json::Error),
    /// A batch of writes could not be committed; none of it is stored.
    #[error("commit failed: {0}")]
    Commit(String),
    /// The writer task has stopped (the server is shutting down).
    #[error("the writer has stopped")]
    WriterGone,
    /// The database cannot take the write for now (disk full, server down
    /// or restarting); nothing of it is acknowledged, and the same write
    /// may succeed later. See [`StoreError::is_unavailable`].
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// The database URL names no supported backend.
    #[error("unsupported database URL scheme {0:?} (use sqlite://PATH or postgres://...)")]
    UnsupportedUrl(String),
}

/// Shorthand for store results.
pub type StoreResult<T> = Result<T, StoreError>;

/// A project's configuration, stored as JSON.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ProjectSettings {
    /// When to prompt: what the widget reads from `/api/v1/config`.
    #[serde(default)]
    pub timing: TimingRules,
    /// Secret for identity verification; `None` when it is off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_secret: Option<String>,
    /// Answers and events older than this many days are removed (or
    /// anonymised) by the retention task; `None` keeps them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
    /// What retention does to old answers.
    #[serde(default)]
    pub retention_mode: RetentionMode,
    /// Hours a follow-up has before it is overdue (default 48).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followup_hours: Option<u32>,
    /// Passives (7-8) join the follow-up inbox too, not only detractors.
    #[serde(default)]
    pub followup_passives: bool,
    /// The web origins the public key may be used from (validated
    /// [`crate::domain::AllowedOrigin`]s); empty: any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_origins: Vec<String>,
    /// The IANA name of the zone its days start in; `None`: UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

impl ProjectSettings {
    /// The project's time zone (UTC when unset, or when a stored name is
    /// no longer known to the tz database).
    pub fn zone(&self) -> crate::domain::Zone {
        self.timezone
            .as_deref()
            .and_then(|name| crate::domain::Zone::try_from(name).ok())
            .unwrap_or_default()
    }
}

/// A change to a project, applied to its stored state (validated before:
/// it cannot fail).
pub type ProjectChange<'a> = &'a (dyn Fn(&mut Project) + Send + Sync);

/// What the retention task does to answers past `retention_days` (stored
/// in the project's settings as it travels on the wire).
pub use nps_protocol::admin::RetentionMode;

/// A project: one product surveyed, known by its public key.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// Public key, used in the snippet.
    pub key: ProjectKey,
    /// Display name.
    pub name: String,
    /// Prompting configuration.
    pub settings: ProjectSettings,
}

/// Whether an insert created the row or found it already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// First time this id was seen.
    Created,
    /// The id was stored before: an idempotent replay, nothing changed.
    Duplicate,
}

/// How one moment performs: prompts shown (impressions the widget
/// reported) and answers received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MomentCounts {
    /// The moment's event name.
    pub moment: String,
    /// Prompts shown for it.
    pub shown: u64,
    /// Responses it brought.
    pub answered: u64,
    /// "Don't ask me again" chosen at its prompt: an opt-out.
    pub opted_out: u64,
}

/// A response as read back for the dashboard (serialised as it is only in
/// a person's data export; the API shows it as `nps_protocol::admin::Answer`).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StoredResponse {
    /// The client-generated id.
    pub id: String,
    /// 0–10.
    pub score: u8,
    /// The "why?", if any.
    pub comment: Option<String>,
    /// Host app's user id.
    pub user_id: Option<String>,
    /// Moment that triggered the prompt.
    pub moment: Option<String>,
    /// Language of the prompt.
    pub locale: Option<String>,
    /// Page of the answer.
    pub url: Option<String>,
    /// Traits at answer time.
    #[schema(value_type = Object)]
    pub traits: serde_json::Value,
    /// A user id was claimed without a valid proof (the project verifies
    /// identities): it was dropped and the answer kept anonymous.
    pub identity_unverified: bool,
    /// When the score arrived.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Last change (the comment usually arrives a little later).
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// What deciding who may set a response's comment needs.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentTarget {
    /// SHA-256 (hex) of the author's secret; `None` for answers sent
    /// without one, whose comment can't be changed.
    pub secret_hash: Option<String>,
    /// The (verified) user who answered.
    pub user_id: Option<String>,
    /// When the score arrived: edits are allowed for a bounded time.
    pub created_at: OffsetDateTime,
    /// It has a comment already (a replay fills a missing one only).
    pub has_comment: bool,
}

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

/// `Created` when a statement changed a row, `Duplicate` when it found the
/// id already there.
pub(crate) fn inserted(rows_affected: u64) -> Inserted {
    if rows_affected == 1 {
        Inserted::Created
    } else {
        Inserted::Duplicate
    }
}

/// Milliseconds since the Unix epoch, the storage format of timestamps in
/// both backends (portable and sortable).
pub(crate) fn to_millis(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

/// Inverse of [`to_millis`].
pub(crate) fn from_millis(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
