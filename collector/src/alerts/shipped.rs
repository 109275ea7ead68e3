//! `tag.shipped`: when a tag ships with an announcement, every endpoint of
//! the project that asked for the type gets the tag, the announcement and
//! the people told, so an e-mail or CRM tool can reach those who do not
//! come back to the app. Queued in the same durable table as the other
//! alerts, and signed when sent, like them.

use serde_json::json;
use time::OffsetDateTime;

use super::payload::body;
use crate::store::webhooks::{self, NewDelivery};
use crate::store::{notices, to_millis, Pool, StoreResult};

/// Tells every person whose answer carries `tag` that it shipped (their
/// notices) and queues a `tag.shipped` event naming them for each endpoint
/// of `project` that wants it, in one transaction (see
/// [`notices::ship`]): the people told. Nothing is queued when nobody is
/// new to tell.
pub async fn tell_shipped(
    pool: Pool<'_>,
    project: &str,
    tag: &str,
    announcement: &serde_json::Value,
    now: OffsetDateTime,
) -> StoreResult<Vec<String>> {
    let endpoints: Vec<_> = webhooks::list(pool, Some(project))
        .await?
        .into_iter()
        .filter(|w| w.enabled && w.filter.wants("tag.shipped"))
        .collect();
    // One id per shipping, shared by its endpoints (a delivery is unique
    // per endpoint and event).
    let event_id = format!("msg_tag_shipped_{}", uuid::Uuid::new_v4().simple());
    let deliveries = |people: &[String]| {
        if people.is_empty() {
            return Vec::new();
        }
        let data = json!({
            "project": project,
            "tag": tag,
            "announcement": announcement,
            "people": people,
        });
        endpoints
            .iter()
            .map(|w| {
                let delivery = NewDelivery {
                    event_id: event_id.clone(),
                    event_type: "tag.shipped".into(),
                    response_id: None,
                    user_id: None,
                    payload: body(w.format, "tag.shipped", &data, now),
                };
                (w.id.clone(), delivery)
            })
            .collect()
    };
    notices::ship(pool, project, tag, to_millis(now), deliveries).await
}
