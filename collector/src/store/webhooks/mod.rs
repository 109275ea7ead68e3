//! Webhooks and their durable delivery queue, for both backends.
//!
//! An endpoint keeps a watermark: the newest answer (time, id) already
//! turned into deliveries. The dispatcher reads answers past it, enqueues a
//! delivery per matching answer and moves the watermark, in one
//! transaction; a delivery is unique per (endpoint, event id). So an alert
//! is created exactly once, after a restart too, and nothing is added to
//! the ingest path.
//!
//! Sending is leased per delivery ([`queue`]): a conditional `UPDATE`
//! moves a due delivery's `next_at` to the end of a lease and counts the
//! attempt, and only one instance's update can match. The attempt number
//! it returns fences the result: an attempt that outlived its lease cannot
//! overwrite a later one's.

pub(crate) mod queries;
pub(crate) mod queue;
pub(crate) mod shipped;

use serde::Serialize;

use nps_protocol::admin::{WebhookFilter, WebhookFormat};

use super::{Pool, StoreResult, StoredResponse};

/// An endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredWebhook {
    /// Its id.
    pub id: String,
    /// The project it alerts for.
    pub project: String,
    /// Where deliveries are POSTed.
    pub url: String,
    /// `whsec_…`, the signing secret (shown once, at creation).
    pub secret: String,
    /// What it wants.
    pub filter: WebhookFilter,
    /// Standard Webhooks or Slack.
    pub format: WebhookFormat,
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
    /// The answer it tells about: it is enqueued only while the answer
    /// exists (an erasure between reading and enqueuing wins).
    pub response_id: Option<String>,
    /// Whose answer it tells about (erasing the person drops it).
    pub user_id: Option<String>,
    /// The signed body.
    pub payload: String,
}

/// A delivery as the log keeps it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct StoredDelivery {
    /// Its id.
    pub id: i64,
    /// The `webhook-id` header.
    pub event_id: String,
    /// e.g. `response.created`.
    pub event_type: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    /// Attempts made (or under way).
    pub attempts: i64,
    /// Next attempt, Unix ms (pending only; the lease's end while sent).
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
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Due {
    /// The delivery.
    pub id: i64,
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

/// An alert about a person, as their data export lists it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AlertAbout {
    /// The `webhook-id`.
    pub event_id: String,
    /// e.g. `response.created`.
    pub event_type: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    /// Who receives it: the endpoint's origin (its path may hold a token).
    pub receiver: String,
    /// The body, as sent.
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
    /// Unix ms.
    pub created_at: i64,
    /// Unix ms.
    pub delivered_at: Option<i64>,
}

/// Stores a new endpoint.
pub async fn create(pool: Pool<'_>, w: &StoredWebhook) -> StoreResult<()> {
    on!(pool, queries::create(w))
}
/// A project's endpoints (`None`: every enabled one).
pub async fn list(pool: Pool<'_>, project: Option<&str>) -> StoreResult<Vec<StoredWebhook>> {
    on!(pool, queries::list(project))
}
/// One endpoint.
pub async fn get(pool: Pool<'_>, id: &str) -> StoreResult<Option<StoredWebhook>> {
    on!(pool, queries::get(id))
}
/// Removes an endpoint and its queue.
pub async fn delete(pool: Pool<'_>, id: &str) -> StoreResult<bool> {
    on!(pool, queries::delete(id))
}
/// Stops deliveries to an endpoint.
pub async fn disable(pool: Pool<'_>, id: &str, why: &str) -> StoreResult<()> {
    on!(pool, queries::disable(id, why))
}
/// The endpoint's watermark.
pub async fn watermark(pool: Pool<'_>, id: &str) -> StoreResult<Option<super::analytics::Cursor>> {
    on!(pool, queries::watermark(id))
}
/// Answers past a watermark, oldest first.
pub async fn answers_after(
    pool: Pool<'_>,
    project: &str,
    after: &super::analytics::Cursor,
    until: i64,
    limit: i64,
) -> StoreResult<Vec<StoredResponse>> {
    on!(pool, queries::answers_after(project, after, until, limit))
}
/// Adds deliveries and moves the watermark (never back), atomically.
pub async fn enqueue(
    pool: Pool<'_>,
    webhook_id: &str,
    deliveries: &[NewDelivery],
    watermark: Option<&super::analytics::Cursor>,
    now: i64,
) -> StoreResult<()> {
    on!(
        pool,
        queries::enqueue(webhook_id, deliveries, watermark, now)
    )
}
/// Deliveries due at `now`, oldest first, at most `per_endpoint` of each
/// endpoint (so one endpoint's backlog cannot hide the others').
pub async fn due(pool: Pool<'_>, now: i64, per_endpoint: i64, limit: i64) -> StoreResult<Vec<Due>> {
    on!(pool, queue::due(now, per_endpoint, limit))
}
/// Leases a due delivery until `lease_until` for one attempt: the
/// attempt's number, or `None` when it is not due (another instance has
/// it, or it was erased or sent).
pub async fn claim(
    pool: Pool<'_>,
    id: i64,
    now: i64,
    lease_until: i64,
) -> StoreResult<Option<i64>> {
    on!(pool, queue::claim(id, now, lease_until))
}
/// Records the end of attempt `attempt`; `false` when that attempt no
/// longer holds the delivery.
pub async fn finish(
    pool: Pool<'_>,
    id: i64,
    attempt: i64,
    a: &Attempt,
    now: i64,
) -> StoreResult<bool> {
    on!(pool, queue::finish(id, attempt, a, now))
}
/// The endpoint's deliveries, newest first.
pub async fn log(pool: Pool<'_>, webhook_id: &str, limit: i64) -> StoreResult<Vec<StoredDelivery>> {
    on!(pool, queue::log(webhook_id, limit))
}
/// The alerts about `user` in `project`, oldest first (their export).
pub async fn about_user(pool: Pool<'_>, project: &str, user: &str) -> StoreResult<Vec<AlertAbout>> {
    on!(pool, queue::about_user(project, user))
}
