//! Answers as the store takes and gives them back: whether an insert
//! stored them, a stored response, what deciding who may edit its comment
//! needs, and a moment's counts.

use serde::Serialize;
use time::OffsetDateTime;

/// Whether an insert created the row or found it already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// First time this id was seen.
    Created,
    /// The id was stored before: an idempotent replay, nothing changed.
    Duplicate,
}

/// How one moment performs: prompts shown (impressions the widget
/// reported) and answers received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MomentCounts {
    /// The moment's event name.
    pub moment: String,
    /// Prompts shown for it.
    pub shown: u64,
    /// Responses it brought.
    pub answered: u64,
    /// "Don't ask me again" chosen at its prompt: an opt-out.
    pub opted_out: u64,
}

/// A response as read back for the dashboard (serialised as it is only in
/// a person's data export; the API shows it as `nps_protocol::admin::Answer`).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StoredResponse {
    /// The client-generated id.
    pub id: String,
    /// 0–10.
    pub score: u8,
    /// The "why?", if any.
    pub comment: Option<String>,
    /// Host app's user id.
    pub user_id: Option<String>,
    /// Moment that triggered the prompt.
    pub moment: Option<String>,
    /// Language of the prompt.
    pub locale: Option<String>,
    /// Page of the answer.
    pub url: Option<String>,
    /// Traits at answer time.
    #[schema(value_type = Object)]
    pub traits: serde_json::Value,
    /// A user id was claimed without a valid proof (the project verifies
    /// identities): it was dropped and the answer kept anonymous.
    pub identity_unverified: bool,
    /// `import` for an answer brought in by an import; `None` for one
    /// collected live.
    pub source: Option<String>,
    /// The moment's variant it answered, in an experiment.
    pub variant: Option<String>,
    /// When the score arrived.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Last change (the comment usually arrives a little later).
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// What deciding who may set a response's comment needs.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentTarget {
    /// SHA-256 (hex) of the author's secret; `None` for answers sent
    /// without one, whose comment can't be changed.
    pub secret_hash: Option<String>,
    /// The (verified) user who answered.
    pub user_id: Option<String>,
    /// When the score arrived: edits are allowed for a bounded time.
    pub created_at: OffsetDateTime,
    /// It has a comment already (a replay fills a missing one only).
    pub has_comment: bool,
}

/// `Created` when a statement changed a row, `Duplicate` when it found the
/// id already there.
pub(crate) fn inserted(rows_affected: u64) -> Inserted {
    if rows_affected == 1 {
        Inserted::Created
    } else {
        Inserted::Duplicate
    }
}
