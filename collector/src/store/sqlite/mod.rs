//! SQLite storage: the zero-setup default, one file next to the binary.
//!
//! WAL journal with `synchronous = FULL`, so a committed transaction survives
//! a crash or power loss before the HTTP layer acknowledges it.
//! `secure_delete = ON` on every connection (the pool's and the writer's):
//! erasing a person or a comment overwrites the freed bytes with zeros, so
//! the text is gone from the file once the WAL is checkpointed, not merely
//! unlinked from the b-tree.
//!
//! Writes go through one writer thread that commits every write waiting in
//! its queue in one transaction (group commit), then answers each caller:
//! SQLite allows one writer at a time anyway, and one fsync for many
//! requests is what makes durable ingest fast. The writer uses rusqlite
//! with cached prepared statements on a plain thread, so a batch costs one
//! wake-up rather than an async hop per statement. Reads use a sqlx pool
//! that WAL lets run beside the writer.

#[cfg(feature = "bench-bounds")]
mod bounds;
mod many;
mod responses;
mod rollups;
mod trait_values;
mod writer;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use time::OffsetDateTime;
use tokio::sync::mpsc;

use self::writer::{open_writer, write_loop};
use super::batch::{Queue, MAX_BATCH};
use super::{
    CommentTarget, Inserted, MomentCounts, Project, Store, StoreError, StoreResult, StoredResponse,
};
use nps_protocol::UserHistory;

use super::analytics::{self, Cursor, GroupCount, Grouping};
use super::privacy::{self, PrivacyLogEntry, Removed, UserData};
use super::queries;
use super::{from_millis, to_millis, RetentionMode};
use crate::domain::{ClientId, Comment, Filter, ProjectKey, UserId, ValidEvent, ValidResponse};

