//! Why they score what they score: themes found in the comments, drivers
//! (themes and segments ranked by what they do to the score), and a tag
//! made from a theme (`GET /api/v1/stats/themes`, `/stats/drivers`,
//! `POST /api/v1/stats/themes/{id}/tag`).

use serde::{Deserialize, Serialize};

use super::Interval;

/// `GET /api/v1/stats/themes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Themes {
    /// Answers in the period and filters (exact, from the statistics).
    pub responses: u64,
    /// Of which with a comment (exact).
    pub with_comment: u64,
    /// The themes were found in a sample of the commented answers, not
    /// all of them; their counts are scaled to `with_comment`.
    pub sampled: bool,
    /// Commented answers read to find them (all of them when not sampled).
    pub sample_size: u64,
    /// The themes, most answers first.
    pub themes: Vec<Theme>,
}

/// One theme and what it does to the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Theme {
    /// Stable id: the same words give the same id.
    pub id: String,
    /// What to call it, in words of the comments ("export lent").
    pub label: String,
    /// Its words as written, main word first.
    pub terms: Vec<String>,
    /// Languages of its answers (`en`, `fr`).
    pub locales: Vec<String>,
    /// Its answers.
    pub responses: u64,
    /// `responses / with_comment` (0–1, four decimals).
    pub share: f64,
    /// Scores 9–10.
    pub promoters: u64,
    /// Scores 7–8.
    pub passives: u64,
    /// Scores 0–6.
    pub detractors: u64,
    /// The NPS of its answers, one decimal.
    pub nps: Option<f64>,
    /// Adjusted-Wald 95% interval of that NPS.
    pub ci95: Option<Interval>,
    /// The period's NPS minus the NPS of the period's answers outside the
    /// theme, one decimal: the points it costs (< 0) or brings (> 0).
    pub impact: Option<f64>,
    /// The previous period of equal length (`null` without both `from`
    /// and `to`).
    pub previous: Option<Previous>,
    /// Its share rose significantly since the previous period.
    pub emerging: bool,
    /// A few of its answers.
    pub examples: Vec<Example>,
}

/// A theme in the previous period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Previous {
    /// Its answers then.
    pub responses: u64,
    /// Their share of that period's commented answers.
    pub share: f64,
}

/// An answer of a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Example {
    /// The answer's id.
    pub id: String,
    /// 0–10.
    pub score: u8,
    /// Its comment, as written (plain text).
    pub comment: String,
    /// The prompt's language.
    pub locale: Option<String>,
}

/// `GET /api/v1/stats/drivers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Drivers {
    /// The period's NPS.
    pub nps: Option<f64>,
    /// The period's answers.
    pub responses: u64,
    /// Impact below 0, most negative first.
    pub hurts: Vec<Driver>,
    /// Impact above 0, largest first.
    pub helps: Vec<Driver>,
}

/// A theme or a segment and what it does to the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Driver {
    /// `theme`, `moment`, `locale`, `tenure` or `trait`.
    pub kind: String,
    /// The theme's label, or the dimension (`moment`, the trait's name).
    pub name: String,
    /// The theme's id, or the segment's value.
    pub value: String,
    /// Its answers.
    pub responses: u64,
    /// Their NPS.
    pub nps: Option<f64>,
    /// Its adjusted-Wald 95% interval.
    pub ci95: Option<Interval>,
    /// Period NPS minus the NPS outside it, one decimal.
    pub impact: f64,
    /// Inside and outside differ significantly (the comparison's test).
    pub significant: bool,
    /// Too few answers or too wide a margin to read as a number.
    pub small_sample: bool,
}

/// `POST /api/v1/stats/themes/{id}/tag`: the tag made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeTagged {
    /// The tag.
    pub tag: String,
    /// The rule created (its keywords: the theme's words as written).
    pub rule_id: String,
    /// Past answers it tagged.
    pub tagged: u64,
}
