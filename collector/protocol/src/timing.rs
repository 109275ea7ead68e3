//! Timing rules of a project, as the widget receives them in
//! [`WidgetConfig`](crate::WidgetConfig): which moments prompt, sampling,
//! cooldowns, quiet periods and exclusions. Every clock starts when a
//! prompt was **shown**.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Experiment, Idle, TraitValue, Variant};

/// Default days without a prompt after an answer.
pub const DAYS_AFTER_RESPONSE: u32 = 90;
/// Default days without a prompt after Close (or a prompt left untouched).
pub const DAYS_AFTER_DECLINE: u32 = 30;
/// Default days before re-asking after "Ask me later".
pub const DAYS_AFTER_SNOOZE: u32 = 7;
/// Default "Ask me later" answers in a row before it counts as a decline.
pub const MAX_SNOOZES: u32 = 3;
/// Default floor between any two prompts.
pub const MIN_DAYS_BETWEEN_PROMPTS: u32 = 30;

/// A moment: a tracked event that may trigger the prompt, with optional
/// conditions.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Moment {
    /// The event name passed to `nps('track', event)`.
    pub event: String,
    /// Prompt only from the Nth occurrence of the event on (counted per
    /// browser).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_count: Option<u32>,
    /// Prompt only once this many days have passed since the user's
    /// `signed_up_at` trait (ISO 8601 date or Unix ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_since_signup: Option<u32>,
    /// Trait filters: a value (equals) or a list of values (one of).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<BTreeMap<String, TraitFilter>>))]
    pub traits: Option<crate::Map<TraitFilter>>,
    /// Wait this long before showing; cancelled if the page is left or
    /// the route changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_seconds: Option<u32>,
    /// When several moments are eligible at once, the highest wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    /// Question / follow-up overrides per locale (`en`, `fr`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub texts: Option<BTreeMap<String, MomentTexts>>,
    /// This moment's own clock after an answer (never below the global
    /// floor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_after_response: Option<u32>,
    /// This moment's own clock after a decline (never below the floor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_after_decline: Option<u32>,
    /// Variants tried against each other (the first is the control).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    /// The experiment the variants run in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experiment: Option<Experiment>,
    /// Show only once the user pauses (a moment without variants; a
    /// variant carries its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle: Option<Idle>,
    /// Set by the collector, never stored: the month's answers reached the
    /// project's `sampling.target_margin`, so the widget does not prompt
    /// for this moment before this instant (RFC 3339, the next month's
    /// start in the project's time zone). `show()` still opens the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused_until: Option<String>,
}

/// A trait condition of a moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum TraitFilter {
    /// The trait must equal one of these.
    OneOf(Vec<TraitValue>),
    /// The trait must equal this.
    Equals(TraitValue),
}

/// Text overrides of a moment in one language.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MomentTexts {
    /// Replaces the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Replaces the "why?" follow-up, whatever the score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<String>,
}

/// No prompt for `hours` after `event` (e.g. `support_contacted` → 24).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuietPeriod {
    /// The tracked event that starts the quiet period.
    pub event: String,
    /// Its length.
    pub hours: u32,
}

/// No prompt while the trait (a date: ISO 8601 or Unix ms) is less than
/// `days` old, e.g. `churned_at` / `downgraded_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecentTrait {
    /// The trait holding the date.
    #[serde(rename = "trait")]
    pub name: String,
    /// How recent counts.
    pub days: u32,
}
