//! Webhooks and their durable delivery queue, for both backends.
//!
//! An endpoint keeps a watermark: the newest answer (time, id) already
//! turned into deliveries. The dispatcher reads answers past it, enqueues a
//! delivery per matching answer and moves the watermark, in one
//! transaction; a delivery is unique per (endpoint, event id). So an alert
//! is created exactly once, after a restart too, and nothing is added to
//! the ingest path. Several instances may run the dispatcher: the
//! uniqueness makes their overlap harmless, and a delivery is claimed
//! (its `next_at` moved by a compare-and-set) before it is sent.

use serde::Serialize;

use super::{Pool, StoreResult, StoredResponse};
use crate::alerts::payload::{Format, WebhookFilter};

/// An endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Webhook {
    /// Its id.
    pub id: String,
    /// The project it alerts for.
    pub project: String,
    /// Where deliveries are POSTed.
    pub url: String,
    /// `whsec_…`, the signing secret (shown to admins).
    pub secret: String,
    /// What it wants.
    pub filter: WebhookFilter,
    /// Standard Webhooks or Slack.
    pub format: Format,
    /// `false` once the receiver answered 410 Gone.
    pub enabled: bool,
    /// Why it was disabled.
    pub disabled_why: Option<String>,
    /// Unix ms.
    pub created_at: i64,
}

/// An alert to deliver.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDelivery {
    /// The `webhook-id`: one delivery per event and endpoint.
    pub event_id: String,
    /// e.g. `response.created`.
    pub event_type: String,
    /// Whose answer it tells about (erasing the person drops it).
    pub user_id: Option<String>,
    /// The signed body.
    pub payload: String,
}

/// A delivery as the log shows it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Delivery {
    /// Its id.
    pub id: i64,
    /// The `webhook-id` header.
    pub event_id: String,
    /// e.g. `response.created`.
    pub event_type: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    /// Attempts made.
    pub attempts: i64,
    /// Next attempt, Unix ms (pending only).
    pub next_at: i64,
    /// Last HTTP status received.
    pub last_status: Option<i64>,
    /// Last error (no answer, refused address…).
    pub last_error: Option<String>,
    /// Unix ms.
    pub created_at: i64,
    /// Unix ms.
    pub delivered_at: Option<i64>,
}

/// A delivery due now, with what sending it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    /// The delivery.
    pub id: i64,
    /// Its `next_at` when read (the claim compares it).
    pub next_at: i64,
    /// Attempts before this one.
    pub attempts: i64,
    /// The `webhook-id`.
    pub event_id: String,
    /// The body.
    pub payload: String,
    /// The endpoint.
    pub webhook_id: String,
    /// Its URL.
    pub url: String,
    /// Its secret.
    pub secret: String,
}

/// The end of one attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    /// `pending` (try again at `next_at`), `delivered` or `failed`.
    pub status: &'static str,
    /// When to try again.
    pub next_at: i64,
    /// The HTTP status, if any.
    pub last_status: Option<i64>,
    /// What went wrong, if anything.
    pub last_error: Option<String>,
}

