//! The Experiments page's pure half: a variant's verdict against the
//! control, the figures of its table row in the reader's language, and
//! which question its preview shows.

use nps_protocol::admin::{VariantStats, VsControl};
use nps_protocol::Variant;

use crate::i18n::Lang;

/// What the test says of a variant against the control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Its response rate is significantly higher.
    Better,
    /// Significantly lower.
    Worse,
    /// Not (yet) beyond chance: the only honest reading before the
    /// planned sample is reached, whatever the point estimates say.
    NoDifference,
}

impl Verdict {
    /// The collector's `significant` decides; the sign of the rate
    /// difference says which way.
    pub(crate) fn of(vs: &VsControl) -> Self {
        match (vs.significant, vs.rate_difference) {
            (true, d) if d > 0.0 => Self::Better,
            (true, d) if d < 0.0 => Self::Worse,
            _ => Self::NoDifference,
        }
    }

    /// In words.
    pub(crate) fn words(self, lang: Lang) -> &'static str {
        let xp = lang.xp();
        match self {
            Self::Better => xp.better,
            Self::Worse => xp.worse,
            Self::NoDifference => xp.no_difference,
        }
    }
}

/// A variant's row, each cell as the reader sees it ("–" where the
/// collector has no figure yet).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub(crate) shown: String,
    pub(crate) answered: String,
    pub(crate) response_rate: String,
    pub(crate) comment_rate: String,
    pub(crate) nps: String,
    /// Rate and NPS differences with their p-values, and the verdict;
    /// `None` for the control.
    pub(crate) vs_control: Option<(String, String, Verdict)>,
}

const NONE: &str = "–";

impl Row {
    /// The row of `v`.
    pub(crate) fn of(lang: Lang, v: &VariantStats) -> Self {
        let rate = match (v.response_rate, &v.response_rate_ci95) {
            (Some(r), Some(i)) => format!(
                "{} ({})",
                lang.percent(r),
                lang.range(&lang.percent(i.low), &lang.percent(i.high))
            ),
            (Some(r), None) => lang.percent(r),
            _ => NONE.to_owned(),
        };
        let nps = match (v.nps, &v.ci95) {
            (Some(n), Some(i)) => format!(
                "{} ({})",
                lang.ltr(&lang.num(n)),
                lang.range(&lang.num(i.low), &lang.num(i.high))
            ),
            (Some(n), None) => lang.ltr(&lang.num(n)),
            _ => NONE.to_owned(),
        };
        Self {
            shown: v.shown.to_string(),
            answered: v.answered.to_string(),
            response_rate: rate,
            comment_rate: v.comment_rate.map_or(NONE.to_owned(), |c| lang.percent(c)),
            nps,
            vs_control: v.vs_control.as_ref().map(|vs| {
                (
                    format!(
                        "{} ({})",
                        lang.impact_points(vs.rate_difference * 100.0),
                        lang.p_value(vs.rate_p_value)
                    ),
                    format!(
                        "{} ({})",
                        lang.impact_points(vs.nps_difference),
                        lang.p_value(vs.nps_p_value)
                    ),
                    Verdict::of(vs),
                )
            }),
        }
    }
}

/// The question a variant asks in `lang` (else in English) and the
/// prompt language to preview it in; `None` when the variant keeps the
/// moment's question.
pub(crate) fn question(variant: &Variant, lang: Lang) -> Option<(String, &'static str)> {
    let texts = variant.texts.as_ref()?;
    let in_lang = |code: &str| texts.get(code).and_then(|t| t.question.clone());
    in_lang(lang.code())
        .map(|q| (q, lang.code()))
        .or_else(|| in_lang("en").map(|q| (q, "en")))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use nps_protocol::admin::Interval;
    use nps_protocol::VariantTexts;

    use super::*;

    fn vs(significant: bool, rate_difference: f64) -> VsControl {
        VsControl {
            rate_difference,
            rate_p_value: if significant { 0.01 } else { 0.3 },
            nps_difference: -4.5,
            nps_p_value: 0.62,
            significant,
        }
    }

    #[test]
    fn only_a_significant_difference_is_better_or_worse() {
        assert_eq!(Verdict::of(&vs(true, 0.08)), Verdict::Better);
        assert_eq!(Verdict::of(&vs(true, -0.08)), Verdict::Worse);
        assert_eq!(Verdict::of(&vs(false, 0.2)), Verdict::NoDifference);
        assert_eq!(
            Verdict::NoDifference.words(Lang::En),
            "no significant difference yet"
        );
        assert_eq!(Verdict::Better.words(Lang::Fr), "meilleure");
    }

    #[test]
    fn a_row_shows_the_collectors_figures_in_the_readers_notation() {
        let v = VariantStats {
            id: "short".into(),
            shown: 40,
            answered: 12,
            response_rate: Some(0.3),
            response_rate_ci95: Some(Interval {
                low: 0.181,
                high: 0.455,
            }),
            comment_rate: Some(0.25),
            nps: Some(16.7),
            ci95: Some(Interval {
                low: -20.35,
                high: 50.5,
            }),
            responses: 12,
            vs_control: Some(vs(true, 0.125)),
        };
        let en = Row::of(Lang::En, &v);
        assert_eq!(en.response_rate, "30% (18%\u{a0}–\u{2060}\u{a0}46%)");
        assert_eq!(en.comment_rate, "25%");
        assert_eq!(en.nps, "16.7 (-20.4\u{a0}–\u{2060}\u{a0}50.5)");
        let (rate, nps, verdict) = en.vs_control.unwrap();
        assert_eq!(rate, "+12.5 points (p\u{a0}=\u{a0}0.010)");
        assert_eq!(nps, "\u{2212}4.5 points (p\u{a0}=\u{a0}0.620)");
        assert_eq!(verdict, Verdict::Better);
        let fr = Row::of(Lang::Fr, &v);
        assert_eq!(
            fr.response_rate,
            "30\u{a0}% (18\u{a0}%\u{a0}–\u{2060}\u{a0}46\u{a0}%)"
        );
        assert_eq!(fr.nps, "16,7 (-20,4\u{a0}–\u{2060}\u{a0}50,5)");
    }

    #[test]
    fn a_control_without_impressions_shows_no_figures() {
        let v = VariantStats {
            id: "control".into(),
            shown: 0,
            answered: 0,
            response_rate: None,
            response_rate_ci95: None,
            comment_rate: None,
            nps: None,
            ci95: None,
            responses: 0,
            vs_control: None,
        };
        let row = Row::of(Lang::En, &v);
        assert_eq!((row.shown.as_str(), row.response_rate.as_str()), ("0", "–"));
        assert!(row.vs_control.is_none());
    }

    #[test]
    fn the_preview_asks_in_the_readers_language_else_in_english() {
        let text = |q: &str| VariantTexts {
            question: Some(q.into()),
            ..VariantTexts::default()
        };
        let variant = Variant {
            id: "b".into(),
            weight: 1.0,
            texts: Some(BTreeMap::from([
                ("en".to_owned(), text("Would you recommend us?")),
                ("fr".to_owned(), text("Nous recommanderiez-vous ?")),
            ])),
            delay_ms: None,
            position: None,
            idle: None,
        };
        assert_eq!(
            question(&variant, Lang::Fr),
            Some(("Nous recommanderiez-vous ?".to_owned(), "fr"))
        );
        assert_eq!(
            question(&variant, Lang::De),
            Some(("Would you recommend us?".to_owned(), "en"))
        );
        let plain = Variant {
            texts: None,
            ..variant
        };
        assert_eq!(question(&plain, Lang::En), None);
    }
}
