//! The delivery queue's queries, the same SQL on both backends: what is
//! due, leasing one delivery for one attempt, recording its end, the log,
//! and what a person's export lists.
//!
//! The lease is a conditional `UPDATE … WHERE next_at <= now`: on
//! PostgreSQL a second instance's update of the same row waits for the
//! first and then re-checks the condition against the leased row, which
//! no longer matches; SQLite has one writer. Either way exactly one claim
//! succeeds until the lease runs out.

macro_rules! queue_queries {
    ($db:ty) => {
        use sqlx::Row;

        use super::super::{shipped, AlertAbout, Attempt, Due, StoredDelivery};
        use crate::store::StoreResult;

        type P = sqlx::Pool<$db>;

        /// Pending deliveries of enabled endpoints due by `now`, oldest
        /// first, at most `per_endpoint` per endpoint.
        pub(crate) async fn due(pool: &P, now: i64, per_endpoint: i64, limit: i64) -> StoreResult<Vec<Due>> {
            Ok(sqlx::query_as(
                "SELECT id, event_id, payload, webhook_id, url, secret FROM (
                   SELECT d.id, d.next_at, d.event_id, d.payload, d.webhook_id, w.url, w.secret,
                          ROW_NUMBER() OVER (PARTITION BY d.webhook_id ORDER BY d.next_at, d.id) AS place
                   FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                   WHERE d.status = 'pending' AND d.next_at <= $1 AND w.enabled
                 ) due WHERE place <= $2 ORDER BY next_at, id LIMIT $3",
            )
            .bind(now)
            .bind(per_endpoint)
            .bind(limit)
            .fetch_all(pool)
            .await?)
        }

        /// Leases a due delivery: the attempt's number, or `None`.
        pub(crate) async fn claim(pool: &P, id: i64, now: i64, lease_until: i64) -> StoreResult<Option<i64>> {
            let row = sqlx::query(
                "UPDATE webhook_deliveries SET next_at = $1, attempts = attempts + 1
                 WHERE id = $2 AND status = 'pending' AND next_at <= $3
                 RETURNING attempts",
            )
            .bind(lease_until)
            .bind(id)
            .bind(now)
            .fetch_optional(pool)
            .await?;
            Ok(row.map(|r| r.try_get(0)).transpose()?)
        }

        /// Records the end of attempt `attempt`, if it still holds the
        /// delivery.
        pub(crate) async fn finish(pool: &P, id: i64, attempt: i64, a: &Attempt, now: i64) -> StoreResult<bool> {
            let done = sqlx::query(
                "UPDATE webhook_deliveries SET status = $1, next_at = $2, last_status = $3, last_error = $4,
                   delivered_at = CASE WHEN $1 = 'delivered' THEN $5 ELSE delivered_at END
                 WHERE id = $6 AND attempts = $7 AND status = 'pending'",
            )
            .bind(a.status)
            .bind(a.next_at)
            .bind(a.last_status)
            .bind(a.last_error.clone())
            .bind(now)
            .bind(id)
            .bind(attempt)
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        }

        /// The endpoint's delivery log, newest first.
        pub(crate) async fn log(pool: &P, webhook_id: &str, limit: i64) -> StoreResult<Vec<StoredDelivery>> {
            Ok(sqlx::query_as(
                "SELECT id, event_id, event_type, status, attempts, next_at, last_status, last_error,
                        created_at, delivered_at
                 FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2",
            )
            .bind(webhook_id.to_owned())
            .bind(limit)
            .fetch_all(pool)
            .await?)
        }

        /// The alerts about `user` in `project`, oldest first.
        pub(crate) async fn about_user(pool: &P, project: &str, user: &str) -> StoreResult<Vec<AlertAbout>> {
            let rows = sqlx::query(
                "SELECT d.event_id, d.event_type, d.user_id, d.status, d.payload, d.created_at, d.delivered_at, w.url
                 FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                 WHERE w.project_key = $1 AND (d.user_id = $2 OR d.event_type = $3) ORDER BY d.id",
            )
            .bind(project.to_owned())
            .bind(user.to_owned())
            .bind(shipped::TAG_SHIPPED)
            .fetch_all(pool)
            .await?;
            let mut about = Vec::new();
            for r in &rows {
                let payload: String = r.try_get("payload")?;
                let payload = serde_json::from_str(&payload).unwrap_or(serde_json::Value::String(payload));
                let whose: Option<String> = r.try_get("user_id")?;
                // A shipped tag's delivery is about her only if it names her.
                if whose.as_deref() != Some(user) && !shipped::names(&payload, user) {
                    continue;
                }
                let url: String = r.try_get("url")?;
                about.push(AlertAbout {
                    event_id: r.try_get("event_id")?,
                    event_type: r.try_get("event_type")?,
                    status: r.try_get("status")?,
                    receiver: reqwest::Url::parse(&url)
                        .map(|u| u.origin().ascii_serialization())
                        .unwrap_or_default(),
                    payload,
                    created_at: r.try_get("created_at")?,
                    delivered_at: r.try_get("delivered_at")?,
                });
            }
            Ok(about)
        }
    };
}

pub(crate) mod sqlite {
    queue_queries!(sqlx::Sqlite);
}

pub(crate) mod postgres {
    queue_queries!(sqlx::Postgres);
}
