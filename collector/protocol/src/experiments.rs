//! Asking smarter, as the widget receives it in a moment's rules and in
//! [`WidgetConfig`](crate::WidgetConfig): variants of a moment (wording,
//! delay, position, waiting for a pause) tried against each other in an
//! experiment, the "when the user pauses" rule, cooldowns per segment and
//! sampling that stops once the month's score is precise enough.
//!
//! Every optional field stays off the wire when absent: the config travels
//! on every page view.

#[cfg(feature = "experiments")]
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::TraitValue;

/// One variant of a moment. The first one listed is the control; a person
/// is assigned one for good (her user id or anonymous id hashed with the
/// experiment's id), weighted by `weight`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Variant {
    /// Its id, e.g. `control` or `short_question`: recorded with the
    /// impressions and answers it brings (1-40 characters from
    /// `A-Z a-z 0-9 _ -`).
    pub id: String,
    /// Its share of people, relative to the other variants' (positive).
    pub weight: f64,
    /// Text overrides per language (`en`, `fr`, …). The widget reads them
    /// from the config's JSON only when a prompt opens.
    #[cfg(feature = "experiments")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<BTreeMap<String, VariantTexts>>))]
    pub texts: Option<BTreeMap<String, VariantTexts>>,
    /// Wait this long after the moment before showing (at most an hour).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u32>,
    /// Where the prompt sits: one of [`POSITIONS`](crate::POSITIONS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Show only once the user pauses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle: Option<Idle>,
}

/// A variant's texts in one language; each replaces the default one.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VariantTexts {
    /// The question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The "why?" after a score of 0-6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_detractor: Option<String>,
    /// The "why?" after a score of 7-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_passive: Option<String>,
    /// The "why?" after a score of 9-10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_promoter: Option<String>,
}

/// "Ask when the user pauses": after the moment, prompt once the user has
/// sent no key, pointer, scroll or touch input for `idle_ms`, if that
/// happens within `max_wait_ms`; otherwise not at all (or, with `carry`, at
/// the next page view of the same day, under the same rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Idle {
    /// Quiet time that counts as a pause, 500 ms to 10 minutes.
    pub idle_ms: u32,
    /// Longest wait for a pause after the moment, at least `idle_ms`, at
    /// most an hour.
    pub max_wait_ms: u32,
    /// Keep a prompt not shown for the next page view of the same day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carry: Option<bool>,
}

/// The experiment a moment's variants run in. Ending it (`ended_at`,
/// `winner`) keeps its history; the winner's settings become the moment's.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Experiment {
    /// Its id, hashed with each person's id to assign her variant (1-40
    /// characters from `A-Z a-z 0-9 _ -`): a new id reshuffles everyone.
    pub id: String,
    /// When it started (RFC 3339): its statistics count from then.
    #[cfg(feature = "experiments")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    /// When it ended (RFC 3339): its statistics count until then.
    #[cfg(feature = "experiments")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<String>,
    /// The variant kept, one of the moment's.
    #[cfg(feature = "experiments")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub winner: Option<String>,
}

/// A project's cooldowns for the people with one trait value (e.g. `plan`
/// `enterprise` → 180 days after an answer); unset ones keep the project's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CadenceOverride {
    /// The trait, as passed to `identify`.
    #[serde(rename = "trait")]
    pub name: String,
    /// The value it must equal.
    pub value: TraitValue,
    /// Replaces `days_after_response`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_answer_days: Option<u32>,
    /// Replaces `days_after_decline`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_close_days: Option<u32>,
    /// Replaces `days_after_snooze`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_snooze_days: Option<u32>,
}

/// Stop prompting once the calendar month's answers (in the project's time
/// zone) give an adjusted-Wald margin of error at or below `target_margin`
/// points; the config then carries `paused_until` on the moments paused.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sampling {
    /// The margin wanted, in NPS points (1-50).
    pub target_margin: f64,
    /// Each moment's answers on their own (a moment pauses alone) rather
    /// than the project's (every moment pauses at once).
    #[serde(default, skip_serializing_if = "is_false")]
    pub per_moment: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}
