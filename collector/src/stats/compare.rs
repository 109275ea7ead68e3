//! Comparing the NPS of two groups (two periods, plans, tenures…): is the
//! difference real or noise, and how to say so to a product team.
//!
//! The test is a two-sample z-test on the adjusted-Wald estimates, so it
//! stays defined (and finite) for small and even empty groups.

use super::{adjusted_wald, one_decimal, Distribution};

/// The outcome of comparing group A with group B.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    /// Raw NPS of A − raw NPS of B, in points, one decimal (an empty group
    /// counts as 0).
    pub difference: f64,
    /// (NPS′a − NPS′b) / sqrt(SE′a² + SE′b²), on the adjusted values.
    pub z: f64,
    /// Two-sided p-value of `z` under the standard normal, in [0, 1].
    pub p_value: f64,
    /// `p_value < 0.05`, and both groups have answers: against an empty
    /// group there is no evidence of anything.
    pub significant: bool,
    /// Both groups have at least one answer.
    pub comparable: bool,
}

/// The language of [`describe`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
}

/// The raw NPS in points, unrounded; 0 with no responses.
fn raw_nps(d: &Distribution) -> f64 {
    let n = d.total();
    if n == 0 {
        return 0.0;
    }
    100.0 * (d.promoters() as f64 - d.detractors() as f64) / n as f64
}

/// Compares A with B. Every output is finite: the adjusted standard errors
/// are never zero, even for empty groups.
pub fn compare(a: &Distribution, b: &Distribution) -> Comparison {
    let (adj_a, adj_b) = (adjusted_wald(a), adjusted_wald(b));
    let spread = adj_a.se.hypot(adj_b.se);
    let z = if spread > 0.0 {
        (adj_a.nps - adj_b.nps) / spread
    } else {
        0.0
    };
    let p_value = two_sided_p_value(z);
    let comparable = a.total() > 0 && b.total() > 0;
    Comparison {
        difference: one_decimal(raw_nps(a) - raw_nps(b)),
        z,
        p_value,
        significant: comparable && p_value < 0.05,
        comparable,
    }
}

/// P(|Z| ≥ |z|) for a standard normal Z; 1 for NaN (no evidence).
pub fn two_sided_p_value(z: f64) -> f64 {
    if z.is_nan() {
        return 1.0;
    }
    // The fit gives 1 + 3e-8 at z = 0; a probability cannot exceed 1.
    erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0)
}

/// Coefficients of the Numerical Recipes `erfcc` exponent polynomial in t,
/// lowest degree first.
const ERFCC: [f64; 10] = [
    -1.265_512_23,
    1.000_023_68,
    0.374_091_96,
    0.096_784_18,
    -0.186_288_06,
    0.278_868_07,
    -1.135_203_98,
    1.488_515_87,
    -0.822_152_23,
    0.170_872_77,
];

/// Complementary error function, Chebyshev fit of Numerical Recipes
/// (`erfcc`): relative error below 1.2e-7 everywhere, so small p-values stay
/// accurate (Abramowitz–Stegun 7.1.26 only has absolute error 1.5e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    // Horner's rule, highest degree first.
    let poly = ERFCC.iter().rev().fold(0.0, |acc, c| acc * t + c);
    let ans = t * (poly - z * z).exp();
    if x >= 0.0 {
        ans
    } else {
        2.0 - ans
    }
}

