//! A person's data, and its end: everything stored about one user id (for
//! an export), deleting it all, retention by age, and the log of those
//! actions (who, when, how many rows; never the data). Written once for
//! both backends.

mod queries;
pub(crate) use queries::{postgres, sqlite};

use serde::Serialize;

use super::webhooks::AlertAbout;
use super::StoredResponse;

/// An event as exported.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StoredEvent {
    /// The client's id.
    pub id: String,
    /// `shown`, `declined`, `snoozed` or `opted_out`.
    pub kind: String,
    /// The moment.
    pub moment: Option<String>,
    /// The experiment's variant shown, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// When it arrived, Unix ms.
    pub created_at: i64,
}

/// A moment the host app's server sent about the person, as exported.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StoredServerMoment {
    /// Its id.
    pub id: String,
    /// Its name.
    pub moment: String,
    /// When it happened, Unix ms.
    pub at: i64,
    /// Its properties.
    #[schema(value_type = Object)]
    pub props: serde_json::Value,
    /// When it arrived, Unix ms.
    pub created_at: i64,
}

/// A notice the person was told ("you asked, we delivered"), as exported.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct StoredNotice {
    /// Its id.
    pub id: String,
    /// The tag that shipped.
    pub tag: String,
    /// When it was made, Unix ms.
    pub created_at: i64,
    /// When the widget first showed it, Unix ms.
    pub seen_at: Option<i64>,
}

/// Everything stored about one person in one project.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct UserData {
    /// Their answers, with comments and traits.
    pub responses: Vec<StoredResponse>,
    /// Their prompts' impressions and outcomes.
    pub events: Vec<StoredEvent>,
    /// Moments the host app's server sent about them.
    pub moments: Vec<StoredServerMoment>,
    /// Tags the team put on their answers: `[response_id, tag]`.
    pub tags: Vec<(String, String)>,
    /// Follow-up changes and notes about their answers:
    /// `[response_id, kind, value]`.
    pub followups: Vec<(String, String, Option<String>)>,
    /// What they were told had shipped.
    pub notices: Vec<StoredNotice>,
    /// Alerts about them, queued or sent, with the payloads: their
    /// answers' alerts and the shipped tags that name them.
    pub webhook_deliveries: Vec<AlertAbout>,
}

/// Rows removed (or anonymised) by a deletion or a retention run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
pub struct Removed {
    /// Responses deleted (or, with anonymisation, stripped).
    pub responses: u64,
    /// Events deleted.
    pub events: u64,
    /// Moments sent by the host app's server deleted.
    pub moments: u64,
}

impl Removed {
    /// Every count together.
    pub fn total(&self) -> u64 {
        self.responses + self.events + self.moments
    }
}

/// One line of the privacy log.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PrivacyLogEntry {
    /// `delete_user`, `export_user`, `retention_delete`, `retention_anonymise`.
    pub action: String,
    /// Who: `admin-token`, `cli`, `retention`.
    pub actor: String,
    /// Rows concerned.
    pub rows: u64,
    /// When, Unix ms.
    pub created_at: i64,
}
