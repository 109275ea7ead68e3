//! `GET /api/v1/config`: everything the widget needs to decide when to
//! prompt, as one public, cacheable document.

use serde::{Deserialize, Serialize};

use crate::CadenceOverride;
#[cfg(feature = "experiments")]
use crate::Sampling;
use crate::{
    Appearance, Moment, QuietPeriod, RecentTrait, DAYS_AFTER_DECLINE, DAYS_AFTER_RESPONSE,
    DAYS_AFTER_SNOOZE, MAX_SNOOZES, MIN_DAYS_BETWEEN_PROMPTS, PENDING_MOMENT_DAYS,
};

/// `GET /api/v1/config?key=KEY`: what the widget needs to decide when to
/// prompt. Public and cacheable. Fields missing from the JSON take their
/// defaults, so an older collector's config still reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct WidgetConfig {
    /// The project's public key.
    pub key: String,
    /// The moments that may trigger a prompt.
    pub moments: Vec<Moment>,
    /// The global floor under its first name: equal to
    /// `min_days_between_prompts`, kept for widgets of the first release.
    pub days_after_prompt: u32,
    /// Share of users ever prompted, 0–100, sticky per user.
    pub sampling_percent: f64,
    /// Days without a prompt after an answer.
    pub days_after_response: u32,
    /// Days without a prompt after Close or a prompt left untouched.
    pub days_after_decline: u32,
    /// Days before re-asking after "Ask me later".
    pub days_after_snooze: u32,
    /// "Ask me later" in a row before it counts as a decline.
    pub max_snoozes: u32,
    /// Floor between any two prompts; only a due snooze re-ask breaks it.
    pub min_days_between_prompts: u32,
    /// Quiet periods after given events.
    pub quiet_after: Vec<QuietPeriod>,
    /// Exclusions by recent date traits.
    pub exclude_if_recent: Vec<RecentTrait>,
    /// An anonymous survey (e.g. eNPS): the widget sends no user id, traits
    /// or page URL, and the collector strips them if sent.
    pub anonymous: bool,
    /// Never prompt, store or send anything in a browser that sends Do Not
    /// Track or Global Privacy Control (also `init({respect_dnt: true})`).
    pub respect_dnt: bool,
    /// In an anonymous project, the traits the widget may still send for
    /// segmenting: coarse ones the project chose (e.g. `plan`, `team`).
    pub allowed_traits: Vec<String>,
    /// How the prompt looks.
    pub appearance: Appearance,
    /// Days a moment sent by the host app's server stays pending (1-90;
    /// default [`PENDING_MOMENT_DAYS`]). Only the collector uses it, so it
    /// travels only when changed.
    #[serde(skip_serializing_if = "is_default_pending_days")]
    pub pending_moment_days: u32,
    /// Cooldowns per trait value, overriding the project's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cadence_overrides: Vec<CadenceOverride>,
    /// Stop prompting once the month's score is precise enough.
    #[cfg(feature = "experiments")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sampling: Option<Sampling>,
}

fn is_default_pending_days(days: &u32) -> bool {
    *days == PENDING_MOMENT_DAYS
}

impl Default for WidgetConfig {
    fn default() -> Self {
        Self {
            key: String::new(),
            moments: Vec::new(),
            days_after_prompt: MIN_DAYS_BETWEEN_PROMPTS,
            sampling_percent: 100.0,
            days_after_response: DAYS_AFTER_RESPONSE,
            days_after_decline: DAYS_AFTER_DECLINE,
            days_after_snooze: DAYS_AFTER_SNOOZE,
            max_snoozes: MAX_SNOOZES,
            min_days_between_prompts: MIN_DAYS_BETWEEN_PROMPTS,
            quiet_after: Vec::new(),
            exclude_if_recent: Vec::new(),
            anonymous: false,
            respect_dnt: false,
            allowed_traits: Vec::new(),
            appearance: Appearance::default(),
            pending_moment_days: PENDING_MOMENT_DAYS,
            cadence_overrides: Vec::new(),
            #[cfg(feature = "experiments")]
            sampling: None,
        }
    }
}
