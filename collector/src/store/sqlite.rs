//! SQLite storage: the zero-setup default, one file next to the binary.
//!
//! WAL journal with `synchronous = FULL`, so a committed transaction survives
//! a crash or power loss before the HTTP layer acknowledges it.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};
use time::OffsetDateTime;

use super::{from_millis, to_millis, Inserted, Project, Store, StoreResult, StoredResponse};
use crate::domain::{Comment, ProjectKey, ResponseId, ValidResponse};
use crate::stats::Distribution;

/// A SQLite database file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` (`sqlite://PATH`)
    /// and runs the migrations.
    #[tracing::instrument]
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Self { pool })
    }
}

fn project_from_row(row: &sqlx::sqlite::SqliteRow) -> StoreResult<Project> {
    let key: String = row.try_get("key")?;
    let settings: String = row.try_get("settings")?;
    Ok(Project {
        key: ProjectKey::try_from(key).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        name: row.try_get("name")?,
        settings: serde_json::from_str(&settings)?,
    })
}

#[async_trait]
impl Store for SqliteStore {
    async fn create_project(&self, project: &Project) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO projects (key, name, settings, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(project.key.as_str())
        .bind(&project.name)
        .bind(serde_json::to_string(&project.settings)?)
        .bind(to_millis(OffsetDateTime::now_utc()))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn project(&self, key: &ProjectKey) -> StoreResult<Option<Project>> {
        let row = sqlx::query("SELECT key, name, settings FROM projects WHERE key = $1")
            .bind(key.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(project_from_row).transpose()
    }

    async fn projects(&self) -> StoreResult<Vec<Project>> {
        let rows = sqlx::query("SELECT key, name, settings FROM projects ORDER BY key")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(project_from_row).collect()
    }

    #[tracing::instrument(skip_all, fields(id = %response.id.uuid()))]
    async fn insert_response(
        &self,
        response: &ValidResponse,
        now: OffsetDateTime,
    ) -> StoreResult<Inserted> {
        let at = to_millis(now);
        let done = sqlx::query(
            "INSERT INTO responses
               (id, project_key, score, comment, user_id, moment, traits, locale, url, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(response.id.uuid().to_string())
        .bind(response.key.as_str())
        .bind(i64::from(response.score.value()))
        .bind(response.comment.as_ref().map(Comment::as_str))
        .bind(response.user_id.as_ref().map(|u| u.as_str()))
        .bind(response.moment.as_ref().map(|m| m.as_str()))
        .bind(serde_json::to_string(response.traits.as_map())?)
        .bind(response.locale.as_ref().map(|l| l.as_str()))
        .bind(response.url.as_ref().map(|u| u.as_str()))
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(if done.rows_affected() == 1 {
            Inserted::Created
        } else {
            Inserted::Duplicate
        })
    }

    #[tracing::instrument(skip_all, fields(id = %id.uuid()))]
    async fn set_comment(
        &self,
        key: &ProjectKey,
        id: ResponseId,
        comment: Option<&Comment>,
        now: OffsetDateTime,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE responses SET comment = $1, updated_at = $2 WHERE id = $3 AND project_key = $4",
        )
        .bind(comment.map(Comment::as_str))
        .bind(to_millis(now))
        .bind(id.uuid().to_string())
        .bind(key.as_str())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn distribution(&self, key: &ProjectKey) -> StoreResult<Distribution> {
        let rows = sqlx::query(
            "SELECT score, COUNT(*) AS n FROM responses WHERE project_key = $1 GROUP BY score",
        )
        .bind(key.as_str())
        .fetch_all(&self.pool)
        .await?;
        let mut counts = [0u64; 11];
        for row in rows {
            let score: i64 = row.try_get("score")?;
            let n: i64 = row.try_get("n")?;
            if let Some(slot) = usize::try_from(score).ok().and_then(|s| counts.get_mut(s)) {
                *slot = n.unsigned_abs();
            }
        }
        Ok(Distribution(counts))
    }

    async fn recent_responses(
        &self,
        key: &ProjectKey,
        limit: u32,
    ) -> StoreResult<Vec<StoredResponse>> {
        let rows = sqlx::query(
            "SELECT id, score, comment, user_id, moment, locale, url, traits, created_at, updated_at
             FROM responses WHERE project_key = $1 ORDER BY created_at DESC, id LIMIT $2",
        )
        .bind(key.as_str())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let score: i64 = row.try_get("score")?;
                let traits: String = row.try_get("traits")?;
                Ok(StoredResponse {
                    id: row.try_get("id")?,
                    score: u8::try_from(score).unwrap_or_default(),
                    comment: row.try_get("comment")?,
                    user_id: row.try_get("user_id")?,
                    moment: row.try_get("moment")?,
                    locale: row.try_get("locale")?,
                    url: row.try_get("url")?,
                    traits: serde_json::from_str(&traits)?,
                    created_at: from_millis(row.try_get("created_at")?),
                    updated_at: from_millis(row.try_get("updated_at")?),
                })
            })
            .collect()
    }
}
