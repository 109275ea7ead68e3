//! The sentences that hold numbers, in each language: a number in the
//! language's notation, a percentage, a count of responses with its
//! plural, an interval, how many more answers would narrow it.

use super::Lang;

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

    /// A signed number or a range kept left to right inside an Arabic
    /// sentence (in an isolate, U+2066…U+2069): without it the bidi
    /// algorithm lays the sign out after the digits. Unchanged elsewhere.
    pub(crate) fn ltr(self, text: &str) -> String {
        if self == Self::Ar {
            format!("\u{2066}{text}\u{2069}")
        } else {
            text.to_owned()
        }
    }

    /// Whether a count takes the singular: 0 and 1 in French, only 1 in
    /// the others (Arabic's sentences place their counts where no noun
    /// agrees with them).
    pub(crate) fn is_one(self, n: u64) -> bool {
        n == 1 || (self == Self::Fr && n == 0)
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
        let (low, high) = (self.ltr(&self.num(low)), self.ltr(&self.num(high)));
        match self {
            Self::En => format!("95% interval: {low} to {high}"),
            Self::Fr => format!("Intervalle à 95\u{a0}% : de {low} à {high}"),
            Self::De => format!("95-%-Intervall: {low} bis {high}"),
            Self::Es => format!("Intervalo del 95\u{a0}%: de {low} a {high}"),
            Self::It => format!("Intervallo al 95%: da {low} a {high}"),
            Self::Pt => format!("Intervalo de 95%: de {low} a {high}"),
            Self::Nl => format!("95%-interval: {low} tot {high}"),
            Self::Ar => format!("مجال الثقة 95%: من {low} إلى {high}"),
        }
    }

    /// How many more answers would narrow the interval.
    pub(crate) fn needed(self, for_5: u64, for_10: u64) -> String {
        match self {
            Self::En => {
                format!("About {for_10} more answers for a margin of ±10 points, {for_5} for ±5.")
            }
            Self::Fr => format!(
                "Environ {for_10} réponses de plus pour une marge de ±10 points, {for_5} pour ±5."
            ),
            Self::De => format!(
                "Etwa {for_10} weitere Antworten für eine Fehlerspanne von ±10 Punkten, {for_5} für ±5."
            ),
            Self::Es => format!(
                "Unas {for_10} respuestas más para un margen de ±10 puntos, {for_5} para ±5."
            ),
            Self::It => format!(
                "Circa {for_10} risposte in più per un margine di ±10 punti, {for_5} per ±5."
            ),
            Self::Pt => format!(
                "Cerca de {for_10} respostas a mais para uma margem de ±10 pontos, {for_5} para ±5."
            ),
            Self::Nl => format!(
                "Nog ongeveer {for_10} antwoorden voor een marge van ±10 punten, {for_5} voor ±5."
            ),
            Self::Ar => format!(
                "الإجابات الإضافية اللازمة لهامش ±10 نقاط: نحو {for_10}، ولهامش ±5: نحو {for_5}."
            ),
        }
    }

    /// Accessible name of a tag's remove button.
    pub(crate) fn remove_tag(self, tag: &str) -> String {
        match self {
            Self::En => format!("Remove tag {tag}"),
            Self::Fr => format!("Retirer l’étiquette {tag}"),
            Self::De => format!("Schlagwort {tag} entfernen"),
            Self::Es => format!("Quitar la etiqueta {tag}"),
            Self::It => format!("Rimuovi l’etichetta {tag}"),
            Self::Pt => format!("Remover a etiqueta {tag}"),
            Self::Nl => format!("Label {tag} verwijderen"),
            Self::Ar => format!("إزالة الوسم {tag}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_sentences_carry_their_numbers_in_every_language() {
        for lang in Lang::ALL {
            let interval = lang.interval(-12.5, 38.0);
            assert!(interval.contains(&lang.num(-12.5)), "{lang:?}: {interval}");
            let needed = lang.needed(480, 120);
            assert!(needed.contains("480") && needed.contains("120"), "{lang:?}");
            assert!(lang.remove_tag("billing").contains("billing"), "{lang:?}");
            if lang != Lang::En {
                assert_ne!(interval, Lang::En.interval(-12.5, 38.0), "{lang:?}");
                assert_ne!(needed, Lang::En.needed(480, 120), "{lang:?}");
            }
        }
        assert_eq!(
            Lang::De.interval(12.0, 38.46),
            "95-%-Intervall: 12 bis 38,5"
        );
        assert_eq!(
            Lang::Es.needed(480, 120),
            "Unas 120 respuestas más para un margen de ±10 puntos, 480 para ±5."
        );
    }

    #[test]
    fn arabic_keeps_a_signed_number_whole_in_its_sentence() {
        assert_eq!(
            Lang::Ar.interval(-12.0, 38.0),
            "مجال الثقة 95%: من \u{2066}-12\u{2069} إلى \u{2066}38\u{2069}"
        );
        assert_eq!(Lang::De.ltr("-12"), "-12", "only Arabic isolates");
    }

    #[test]
    fn french_alone_counts_zero_as_singular() {
        assert!(Lang::Fr.is_one(0) && Lang::Fr.is_one(1) && !Lang::Fr.is_one(2));
        for lang in [Lang::En, Lang::De, Lang::Es, Lang::It, Lang::Pt, Lang::Nl] {
            assert!(!lang.is_one(0) && lang.is_one(1), "{lang:?}");
        }
    }
}
