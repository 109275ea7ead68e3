//! Answers as the team reads them (the verbatim feed), their tags and tag
//! rules, and the follow-up of each (`/api/v1/responses`, `/tag-rules`,
//! `/followups`).

use serde::{Deserialize, Serialize};

use crate::{Category, Traits};

/// An answer with its category and tags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    /// The client-generated id.
    pub id: String,
    /// 0–10.
    pub score: u8,
    /// Its category.
    pub category: Category,
    /// The "why?", if any.
    pub comment: Option<String>,
    /// The host app's user id (`null`: anonymous or unproven).
    pub user_id: Option<String>,
    /// The moment that triggered the prompt (`(other)`: not configured).
    pub moment: Option<String>,
    /// Language of the prompt.
    pub locale: Option<String>,
    /// Page of the answer, without query or fragment.
    pub url: Option<String>,
    /// Traits at answer time.
    #[serde(default)]
    pub traits: Traits,
    /// A user id was claimed without a valid proof (the project verifies
    /// identities): it was dropped and the answer kept anonymous.
    #[serde(default)]
    pub identity_unverified: bool,
    /// `"import"` for an answer brought in by an import (its `created_at`
    /// is the original time); `null` for one collected live.
    #[serde(default)]
    pub source: Option<String>,
    /// The moment's variant it answered, in an experiment.
    #[serde(default)]
    pub variant: Option<String>,
    /// When the score arrived, RFC 3339.
    pub created_at: String,
    /// Last change (the comment usually arrives a little later), RFC 3339.
    pub updated_at: String,
    /// Its tags, by hand or by rule.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// `GET /api/v1/responses`: a page of the feed, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerPage {
    /// The answers.
    pub items: Vec<Answer>,
    /// Pass as `cursor` for the next page; `null` on the last one.
    pub next_cursor: Option<String>,
}

/// `POST /api/v1/responses/{id}/tags`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTag {
    /// The tag (trimmed, lower-cased).
    pub tag: String,
}

/// An answer's tags after a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TagList {
    /// The tags, sorted.
    pub tags: Vec<String>,
}

/// A rule that tags answers whose comment matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TagRule {
    /// Its id.
    pub id: String,
    /// The tag it sets.
    pub tag: String,
    /// Any of these words or phrases (case-insensitive).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Or a regular expression (Rust `regex` syntax).
    pub regex: Option<String>,
}

/// `POST /api/v1/tag-rules`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTagRule {
    /// The project's key.
    pub project: String,
    /// The tag to set.
    pub tag: String,
    /// Any of these words or phrases.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Or a regular expression.
    #[serde(default)]
    pub regex: Option<String>,
}

/// `GET /api/v1/tag-rules`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TagRules {
    /// The project's rules.
    pub rules: Vec<TagRule>,
}

/// `POST /api/v1/tag-rules/apply`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Applied {
    /// Tags added (answers that had a tag already are not counted).
    pub tagged: u64,
}

/// One change or note of a follow-up, kept for ever (until the person is
/// erased).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    /// Who: a member's e-mail, or `admin-token`.
    pub actor: String,
    /// `status`, `assignee` or `note`.
    pub kind: String,
    /// The new status, the assignee, or the note's text.
    pub value: Option<String>,
    /// Unix ms.
    pub created_at: i64,
}

/// An answer's follow-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUp {
    /// The answer.
    pub response: Answer,
    /// Its category (as in `response`).
    pub category: Category,
    /// `new`, `contacted`, `resolved` or `ignored`.
    pub status: String,
    /// Who is on it.
    pub assignee: Option<String>,
    /// When it is due, RFC 3339 (the answer's time + the project's hours).
    pub due_at: String,
    /// Still open past `due_at`.
    pub overdue: bool,
    /// Every change and note, oldest first (one follow-up only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<HistoryEntry>>,
}

/// `GET /api/v1/followups`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inbox {
    /// Oldest first.
    pub items: Vec<FollowUp>,
}

/// `PATCH /api/v1/followups/{id}`: any of the three.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpChange {
    /// The new status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Who is on it (`""` unassigns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// A note to add.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
