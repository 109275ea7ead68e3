//! Dispatch: answers past each endpoint's watermark become deliveries. It
//! only reads and writes the database, never the network, so no receiver
//! can slow it down; the sender picks the deliveries up.

use serde_json::json;
use time::OffsetDateTime;

use super::payload::{body, matches, response_data};
use super::Alerts;
use crate::store::analytics::Cursor;
use crate::store::webhooks::{self, NewDelivery, StoredWebhook};
use crate::store::{tags, to_millis, Pool, StoreResult};

/// Answers younger than this are left for the next pass: a comment
/// usually follows its score within seconds, and a batch committed late
/// must not slip under the watermark.
const GRACE_MS: i64 = 10_000;
/// Answers read at once per endpoint.
const PAGE: usize = 500;

fn link(public_url: &str, project: &str, id: &str) -> String {
    format!("{public_url}/dashboard/?project={project}#/responses/{id}")
}

/// One dispatch pass as of `now`: returns the deliveries enqueued.
pub async fn dispatch_once(a: &Alerts, now: OffsetDateTime) -> StoreResult<usize> {
    let pool = a.store.pool();
    let until = to_millis(now) - GRACE_MS;
    let mut total = 0;
    for w in webhooks::list(pool, None).await? {
        if !w.filter.wants("response.created") {
            continue;
        }
        let Some(mut mark) = webhooks::watermark(pool, &w.id).await? else {
            continue;
        };
        loop {
            let answers =
                webhooks::answers_after(pool, &w.project, &mark, until, PAGE as i64).await?;
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
                    matches(&w.filter, r, tags).then(|| {
                        let link = link(&a.public_url, &w.project, &r.id);
                        let data = response_data(&w.project, r, tags, &link);
                        NewDelivery {
                            event_id: format!("msg_response_{}", r.id.replace('-', "")),
                            event_type: "response.created".into(),
                            response_id: Some(r.id.clone()),
                            user_id: r.user_id.clone(),
                            payload: body(w.format, "response.created", &data, now),
                        }
                    })
                })
                .collect();
            total += deliveries.len();
            webhooks::enqueue(pool, &w.id, &deliveries, Some(&new_mark), to_millis(now)).await?;
            mark = new_mark;
            if answers.len() < PAGE {
                break;
            }
        }
    }
    if total > 0 {
        a.wake.notify_one();
    }
    Ok(total)
}

/// Queues a test event for one endpoint, delivered by the next send pass.
pub async fn enqueue_test(
    pool: Pool<'_>,
    w: &StoredWebhook,
    now: OffsetDateTime,
) -> StoreResult<String> {
    let event_id = format!("msg_test_{}", uuid::Uuid::new_v4().simple());
    let data =
        json!({"project": w.project, "message": "This is a test alert from your NPS collector."});
    let delivery = NewDelivery {
        event_id: event_id.clone(),
        event_type: "test".into(),
        response_id: None,
        user_id: None,
        payload: body(w.format, "test", &data, now),
    };
    webhooks::enqueue(pool, &w.id, &[delivery], None, to_millis(now)).await?;
    Ok(event_id)
}
