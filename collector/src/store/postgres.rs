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

use super::queries::postgres as q;
use super::{Inserted, Project, Store, StoreResult, StoredResponse};
use crate::domain::{ClientId, Comment, ProjectKey, ValidEvent, ValidResponse};
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
    #[tracing::instrument(skip_all)]
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

    #[tracing::instrument(skip_all, fields(id = %response.id.uuid()))]
    async fn insert_response(
        &self,
        response: &ValidResponse,
        now: OffsetDateTime,
    ) -> StoreResult<Inserted> {
        q::insert_response(&self.pool, response, now).await
    }

    #[tracing::instrument(skip_all, fields(id = %event.id.uuid()))]
    async fn insert_event(&self, event: &ValidEvent, now: OffsetDateTime) -> StoreResult<Inserted> {
        q::insert_event(&self.pool, event, now).await
    }

    #[tracing::instrument(skip_all, fields(id = %id.uuid()))]
    async fn set_comment(
        &self,
        key: &ProjectKey,
        id: ClientId,
        comment: Option<&Comment>,
        now: OffsetDateTime,
    ) -> StoreResult<bool> {
        q::set_comment(&self.pool, key, id, comment, now).await
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
