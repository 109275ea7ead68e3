//! PostgreSQL storage, for teams running several collector instances behind
//! a load balancer: they share one database, so idempotency, stats and
//! every record hold across instances.
//!
//! Writes go through the same group-commit queue as SQLite's (see
//! [`writer`]): one transaction and one fsync per batch, acknowledged after
//! the commit. Reads use the pool directly.

mod changes;
mod ingest;
mod reach;
mod rollups;
mod writer;

use async_trait::async_trait;
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use time::OffsetDateTime;
use tokio::sync::mpsc;

use super::batch::{Queue, MAX_BATCH};
use super::{CommentTarget, Inserted, MomentCounts, Project, Store, StoreResult, StoredResponse};
use nps_protocol::UserHistory;

use super::analytics::{self, Cursor, GroupCount, Grouping};
use super::privacy::{self, PrivacyLogEntry, Removed, UserData};
use super::queries;
use super::{from_millis, to_millis, RetentionMode};
use crate::domain::{ClientId, Comment, Filter, ProjectKey, UserId, ValidEvent, ValidResponse};

/// How long a request waits for a pooled connection before it fails as
/// unavailable (503). sqlx's default, 30 s, outlived the request deadline,
/// and the pool spaces its reconnection attempts up to a fifth of it: a
/// PostgreSQL restart held requests for as long. Ingest waits here too
/// while the server is down, since the project cache is emptied when its
/// change feed loses the connection. Sixteen connections all busy for 2 s
/// is overload, and a 503 with `Retry-After` says so. (The writer waits
/// less: [`reach`].)
const ACQUIRE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// A PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
    writer: Queue,
    changes: tokio::sync::broadcast::Sender<String>,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://…`) and runs the migrations. Several
    /// instances may start at once: sqlx takes an advisory lock around
    /// migrations.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn open(url: &str) -> StoreResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        let (sender, jobs) = mpsc::channel(4 * MAX_BATCH);
        writer::spawn(&pool, jobs);
        let changes = changes::listen(&pool).await?;
        Ok(Self {
            pool,
            writer: Queue(sender),
            changes,
        })
    }
}

#[async_trait]
impl Store for PostgresStore {
    fn pool(&self) -> super::Pool<'_> {
        super::Pool::Postgres(&self.pool)
    }

    async fn create_project(&self, project: &Project) -> StoreResult<bool> {
        queries::postgres::create_project(&self.pool, project).await
    }

    async fn project(&self, key: &ProjectKey) -> StoreResult<Option<Project>> {
        queries::postgres::project(&self.pool, key).await
    }

    async fn projects(&self) -> StoreResult<Vec<Project>> {
        queries::postgres::projects(&self.pool).await
    }

    async fn user_history(&self, key: &ProjectKey, user_id: &UserId) -> StoreResult<UserHistory> {
        queries::postgres::user_history(&self.pool, key, user_id).await
    }

    async fn change_project(
        &self,
        key: &ProjectKey,
        change: super::ProjectChange<'_>,
    ) -> StoreResult<Option<(Project, Project)>> {
        let mut tx = self.pool.begin().await?;
        let Some(before) = queries::postgres::project_with(&mut *tx, key, " FOR UPDATE").await?
        else {
            return Ok(None);
        };
        let mut after = before.clone();
        change(&mut after);
        queries::postgres::update_project(&mut *tx, &after).await?;
        // Delivered at commit, to every instance listening (this one too).
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(changes::CHANNEL)
            .bind(key.as_str())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some((before, after)))
    }

    fn project_changes(&self) -> Option<tokio::sync::broadcast::Receiver<String>> {
        Some(self.changes.subscribe())
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
        queries::postgres::comment_target(&self.pool, key, id).await
    }

    async fn moment_counts(
        &self,
        key: &ProjectKey,
        filter: &Filter,
    ) -> StoreResult<Vec<MomentCounts>> {
        analytics::rates::postgres::moment_counts(&self.pool, key, filter).await
    }

    async fn user_data(&self, key: &ProjectKey, user: &UserId) -> StoreResult<UserData> {
        privacy::postgres::user_data(&self.pool, key, user).await
    }

    async fn delete_user(
        &self,
        key: &ProjectKey,
        user: &UserId,
        actor: &str,
    ) -> StoreResult<Removed> {
        privacy::postgres::delete_user(
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
        privacy::postgres::apply_retention(&self.pool, key, to_millis(cutoff), mode, now).await
    }

    async fn log_privacy(
        &self,
        key: &ProjectKey,
        action: &str,
        actor: &str,
        rows: u64,
    ) -> StoreResult<()> {
        privacy::postgres::log(
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
        privacy::postgres::privacy_log(&self.pool, key).await
    }

    async fn grouped_scores(
        &self,
        key: &ProjectKey,
        filter: &Filter,
        grouping: &Grouping,
    ) -> StoreResult<Vec<GroupCount>> {
        analytics::postgres::grouped_scores(&self.pool, key, filter, grouping).await
    }

    async fn answer_span(
        &self,
        key: &ProjectKey,
    ) -> StoreResult<Option<(OffsetDateTime, OffsetDateTime)>> {
        let span = analytics::postgres::answer_span(&self.pool, key).await?;
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
                analytics::postgres_search::list_matching(
                    &self.pool, key, filter, search, cursor, limit,
                )
                .await
            }
            None => {
                analytics::postgres::list_responses(&self.pool, key, filter, cursor, limit).await
            }
        }
    }
}
