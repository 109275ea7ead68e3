//! The adjusted-Wald 95% confidence interval of the NPS (Rocks 2016, the
//! method MeasuringU recommends) and the sample size it implies.
//!
//! The plain Wald interval is too narrow, even zero-width, with few
//! responses or a lopsided split; adding 3/4 of a response to promoters and
//! to detractors (3 in all, so 1.5 to passives) fixes its coverage.

use serde::Serialize;

use super::Distribution;

/// z for a two-sided 95% interval.
const Z95: f64 = 1.96;
/// Pseudo-responses added to promoters and to detractors.
const ADD: f64 = 0.75;
/// Pseudo-responses added to the total.
const ADD_TOTAL: f64 = 3.0;

/// A closed interval of NPS points, `low ≤ high`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Interval {
    /// Lower bound, in NPS points.
    pub low: f64,
    /// Upper bound, in NPS points.
    pub high: f64,
}

/// The adjusted-Wald estimate of an NPS.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adjusted {
    /// The adjusted NPS, 100·NPS′, in points (not the raw NPS).
    pub nps: f64,
    /// Standard error of NPS′, in points (100 × that of the fraction).
    pub se: f64,
    /// NPS′ ± 1.96·SE, clamped to [-100, 100]: with a handful of responses
    /// the bound can pass ±100 (2 promoters out of 2 give 104.4), a score no
    /// survey can have.
    pub ci95: Interval,
    /// 1.96·SE in points: half the width of the interval before clamping,
    /// so exactly half of `ci95`'s width whenever no bound was clamped.
    pub margin_of_error: f64,
}

/// NPS′ and its standard error, both as fractions, from counts that may be
/// fractional (the sample-size search scales the current split).
fn adjusted_fraction(promoters: f64, detractors: f64, n: f64) -> (f64, f64) {
    let p = (promoters + ADD) / (n + ADD_TOTAL);
    let d = (detractors + ADD) / (n + ADD_TOTAL);
    let nps = p - d;
    // p, d ≥ 0.75/(n+3) > 0 and p + d < 1, so the variance is positive;
    // the max only guards against rounding.
    let variance = (p + d - nps * nps).max(0.0);
    (nps, (variance / (n + ADD_TOTAL)).sqrt())
}

/// The adjusted-Wald NPS, standard error and 95% interval of a histogram.
/// Defined for no responses too: NPS′ = 0, interval ±80.
pub fn adjusted_wald(d: &Distribution) -> Adjusted {
    let (nps, se) = adjusted_fraction(
        d.promoters() as f64,
        d.detractors() as f64,
        d.total() as f64,
    );
    let (nps, se) = (100.0 * nps, 100.0 * se);
    let margin_of_error = Z95 * se;
    Adjusted {
        nps,
        se,
        ci95: Interval {
            low: (nps - margin_of_error).max(-100.0),
            high: (nps + margin_of_error).min(100.0),
        },
        margin_of_error,
    }
}

