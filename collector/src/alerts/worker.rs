//! The alert loops: dispatch (answers → deliveries), send (deliveries →
//! receivers), digest (once a day per project). Each `*_once` does one pass
//! and is what the tests drive; [`spawn`] runs them on timers.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use time::OffsetDateTime;

use super::payload::{body, response_data};
use super::schedule::{next, Next};
use super::{signing, ssrf};
use crate::domain::{Filter, ProjectKey};
use crate::stats::{compare, describe, summarise, Distribution, Lang};
use crate::store::analytics::{Cursor, Grouping};
use crate::store::webhooks::{self, Attempt, Due, NewDelivery, Webhook};
use crate::store::{tags, to_millis, Store, StoreResult};

/// Answers younger than this are left for the next pass: a comment
/// usually follows its score within seconds, and a batch committed late
/// must not slip under the watermark.
const GRACE_MS: i64 = 10_000;
/// How long a claimed delivery is reserved for its attempt.
const LEASE_MS: i64 = 60_000;

/// What the loops need.
#[derive(Clone)]
pub struct Alerts {
    /// The database.
    pub store: Arc<dyn Store>,
    /// The delivery client (SSRF-guarded resolver).
    pub client: reqwest::Client,
    /// For links to an answer.
    pub public_url: Arc<str>,
}

impl Alerts {
    /// The loops' state for a collector.
    pub fn new(store: Arc<dyn Store>, public_url: Arc<str>, allow_private: bool) -> Self {
        Self {
            store,
            client: ssrf::client(allow_private),
            public_url,
        }
    }
}

fn link(public_url: &str, project: &str, id: &str) -> String {
    format!("{public_url}/dashboard/?project={project}#/responses/{id}")
}

/// One dispatch pass as of `now`: returns the deliveries enqueued.
pub async fn dispatch_once(a: &Alerts, now: OffsetDateTime) -> StoreResult<usize> {
    let pool = a.store.pool();
    let until = to_millis(now) - GRACE_MS;
    let mut total = 0;
    for w in webhooks::list(pool, None).await? {
        let Some(mut mark) = webhooks::watermark(pool, &w.id).await? else {
            continue;
        };
        loop {
            let answers = webhooks::answers_after(pool, &w.project, &mark, until, 500).await?;
            let Some(last) = answers.last() else { break };
            let new_mark = Cursor {
                at: to_millis(last.created_at),
                id: last.id.clone(),
            };
            let ids: Vec<String> = answers.iter().map(|r| r.id.clone()).collect();
            let tags = tags::of(pool, &w.project, &ids).await?;
            let deliveries: Vec<NewDelivery> = answers
                .iter()
                .filter_map(|r| {
                    let tags = tags.get(&r.id).map(Vec::as_slice).unwrap_or_default();
                    super::payload::matches(&w.filter, r, tags).then(|| {
                        let data = response_data(
                            &w.project,
                            r,
                            tags,
                            &link(&a.public_url, &w.project, &r.id),
                        );
                        NewDelivery {
                            event_id: format!("msg_response_{}", r.id.replace('-', "")),
                            event_type: "response.created".into(),
                            user_id: r.user_id.clone(),
                            payload: body(w.format, "response.created", &data, now),
                        }
                    })
                })
                .collect();
            total += deliveries.len();
            webhooks::enqueue(pool, &w.id, &deliveries, Some(&new_mark), to_millis(now)).await?;
            mark = new_mark;
            if answers.len() < 500 {
                break;
            }
        }
    }
    Ok(total)
}

/// Queues a test event for one endpoint, delivered by the next send pass.
pub async fn enqueue_test(a: &Alerts, w: &Webhook, now: OffsetDateTime) -> StoreResult<String> {
    let event_id = format!("msg_test_{}", uuid::Uuid::new_v4().simple());
    let data =
        json!({"project": w.project, "message": "This is a test alert from your NPS collector."});
    let delivery = NewDelivery {
        event_id: event_id.clone(),
        event_type: "test".into(),
        user_id: None,
        payload: body(w.format, "test", &data, now),
    };
    webhooks::enqueue(a.store.pool(), &w.id, &[delivery], None, to_millis(now)).await?;
    Ok(event_id)
}

/// One send pass as of `now`: every due delivery gets one attempt.
/// Returns how many were delivered.
pub async fn send_once(a: &Alerts, now: OffsetDateTime) -> StoreResult<usize> {
    let pool = a.store.pool();
    let now_ms = to_millis(now);
    let mut delivered = 0;
    for d in webhooks::due(pool, now_ms, 100).await? {
        if !webhooks::claim(pool, &d, now_ms + LEASE_MS).await? {
            continue; // another instance took it
        }
        let (status, retry_after, error) = attempt(a, &d, now).await;
        let attempts = u32::try_from(d.attempts + 1).unwrap_or(u32::MAX);
        let jitter = f64::from(uuid::Uuid::new_v4().as_bytes()[0]) / 256.0;
        let outcome = next(attempts, status, retry_after, jitter);
        let finish = |state: &'static str, next_at: i64| Attempt {
            status: state,
            next_at,
            last_status: status.map(i64::from),
            last_error: error.clone(),
        };
        let record = match outcome {
            Next::Delivered => finish("delivered", now_ms),
            Next::RetryIn(secs) => finish(
                "pending",
                now_ms + i64::try_from(secs).unwrap_or(i64::MAX / 2) * 1000,
            ),
            Next::GiveUp => finish("failed", now_ms),
            Next::Disable => {
                webhooks::disable(pool, &d.webhook_id, "the receiver answered 410 Gone").await?;
                finish("failed", now_ms)
            }
        };
        if outcome == Next::Delivered {
            delivered += 1;
        }
        webhooks::finish(pool, d.id, &record, now_ms).await?;
    }
    Ok(delivered)
}