macro_rules! webhook_queries {
    ($db:ty) => {
        use sqlx::Row;

        use super::{Attempt, Delivery, Due, NewDelivery, Webhook};
        use crate::alerts::payload::Format;
        use crate::store::analytics::Cursor;
        use crate::store::{from_millis, StoreResult, StoredResponse};

        type P = sqlx::Pool<$db>;

        fn webhook(row: &<$db as sqlx::Database>::Row) -> StoreResult<Webhook> {
            let filter: String = row.try_get("filter")?;
            let format: String = row.try_get("format")?;
            Ok(Webhook {
                id: row.try_get("id")?,
                project: row.try_get("project_key")?,
                url: row.try_get("url")?,
                secret: row.try_get("secret")?,
                filter: serde_json::from_str(&filter)?,
                format: Format::parse(&format),
                enabled: row.try_get("enabled")?,
                disabled_why: row.try_get("disabled_why")?,
                created_at: row.try_get("created_at")?,
            })
        }

        const COLUMNS: &str = "id, project_key, url, secret, filter, format, enabled, disabled_why, created_at";

        pub(crate) async fn create(pool: &P, w: &Webhook) -> StoreResult<()> {
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

        pub(crate) async fn list(pool: &P, project: Option<&str>) -> StoreResult<Vec<Webhook>> {
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

        pub(crate) async fn get(pool: &P, id: &str) -> StoreResult<Option<Webhook>> {
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

        /// Answers of `project` after `after`, up to `until` ms, oldest first.
        pub(crate) async fn answers_after(
            pool: &P,
            project: &str,
            after: &Cursor,
            until: i64,
            limit: i64,
        ) -> StoreResult<Vec<StoredResponse>> {
            let rows = sqlx::query(
                "SELECT id, score, comment, user_id, moment, locale, url, traits, created_at, updated_at,
                        identity_unverified
                 FROM responses WHERE project_key = $1 AND created_at <= $2
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
                        identity_unverified: row.try_get("identity_unverified")?,
                        created_at: from_millis(row.try_get("created_at")?),
                        updated_at: from_millis(row.try_get("updated_at")?),
                    })
                })
                .collect()
        }

        /// Adds deliveries (once per event id) and moves the watermark, in
        /// one transaction.
        pub(crate) async fn enqueue(
            pool: &P,
            webhook_id: &str,
            deliveries: &[NewDelivery],
            watermark: Option<&Cursor>,
            now: i64,
        ) -> StoreResult<()> {
            let mut tx = pool.begin().await?;
            for d in deliveries {
                sqlx::query(
                    "INSERT INTO webhook_deliveries
                       (webhook_id, event_id, event_type, user_id, payload, status, attempts, next_at, created_at)
                     VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6)
                     ON CONFLICT (webhook_id, event_id) DO NOTHING",
                )
                .bind(webhook_id.to_owned())
                .bind(d.event_id.clone())
                .bind(d.event_type.clone())
                .bind(d.user_id.clone())
                .bind(d.payload.clone())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            if let Some(w) = watermark {
                sqlx::query("UPDATE webhooks SET seen_at = $1, seen_id = $2 WHERE id = $3")
                    .bind(w.at)
                    .bind(w.id.clone())
                    .bind(webhook_id.to_owned())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(())
        }

        /// Pending deliveries of enabled endpoints due by `now`.
        pub(crate) async fn due(pool: &P, now: i64, limit: i64) -> StoreResult<Vec<Due>> {
            let rows = sqlx::query(
                "SELECT d.id, d.next_at, d.attempts, d.event_id, d.payload, d.webhook_id, w.url, w.secret
                 FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                 WHERE d.status = 'pending' AND d.next_at <= $1 AND w.enabled
                 ORDER BY d.next_at LIMIT $2",
            )
            .bind(now)
            .bind(limit)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(Due {
                        id: r.try_get("id")?,
                        next_at: r.try_get("next_at")?,
                        attempts: r.try_get("attempts")?,
                        event_id: r.try_get("event_id")?,
                        payload: r.try_get("payload")?,
                        webhook_id: r.try_get("webhook_id")?,
                        url: r.try_get("url")?,
                        secret: r.try_get("secret")?,
                    })
                })
                .collect()
        }

        /// Takes a delivery for one attempt: only one sender wins.
        pub(crate) async fn claim(pool: &P, d: &Due, lease_until: i64) -> StoreResult<bool> {
            let done = sqlx::query(
                "UPDATE webhook_deliveries SET next_at = $1 WHERE id = $2 AND next_at = $3 AND status = 'pending'",
            )
            .bind(lease_until)
            .bind(d.id)
            .bind(d.next_at)
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        }

        /// Records an attempt's end.
        pub(crate) async fn finish(pool: &P, id: i64, a: &Attempt, now: i64) -> StoreResult<()> {
            sqlx::query(
                "UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, next_at = $2,
                   last_status = $3, last_error = $4,
                   delivered_at = CASE WHEN $1 = 'delivered' THEN $5 ELSE delivered_at END
                 WHERE id = $6",
            )
            .bind(a.status)
            .bind(a.next_at)
            .bind(a.last_status)
            .bind(a.last_error.clone())
            .bind(now)
            .bind(id)
            .execute(pool)
            .await?;
            Ok(())
        }

        /// The endpoint's delivery log, newest first.
        pub(crate) async fn log(pool: &P, webhook_id: &str, limit: i64) -> StoreResult<Vec<Delivery>> {
            let rows = sqlx::query(
                "SELECT id, event_id, event_type, status, attempts, next_at, last_status, last_error,
                        created_at, delivered_at
                 FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2",
            )
            .bind(webhook_id.to_owned())
            .bind(limit)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(Delivery {
                        id: r.try_get("id")?,
                        event_id: r.try_get("event_id")?,
                        event_type: r.try_get("event_type")?,
                        status: r.try_get("status")?,
                        attempts: r.try_get("attempts")?,
                        next_at: r.try_get("next_at")?,
                        last_status: r.try_get("last_status")?,
                        last_error: r.try_get("last_error")?,
                        created_at: r.try_get("created_at")?,
                        delivered_at: r.try_get("delivered_at")?,
                    })
                })
                .collect()
        }
    };
}

