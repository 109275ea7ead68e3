//! A new endpoint as the API receives it, parsed: an http(s) URL without
//! credentials (they would be stored, listed and logged like the rest of
//! the URL), and a filter that can select something, with moments and tags
//! shaped like the names they are compared with. Whether the URL's host is
//! public needs a DNS lookup, so [`check_target`](super::client::check_target)
//! does that part.

use nps_protocol::admin::{NewWebhook, WebhookFilter, WebhookFormat, WEBHOOK_TYPES};
use nps_protocol::Category;
use reqwest::Url;

use crate::domain::{tag, EventName, Invalid};

/// Longest URL accepted.
pub const MAX_URL: usize = 2_048;
/// Most moments, and most tags, a filter may name.
pub const MAX_NAMES: usize = 100;

/// A valid endpoint, less its project (parsed by the handler).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidEndpoint {
    /// Where deliveries go.
    pub url: Url,
    /// What it wants.
    pub filter: WebhookFilter,
    /// Standard Webhooks or Slack.
    pub format: WebhookFormat,
}

fn invalid(message: impl Into<String>) -> Invalid {
    Invalid::new("invalid_webhook", message)
}

impl TryFrom<NewWebhook> for ValidEndpoint {
    type Error = Invalid;

    fn try_from(body: NewWebhook) -> Result<Self, Invalid> {
        let url =
            Url::parse(&body.url).map_err(|_| invalid("url must be an absolute http(s) URL"))?;
        if !matches!(url.scheme(), "http" | "https") || body.url.len() > MAX_URL {
            return Err(invalid(format!(
                "url must be an http(s) URL of at most {MAX_URL} characters"
            )));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid(
                "url must not carry credentials (user:password@); put a token in the path or \
                 rely on the signature",
            ));
        }
        let mut categories = body.categories.unwrap_or_else(|| vec![Category::Detractor]);
        categories.dedup();
        if categories.is_empty() || body.moments.len() > MAX_NAMES || body.tags.len() > MAX_NAMES {
            return Err(invalid(format!(
                "give 1-3 categories, and at most {MAX_NAMES} moments and {MAX_NAMES} tags"
            )));
        }
        let moments = body
            .moments
            .into_iter()
            .map(|m| match m.as_str() {
                EventName::UNCONFIGURED => Ok(m),
                _ => EventName::try_from(m).map(|m| m.as_str().to_owned()),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let tags = body
            .tags
            .iter()
            .map(|t| tag(t))
            .collect::<Result<Vec<_>, _>>()?;
        let (low, high) = (body.score_min.unwrap_or(0), body.score_max.unwrap_or(10));
        if low > 10 || high > 10 {
            return Err(invalid("score_min and score_max are 0-10"));
        }
        if low > high {
            return Err(invalid(format!(
                "score_min ({low}) is above score_max ({high})"
            )));
        }
        if !(low..=high).any(|s| Category::of(s).is_some_and(|c| categories.contains(&c))) {
            return Err(invalid(format!(
                "no score from {low} to {high} falls in the chosen categories"
            )));
        }
        let types = event_types(body.types, body.digest)?;
        Ok(Self {
            url,
            filter: WebhookFilter {
                categories,
                moments,
                tags,
                score_min: body.score_min,
                score_max: body.score_max,
                digest: types.iter().any(|t| t == "digest.daily"),
                types,
            },
            format: body.format,
        })
    }
}

/// The event types asked for, each known and named once: by default new
/// answers, and the digest when `digest` says so.
fn event_types(asked: Option<Vec<String>>, digest: bool) -> Result<Vec<String>, Invalid> {
    let mut types = asked.unwrap_or_else(|| {
        let mut types = vec!["response.created".to_owned()];
        if digest {
            types.push("digest.daily".to_owned());
        }
        types
    });
    if let Some(unknown) = types.iter().find(|t| !WEBHOOK_TYPES.contains(&t.as_str())) {
        return Err(invalid(format!(
            "types: unknown event type {unknown:?} (known: {})",
            WEBHOOK_TYPES.join(", ")
        )));
    }
    types.sort();
    types.dedup();
    if types.is_empty() {
        return Err(invalid("types: name at least one event type"));
    }
    Ok(types)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn parse(extra: &serde_json::Value) -> Result<ValidEndpoint, Invalid> {
        let mut body = json!({"project": "demo", "url": "https://hooks.example.com/nps"});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        ValidEndpoint::try_from(serde_json::from_value::<NewWebhook>(body).unwrap())
    }

    #[test]
    fn a_plain_endpoint_alerts_on_detractors() {
        let e = parse(&json!({})).unwrap();
        assert_eq!(e.filter.categories, [Category::Detractor]);
        assert_eq!(e.url.as_str(), "https://hooks.example.com/nps");
    }

    #[test]
    fn event_types_default_to_new_answers_and_the_digest_when_asked() {
        let plain = parse(&json!({})).unwrap().filter;
        assert_eq!(plain.types, ["response.created"]);
        let digest = parse(&json!({"digest": true})).unwrap().filter;
        assert_eq!(digest.types, ["digest.daily", "response.created"]);
        let shipped = parse(&json!({"types": ["tag.shipped", "tag.shipped"]}))
            .unwrap()
            .filter;
        assert_eq!(shipped.types, ["tag.shipped"], "named once");
        assert!(shipped.wants("tag.shipped") && !shipped.wants("response.created"));
        for (types, case) in [
            (json!([]), "none"),
            (json!(["response.deleted"]), "unknown"),
        ] {
            assert!(parse(&json!({ "types": types })).is_err(), "{case}");
        }
    }

    #[test]
    fn bad_endpoints_are_refused() {
        for (extra, case) in [
            (json!({"url": "ftp://example.com/x"}), "not http"),
            (json!({"url": "/relative"}), "relative"),
            (
                json!({"url": "https://user:pass@example.com/x"}),
                "credentials",
            ),
            (
                json!({"url": "https://token@example.com/x"}),
                "user name alone",
            ),
            (
                json!({"url": format!("https://example.com/{}", "a".repeat(2_048))}),
                "too long",
            ),
            (json!({"categories": []}), "no category"),
            (json!({"score_min": 11}), "score above 10"),
            (json!({"score_min": 9, "score_max": 2}), "min above max"),
            (json!({"score_min": 9}), "range outside the detractors"),
            (
                json!({"moments": ["login\u{7}"]}),
                "control character in a moment",
            ),
            (json!({"moments": ["a\nb"]}), "newline in a moment"),
            (
                json!({"tags": ["export\u{1b}[31m"]}),
                "escape sequence in a tag",
            ),
            (json!({"tags": ["x".repeat(65)]}), "tag too long"),
            (json!({"moments": vec!["m"; 101]}), "too many moments"),
        ] {
            let refused = parse(&extra).expect_err(case);
            assert_eq!(refused.code.split('_').next(), Some("invalid"), "{case}");
        }
    }

    #[test]
    fn consistent_filters_pass() {
        let e = parse(
            &json!({"categories": ["promoter"], "score_min": 10, "moments": ["upgrade", "(other)"],
                             "tags": [" export "]}),
        )
        .unwrap();
        assert_eq!(e.filter.tags, ["export"]);
        assert_eq!(e.filter.moments, ["upgrade", "(other)"]);
        assert!(parse(&json!({"score_min": 2, "score_max": 2})).is_ok());
    }
}