/// The comparison in a few words, e.g. "up 6 points, not significant yet" /
/// "en hausse de 6 points, pas encore significatif", or "no change" /
/// "stable" when the rounded difference is 0, or that there is nothing to
/// compare when a group has no answer (a first period, a new segment).
pub fn describe(c: &Comparison, lang: Lang) -> String {
    if !c.comparable {
        let nothing = match lang {
            Lang::En => "nothing to compare with: no answers on one side",
            Lang::Fr => "rien à comparer : aucune réponse d’un côté",
        };
        return nothing.to_owned();
    }
    let points = c.difference.abs();
    if points == 0.0 || !points.is_finite() {
        let same = match lang {
            Lang::En => "no change",
            Lang::Fr => "stable",
        };
        return same.to_owned();
    }
    let number = if points.fract() == 0.0 {
        format!("{points:.0}")
    } else {
        format!("{points:.1}")
    };
    let (up, sig) = (c.difference > 0.0, c.significant);
    let (direction, verdict, singular, number) = match lang {
        Lang::En => (
            if up { "up" } else { "down" },
            if sig {
                "significant"
            } else {
                "not significant yet"
            },
            points == 1.0,
            number,
        ),
        // French keeps the singular below 2 ("1,5 point") and writes a
        // decimal comma.
        Lang::Fr => (
            if up { "en hausse de" } else { "en baisse de" },
            if sig {
                "significatif"
            } else {
                "pas encore significatif"
            },
            points < 2.0,
            number.replace('.', ","),
        ),
    };
    let unit = if singular { "point" } else { "points" };
    format!("{direction} {number} {unit}, {verdict}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(promoters: u64, passives: u64, detractors: u64) -> Distribution {
        Distribution([detractors, 0, 0, 0, 0, 0, 0, passives, 0, 0, promoters])
    }

    #[test]
    fn worked_example_50_30_20_against_40_30_30() {
        let c = compare(&split(50, 30, 20), &split(40, 30, 30));
        assert_eq!(c.difference, 20.0);
        assert!((c.z - 1.7323).abs() < 1e-4, "z = {}", c.z);
        assert!((c.p_value - 0.0832).abs() < 1e-4, "p = {}", c.p_value);
        assert!(!c.significant);
        assert_eq!(describe(&c, Lang::En), "up 20 points, not significant yet");
        assert_eq!(
            describe(&c, Lang::Fr),
            "en hausse de 20 points, pas encore significatif"
        );
    }

    #[test]
    fn identical_groups_do_not_differ() {
        let c = compare(&split(50, 30, 20), &split(50, 30, 20));
        assert_eq!((c.difference, c.z, c.p_value), (0.0, 0.0, 1.0));
        assert_eq!(describe(&c, Lang::En), "no change");
        assert_eq!(describe(&c, Lang::Fr), "stable");
    }

    #[test]
    fn empty_groups_give_finite_non_significant_results() {
        let empty = Distribution::default();
        let c = compare(&empty, &empty);
        assert_eq!((c.difference, c.z, c.p_value), (0.0, 0.0, 1.0));
        assert!(!c.significant);
        let c = compare(&split(90, 0, 0), &empty);
        assert!(c.z.is_finite() && c.p_value.is_finite() && c.difference == 100.0);
        // 90 promoters against nothing is no evidence of a rise.
        assert!(!c.comparable && !c.significant);
        assert_eq!(
            describe(&c, Lang::En),
            "nothing to compare with: no answers on one side"
        );
        assert_eq!(
            describe(&c, Lang::Fr),
            "rien à comparer : aucune réponse d’un côté"
        );
    }

    #[test]
    fn a_large_drop_is_significant() {
        let c = compare(&split(300, 400, 300), &split(420, 400, 180));
        assert_eq!(c.difference, -24.0);
        assert!(c.significant && c.p_value < 1e-10);
        assert_eq!(describe(&c, Lang::En), "down 24 points, significant");
        assert_eq!(
            describe(&c, Lang::Fr),
            "en baisse de 24 points, significatif"
        );
    }

    #[test]
    fn wording_handles_decimals_and_singulars() {
        let c = |difference, significant| Comparison {
            difference,
            z: 0.0,
            p_value: 0.5,
            significant,
            comparable: true,
        };
        assert_eq!(
            describe(&c(1.0, false), Lang::En),
            "up 1 point, not significant yet"
        );
        assert_eq!(
            describe(&c(-6.5, true), Lang::En),
            "down 6.5 points, significant"
        );
        assert_eq!(
            describe(&c(1.5, true), Lang::Fr),
            "en hausse de 1,5 point, significatif"
        );
    }

    #[test]
    fn erfc_matches_reference_values() {
        // erfc(x) to 15 digits; relative error must stay below 1.2e-7.
        for (x, want) in [
            (0.5, 0.479_500_122_186_953_5),
            (1.0, 0.157_299_207_050_285_1),
            (2.0, 0.004_677_734_981_047_266),
            (3.0, 2.209_049_699_858_544e-5),
            (5.0, 1.537_459_794_428_035e-12),
            (-1.0, 1.842_700_792_949_715),
        ] {
            let got = erfc(x);
            assert!(((got - want) / want).abs() < 1.2e-7, "erfc({x}) = {got}");
        }
        // The 95% critical value.
        assert!((two_sided_p_value(1.959_963_985) - 0.05).abs() < 1e-8);
        assert_eq!(two_sided_p_value(f64::NAN), 1.0);
        assert_eq!(two_sided_p_value(f64::INFINITY), 0.0);
    }
}
