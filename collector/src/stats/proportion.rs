//! Response rates, pure: the Wilson interval of a rate, the two-proportion
//! z test between two rates, and the impressions per variant a
//! fixed-horizon test needs to detect a given difference.
//!
//! Fixed horizon: the sample is decided before looking. Stopping the first
//! time a running test dips below p = 0.05 turns a 5% false-win rate into
//! far more, since every look is another chance for noise to cross it.

use super::{two_sided_p_value, Interval};

/// z for a two-sided 95% interval (and α = 0.05, two-sided).
const Z95: f64 = 1.959_963_985;
/// z for 80% power (one-sided 0.8 quantile).
const Z80: f64 = 0.841_621_234;

/// The Wilson score 95% interval of `successes` out of `n`, as fractions
/// in [0, 1]; `None` for `n = 0`. Unlike the plain Wald interval it is
/// never zero-width at 0% or 100% and stays inside [0, 1].
pub fn wilson(successes: u64, n: u64) -> Option<Interval> {
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let p = successes.min(n as u64) as f64 / n;
    let z2 = Z95 * Z95;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = Z95 / denominator * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(Interval {
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

/// Rate B − rate A and the two-sided p-value of the pooled two-proportion
/// z test; `None` when a side has no trials. With no spread at all (both
/// 0% or both 100%) the difference is 0 and the p-value 1.
pub fn two_proportions(a: (u64, u64), b: (u64, u64)) -> Option<(f64, f64)> {
    let ((xa, na), (xb, nb)) = (a, b);
    if na == 0 || nb == 0 {
        return None;
    }
    let (xa, xb) = (xa.min(na) as f64, xb.min(nb) as f64);
    let (na, nb) = (na as f64, nb as f64);
    let difference = xb / nb - xa / na;
    let pooled = (xa + xb) / (na + nb);
    let se = (pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb)).sqrt();
    if se == 0.0 {
        return Some((difference, 1.0));
    }
    Some((difference, two_sided_p_value(difference / se)))
}

/// Impressions per group that detect a change of `points` percentage
/// points from `rate` (a fraction) at α = 0.05 two-sided with 80% power
/// (the normal approximation with the pooled variance under the null,
/// Fleiss). The change goes up unless that passes 100%.
pub fn impressions_needed(rate: f64, points: f64) -> u64 {
    let delta = points / 100.0;
    if !(rate.is_finite() && delta > 0.0 && delta < 1.0) {
        return u64::MAX;
    }
    let p1 = rate.clamp(0.0, 1.0);
    let p2 = if p1 + delta <= 1.0 {
        p1 + delta
    } else {
        p1 - delta
    };
    let mean = (p1 + p2) / 2.0;
    let null = Z95 * (2.0 * mean * (1.0 - mean)).sqrt();
    let alternative = Z80 * (p1 * (1.0 - p1) + p2 * (1.0 - p2)).sqrt();
    ((null + alternative).powi(2) / (delta * delta)).ceil() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn wilson_matches_hand_computed_intervals() {
        // 5 of 10: centre 0.5, half 1.96/1.38416·sqrt(0.025 + 0.0096) = 0.2634.
        let i = wilson(5, 10).unwrap();
        assert!(
            close(i.low, 0.2366, 1e-4) && close(i.high, 0.7634, 1e-4),
            "{i:?}"
        );
        // 0 of 10: [0, 3.8416/13.8416 = 0.2775], never zero-width.
        let i = wilson(0, 10).unwrap();
        assert!(
            close(i.low, 0.0, 1e-12) && close(i.high, 0.2775, 1e-4),
            "{i:?}"
        );
        // 20 of 100: the textbook [0.1333, 0.2888].
        let i = wilson(20, 100).unwrap();
        assert!(
            close(i.low, 0.1333, 1e-4) && close(i.high, 0.2888, 1e-4),
            "{i:?}"
        );
        assert_eq!(wilson(0, 0), None);
    }

    #[test]
    fn two_proportions_match_hand_computed_z_tests() {
        // 30/100 vs 45/100: pooled 0.375, SE sqrt(0.375·0.625·0.02) =
        // 0.068465, z = 2.1909, p = 0.02846.
        let (d, p) = two_proportions((30, 100), (45, 100)).unwrap();
        assert!(close(d, 0.15, 1e-12), "{d}");
        assert!(close(p, 0.02846, 1e-4), "{p}");
        // 50/100 vs 55/100: z = 0.7080, p = 0.4790, not significant.
        let (d, p) = two_proportions((50, 100), (55, 100)).unwrap();
        assert!(close(d, 0.05, 1e-12) && close(p, 0.4790, 1e-3), "{d} {p}");
        assert_eq!(two_proportions((0, 10), (0, 10)), Some((0.0, 1.0)));
        assert_eq!(two_proportions((1, 0), (1, 10)), None);
    }

    #[test]
    fn the_sample_size_matches_the_hand_computed_one() {
        // 20% → 25%: mean 0.225, 1.95996·sqrt(0.34875) = 1.15745,
        // 0.84162·sqrt(0.16 + 0.1875) = 0.49617; (1.65362/0.05)² =
        // 1093.8 → 1094 per group.
        assert_eq!(impressions_needed(0.20, 5.0), 1094);
        // 50% → 55% (the most demanding rate): 1565.
        assert_eq!(impressions_needed(0.50, 5.0), 1565);
        // 98% cannot go up 5 points: 98% → 93% instead.
        assert!(impressions_needed(0.98, 5.0) < impressions_needed(0.5, 5.0));
        assert_eq!(impressions_needed(0.5, 0.0), u64::MAX);
    }
}
