//! `tag.shipped`: when a tag ships with an announcement, every endpoint of
//! the project that asked for the type gets the tag, the announcement and
//! the people told, so an e-mail or CRM tool can reach those who do not
//! come back to the app. Queued in the same durable table as the other
//! alerts, and signed when sent, like them.

use serde_json::json;
use time::OffsetDateTime;

use super::payload::body;
use crate::store::webhooks::{self, NewDelivery};
use crate::store::{to_millis, Pool, StoreResult};

/// Queues a `tag.shipped` event for each endpoint of `project` that wants
/// it; returns how many were queued.
pub async fn enqueue_tag_shipped(
    pool: Pool<'_>,
    project: &str,
    tag: &str,
    announcement: &serde_json::Value,
    people: &[String],
    now: OffsetDateTime,
) -> StoreResult<usize> {
    let data = json!({
        "project": project,
        "tag": tag,
        "announcement": announcement,
        "people": people,
    });
    // One id per shipping, shared by its endpoints (a delivery is unique
    // per endpoint and event).
    let event_id = format!("msg_tag_shipped_{}", uuid::Uuid::new_v4().simple());
    let mut queued = 0;
    for w in webhooks::list(pool, Some(project)).await? {
        if !w.enabled || !w.filter.wants("tag.shipped") {
            continue;
        }
        let delivery = NewDelivery {
            event_id: event_id.clone(),
            event_type: "tag.shipped".into(),
            response_id: None,
            user_id: None,
            payload: body(w.format, "tag.shipped", &data, now),
        };
        webhooks::enqueue(pool, &w.id, &[delivery], None, to_millis(now)).await?;
        queued += 1;
    }
    Ok(queued)
}
