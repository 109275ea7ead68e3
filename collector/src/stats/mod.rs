//! NPS arithmetic, pure: from a histogram of scores to the score, its
//! categories and its uncertainty.

pub mod closing;
mod compare;
mod interval;
mod proportion;
mod reading;
pub mod sampling;
mod tenure;
pub mod themes;
pub mod trend;

use serde::Serialize;

pub use compare::{compare, describe, two_sided_p_value, Comparison, Lang};
pub use interval::{
    adjusted_wald, precise_enough, sample_size_for, still_needed, Adjusted, Interval,
};
pub use proportion::{impressions_needed, two_proportions, wilson};
pub use reading::{is_provisional, reading, MAX_MARGIN, MIN_ANSWERS};
pub use tenure::{
    signup_millis, tenure_bucket, tenure_class, tenure_days, NEW_USER_DAYS, TENURE_BUCKETS,
};

/// How many responses gave each score, index = score (0..=10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Distribution(pub [u64; 11]);

impl Distribution {
    /// Builds a histogram from individual scores (used in tests and tools).
    pub fn from_scores(scores: impl IntoIterator<Item = u8>) -> Self {
        let mut d = [0u64; 11];
        for s in scores {
            d[usize::from(s.min(10))] += 1;
        }
        Self(d)
    }

    /// Responses with a score of 0–6.
    pub fn detractors(&self) -> u64 {
        self.0[..=6].iter().sum()
    }

    /// Responses with a score of 7–8.
    pub fn passives(&self) -> u64 {
        self.0[7..=8].iter().sum()
    }

    /// Responses with a score of 9–10.
    pub fn promoters(&self) -> u64 {
        self.0[9..].iter().sum()
    }

    /// All responses.
    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }
}

/// The summary a product team reads.
#[derive(Debug, Clone, PartialEq)]
pub struct NpsSummary {
    /// %promoters − %detractors, one decimal; `None` with no responses.
    pub nps: Option<f64>,
    /// Half-width of the 95% confidence interval of the NPS, in points, one
    /// decimal; `None` with fewer than two responses.
    pub margin: Option<f64>,
    /// Number of responses.
    pub responses: u64,
    /// Scores 9–10.
    pub promoters: u64,
    /// Scores 7–8.
    pub passives: u64,
    /// Scores 0–6.
    pub detractors: u64,
    /// Count per score 0..=10.
    pub distribution: [u64; 11],
    /// Adjusted-Wald 95% confidence interval of the NPS (Rocks 2016), in
    /// points, bounds to two decimals; `None` with no responses.
    pub ci95: Option<Interval>,
    /// Half-width of the adjusted-Wald interval (1.96 adjusted standard
    /// errors, taken before `ci95` is clamped to ±100), in points, one
    /// decimal; `None` with no responses.
    pub margin_of_error: Option<f64>,
    /// Responses still to collect for a ±5-point adjusted margin if the
    /// split stays as it is (half promoters, half detractors with none yet).
    pub needed_for_5: u64,
    /// Same for a ±10-point margin.
    pub needed_for_10: u64,
}

fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn two_decimals(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Computes the NPS and its margin of error.
///
/// Each response is a draw of +1 (promoter), 0 (passive) or −1 (detractor);
/// the NPS is 100 × their mean, so its standard error is
/// 100 × sqrt(Var / n) with Var = p + d − (p − d)², p and d the promoter
/// and detractor shares. The margin is 1.96 standard errors (normal
/// approximation, the usual convention in NPS tools). `ci95` and
/// `margin_of_error` use the adjusted-Wald method instead (see
/// [`adjusted_wald`]), which stays honest with few responses.
pub fn summarise(d: &Distribution) -> NpsSummary {
    let n = d.total();
    let (p, q) = if n == 0 {
        (0.0, 0.0)
    } else {
        (
            d.promoters() as f64 / n as f64,
            d.detractors() as f64 / n as f64,
        )
    };
    let nps = (n > 0).then(|| one_decimal(100.0 * (p - q)));
    let margin = (n > 1).then(|| {
        let variance = (p + q - (p - q).powi(2)).max(0.0);
        one_decimal(1.96 * 100.0 * (variance / n as f64).sqrt())
    });
    let adjusted = (n > 0).then(|| adjusted_wald(d));
    NpsSummary {
        nps,
        margin,
        responses: n,
        promoters: d.promoters(),
        passives: d.passives(),
        detractors: d.detractors(),
        distribution: d.0,
        ci95: adjusted.map(|a| Interval {
            low: two_decimals(a.ci95.low),
            high: two_decimals(a.ci95.high),
        }),
        margin_of_error: adjusted.map(|a| one_decimal(a.margin_of_error)),
        needed_for_5: still_needed(d, 5.0),
        needed_for_10: still_needed(d, 10.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_responses_means_no_score() {
        let s = summarise(&Distribution::default());
        assert_eq!(s.nps, None);
        assert_eq!(s.margin, None);
        assert_eq!(s.responses, 0);
        assert_eq!((s.ci95, s.margin_of_error), (None, None));
        // Worst case assumed with no data.
        assert_eq!((s.needed_for_5, s.needed_for_10), (1533, 380));
    }

    #[test]
    fn the_summary_carries_the_adjusted_interval() {
        // 50 promoters, 30 passives, 20 detractors.
        let d = Distribution([20, 0, 0, 0, 0, 0, 0, 30, 0, 0, 50]);
        let s = summarise(&d);
        assert_eq!(s.nps, Some(30.0));
        let ci = s.ci95.expect("responses, so an interval");
        assert_eq!((ci.low, ci.high), (14.05, 44.2));
        assert_eq!(s.margin_of_error, Some(15.1));
        assert_eq!((s.needed_for_5, s.needed_for_10), (835, 132));
    }

    #[test]
    fn categories_and_score_follow_the_definition() {
        // 3 promoters, 2 passives, 5 detractors: 30% - 50% = -20.
        let d = Distribution::from_scores([10, 9, 9, 8, 7, 6, 5, 3, 0, 0]);
        let s = summarise(&d);
        assert_eq!((s.promoters, s.passives, s.detractors), (3, 2, 5));
        assert_eq!(s.nps, Some(-20.0));
    }

    #[test]
    fn the_score_is_rounded_to_one_decimal() {
        // 1 promoter of 3: 33.333… → 33.3.
        let s = summarise(&Distribution::from_scores([9, 7, 8]));
        assert_eq!(s.nps, Some(33.3));
    }

    #[test]
    fn all_promoters_is_100_with_no_spread() {
        let s = summarise(&Distribution::from_scores([9, 10, 9, 10]));
        assert_eq!(s.nps, Some(100.0));
        assert_eq!(s.margin, Some(0.0));
    }

    #[test]
    fn the_margin_shrinks_as_responses_grow() {
        let small = summarise(&Distribution([1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0]));
        let large = summarise(&Distribution([100, 0, 0, 0, 0, 0, 0, 100, 0, 100, 0]));
        assert_eq!(small.nps, large.nps);
        assert!(small.margin.unwrap() > large.margin.unwrap());
        // Var = 1/3 + 1/3 - 0 = 2/3; n = 300: 1.96 * 100 * sqrt(2/900) = 9.24.
        assert_eq!(large.margin, Some(9.2));
    }
}