/// A SQLite database file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    writer: Queue,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` (`sqlite://PATH`),
    /// runs the migrations and starts the writer thread.
    #[tracing::instrument]
    pub async fn open(url: &str) -> StoreResult<Self> {
        if url.contains(":memory:") || url.contains("mode=memory") {
            // The writer opens its own connection: an in-memory database
            // would be a different, empty one.
            return Err(StoreError::UnsupportedUrl("sqlite::memory:".into()));
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
            .pragma("secure_delete", "ON");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        let connection = open_writer(options.get_filename())?;
        let (writer, jobs) = mpsc::channel(4 * MAX_BATCH);
        std::thread::Builder::new()
            .name("nps-sqlite-writer".into())
            .spawn(move || write_loop(connection, jobs))
            .map_err(|e| StoreError::Commit(format!("cannot start the writer thread: {e}")))?;
        Ok(Self {
            pool,
            writer: Queue(writer),
        })
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn pool(&self) -> super::Pool<'_> {
        super::Pool::Sqlite(&self.pool)
    }

    async fn create_project(&self, project: &Project) -> StoreResult<bool> {
        queries::sqlite::create_project(&self.pool, project).await
    }

    async fn project(&self, key: &ProjectKey) -> StoreResult<Option<Project>> {
        queries::sqlite::project(&self.pool, key).await
    }

    async fn projects(&self) -> StoreResult<Vec<Project>> {
        queries::sqlite::projects(&self.pool).await
    }

    async fn user_history(&self, key: &ProjectKey, user_id: &UserId) -> StoreResult<UserHistory> {
        queries::sqlite::user_history(&self.pool, key, user_id).await
    }

    async fn change_project(
        &self,
        key: &ProjectKey,
        change: super::ProjectChange<'_>,
    ) -> StoreResult<Option<(Project, Project)>> {
        // IMMEDIATE: the write lock from the start, so the read is the
        // state the write replaces (a deferred transaction would fail when
        // the ingest writer commits in between).
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let Some(before) = queries::sqlite::project(&mut *tx, key).await? else {
            return Ok(None);
        };
        let mut after = before.clone();
        change(&mut after);
        queries::sqlite::update_project(&mut *tx, &after).await?;
        tx.commit().await?;
        Ok(Some((before, after)))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(id = %response.id.uuid()))]
    async fn insert_response(
        &self,
        response: ValidResponse,
        now: OffsetDateTime,
    ) -> StoreResult<Inserted> {
        self.writer.insert_response(response, now).await
    }

    #[tracing::instrument(level = "debug", skip_all, fields(rows = rows.len()))]
    async fn insert_responses(
        &self,
        rows: Vec<(ValidResponse, OffsetDateTime)>,
    ) -> StoreResult<Vec<Inserted>> {
        self.writer.insert_many(rows).await
    }

    #[tracing::instrument(level = "debug", skip_all, fields(id = %event.id.uuid()))]
    async fn insert_event(&self, event: ValidEvent, now: OffsetDateTime) -> StoreResult<Inserted> {
        self.writer.insert_event(event, now).await
    }

    #[tracing::instrument(level = "debug", skip_all, fields(id = %id.uuid()))]
    async fn set_comment(
        &self,
        key: &ProjectKey,
        id: ClientId,
        comment: Option<&Comment>,
        now: OffsetDateTime,
    ) -> StoreResult<bool> {
        self.writer.set_comment(key, id, comment, now).await
    }

    async fn comment_target(
        &self,
        key: &ProjectKey,
        id: ClientId,
    ) -> StoreResult<Option<CommentTarget>> {
        queries::sqlite::comment_target(&self.pool, key, id).await
    }

    async fn moment_counts(
        &self,
        key: &ProjectKey,
        filter: &Filter,
    ) -> StoreResult<Vec<MomentCounts>> {
        analytics::rates::sqlite::moment_counts(&self.pool, key, filter).await
    }

    async fn user_data(&self, key: &ProjectKey, user: &UserId) -> StoreResult<UserData> {
        privacy::sqlite::user_data(&self.pool, key, user).await
    }

    async fn delete_user(
        &self,
        key: &ProjectKey,
        user: &UserId,
        actor: &str,
    ) -> StoreResult<Removed> {
        privacy::sqlite::delete_user(
            &self.pool,
            key,
            user,
            actor,
            to_millis(OffsetDateTime::now_utc()),
        )
        .await
    }

    async fn apply_retention(
        &self,
        key: &ProjectKey,
        cutoff: OffsetDateTime,
        mode: RetentionMode,
    ) -> StoreResult<Removed> {
        let now = to_millis(OffsetDateTime::now_utc());
        privacy::sqlite::apply_retention(&self.pool, key, to_millis(cutoff), mode, now).await
    }

    async fn log_privacy(
        &self,
        key: &ProjectKey,
        action: &str,
        actor: &str,
        rows: u64,
    ) -> StoreResult<()> {
        privacy::sqlite::log(
            &self.pool,
            key,
            action,
            actor,
            rows,
            to_millis(OffsetDateTime::now_utc()),
        )
        .await
    }

    async fn privacy_log(&self, key: &ProjectKey) -> StoreResult<Vec<PrivacyLogEntry>> {
        privacy::sqlite::privacy_log(&self.pool, key).await
    }

    async fn grouped_scores(
        &self,
        key: &ProjectKey,
        filter: &Filter,
        grouping: &Grouping,
    ) -> StoreResult<Vec<GroupCount>> {
        analytics::sqlite::grouped_scores(&self.pool, key, filter, grouping).await
    }

    async fn answer_span(
        &self,
        key: &ProjectKey,
    ) -> StoreResult<Option<(OffsetDateTime, OffsetDateTime)>> {
        let span = analytics::sqlite::answer_span(&self.pool, key).await?;
        Ok(span.map(|(first, last)| (from_millis(first), from_millis(last))))
    }

    async fn list_responses(
        &self,
        key: &ProjectKey,
        filter: &Filter,
        cursor: Option<&Cursor>,
        limit: u32,
    ) -> StoreResult<Vec<StoredResponse>> {
        match &filter.q {
            Some(search) => {
                analytics::sqlite_search::list_matching(
                    &self.pool, key, filter, search, cursor, limit,
                )
                .await
            }
            None => analytics::sqlite::list_responses(&self.pool, key, filter, cursor, limit).await,
        }
    }
}
