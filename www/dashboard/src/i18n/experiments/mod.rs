//! The words of the Experiments page (a moment's variants side by side,
//! each against the control), in every language: a table of their own (in
//! [`tables`]), and the sentences with numbers.

mod tables;

use super::Lang;

/// Fixed texts of the Experiments page in one language.
#[derive(Debug)]
pub(crate) struct ExperimentTexts {
    pub(crate) intro: &'static str,
    pub(crate) how_to: &'static str,
    pub(crate) no_moments: &'static str,
    pub(crate) experiment: &'static str,
    pub(crate) no_experiment: &'static str,
    pub(crate) started: &'static str,
    pub(crate) ended: &'static str,
    pub(crate) running: &'static str,
    pub(crate) not_set: &'static str,
    pub(crate) winner: &'static str,
    pub(crate) variants: &'static str,
    pub(crate) variant: &'static str,
    pub(crate) control: &'static str,
    pub(crate) shown: &'static str,
    pub(crate) answered: &'static str,
    pub(crate) response_rate: &'static str,
    pub(crate) comment_rate: &'static str,
    pub(crate) nps_interval: &'static str,
    pub(crate) rate_difference: &'static str,
    pub(crate) nps_difference: &'static str,
    pub(crate) verdict: &'static str,
    pub(crate) better: &'static str,
    pub(crate) worse: &'static str,
    pub(crate) no_difference: &'static str,
    pub(crate) previews: &'static str,
    pub(crate) preview_of: &'static str,
}

impl Lang {
    /// The Experiments page's texts.
    pub(crate) fn xp(self) -> &'static ExperimentTexts {
        self.pick([
            &tables::EN,
            &tables::FR,
            &tables::DE,
            &tables::ES,
            &tables::IT,
            &tables::PT,
            &tables::NL,
            &tables::AR,
        ])
    }

    /// "About 1,565 impressions per variant are needed to detect a
    /// 5-point difference in response rate."
    pub(crate) fn impressions_needed(self, impressions: u64, points: u32) -> String {
        let n = impressions;
        match self {
            Self::En => format!(
                "About {n} impressions per variant are needed to detect a {points}-point difference in response rate."
            ),
            Self::Fr => format!(
                "Il faut environ {n} impressions par variante pour détecter une différence de {points} points du taux de réponse."
            ),
            Self::De => format!(
                "Etwa {n} Einblendungen pro Variante sind nötig, um einen Unterschied von {points} Punkten in der Antwortquote zu erkennen."
            ),
            Self::Es => format!(
                "Se necesitan unas {n} impresiones por variante para detectar una diferencia de {points} puntos en la tasa de respuesta."
            ),
            Self::It => format!(
                "Servono circa {n} visualizzazioni per variante per rilevare una differenza di {points} punti nel tasso di risposta."
            ),
            Self::Pt => format!(
                "São necessárias cerca de {n} impressões por variante para detetar uma diferença de {points} pontos na taxa de resposta."
            ),
            Self::Nl => format!(
                "Er zijn ongeveer {n} vertoningen per variant nodig om een verschil van {points} punten in het responspercentage te zien."
            ),
            Self::Ar => format!(
                "يلزم نحو {n} ظهور لكل صيغة لكشف فرق قدره {points} نقاط في معدل الإجابة."
            ),
        }
    }

    /// A p-value in this language's notation, three decimals (`p = 0,012`,
    /// `p < 0,001`).
    pub(crate) fn p_value(self, p: f64) -> String {
        let (op, shown) = if p < 0.001 { ("<", 0.001) } else { ("=", p) };
        let text = format!("{shown:.3}");
        let text = if self == Self::En || self == Self::Ar {
            text
        } else {
            text.replace('.', ",")
        };
        // No-break spaces: a narrow column wraps before the p-value, never
        // inside it.
        self.ltr(&format!("p\u{a0}{op}\u{a0}{text}"))
    }

    /// A range kept left to right and on one line (`35% – 51%`): a
    /// word joiner after the dash, after which lines may otherwise break.
    pub(crate) fn range(self, low: &str, high: &str) -> String {
        self.ltr(&format!("{low}\u{a0}–\u{2060}\u{a0}{high}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p_values_follow_the_notation_and_floor_at_a_thousandth() {
        assert_eq!(Lang::En.p_value(0.0123), "p\u{a0}=\u{a0}0.012");
        assert_eq!(Lang::Fr.p_value(0.0123), "p\u{a0}=\u{a0}0,012");
        assert_eq!(Lang::En.p_value(0.00001), "p\u{a0}<\u{a0}0.001");
        assert_eq!(Lang::De.p_value(1.0), "p\u{a0}=\u{a0}1,000");
    }

    #[test]
    fn the_sample_size_sentence_names_its_figures_in_every_language() {
        for lang in Lang::ALL {
            let s = lang.impressions_needed(1565, 5);
            assert!(s.contains("1565") && s.contains('5'), "{lang:?}: {s}");
        }
        assert_eq!(
            Lang::En.impressions_needed(1565, 5),
            "About 1565 impressions per variant are needed to detect a 5-point difference in response rate."
        );
    }
}
