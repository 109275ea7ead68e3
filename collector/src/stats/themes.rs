//! What a theme (or a segment) does to the score, pure: its impact on the
//! period's NPS, its share of the commented answers, whether that share is
//! rising, and the scaling of counts read from a sample.

use super::{one_decimal, two_sided_p_value, Distribution};

/// Fewest answers in the theme now for it to be called emerging.
pub const EMERGING_MIN: u64 = 5;

/// The NPS in points, unrounded; `None` with no answers.
fn nps(d: &Distribution) -> Option<f64> {
    let n = d.total();
    (n > 0).then(|| 100.0 * (d.promoters() as f64 - d.detractors() as f64) / n as f64)
}

/// The answers of `all` that are not in `part` (counts never below 0).
pub fn outside(all: &Distribution, part: &Distribution) -> Distribution {
    let mut d = *all;
    for (slot, n) in d.0.iter_mut().zip(part.0) {
        *slot = slot.saturating_sub(n);
    }
    d
}

/// Points the group brings to the period's score: the period's NPS minus
/// the NPS of its answers outside the group, one decimal; `None` when
/// either side has no answers.
pub fn impact(period: &Distribution, group: &Distribution) -> Option<f64> {
    let rest = outside(period, group);
    Some(one_decimal(nps(period)? - nps(&rest)?))
}

/// `part / whole`, four decimals; 0 for an empty whole.
pub fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0
}

/// Whether `now` of `now_n` is a significantly larger share than `before`
/// of `before_n` (two-proportion z-test, pooled, two-sided 95%), with at
/// least [`EMERGING_MIN`] answers now and answers on both sides.
pub fn emerging(now: u64, now_n: u64, before: u64, before_n: u64) -> bool {
    if now < EMERGING_MIN || now_n == 0 || before_n == 0 {
        return false;
    }
    let (p1, p0) = (now as f64 / now_n as f64, before as f64 / before_n as f64);
    let pooled = (now + before) as f64 / (now_n + before_n) as f64;
    let se = (pooled * (1.0 - pooled) * (1.0 / now_n as f64 + 1.0 / before_n as f64)).sqrt();
    se > 0.0 && p1 > p0 && two_sided_p_value((p1 - p0) / se) < 0.05
}

/// Counts read from a sample, scaled to the whole: each score's count
/// times `whole / sampled`, rounded.
pub fn scaled(d: &Distribution, whole: u64, sampled: u64) -> Distribution {
    if sampled == 0 || whole == sampled {
        return *d;
    }
    let f = whole as f64 / sampled as f64;
    Distribution(d.0.map(|n| (n as f64 * f).round() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(promoters: u64, passives: u64, detractors: u64) -> Distribution {
        Distribution([detractors, 0, 0, 0, 0, 0, 0, passives, 0, 0, promoters])
    }

    #[test]
    fn impact_is_the_period_minus_the_rest_by_hand() {
        // Period: 50 P, 30 N, 20 D → +30. Theme: 0 P, 5 N, 15 D.
        // Rest: 50 P, 25 N, 5 D (80) → 56.25. Impact 30 − 56.25 = −26.25.
        let period = split(50, 30, 20);
        let theme = split(0, 5, 15);
        assert_eq!(outside(&period, &theme), split(50, 25, 5));
        assert_eq!(impact(&period, &theme), Some(-26.3));
        // A theme of promoters helps: rest 30 P, 30 N, 20 D → 12.5.
        assert_eq!(impact(&period, &split(20, 0, 0)), Some(17.5));
        assert_eq!(impact(&period, &period), None, "nothing outside");
    }

    #[test]
    fn shares_are_fractions_to_four_decimals() {
        assert_eq!(share(35, 97), 0.3608);
        assert_eq!(share(1, 3), 0.3333);
        assert_eq!(share(5, 0), 0.0);
    }

    #[test]
    fn emerging_needs_a_significant_rise_and_a_minimum_count() {
        // 30/100 against 10/100: z ≈ 3.54.
        assert!(emerging(30, 100, 10, 100));
        assert!(!emerging(10, 100, 30, 100), "a fall is not emerging");
        // 12/100 against 10/100: not significant.
        assert!(!emerging(12, 100, 10, 100));
        // 4/10 against 0/100 is a big rise but under the minimum count.
        assert!(!emerging(4, 10, 0, 100));
        assert!(emerging(5, 10, 0, 100));
        assert!(!emerging(5, 10, 0, 0), "no previous answers");
    }

    #[test]
    fn sampled_counts_scale_to_the_whole() {
        let d = split(10, 5, 3);
        assert_eq!(scaled(&d, 100, 50), split(20, 10, 6));
        assert_eq!(scaled(&d, 50, 50), d);
    }
}
