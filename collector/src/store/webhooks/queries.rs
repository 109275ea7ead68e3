//! The endpoint and dispatch queries, written once and expanded for each
//! backend; they differ only in how enqueueing holds the answer it tells
//! about (`$hold`: PostgreSQL locks it against a concurrent erasure,
//! SQLite's single writer already serialises the two).

macro_rules! webhook_queries {
    ($db:ty, $analytics:ident, $hold:literal) => {
        use sqlx::Row;

        use super::super::{NewDelivery, StoredWebhook};
        use nps_protocol::admin::WebhookFormat;
        use crate::store::analytics::Cursor;
        use crate::store::{StoreResult, StoredResponse};

        type P = sqlx::Pool<$db>;

        fn webhook(row: &<$db as sqlx::Database>::Row) -> StoreResult<StoredWebhook> {
            let filter: String = row.try_get("filter")?;
            let format: String = row.try_get("format")?;
            Ok(StoredWebhook {
                id: row.try_get("id")?,
                project: row.try_get("project_key")?,
                url: row.try_get("url")?,
                secret: row.try_get("secret")?,
                filter: serde_json::from_str(&filter)?,
                format: WebhookFormat::parse(&format),
                enabled: row.try_get("enabled")?,
                disabled_why: row.try_get("disabled_why")?,
                created_at: row.try_get("created_at")?,
            })
        }

        const COLUMNS: &str = "id, project_key, url, secret, filter, format, enabled, disabled_why, created_at";

        pub(crate) async fn create(pool: &P, w: &StoredWebhook) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO webhooks (id, project_key, url, secret, filter, format, enabled, seen_at, seen_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', $8)",
            )
            .bind(&w.id)
            .bind(&w.project)
            .bind(&w.url)
            .bind(&w.secret)
            .bind(serde_json::to_string(&w.filter)?)
            .bind(w.format.as_str())
            .bind(w.enabled)
            .bind(w.created_at)
            .execute(pool)
            .await?;
            Ok(())
        }

        pub(crate) async fn list(pool: &P, project: Option<&str>) -> StoreResult<Vec<StoredWebhook>> {
            let rows = match project {
                Some(key) => sqlx::query(&format!("SELECT {COLUMNS} FROM webhooks WHERE project_key = $1 ORDER BY created_at"))
                    .bind(key.to_owned())
                    .fetch_all(pool)
                    .await?,
                None => sqlx::query(&format!("SELECT {COLUMNS} FROM webhooks WHERE enabled ORDER BY created_at"))
                    .fetch_all(pool)
                    .await?,
            };
            rows.iter().map(webhook).collect()
        }

        pub(crate) async fn get(pool: &P, id: &str) -> StoreResult<Option<StoredWebhook>> {
            let row = sqlx::query(&format!("SELECT {COLUMNS} FROM webhooks WHERE id = $1"))
                .bind(id.to_owned())
                .fetch_optional(pool)
                .await?;
            row.as_ref().map(webhook).transpose()
        }

        pub(crate) async fn delete(pool: &P, id: &str) -> StoreResult<bool> {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM webhook_deliveries WHERE webhook_id = $1").bind(id.to_owned()).execute(&mut *tx).await?;
            let done = sqlx::query("DELETE FROM webhooks WHERE id = $1").bind(id.to_owned()).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(done.rows_affected() == 1)
        }

        pub(crate) async fn disable(pool: &P, id: &str, why: &str) -> StoreResult<()> {
            sqlx::query("UPDATE webhooks SET enabled = $1, disabled_why = $2 WHERE id = $3")
                .bind(false)
                .bind(why.to_owned())
                .bind(id.to_owned())
                .execute(pool)
                .await?;
            Ok(())
        }

        /// The endpoint's watermark.
        pub(crate) async fn watermark(pool: &P, id: &str) -> StoreResult<Option<Cursor>> {
            let row = sqlx::query("SELECT seen_at, seen_id FROM webhooks WHERE id = $1")
                .bind(id.to_owned())
                .fetch_optional(pool)
                .await?;
            row.map(|r| Ok(Cursor { at: r.try_get("seen_at")?, id: r.try_get("seen_id")? })).transpose()
        }

        /// Answers of `project` after `after`, up to `until` ms, oldest
        /// first; live ones only (an imported answer is history, not news).
        pub(crate) async fn answers_after(
            pool: &P,
            project: &str,
            after: &Cursor,
            until: i64,
            limit: i64,
        ) -> StoreResult<Vec<StoredResponse>> {
            let rows = sqlx::query(
                "SELECT id, score, comment, user_id, moment, locale, url, traits, created_at, updated_at,
                        identity_unverified, source, variant
                 FROM responses WHERE project_key = $1 AND created_at <= $2 AND source IS NULL
                   AND (created_at > $3 OR (created_at = $3 AND id > $4))
                 ORDER BY created_at, id LIMIT $5",
            )
            .bind(project.to_owned())
            .bind(until)
            .bind(after.at)
            .bind(after.id.clone())
            .bind(limit)
            .fetch_all(pool)
            .await?;
            rows.iter().map(crate::store::analytics::$analytics::response_from_row).collect()
        }

        /// Adds deliveries (once per event id, and only while the answer
        /// they tell about exists) and moves the watermark, in one
        /// transaction.
        /// Queues one delivery, in the caller's transaction: once (per
        /// endpoint and event), and only while the answer it tells about
        /// exists.
        pub(crate) async fn insert_delivery<'c, E>(
            exec: E,
            webhook_id: &str,
            d: &NewDelivery,
            now: i64,
        ) -> StoreResult<()>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            sqlx::query(concat!(
                "INSERT INTO webhook_deliveries
                   (webhook_id, event_id, event_type, user_id, payload, status, attempts, next_at, created_at)
                 SELECT $1, $2, $3, $4, $5, 'pending', 0, $6, $6
                 WHERE CAST($7 AS TEXT) IS NULL OR EXISTS (
                   SELECT 1 FROM responses r JOIN webhooks w ON w.project_key = r.project_key
                   WHERE w.id = $1 AND r.id = $7", $hold, ")
                 ON CONFLICT (webhook_id, event_id) DO NOTHING",
            ))
            .bind(webhook_id.to_owned())
            .bind(d.event_id.clone())
            .bind(d.event_type.clone())
            .bind(d.user_id.clone())
            .bind(d.payload.clone())
            .bind(now)
            .bind(d.response_id.clone())
            .execute(exec)
            .await?;
            Ok(())
        }

        pub(crate) async fn enqueue(
            pool: &P,
            webhook_id: &str,
            deliveries: &[NewDelivery],
            watermark: Option<&Cursor>,
            now: i64,
        ) -> StoreResult<()> {
            let mut tx = pool.begin().await?;
            for d in deliveries {
                insert_delivery(&mut *tx, webhook_id, d, now).await?;
            }
            if let Some(w) = watermark {
                // Never back: a slower instance's pass must not make the
                // next pass read (harmlessly, but needlessly) again.
                sqlx::query(
                    "UPDATE webhooks SET seen_at = $1, seen_id = $2
                     WHERE id = $3 AND (seen_at < $1 OR (seen_at = $1 AND seen_id < $2))",
                )
                .bind(w.at)
                .bind(w.id.clone())
                .bind(webhook_id.to_owned())
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(())
        }
    };
}
pub(crate) mod sqlite {
    webhook_queries!(sqlx::Sqlite, sqlite, "");
}

pub(crate) mod postgres {
    webhook_queries!(sqlx::Postgres, postgres, " FOR SHARE OF r");
}