/// The total number of responses for which the adjusted-Wald margin of
/// error is at most `margin_points`, if the promoter and detractor shares
/// stay what they are now. With no responses yet, the worst case is assumed:
/// half promoters, half detractors (variance 1). A margin that is not
/// positive can never be reached: `u64::MAX`.
pub fn sample_size_for(d: &Distribution, margin_points: f64) -> u64 {
    if margin_points.is_nan() || margin_points <= 0.0 {
        return u64::MAX;
    }
    let n = d.total();
    let (p, q) = if n == 0 {
        (0.5, 0.5)
    } else {
        let n = n as f64;
        (d.promoters() as f64 / n, d.detractors() as f64 / n)
    };
    let margin_at = |m: u64| {
        let m = m as f64;
        100.0 * Z95 * adjusted_fraction(p * m, q * m, m).1
    };
    if margin_at(0) <= margin_points {
        return 0;
    }
    // At a fixed split the adjusted SE strictly decreases with n (its
    // derivative is at most −(3 + 6s)·n − 9(1 − s) over (n + 3)⁴, s the
    // non-passive share), so a binary search finds the smallest n. Var′ ≤ 1
    // makes n = (196 / margin)² enough; `as` saturates for tiny margins.
    let (mut lo, mut hi) = (0u64, (100.0 * Z95 / margin_points).powi(2).ceil() as u64);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if margin_at(mid) <= margin_points {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// How many more responses [`sample_size_for`] asks for: never negative.
pub fn still_needed(d: &Distribution, margin_points: f64) -> u64 {
    sample_size_for(d, margin_points).saturating_sub(d.total())
}

/// Whether the answers already give an adjusted-Wald margin of error at
/// or below `margin_points`: sampling to a precision stops asking then.
/// Never with no answers (the empty margin, 80 points, says nothing).
pub fn precise_enough(d: &Distribution, margin_points: f64) -> bool {
    d.total() > 0 && adjusted_wald(d).margin_of_error <= margin_points
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(promoters: u64, passives: u64, detractors: u64) -> Distribution {
        Distribution([detractors, 0, 0, 0, 0, 0, 0, passives, 0, 0, promoters])
    }

    fn round2(x: f64) -> f64 {
        (x * 100.0).round() / 100.0
    }

    #[test]
    fn ten_promoters_are_precise_to_30_points_not_29() {
        // p = 10.75/13, d = 0.75/13, NPS' = 0.7692, Var' = 0.2929,
        // SE = sqrt(0.2929/13) = 0.1501: a margin of 29.42 points.
        let ten = split(10, 0, 0);
        assert!(precise_enough(&ten, 30.0));
        assert!(!precise_enough(&ten, 29.0));
        assert!(!precise_enough(&Distribution::default(), 90.0));
    }

    #[test]
    fn worked_example_50_30_20() {
        let a = adjusted_wald(&split(50, 30, 20));
        assert_eq!(round2(a.nps), 29.13);
        assert_eq!(round2(a.se), 7.69);
        assert_eq!((round2(a.ci95.low), round2(a.ci95.high)), (14.05, 44.20));
        assert_eq!(round2(a.margin_of_error), 15.08);
    }

    #[test]
    fn no_responses_give_a_centred_wide_interval() {
        let a = adjusted_wald(&Distribution::default());
        assert_eq!(a.nps, 0.0);
        // 1.96 × 100 × sqrt(0.5 / 3) = 80.02.
        assert_eq!((round2(a.ci95.low), round2(a.ci95.high)), (-80.02, 80.02));
    }

    #[test]
    fn a_bound_past_100_is_clamped() {
        // 2 promoters of 2: NPS′ = 40, margin 64.41, so 104.41 unclamped.
        let a = adjusted_wald(&split(2, 0, 0));
        assert_eq!(round2(a.nps + a.margin_of_error), 104.41);
        assert_eq!(a.ci95.high, 100.0);
        let a = adjusted_wald(&split(0, 0, 2));
        assert_eq!(a.ci95.low, -100.0);
    }

    #[test]
    fn sample_sizes_for_5_and_10_points() {
        let d = split(50, 30, 20);
        assert_eq!(sample_size_for(&d, 10.0), 232);
        assert_eq!(sample_size_for(&d, 5.0), 935);
        assert_eq!(still_needed(&d, 10.0), 132);
        // Worst case with no data: about 1.96² × 100² / 5² = 1537, less the
        // 3 pseudo-responses and a little for Var′ = (n + 1.5)/(n + 3) < 1.
        assert_eq!(sample_size_for(&Distribution::default(), 5.0), 1533);
        assert_eq!(sample_size_for(&Distribution::default(), 10.0), 380);
        // Already precise enough: nothing more to collect.
        assert_eq!(still_needed(&split(5000, 3000, 2000), 5.0), 0);
        assert_eq!(sample_size_for(&d, 0.0), u64::MAX);
        assert_eq!(sample_size_for(&d, f64::NAN), u64::MAX);
        assert_eq!(sample_size_for(&d, 90.0), 0);
    }

    proptest! {
        #[test]
        fn the_interval_is_ordered_bounded_and_holds_nps_prime(
            p in 0u64..500, pa in 0u64..500, d in 0u64..500,
        ) {
            let a = adjusted_wald(&split(p, pa, d));
            prop_assert!(a.ci95.low.is_finite() && a.ci95.high.is_finite());
            prop_assert!(-100.0 <= a.ci95.low && a.ci95.low <= a.ci95.high);
            prop_assert!(a.ci95.high <= 100.0);
            prop_assert!(a.ci95.low <= a.nps && a.nps <= a.ci95.high);
        }

        #[test]
        fn more_responses_at_the_same_split_never_widen_it(
            p in 0u64..300, pa in 0u64..300, d in 0u64..300, k in 1u64..50,
        ) {
            let one = adjusted_wald(&split(p, pa, d));
            let many = adjusted_wald(&split(k * p, k * pa, k * d));
            let width = |a: &Adjusted| a.ci95.high - a.ci95.low;
            prop_assert!(many.margin_of_error <= one.margin_of_error + 1e-9);
            prop_assert!(width(&many) <= width(&one) + 1e-9);
        }

        #[test]
        fn the_sample_size_is_the_smallest_that_reaches_the_margin(
            p in 0u64..300, pa in 0u64..300, d in 0u64..300, margin in 1.0f64..30.0,
        ) {
            let dist = split(p, pa, d);
            let needed = sample_size_for(&dist, margin);
            let n = dist.total();
            if n > 0 {
                // Scaling the data to at least `needed` reaches the margin.
                let k = needed.div_ceil(n).max(1);
                let scaled = adjusted_wald(&split(k * p, k * pa, k * d));
                prop_assert!(scaled.margin_of_error <= margin + 1e-9);
                // And one response fewer, at the same shares, does not
                // (margins of 1 to 30 points always need some responses).
                let m = (needed - 1) as f64;
                let share = |c: u64| c as f64 / n as f64;
                let se = adjusted_fraction(share(p) * m, share(d) * m, m).1;
                prop_assert!(100.0 * Z95 * se > margin);
            }
            prop_assert!(still_needed(&dist, margin) == needed.saturating_sub(n));
        }
    }
}