mod sqlite {
    webhook_queries!(sqlx::Sqlite);
}

mod postgres {
    webhook_queries!(sqlx::Postgres);
}

/// Runs the same query on whichever backend `pool` is.
macro_rules! on {
    ($pool:expr, $f:ident($($arg:expr),*)) => {
        match $pool {
            Pool::Sqlite(p) => sqlite::$f(p, $($arg),*).await,
            Pool::Postgres(p) => postgres::$f(p, $($arg),*).await,
        }
    };
}

/// Stores a new endpoint.
pub async fn create(pool: Pool<'_>, w: &Webhook) -> StoreResult<()> {
    on!(pool, create(w))
}
/// A project's endpoints (`None`: every enabled one).
pub async fn list(pool: Pool<'_>, project: Option<&str>) -> StoreResult<Vec<Webhook>> {
    on!(pool, list(project))
}
/// One endpoint.
pub async fn get(pool: Pool<'_>, id: &str) -> StoreResult<Option<Webhook>> {
    on!(pool, get(id))
}
/// Removes an endpoint and its queue.
pub async fn delete(pool: Pool<'_>, id: &str) -> StoreResult<bool> {
    on!(pool, delete(id))
}
/// Stops deliveries to an endpoint.
pub async fn disable(pool: Pool<'_>, id: &str, why: &str) -> StoreResult<()> {
    on!(pool, disable(id, why))
}
/// The endpoint's watermark.
pub async fn watermark(pool: Pool<'_>, id: &str) -> StoreResult<Option<super::analytics::Cursor>> {
    on!(pool, watermark(id))
}
/// Answers past a watermark, oldest first.
pub async fn answers_after(
    pool: Pool<'_>,
    project: &str,
    after: &super::analytics::Cursor,
    until: i64,
    limit: i64,
) -> StoreResult<Vec<StoredResponse>> {
    on!(pool, answers_after(project, after, until, limit))
}
/// Adds deliveries and moves the watermark, atomically.
pub async fn enqueue(
    pool: Pool<'_>,
    webhook_id: &str,
    deliveries: &[NewDelivery],
    watermark: Option<&super::analytics::Cursor>,
    now: i64,
) -> StoreResult<()> {
    on!(pool, enqueue(webhook_id, deliveries, watermark, now))
}
/// Deliveries due now.
pub async fn due(pool: Pool<'_>, now: i64, limit: i64) -> StoreResult<Vec<Due>> {
    on!(pool, due(now, limit))
}
/// Takes a delivery for one attempt.
pub async fn claim(pool: Pool<'_>, d: &Due, lease_until: i64) -> StoreResult<bool> {
    on!(pool, claim(d, lease_until))
}
/// Records an attempt's end.
pub async fn finish(pool: Pool<'_>, id: i64, a: &Attempt, now: i64) -> StoreResult<()> {
    on!(pool, finish(id, a, now))
}
/// The endpoint's deliveries, newest first.
pub async fn log(pool: Pool<'_>, webhook_id: &str, limit: i64) -> StoreResult<Vec<Delivery>> {
    on!(pool, log(webhook_id, limit))
}
