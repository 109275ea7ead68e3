//! `GET /api/v1/stats/loop`: whether closing the loop works: detractors
//! contacted within the project's follow-up window, how fast, resolved;
//! whether the people followed up or told scored higher when asked again;
//! and how many notices were told and seen.

use serde::{Deserialize, Serialize};

/// The follow-ups of one assignee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssigneeLoop {
    /// Who (`null`: nobody assigned).
    pub assignee: Option<String>,
    /// Detractors assigned to them.
    pub detractors: u64,
    /// Of those, contacted within the window.
    pub contacted_in_time: u64,
    /// Median hours from the answer to the first contact (`null`: none).
    pub median_hours_to_contact: Option<f64>,
    /// Of those, resolved.
    pub resolved: u64,
}

/// Follow-ups of the period's detractors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpLoop {
    /// Detractors (0–6) who answered in the period.
    pub detractors: u64,
    /// First marked contacted (or resolved) within the project's
    /// follow-up window (`followup_hours`, 48 by default) of the answer.
    pub contacted_in_time: u64,
    /// `contacted_in_time / detractors` (`null` without detractors).
    pub contacted_in_time_rate: Option<f64>,
    /// Median hours from the answer to the first contact, over those
    /// contacted (`null`: none).
    pub median_hours_to_contact: Option<f64>,
    /// Detractors whose follow-up is resolved.
    pub resolved: u64,
    /// The same per current assignee, most detractors first.
    pub by_assignee: Vec<AssigneeLoop>,
}

/// Did the people the team reached score higher the next time?
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recovery {
    /// People followed up (contacted) or told (a notice) who answered
    /// again afterwards.
    pub people: u64,
    /// NPS of their answers before being reached (`null`: nobody).
    pub before_nps: Option<f64>,
    /// NPS of their next answers after (`null`: nobody).
    pub after_nps: Option<f64>,
    /// `after_nps − before_nps`, in points.
    pub difference: f64,
    /// Two-sided p-value of the difference (the same test as
    /// `/stats/compare`).
    pub p_value: f64,
    /// p < 0.05 with answers on both sides.
    pub significant: bool,
}

/// Notices of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeCounts {
    /// Notices created (people told).
    pub told: u64,
    /// Of those, seen in the widget.
    pub seen: u64,
}

/// `GET /api/v1/stats/loop?project=KEY[&from&to&filters]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoopStats {
    /// The follow-ups.
    pub followups: FollowUpLoop,
    /// The recovery.
    pub recovery: Recovery,
    /// The notices.
    pub notices: NoticeCounts,
}
