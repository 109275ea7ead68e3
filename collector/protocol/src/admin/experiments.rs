//! An experiment's figures (`GET /api/v1/stats/experiments`): per variant,
//! how often its prompt was answered and how it scored, against the
//! control (the moment's first variant), with honest uncertainty.

use serde::{Deserialize, Serialize};

use super::Interval;
use crate::Experiment;

/// `GET /api/v1/stats/experiments?project=KEY&moment=M`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExperimentStats {
    /// The moment's experiment, as configured (`null`: variants without
    /// one); its `started_at` and `ended_at` bound what is counted.
    pub experiment: Option<Experiment>,
    /// One per configured variant, in the config's order: the first is
    /// the control.
    pub variants: Vec<VariantStats>,
    /// The sample a fixed-horizon test needs.
    pub needed_for: NeededFor,
}

/// One variant's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VariantStats {
    /// The variant's id.
    pub id: String,
    /// Prompts shown (`shown` events carrying this variant).
    pub shown: u64,
    /// Answers carrying this variant.
    pub answered: u64,
    /// answered / shown, a fraction to three decimals; `null` before any
    /// impression.
    pub response_rate: Option<f64>,
    /// Wilson 95% interval of the response rate, fractions to three
    /// decimals; `null` before any impression.
    pub response_rate_ci95: Option<Interval>,
    /// Share of the answers with a "why?", a fraction to three decimals;
    /// `null` with no answers.
    pub comment_rate: Option<f64>,
    /// The NPS of its answers, one decimal; `null` with no answers.
    pub nps: Option<f64>,
    /// Adjusted-Wald 95% interval of the NPS, in points; `null` with no
    /// answers.
    pub ci95: Option<Interval>,
    /// Answers counted in the NPS (as `answered`).
    pub responses: u64,
    /// Against the control; `null` for the control itself.
    pub vs_control: Option<VsControl>,
}

/// A variant against the control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VsControl {
    /// Its response rate − the control's, a fraction to three decimals.
    pub rate_difference: f64,
    /// Two-sided p-value of the two-proportion z test (pooled) on the
    /// response rates.
    pub rate_p_value: f64,
    /// Its NPS − the control's, in points, one decimal.
    pub nps_difference: f64,
    /// Two-sided p-value of the NPS comparison (z test on the
    /// adjusted-Wald estimates).
    pub nps_p_value: f64,
    /// `rate_p_value` < 0.05 with impressions on both sides: the response
    /// rate is what an experiment on asking is judged on, and testing one
    /// figure keeps the 5% false-win rate 5%. Only then is the variant
    /// called better or worse; the NPS has its own p-value.
    pub significant: bool,
}

/// How many impressions each variant needs before the test can tell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeededFor {
    /// The difference in response rate to detect, in percentage points.
    pub rate_points: u32,
    /// Impressions per variant that detect it at α = 0.05 (two-sided) with
    /// 80% power, at the control's observed response rate (50% before any
    /// impression, the most demanding rate).
    pub impressions: u64,
}
