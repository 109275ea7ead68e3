//! The wire format between the widget and the collector, defined once.
//!
//! These are plain serde types with no validation: they say what travels on
//! the wire. The collector turns them into validated domain values at its
//! edge (`nps_collector::domain`); the widget builds them from what the host
//! page passed to `nps(...)`. Keeping this crate serde-only lets it compile
//! into the wasm widget without pulling a JSON library in.

pub mod admin;
mod appearance;
mod experiments;
mod locale;
mod map;
mod moments;
mod timing;
mod widget_config;

use serde::{Deserialize, Serialize};

pub use appearance::{contrast_with_white, Appearance, BadLook, MIN_CONTRAST, POSITIONS, THEMES};
pub use experiments::{CadenceOverride, Experiment, Idle, Sampling, Variant, VariantTexts};
pub use locale::Locale;
pub use map::{Map, MapIter};
pub use moments::{MomentReceipt, NewMoment, PendingMoment, ServerKey, PENDING_MOMENT_DAYS};
pub use timing::{
    Moment, MomentTexts, QuietPeriod, RecentTrait, TraitFilter, DAYS_AFTER_DECLINE,
    DAYS_AFTER_RESPONSE, DAYS_AFTER_SNOOZE, MAX_SNOOZES, MIN_DAYS_BETWEEN_PROMPTS,
};
pub use widget_config::WidgetConfig;

/// Path prefix of every API route.
pub const API_PREFIX: &str = "/api/v1";

/// A trait value: traits are flat, so a value is a string, a number or a
/// boolean (nested objects are refused by the collector).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum TraitValue {
    /// `true` / `false`.
    Bool(bool),
    /// Any JSON number.
    Number(f64),
    /// A string, e.g. a plan name or an ISO-8601 date.
    Text(String),
}

/// User traits as sent by `nps('identify', userId, traits)`.
pub type Traits = Map<TraitValue>;

/// `POST /api/v1/responses`: a score, sent the moment it is chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewResponse {
    /// Client-generated UUID; the idempotency key of the response.
    pub id: String,
    /// The project's public key.
    pub key: String,
    /// The score, an integer from 0 to 10.
    pub score: u8,
    /// Optional "why?" text, usually sent later with [`CommentUpdate`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The host app's user id from `identify`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Proof of `user_id` when the project verifies identities:
    /// hex `HMAC-SHA256(project identity secret, user_id)`, computed by the
    /// host app's backend and passed to `identify(id, traits, {signature})`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_hash: Option<String>,
    /// The moment (tracked event) that triggered the prompt, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moment: Option<String>,
    /// Traits from `identify`, kept for segmenting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traits: Option<Traits>,
    /// The language the prompt was shown in, e.g. `fr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The page the prompt was answered on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A random secret the widget makes for this response (16-128
    /// characters from `A-Z a-z 0-9 - _`) and keeps with it: the collector
    /// stores only its SHA-256, and only a `PATCH` carrying it may set the
    /// comment. Without one, the comment can never be changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// The moment's variant the person was shown, in an experiment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

/// `PATCH /api/v1/responses/{id}`: the follow-up comment of a response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentUpdate {
    /// The project's public key, which must own the response.
    pub key: String,
    /// The "why?" text; an empty string clears it.
    pub comment: String,
    /// The response's secret, as sent in its `POST` ([`NewResponse::secret`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// Proof of the response's `user_id` when the project verifies
    /// identities, as in [`NewResponse::user_hash`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_hash: Option<String>,
}

/// What happened to a prompt, for cooldowns across devices and response
/// rates per moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The prompt was displayed.
    Shown,
    /// The user closed it without answering (or left it untouched).
    Declined,
    /// The user chose "Ask me later".
    Snoozed,
    /// The user chose "Don't ask me again": never prompted again (across
    /// devices when verified) until the host calls `reset` for a new person.
    OptedOut,
    /// A notice ("You asked, we delivered") was shown: `notice` names it,
    /// and the collector no longer returns it on any device.
    NoticeSeen,
}

/// `POST /api/v1/events`: an impression or outcome of a prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewEvent {
    /// Client-generated UUID; the idempotency key of the event.
    pub id: String,
    /// The project's public key.
    pub key: String,
    /// What happened.
    pub kind: EventKind,
    /// The moment that triggered the prompt, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moment: Option<String>,
    /// The host app's user id, if identified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Proof of `user_id`, as in [`NewResponse::user_hash`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_hash: Option<String>,
    /// The notice seen (`notice_seen` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// The moment's variant the person was shown, in an experiment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

/// A notice waiting for its person: something she asked for shipped.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    /// Its id, sent back in the `notice_seen` event.
    pub id: String,
    /// The tag that shipped.
    pub tag: String,
    /// The announcement, in the language asked for (English otherwise).
    pub text: String,
    /// Where to read more.
    pub link: Option<String>,
}

/// `GET /api/v1/eligibility?key&user_id[&user_hash]`: what the collector
/// knows of an identified user's prompts, from every device, so a user who
/// answered on the laptop is not asked again on the phone. Times are Unix
/// milliseconds; `null` when it never happened.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserHistory {
    /// The user asked about.
    pub user_id: String,
    /// Last time a prompt was displayed to them.
    pub last_shown_at: Option<f64>,
    /// Last time they answered (a score arrived).
    pub last_answered_at: Option<f64>,
    /// Last time they closed or ignored a prompt.
    pub last_declined_at: Option<f64>,
    /// Last time they chose "Ask me later".
    pub last_snoozed_at: Option<f64>,
    /// When they chose "Don't ask me again", if ever.
    #[serde(default)]
    pub last_opted_out_at: Option<f64>,
    /// Moments the host app's server sent for them (`POST
    /// /api/v1/moments`) that have not prompted yet and have not expired,
    /// newest first; a quiet-period moment is listed exactly while its
    /// quiet period lasts.
    #[serde(default)]
    pub pending: Vec<PendingMoment>,
    /// Notices not yet seen, oldest first.
    #[serde(default)]
    pub notices: Vec<Notice>,
}

/// What the collector answers to a stored (or replayed) response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponseReceipt {
    /// The response's id, as sent.
    pub id: String,
    /// `false` when this id had been stored before (an idempotent replay).
    pub created: bool,
}

/// Every error the API returns: a stable machine-readable `code` and a
/// sentence for humans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// Stable identifier, e.g. `invalid_score`, `unknown_key`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
}

/// The NPS categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Scores 0–6.
    Detractor,
    /// Scores 7–8.
    Passive,
    /// Scores 9–10.
    Promoter,
}

impl Category {
    /// The category of a score; `None` outside 0–10.
    pub fn of(score: u8) -> Option<Self> {
        match score {
            0..=6 => Some(Self::Detractor),
            7..=8 => Some(Self::Passive),
            9..=10 => Some(Self::Promoter),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
