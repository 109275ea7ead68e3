//! PostgreSQL storage, for teams running several collector instances behind
//! a load balancer: they share one database, so idempotency, stats and
//! every record hold across instances.
//!
//! PostgreSQL handles concurrent writers itself, so each request commits
//! its own transaction; the pool is sized for that.

use async_trait::async_trait;
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use time::OffsetDateTime;

use super::queries::{
    kind_name, postgres as q, FILL_COMMENT, INSERT_EVENT, INSERT_RESPONSE, SET_COMMENT,
};
use super::{
    inserted, to_millis, Inserted, MomentCounts, Project, ProjectSettings, Store, StoreResult,
    StoredResponse,
};
use nps_protocol::UserHistory;

use crate::domain::{ClientId, Comment, ProjectKey, UserId, ValidEvent, ValidResponse};
use crate::stats::Distribution;

/// A PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://…`) and runs the migrations. Several
    /// instances may start at once: sqlx takes an advisory lock around
    /// migrations.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn open(url: &str) -> StoreResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }
}

#[async_trait]
impl Store for PostgresStore {
    async fn create_project(&self, project: &Project) -> StoreResult<bool> {
        q::create_project(&self.pool, project).await
    }

    async fn project(&self, key: &ProjectKey) -> StoreResult<Option<Project>> {
        q::project(&self.pool, key).await
    }

    async fn projects(&self) -> StoreResult<Vec<Project>> {
        q::projects(&self.pool).await
    }

    async fn user_history(&self, key: &ProjectKey, user_id: &UserId) -> StoreResult<UserHistory> {
        q::user_history(&self.pool, key, user_id).await
    }

    async fn update_settings(
        &self,
        key: &ProjectKey,
        settings: &ProjectSettings,
    ) -> StoreResult<bool> {
        q::update_settings(&self.pool, key, settings).await
    }

    #[tracing::instrument(level = "debug", skip_all, fields(id = %response.id.uuid()))]
    async fn insert_response(
        &self,
        response: &ValidResponse,
        now: OffsetDateTime,
    ) -> StoreResult<Inserted> {
        let done = sqlx::query(INSERT_RESPONSE)
            .bind(response.id.uuid().to_string())
            .bind(response.key.as_str())
            .bind(i64::from(response.score.value()))
            .bind(response.comment.as_ref().map(Comment::as_str))
            .bind(response.user_id.as_ref().map(|u| u.as_str()))
            .bind(response.moment.as_ref().map(|m| m.as_str()))
            .bind(serde_json::to_string(response.traits.as_map())?)
            .bind(response.locale.as_ref().map(|l| l.as_str()))
            .bind(response.url.as_ref().map(|u| u.as_str()))
            .bind(to_millis(now))
            .execute(&self.pool)
            .await?;
        let outcome = inserted(done.rows_affected());
        if let (Inserted::Duplicate, Some(comment)) = (outcome, &response.comment) {
            sqlx::query(FILL_COMMENT)
                .bind(comment.as_str())
                .bind(to_millis(now))
                .bind(response.id.uuid().to_string())
                .bind(response.key.as_str())
                .execute(&self.pool)
                .await?;
        }
        Ok(outcome)
    }

    #[tracing::instrument(level = "debug", skip_all, fields(id = %event.id.uuid()))]
    async fn insert_event(&self, event: &ValidEvent, now: OffsetDateTime) -> StoreResult<Inserted> {
        let done = sqlx::query(INSERT_EVENT)
            .bind(event.id.uuid().to_string())
            .bind(event.key.as_str())
            .bind(kind_name(event.kind))
            .bind(event.moment.as_ref().map(|m| m.as_str()))
            .bind(event.user_id.as_ref().map(|u| u.as_str()))
            .bind(to_millis(now))
            .execute(&self.pool)
            .await?;
        Ok(inserted(done.rows_affected()))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(id = %id.uuid()))]
    async fn set_comment(
        &self,
        key: &ProjectKey,
        id: ClientId,
        comment: Option<&Comment>,
        now: OffsetDateTime,
    ) -> StoreResult<bool> {
        let done = sqlx::query(SET_COMMENT)
            .bind(comment.map(Comment::as_str))
            .bind(to_millis(now))
            .bind(id.uuid().to_string())
            .bind(key.as_str())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn moment_counts(&self, key: &ProjectKey) -> StoreResult<Vec<MomentCounts>> {
        q::moment_counts(&self.pool, key).await
    }

    async fn distribution(&self, key: &ProjectKey) -> StoreResult<Distribution> {
        q::distribution(&self.pool, key).await
    }

    async fn recent_responses(
        &self,
        key: &ProjectKey,
        limit: u32,
    ) -> StoreResult<Vec<StoredResponse>> {
        q::recent_responses(&self.pool, key, limit).await
    }
}
