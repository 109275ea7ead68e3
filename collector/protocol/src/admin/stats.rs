//! The statistics: a score with its uncertainty, comparisons, trends and
//! segments (`GET /api/v1/stats…`).

use serde::{Deserialize, Serialize};

/// A closed interval of NPS points, `low ≤ high`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Interval {
    /// Lower bound, in NPS points.
    pub low: f64,
    /// Upper bound, in NPS points.
    pub high: f64,
}

/// The score of a group of answers, with its uncertainty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Score {
    /// %promoters − %detractors, one decimal; `null` with no answers.
    pub nps: Option<f64>,
    /// Adjusted-Wald 95% interval; `null` with no answers.
    pub ci95: Option<Interval>,
    /// Half its width.
    pub margin_of_error: Option<f64>,
    /// Answers.
    pub responses: u64,
    /// Too few answers (under 30) or too wide a margin (over ±20 points)
    /// to read as a number: show the interval first.
    #[serde(default)]
    pub provisional: bool,
}

/// The summary a product team reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Summary {
    /// %promoters − %detractors, one decimal; `null` with no responses.
    pub nps: Option<f64>,
    /// Half-width of the normal-approximation 95% interval, in points, one
    /// decimal; `null` with fewer than two responses (kept for older
    /// clients: `margin_of_error` is the adjusted one).
    pub margin: Option<f64>,
    /// Number of responses.
    pub responses: u64,
    /// Scores 9–10.
    pub promoters: u64,
    /// Scores 7–8.
    pub passives: u64,
    /// Scores 0–6.
    pub detractors: u64,
    /// Count per score, index = score (11 counts).
    pub distribution: [u64; 11],
    /// Adjusted-Wald 95% confidence interval (Rocks 2016), in points,
    /// bounds to two decimals; `null` with no responses.
    pub ci95: Option<Interval>,
    /// Half-width of the adjusted-Wald interval, in points, one decimal.
    pub margin_of_error: Option<f64>,
    /// Responses still to collect for a ±5-point margin at this split.
    pub needed_for_5: u64,
    /// Same for ±10 points.
    pub needed_for_10: u64,
    /// Too few answers (under 30) or too wide a margin (over ±20 points)
    /// to read as a number: show the interval first.
    #[serde(default)]
    pub provisional: bool,
    /// The score in words, interval first when provisional, English
    /// ("1 answer: too few to estimate; between −48 and +98").
    #[serde(default)]
    pub reading_en: String,
    /// The same in French.
    #[serde(default)]
    pub reading_fr: String,
}

/// How one moment performs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MomentRate {
    /// The moment's event name.
    pub moment: String,
    /// Prompts shown for it.
    pub shown: u64,
    /// Responses it brought.
    pub answered: u64,
    /// "Don't ask me again" chosen at its prompt.
    pub opted_out: u64,
    /// answered / shown, or `null` before any impression.
    pub response_rate: Option<f64>,
}

/// `GET /api/v1/stats`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    /// The project's key.
    pub project: String,
    /// The score and its uncertainty.
    #[serde(flatten)]
    pub summary: Summary,
    /// Response rate of each moment: which moments are worth asking at.
    pub moments: Vec<MomentRate>,
}

/// `GET /api/v1/stats/compare`: is the difference real or noise?
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison {
    /// Side a.
    pub a: Score,
    /// Side b.
    pub b: Score,
    /// Raw NPS of a minus raw NPS of b, in points.
    pub difference: f64,
    /// The z statistic.
    pub z: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// p < 0.05, and both sides have answers.
    pub significant: bool,
    /// Both sides have at least one answer (otherwise the numbers compare
    /// with an empty group and the summary says there is nothing to
    /// compare).
    pub comparable: bool,
    /// The result in words, English ("up 6 points, not significant yet").
    pub summary_en: String,
    /// The same in French.
    pub summary_fr: String,
}

/// `GET /api/v1/stats/trend`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Trend {
    /// One per period, oldest first; empty periods kept.
    pub points: Vec<TrendPoint>,
}

/// One period of a trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrendPoint {
    /// The period's first instant: midnight in the project's time zone,
    /// with that zone's offset (RFC 3339, e.g. `2026-03-30T00:00:00+02:00`).
    pub start: String,
    /// Its score.
    #[serde(flatten)]
    pub score: Score,
}

/// `GET /api/v1/stats/segments` and `/stats/tenure`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Segments {
    /// The dimension.
    pub by: String,
    /// Its values, largest first.
    pub segments: Vec<Segment>,
}

/// One value of a dimension (or one tag).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Segment {
    /// The value (`null`: answers without one).
    pub value: Option<String>,
    /// Its score.
    #[serde(flatten)]
    pub score: Score,
    /// Fewer than 30 answers: read the interval, not the point.
    pub small_sample: bool,
}

/// `GET /api/v1/stats/tags`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TagStats {
    /// One entry per tag, largest first: its answers, NPS and interval.
    pub tags: Vec<Segment>,
}
