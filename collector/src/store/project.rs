//! A project as stored: its key, its name and its settings (timing rules,
//! identity secret, retention, follow-up, allowed origins, time zone), and
//! the shape of a change to it.

use serde::{Deserialize, Serialize};

use crate::domain::{ProjectKey, TimingRules};

/// A project's configuration, stored as JSON.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ProjectSettings {
    /// When to prompt: what the widget reads from `/api/v1/config`.
    #[serde(default)]
    pub timing: TimingRules,
    /// Secret for identity verification; `None` when it is off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_secret: Option<String>,
    /// Answers and events older than this many days are removed (or
    /// anonymised) by the retention task; `None` keeps them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
    /// What retention does to old answers.
    #[serde(default)]
    pub retention_mode: RetentionMode,
    /// Hours a follow-up has before it is overdue (default 48).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followup_hours: Option<u32>,
    /// Passives (7-8) join the follow-up inbox too, not only detractors.
    #[serde(default)]
    pub followup_passives: bool,
    /// The web origins the public key may be used from (validated
    /// [`crate::domain::AllowedOrigin`]s); empty: any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_origins: Vec<String>,
    /// The IANA name of the zone its days start in; `None`: UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

impl ProjectSettings {
    /// The project's time zone (UTC when unset, or when a stored name is
    /// no longer known to the tz database).
    pub fn zone(&self) -> crate::domain::Zone {
        self.timezone
            .as_deref()
            .and_then(|name| crate::domain::Zone::try_from(name).ok())
            .unwrap_or_default()
    }
}

/// A change to a project, applied to its stored state (validated before:
/// it cannot fail).
pub type ProjectChange<'a> = &'a (dyn Fn(&mut Project) + Send + Sync);

/// What the retention task does to answers past `retention_days` (stored
/// in the project's settings as it travels on the wire).
pub use nps_protocol::admin::RetentionMode;

/// A project: one product surveyed, known by its public key.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// Public key, used in the snippet.
    pub key: ProjectKey,
    /// Display name.
    pub name: String,
    /// Prompting configuration.
    pub settings: ProjectSettings,
}
