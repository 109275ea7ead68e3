//! Projects (the products surveyed, each known by its public key), their
//! settings, and the history of their widget config
//! (`/api/v1/projects…`).

use serde::{Deserialize, Deserializer, Serialize};

use crate::{Moment, WidgetConfig};

/// What the retention task does to answers past `retention_days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RetentionMode {
    /// Delete the answers and events.
    #[default]
    Delete,
    /// Keep the score (and moment, locale, time) for the statistics; drop
    /// the user id, traits, comment and URL. Events are deleted.
    Anonymise,
}

/// A project as admins read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Project {
    /// The public key.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Event names of the moments (the full rules are in `config`).
    #[serde(default)]
    pub moments: Vec<String>,
    /// The timing rules, texts and look, as the widget receives them.
    #[serde(default)]
    pub config: WidgetConfig,
    /// The identity-verification secret; `null` when identities are not
    /// verified.
    pub identity_secret: Option<String>,
    /// An anonymous survey: no user ids, traits (but `allowed_traits`) or
    /// URLs are sent or stored.
    #[serde(default)]
    pub anonymous: bool,
    /// Days answers are kept; `null`: for ever.
    pub retention_days: Option<u32>,
    /// What retention does past that age.
    #[serde(default)]
    pub retention_mode: RetentionMode,
    /// Hours before a follow-up is overdue.
    pub followup_hours: u32,
    /// Passives join the follow-up inbox.
    #[serde(default)]
    pub followup_passives: bool,
    /// Web origins the public key may be used from; empty: any.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// The IANA time zone its days, weeks and months are counted in.
    #[serde(default = "utc")]
    pub timezone: String,
    /// The secret server key for `POST /api/v1/moments`: only in the answer
    /// that creates the project (it is stored hashed, and shown once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_key: Option<String>,
}

fn utc() -> String {
    "UTC".to_owned()
}

/// `GET /api/v1/projects`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Projects {
    /// Every project.
    pub projects: Vec<Project>,
}

/// A moment given by its event name alone, or with its conditions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum MomentSpec {
    /// Just the event name (default conditions).
    Event(String),
    /// The full moment (boxed: with its variants it is ten times the
    /// size of a name).
    Full(Box<Moment>),
}

/// `POST /api/v1/projects`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewProject {
    /// The public key: 1–64 of `A–Z a–z 0–9 _ -`.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Moments: event names, or full moment objects.
    #[serde(default)]
    pub moments: Vec<MomentSpec>,
    /// The other timing rules (defaults where absent).
    #[serde(default)]
    pub config: Option<WidgetConfig>,
    /// Require `user_hash` with every `user_id`; a secret is generated.
    /// On unless turned off: without it anyone holding the public key can
    /// record events as any user, and no cross-device history is served.
    #[serde(default = "on")]
    pub verify_identity: bool,
    /// An anonymous survey (same as `config.anonymous`).
    #[serde(default)]
    pub anonymous: bool,
    /// Days answers are kept (1-3650); absent: for ever.
    #[serde(default)]
    pub retention_days: Option<u32>,
    /// `delete` (default) or `anonymise`.
    #[serde(default)]
    pub retention_mode: RetentionMode,
    /// Hours before a follow-up is overdue (1-720, default 48).
    #[serde(default)]
    pub followup_hours: Option<u32>,
    /// Passives join the follow-up inbox too.
    #[serde(default)]
    pub followup_passives: bool,
    /// Web origins the public key may be used from
    /// (`https://app.example.com`, `https://*.example.com`); empty: any.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// An IANA time zone (`Europe/Paris`); absent: UTC.
    #[serde(default)]
    pub timezone: Option<String>,
}

fn on() -> bool {
    true
}

/// `PATCH /api/v1/projects/{key}`: the settings to change; absent fields
/// stay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectUpdate {
    /// A new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// An anonymous survey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous: Option<bool>,
    /// Honour Do Not Track and Global Privacy Control.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respect_dnt: Option<bool>,
    /// Days answers are kept (1-3650); `null` keeps them for ever.
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u32>))]
    pub retention_days: Option<Option<u32>>,
    /// What retention does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_mode: Option<RetentionMode>,
    /// Hours before a follow-up is overdue (1-720).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followup_hours: Option<u32>,
    /// Passives join the follow-up inbox.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followup_passives: Option<bool>,
    /// Replaces the allowed origins (`[]`: any origin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_origins: Option<Vec<String>>,
    /// The IANA time zone of its days, weeks and months (`Europe/Paris`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// `null` is `Some(None)`, absent is `None`.
fn double_option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<u32>>, D::Error> {
    Option::<u32>::deserialize(d).map(Some)
}

/// One saved version of a project's config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfigVersion {
    /// 1, 2, 3… per project.
    pub version: i64,
    /// Who saved it: a member's e-mail, or `admin-token`.
    pub actor: String,
    /// When, Unix ms.
    pub created_at: i64,
    /// Why, when it was not a plain save (e.g. "reverted to version 3").
    pub note: Option<String>,
    /// The config's top-level fields this version changed from the one
    /// before (`moments`, `days_after_response`, `appearance`…); empty for
    /// the first version.
    pub changed: Vec<String>,
    /// The config as saved.
    pub config: WidgetConfig,
}

/// `GET /api/v1/projects/{key}/config/versions`: newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfigVersions {
    /// The latest versions.
    pub versions: Vec<ConfigVersion>,
}
