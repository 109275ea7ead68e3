//! The JSON the statistics endpoints answer with, and the query parameters
//! they document (the handlers read the query as pairs, since trait
//! filters are open-ended).

use serde::Serialize;
use time::Date;

use crate::stats::{summarise, Distribution, Interval, NpsSummary};
use crate::store::MomentCounts;

/// Samples smaller than this are flagged: their interval is wide.
pub(super) const SMALL_SAMPLE: u64 = 30;

/// `project=KEY`.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub(in crate::http) struct ProjectParam {
    /// The project's key.
    project: String,
}

/// The filters every statistics endpoint takes. Also `trait.NAME=VALUE`,
/// repeatable (all must match).
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub(in crate::http) struct FilterParams {
    /// Answers at or after this RFC 3339 time.
    from: Option<String>,
    /// Answers before this RFC 3339 time.
    to: Option<String>,
    /// Answers to this moment (`(other)`: moments not configured).
    moment: Option<String>,
    /// Answers in this language.
    locale: Option<String>,
    /// `new` (under 90 days since `signed_up_at`) or `established`.
    tenure: Option<String>,
}

/// `interval=day|week|month` (default week).
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub(super) struct TrendParams {
    /// `day`, `week` (Monday to Sunday, UTC) or `month`.
    interval: Option<String>,
}

/// `by=moment|locale|tenure|trait.NAME`.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub(super) struct SegmentParams {
    /// The dimension: `moment`, `locale`, `tenure` or `trait.NAME`.
    by: String,
}

/// `GET /api/v1/stats`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct StatsView {
    pub(super) project: String,
    #[serde(flatten)]
    pub(super) summary: NpsSummary,
    /// Response rate of each moment: which moments are worth asking at.
    /// `from`, `to` and `moment` narrow it; the other filters do not, as
    /// impressions record no locale, trait or tenure to match.
    pub(super) moments: Vec<MomentView>,
}

/// How one moment performs.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct MomentView {
    #[serde(flatten)]
    counts: MomentCounts,
    /// answered / shown, or `null` before any impression.
    response_rate: Option<f64>,
}

impl From<MomentCounts> for MomentView {
    fn from(counts: MomentCounts) -> Self {
        let response_rate = (counts.shown > 0)
            .then(|| (counts.answered as f64 / counts.shown as f64 * 1000.0).round() / 1000.0);
        Self {
            counts,
            response_rate,
        }
    }
}

/// The score of a group of answers, with its uncertainty.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(super) struct ScoreView {
    /// %promoters − %detractors, one decimal; `null` with no answers.
    pub(super) nps: Option<f64>,
    /// Adjusted-Wald 95% interval; `null` with no answers.
    pub(super) ci95: Option<Interval>,
    /// Half its width.
    pub(super) margin_of_error: Option<f64>,
    /// Answers.
    pub(super) responses: u64,
}

impl From<&Distribution> for ScoreView {
    fn from(d: &Distribution) -> Self {
        let s = summarise(d);
        Self {
            nps: s.nps,
            ci95: s.ci95,
            margin_of_error: s.margin_of_error,
            responses: s.responses,
        }
    }
}

/// `GET /api/v1/stats/trend`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct TrendView {
    pub(super) points: Vec<TrendPoint>,
}

/// One period of a trend.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct TrendPoint {
    /// First day of the period (UTC), `YYYY-MM-DD`.
    start: String,
    #[serde(flatten)]
    score: ScoreView,
}

impl TrendPoint {
    pub(super) fn new(start: Date, d: &Distribution) -> Self {
        Self {
            start: start.to_string(),
            score: d.into(),
        }
    }
}

/// `GET /api/v1/stats/segments` and `/tenure`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct SegmentList {
    /// The dimension.
    pub(super) by: String,
    pub(super) segments: Vec<SegmentView>,
}

/// One value of a dimension.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(in crate::http) struct SegmentView {
    /// The value (`null`: answers without one).
    pub(super) value: Option<String>,
    #[serde(flatten)]
    score: ScoreView,
    /// Answers (also inside the score; here for sorting).
    #[serde(skip)]
    pub(in crate::http) responses: u64,
    /// Fewer than 30 answers: read the interval, not the point.
    small_sample: bool,
}

impl SegmentView {
    pub(in crate::http) fn new(value: Option<String>, d: &Distribution) -> Self {
        let score = ScoreView::from(d);
        Self {
            value,
            responses: score.responses,
            small_sample: score.responses < SMALL_SAMPLE,
            score,
        }
    }
}