/// Posts one delivery: (HTTP status, Retry-After seconds, error text).
async fn attempt(
    a: &Alerts,
    d: &Due,
    now: OffsetDateTime,
) -> (Option<u16>, Option<u64>, Option<String>) {
    let timestamp = now.unix_timestamp();
    let Some(signature) = signing::sign(&d.secret, &d.event_id, timestamp, &d.payload) else {
        return (None, None, Some("the endpoint's secret is unusable".into()));
    };
    let sent = a
        .client
        .post(&d.url)
        .header("content-type", "application/json")
        .header("webhook-id", &d.event_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(d.payload.clone())
        .send()
        .await;
    match sent {
        Ok(response) => {
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse().ok());
            let status = response.status().as_u16();
            let error = (!response.status().is_success()).then(|| format!("HTTP {status}"));
            (Some(status), retry_after, error)
        }
        Err(e) => (None, None, Some(without_url(&e))),
    }
}

/// The error without the URL (it may carry a token in its query).
fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    let mut source = std::error::Error::source(e);
    let mut detail = String::new();
    while let Some(s) = source {
        detail = s.to_string();
        source = s.source();
    }
    if detail.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {detail}")
    }
}

/// The daily digest of every project with a digest endpoint, for the UTC
/// day before `now`: once per project, endpoint and day (the event id is
/// the date, so several instances or restarts cannot send it twice).
pub async fn digest_once(a: &Alerts, now: OffsetDateTime) -> StoreResult<usize> {
    let pool = a.store.pool();
    let today = now.date().midnight().assume_utc();
    let day = time::Duration::days(1);
    let mut total = 0;
    for w in webhooks::list(pool, None).await? {
        if !w.filter.digest {
            continue;
        }
        let key = match ProjectKey::try_from(w.project.clone()) {
            Ok(key) => key,
            Err(_) => continue,
        };
        let window = |from: OffsetDateTime, to: OffsetDateTime| Filter {
            from: Some(from),
            to: Some(to),
            ..Filter::default()
        };
        let last7 = histogram(a, &key, &window(today - day * 7, today)).await?;
        let before = histogram(a, &key, &window(today - day * 14, today - day * 7)).await?;
        let yesterday = histogram(a, &key, &window(today - day, today)).await?;
        let summary = summarise(&last7);
        let c = compare(&last7, &before);
        let open = tags::inbox(
            pool,
            &w.project,
            6,
            &["new", "contacted"],
            None,
            None,
            10_000,
        )
        .await?;
        let overdue = open
            .iter()
            .filter(|i| (now - i.response.created_at).whole_hours() >= 48)
            .count();
        let data = json!({
            "project": w.project,
            "date": (today - day).date().to_string(),
            "period": "last 7 days",
            "nps": summary.nps,
            "ci95": summary.ci95,
            "responses": summary.responses,
            "change": describe(&c, Lang::En),
            "difference": c.difference,
            "p_value": c.p_value,
            "significant": c.significant,
            "new_detractors": yesterday.detractors(),
            "overdue_followups": overdue,
        });
        let delivery = NewDelivery {
            event_id: format!(
                "msg_digest_{}_{}",
                w.project.replace(|c: char| !c.is_ascii_alphanumeric(), ""),
                (today - day).date()
            ),
            event_type: "digest.daily".into(),
            user_id: None,
            payload: body(w.format, "digest.daily", &data, now),
        };
        webhooks::enqueue(pool, &w.id, &[delivery], None, to_millis(now)).await?;
        total += 1;
    }
    Ok(total)
}

async fn histogram(a: &Alerts, key: &ProjectKey, f: &Filter) -> StoreResult<Distribution> {
    let counts = a.store.grouped_scores(key, f, &Grouping::Total).await?;
    let mut d = Distribution::default();
    for c in counts {
        if let Some(slot) = d.0.get_mut(usize::from(c.score)) {
            *slot += c.count;
        }
    }
    Ok(d)
}

/// Runs the loops until the returned future is dropped (with the server).
pub async fn spawn(a: Alerts) {
    let mut dispatch = tokio::time::interval(Duration::from_secs(2));
    let mut digest = tokio::time::interval(Duration::from_secs(3_600));
    loop {
        tokio::select! {
            _ = dispatch.tick() => {
                let now = OffsetDateTime::now_utc();
                if let Err(e) = dispatch_once(&a, now).await {
                    tracing::error!(error = %e, "alert dispatch failed");
                }
                if let Err(e) = send_once(&a, now).await {
                    tracing::error!(error = %e, "alert delivery failed");
                }
            }
            _ = digest.tick() => {
                if let Err(e) = digest_once(&a, OffsetDateTime::now_utc()).await {
                    tracing::error!(error = %e, "digest failed");
                }
            }
        }
    }
}
