//! Closing the loop at scale: a tag's lifecycle (`/api/v1/tags`), with the
//! announcement that tells everyone who raised it that it shipped, and one
//! person's whole story (`/api/v1/users/{user_id}/timeline`).

use serde::{Deserialize, Serialize};

/// Where a tag stands: what the team means to do about what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TagStatus {
    /// Raised, nothing decided (every tag starts here).
    #[default]
    Open,
    /// On the roadmap.
    Planned,
    /// Delivered: the people who raised it may be told.
    Shipped,
}

impl TagStatus {
    /// The wire (and stored) name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Planned => "planned",
            Self::Shipped => "shipped",
        }
    }
}

/// What the people who raised a tag are told when it ships, per language
/// (English is the fallback), with an optional link.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Announcement {
    /// The text in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// The text in French.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    /// Where to read more (`https://…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// `PATCH /api/v1/tags/{tag}?project=KEY`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TagChange {
    /// The new status.
    pub status: TagStatus,
    /// The announcement (kept when absent). Going to `shipped` with one
    /// tells every identified person whose answer carries the tag.
    #[serde(default)]
    pub announcement: Option<Announcement>,
}

/// A tag with its lifecycle and what closing its loop reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TagState {
    /// The tag.
    pub tag: String,
    /// Where it stands.
    pub status: TagStatus,
    /// What its people are (or will be) told.
    pub announcement: Option<Announcement>,
    /// Answers carrying it.
    pub responses: u64,
    /// Distinct identified people among them.
    pub people: u64,
    /// Notices created (one per person told).
    pub told: u64,
    /// Notices seen in the widget (each once).
    pub seen: u64,
}

/// `GET /api/v1/tags?project=KEY`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TagStates {
    /// Every tag with an answer or a status, by name.
    pub tags: Vec<TagState>,
}

/// One thing that happened to or about a person. Fields that do not apply
/// to the kind are absent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineItem {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// `response`, `shown`, `declined`, `snoozed`, `opted_out`, `tag`,
    /// `followup`, `note`, `notice` or `notice_seen`.
    pub kind: String,
    /// The answer it is about (response, tag, followup, note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_id: Option<String>,
    /// The score (response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    /// The comment (response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The moment (response and prompt events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moment: Option<String>,
    /// The traits at the time (response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traits: Option<crate::Traits>,
    /// The tag (tag, notice, notice_seen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The new status or assignee (followup: `status` or `assignee`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The new value (followup), the note's text (note), the notice's
    /// English text (notice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Who on the team (followup, note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// The notice (notice, notice_seen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

/// `GET /api/v1/users/{user_id}/timeline?project=KEY`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Timeline {
    /// The person.
    pub user_id: String,
    /// Oldest first.
    pub items: Vec<TimelineItem>,
}
