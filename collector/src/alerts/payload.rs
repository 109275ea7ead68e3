//! What a webhook receives: the filter an endpoint sets, and the events
//! (`response.created`, `digest.daily`, `test`) in the Standard Webhooks
//! envelope `{type, timestamp, data}`, or as a Slack message `{text}`
//! ([`slack`](super::slack)).

use nps_protocol::admin::{WebhookFilter, WebhookFormat};
use nps_protocol::Category;
use serde_json::{json, Value};

use crate::store::StoredResponse;

/// Whether an answer (with its tags) is one `filter` alerts about.
pub fn matches(filter: &WebhookFilter, r: &StoredResponse, tags: &[String]) -> bool {
    let Some(category) = Category::of(r.score) else {
        return false;
    };
    filter.categories.contains(&category)
        && (filter.moments.is_empty()
            || r.moment
                .as_ref()
                .is_some_and(|m| filter.moments.contains(m)))
        && (filter.tags.is_empty() || tags.iter().any(|t| filter.tags.contains(t)))
        && filter.score_min.is_none_or(|low| r.score >= low)
        && filter.score_max.is_none_or(|high| r.score <= high)
}

fn category_name(score: u8) -> &'static str {
    match Category::of(score) {
        Some(Category::Promoter) => "promoter",
        Some(Category::Passive) => "passive",
        _ => "detractor",
    }
}

/// The `response.created` event's data.
pub fn response_data(project: &str, r: &StoredResponse, tags: &[String], link: &str) -> Value {
    json!({
        "project": project,
        "response": {
            "id": r.id,
            "score": r.score,
            "category": category_name(r.score),
            "comment": r.comment,
            "user_id": r.user_id,
            "traits": r.traits,
            "moment": r.moment,
            "locale": r.locale,
            "created_at": r.created_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
            "tags": tags,
        },
        "link": link,
    })
}

/// The body of an event for an endpoint of `format`.
pub fn body(
    format: WebhookFormat,
    event_type: &str,
    data: &Value,
    now: time::OffsetDateTime,
) -> String {
    match format {
        WebhookFormat::Standard => json!({
            "type": event_type,
            "timestamp": now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
            "data": data,
        })
        .to_string(),
        WebhookFormat::Slack => json!({ "text": super::slack::text(event_type, data) }).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(score: u8, moment: Option<&str>) -> StoredResponse {
        StoredResponse {
            id: "r1".into(),
            score,
            comment: Some("Too slow".into()),
            user_id: Some("u1".into()),
            moment: moment.map(str::to_owned),
            locale: None,
            url: None,
            traits: json!({}),
            identity_unverified: false,
            source: None,
            variant: None,
            created_at: time::OffsetDateTime::UNIX_EPOCH,
            updated_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    fn filter() -> WebhookFilter {
        WebhookFilter {
            categories: vec![Category::Detractor],
            moments: vec![],
            tags: vec![],
            score_min: None,
            score_max: None,
            digest: false,
            types: vec![],
        }
    }

    #[test]
    fn the_filter_selects_by_category_moment_tag_and_score() {
        let f = filter();
        assert!(matches(&f, &response(3, None), &[]));
        assert!(!matches(&f, &response(9, None), &[]), "not a detractor");
        let moments = WebhookFilter {
            moments: vec!["upgrade".into()],
            ..filter()
        };
        assert!(!matches(&moments, &response(3, Some("login")), &[]));
        assert!(matches(&moments, &response(3, Some("upgrade")), &[]));
        let tags = WebhookFilter {
            tags: vec!["export".into()],
            ..filter()
        };
        assert!(!matches(&tags, &response(3, None), &[]));
        assert!(matches(&tags, &response(3, None), &["export".into()]));
        let upsell = WebhookFilter {
            categories: vec![Category::Promoter],
            score_min: Some(10),
            ..filter()
        };
        assert!(matches(&upsell, &response(10, None), &[]));
        assert!(!matches(&upsell, &response(9, None), &[]));
    }
}
