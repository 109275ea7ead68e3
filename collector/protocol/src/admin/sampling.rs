//! What sampling to a precision did this month: the margin each group
//! reached, when it paused, and an estimate of the prompts that saved.

use serde::{Deserialize, Serialize};

/// `GET /api/v1/stats/sampling?project=KEY`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SamplingStats {
    /// The margin wanted, in NPS points; `null`: the project does not
    /// sample (and `groups` is empty).
    pub target_margin: Option<f64>,
    /// Each moment counted on its own.
    pub per_moment: bool,
    /// The first instant of the current month in the project's time zone
    /// (RFC 3339): what is counted starts there.
    pub month_start: String,
    /// Per configured moment with `per_moment`, else one for the project.
    pub groups: Vec<SamplingGroup>,
}

/// One group's month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SamplingGroup {
    /// The moment; `null`: the project's answers, every moment.
    pub moment: Option<String>,
    /// Answers this month.
    pub answers: u64,
    /// Adjusted-Wald margin of error of this month's NPS, in points, one
    /// decimal; `null` with no answers.
    pub margin: Option<f64>,
    /// When prompting resumes (the next month's start, RFC 3339), if the
    /// margin is at the target now.
    pub paused_until: Option<String>,
    /// When the answer that brought the margin to the target arrived (RFC
    /// 3339), if paused.
    pub paused_since: Option<String>,
    /// Prompts shown this month before `paused_since` (all month so far
    /// when not paused).
    pub shown_before: u64,
    /// An estimate: the rate of prompts shown per hour before the pause
    /// times the hours paused so far (0 when not paused).
    pub prompts_saved: u64,
}
