//! Webhook endpoints and their delivery log (`/api/v1/webhooks…`).

use serde::{Deserialize, Serialize};

use crate::Category;

/// The format of an endpoint's bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WebhookFormat {
    /// The Standard Webhooks envelope, JSON.
    #[default]
    Standard,
    /// A Slack incoming-webhook message (also Mattermost, Discord `/slack`).
    Slack,
}

impl WebhookFormat {
    /// The wire (and stored) name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Slack => "slack",
        }
    }

    /// From the stored name; anything unknown is the standard format.
    pub fn parse(raw: &str) -> Self {
        if raw == "slack" {
            Self::Slack
        } else {
            Self::Standard
        }
    }
}

/// Which answers (and events) an endpoint wants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookFilter {
    /// Categories alerted; default: detractors.
    pub categories: Vec<Category>,
    /// Only these moments (none: any).
    #[serde(default)]
    pub moments: Vec<String>,
    /// Only answers carrying one of these tags (none: any).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Lowest score alerted.
    #[serde(default)]
    pub score_min: Option<u8>,
    /// Highest score alerted.
    #[serde(default)]
    pub score_max: Option<u8>,
    /// Also the daily digest of the project.
    #[serde(default)]
    pub digest: bool,
    /// The event types it receives (`response.created`, `tag.shipped`,
    /// `digest.daily`); empty in endpoints stored before types existed:
    /// see [`WebhookFilter::wants`].
    #[serde(default)]
    pub types: Vec<String>,
}

/// Every event type an endpoint may ask for.
pub const WEBHOOK_TYPES: [&str; 3] = ["response.created", "tag.shipped", "digest.daily"];

impl WebhookFilter {
    /// Whether the endpoint receives events of `event_type`: those it
    /// lists, or, for an endpoint stored before it could list them, new
    /// answers and the digest if it asked for it.
    pub fn wants(&self, event_type: &str) -> bool {
        if self.types.is_empty() {
            event_type == "response.created" || (self.digest && event_type == "digest.daily")
        } else {
            self.types.iter().any(|t| t == event_type)
        }
    }
}

/// An endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Webhook {
    /// Its id.
    pub id: String,
    /// The project it alerts for.
    pub project: String,
    /// Where deliveries are POSTed.
    pub url: String,
    /// `whsec_…`, the signing secret: in the answer to its creation only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// The secret's last characters (`whsec_…AbC=`), to tell it apart.
    #[serde(default)]
    pub secret_hint: String,
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

/// `POST /api/v1/webhooks`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewWebhook {
    /// The project's key.
    pub project: String,
    /// `https://…` (or `http://`).
    pub url: String,
    /// Categories alerted (default `["detractor"]`).
    #[serde(default)]
    pub categories: Option<Vec<Category>>,
    /// Only these moments.
    #[serde(default)]
    pub moments: Vec<String>,
    /// Only answers with one of these tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Lowest score alerted.
    #[serde(default)]
    pub score_min: Option<u8>,
    /// Highest score alerted.
    #[serde(default)]
    pub score_max: Option<u8>,
    /// Also send the daily digest.
    #[serde(default)]
    pub digest: bool,
    /// The event types to receive: `response.created`, `tag.shipped`,
    /// `digest.daily` (default `["response.created"]`, plus
    /// `digest.daily` when `digest` is true).
    #[serde(default)]
    pub types: Option<Vec<String>>,
    /// `standard` (default) or `slack`.
    #[serde(default)]
    pub format: WebhookFormat,
}

/// `GET /api/v1/webhooks`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Webhooks {
    /// The project's endpoints.
    pub webhooks: Vec<Webhook>,
}

/// A delivery as the log shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// `GET /api/v1/webhooks/{id}/deliveries`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deliveries {
    /// Newest first.
    pub deliveries: Vec<Delivery>,
}

/// `POST /api/v1/webhooks/{id}/test`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TestQueued {
    /// The `webhook-id` the test carries.
    pub event_id: String,
}
