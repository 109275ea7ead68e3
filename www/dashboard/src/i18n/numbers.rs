//! The sentences that hold numbers, in each language: a number in the
//! language's notation, a percentage, a count of responses with its
//! plural, an interval, how many more answers would narrow it.

use super::{Lang, Prose};

impl Lang {
    /// Whether the decimal separator is a comma (`12,5`), as in every
    /// language here but English and Arabic (which keeps Western digits
    /// and the point, as `Intl.NumberFormat('ar', {numberingSystem:
    /// 'latn'})` writes them).
    fn decimal_comma(self) -> bool {
        !matches!(self, Self::En | Self::Ar)
    }

    /// A number with at most one decimal, in this language's notation
    /// (`12.5`, `12,5`); whole numbers have no decimals.
    pub(crate) fn num(self, value: f64) -> String {
        let rounded = (value * 10.0).round() / 10.0;
        let text = if rounded.fract() == 0.0 {
            format!("{rounded:.0}")
        } else {
            format!("{rounded:.1}")
        };
        // `-0` reads oddly: a tiny negative rounds to plain zero.
        let text = if text == "-0" { "0".to_owned() } else { text };
        if self.decimal_comma() {
            text.replace('.', ",")
        } else {
            text
        }
    }

    /// A share of 0–1 as a whole percentage (`42%`, `42 %`).
    pub(crate) fn percent(self, share: f64) -> String {
        let n = (share * 100.0).round();
        // As `Intl.NumberFormat(lang, {style: 'percent'})` writes them:
        // a no-break space before `%` in French, German and Spanish.
        match self {
            Self::Fr | Self::De | Self::Es => format!("{n:.0}\u{a0}%"),
            _ => format!("{n:.0}%"),
        }
    }

    /// "1 response", "12 responses".
    pub(crate) fn responses(self, n: u64) -> String {
        // French counts 0 as singular; the others only 1. Arabic has a
        // dual and a plural for 3–10 (counted on the last two digits).
        match (self, n) {
            (Self::Fr, 0 | 1) => format!("{n} réponse"),
            (Self::Fr, n) => format!("{n} réponses"),
            (Self::De, 1) => "1 Antwort".to_owned(),
            (Self::De, n) => format!("{n} Antworten"),
            (Self::Es, 1) => "1 respuesta".to_owned(),
            (Self::Es, n) => format!("{n} respuestas"),
            (Self::It, 1) => "1 risposta".to_owned(),
            (Self::It, n) => format!("{n} risposte"),
            (Self::Pt, 1) => "1 resposta".to_owned(),
            (Self::Pt, n) => format!("{n} respostas"),
            (Self::Nl, 1) => "1 antwoord".to_owned(),
            (Self::Nl, n) => format!("{n} antwoorden"),
            (Self::Ar, 1) => "إجابة واحدة".to_owned(),
            (Self::Ar, 2) => "إجابتان".to_owned(),
            (Self::Ar, n) if (3..=10).contains(&(n % 100)) => format!("{n} إجابات"),
            (Self::Ar, n) => format!("{n} إجابة"),
            (Self::En, 1) => "1 response".to_owned(),
            (Self::En, n) => format!("{n} responses"),
        }
    }

    /// "95% interval: 12 to 38".
    pub(crate) fn interval(self, low: f64, high: f64) -> String {
        let (low, high) = (self.num(low), self.num(high));
        match self.prose() {
            Prose::En => format!("95% interval: {low} to {high}"),
            Prose::Fr => format!("Intervalle à 95\u{a0}% : de {low} à {high}"),
        }
    }

    /// How many more answers would narrow the interval.
    pub(crate) fn needed(self, for_5: u64, for_10: u64) -> String {
        match self.prose() {
            Prose::En => {
                format!("About {for_10} more answers for a margin of ±10 points, {for_5} for ±5.")
            }
            Prose::Fr => format!(
                "Environ {for_10} réponses de plus pour une marge de ±10 points, {for_5} pour ±5."
            ),
        }
    }

    /// Accessible name of a tag's remove button.
    pub(crate) fn remove_tag(self, tag: &str) -> String {
        match self.prose() {
            Prose::En => format!("Remove tag {tag}"),
            Prose::Fr => format!("Retirer l’étiquette {tag}"),
        }
    }
}
