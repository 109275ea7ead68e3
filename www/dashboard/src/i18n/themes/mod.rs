//! The words of the Themes page, its drivers and the overview's "What
//! they talk about" card, in every language: a table of their own (in
//! [`tables`]), so the page's words stay beside each other (a missing one
//! is still a compile error), and the sentences with numbers.

mod tables;

use super::Lang;

/// Fixed texts of the themes views in one language.
#[derive(Debug)]
pub(crate) struct ThemeTexts {
    pub(crate) intro: &'static str,
    pub(crate) found_title: &'static str,
    pub(crate) none: &'static str,
    pub(crate) no_previous: &'static str,
    pub(crate) drivers_title: &'static str,
    pub(crate) drivers_intro: &'static str,
    pub(crate) hurts: &'static str,
    pub(crate) helps: &'static str,
    pub(crate) no_hurts: &'static str,
    pub(crate) no_helps: &'static str,
    pub(crate) significant: &'static str,
    pub(crate) not_significant: &'static str,
    pub(crate) small_sample: &'static str,
    pub(crate) emerging: &'static str,
    pub(crate) examples: &'static str,
    pub(crate) impact: &'static str,
    pub(crate) create_tag: &'static str,
    pub(crate) tag_name: &'static str,
    pub(crate) talk_title: &'static str,
    pub(crate) talk_none: &'static str,
    pub(crate) all_themes: &'static str,
    pub(crate) emerging_period: &'static str,
    pub(crate) theme: &'static str,
    pub(crate) words: &'static str,
    pub(crate) languages: &'static str,
}

impl Lang {
    /// The themes views' texts.
    pub(crate) fn th(self) -> &'static ThemeTexts {
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

    /// Points with a sign and one decimal (`+14.7 points`, `−45,4 Punkte`).
    pub(crate) fn impact_points(self, x: f64) -> String {
        let n = self.num(x.abs());
        let sign = if n == "0" {
            ""
        } else if x > 0.0 {
            "+"
        } else {
            "\u{2212}"
        };
        let points = match self {
            Self::En | Self::Fr => "points",
            Self::De => "Punkte",
            Self::Es => "puntos",
            Self::It => "punti",
            Self::Pt => "pontos",
            Self::Nl => "punten",
            Self::Ar => "نقطة",
        };
        format!("{} {points}", self.ltr(&format!("{sign}{n}")))
    }

    /// "35 answers, 37% of the comments".
    pub(crate) fn theme_share(self, responses: u64, share: f64) -> String {
        let (n, p) = (self.responses(responses), self.percent(share));
        match self {
            Self::En => format!("{n}, {p} of the comments"),
            Self::Fr => format!("{n}, {p} des commentaires"),
            Self::De => format!("{n}, {p} der Kommentare"),
            Self::Es => format!("{n}, el {p} de los comentarios"),
            Self::It => format!("{n}, il {p} dei commenti"),
            Self::Pt => format!("{n}, {p} dos comentários"),
            Self::Nl => format!("{n}, {p} van de opmerkingen"),
            Self::Ar => format!("{n}، {p} من التعليقات"),
        }
    }

    /// "Before: 2% of the comments (1 response)".
    pub(crate) fn before(self, responses: u64, share: f64) -> String {
        let (n, p) = (self.responses(responses), self.percent(share));
        match self {
            Self::En => format!("Period before: {p} of the comments ({n})"),
            Self::Fr => format!("Période précédente : {p} des commentaires ({n})"),
            Self::De => format!("Voriger Zeitraum: {p} der Kommentare ({n})"),
            Self::Es => format!("Periodo anterior: el {p} de los comentarios ({n})"),
            Self::It => format!("Periodo precedente: il {p} dei commenti ({n})"),
            Self::Pt => format!("Período anterior: {p} dos comentários ({n})"),
            Self::Nl => format!("Vorige periode: {p} van de opmerkingen ({n})"),
            Self::Ar => format!("الفترة السابقة: {p} من التعليقات ({n})"),
        }
    }

    /// "Found in 94 comments of 94 answers."
    pub(crate) fn found_in(self, with_comment: u64, responses: u64) -> String {
        let of = self.responses(responses);
        let n = with_comment;
        match self {
            Self::En => format!("Found in {n} comments, of {of}."),
            Self::Fr => format!("Trouvés dans {n} commentaires, sur {of}."),
            Self::De => format!("Gefunden in {n} Kommentaren, von {of}."),
            Self::Es => format!("Encontrados en {n} comentarios, de {of}."),
            Self::It => format!("Trovati in {n} commenti, su {of}."),
            Self::Pt => format!("Encontrados em {n} comentários, de {of}."),
            Self::Nl => format!("Gevonden in {n} opmerkingen, van {of}."),
            // The count after a colon: no noun has to agree with it.
            Self::Ar => format!("التعليقات التي وُجدت فيها: {n}، من أصل {of}."),
        }
    }

    /// Said when only a sample was read.
    pub(crate) fn sampled(self, size: u64) -> String {
        match self {
            Self::En => format!("Read from a sample of {size} comments spread over the period; the counts are scaled to all of them."),
            Self::Fr => format!("Lus dans un échantillon de {size} commentaires répartis sur la période ; les nombres sont ramenés à tous."),
            Self::De => format!("Aus einer Stichprobe von {size} über den Zeitraum verteilten Kommentaren gelesen; die Zahlen sind auf alle hochgerechnet."),
            Self::Es => format!("Leído en una muestra de {size} comentarios repartidos por el periodo; las cifras se extrapolan a todos."),
            Self::It => format!("Letti da un campione di {size} commenti distribuiti sul periodo; i conteggi sono riportati al totale."),
            Self::Pt => format!("Lidos numa amostra de {size} comentários distribuídos pelo período; as contagens são extrapoladas para todos."),
            Self::Nl => format!("Gelezen uit een steekproef van {size} opmerkingen verspreid over de periode; de aantallen zijn naar het geheel omgerekend."),
            Self::Ar => format!("قُرئت من عيّنة تعليقات موزعة على الفترة، حجمها {size}؛ والأعداد محسوبة بالتناسب على جميع التعليقات."),
        }
    }

    /// "«dark mode» is emerging: 2% of the comments before, 23% now."
    pub(crate) fn emerging_note(self, label: &str, before: f64, now: f64) -> String {
        let (b, n) = (self.percent(before), self.percent(now));
        match self {
            Self::En => format!("“{label}” is emerging: {b} of the comments in the period before, {n} now."),
            Self::Fr => format!("«\u{a0}{label}\u{a0}» émerge : {b} des commentaires la période précédente, {n} maintenant."),
            Self::De => format!("„{label}“ kommt auf: {b} der Kommentare im vorigen Zeitraum, jetzt {n}."),
            Self::Es => format!("«{label}» está surgiendo: el {b} de los comentarios en el periodo anterior, el {n} ahora."),
            Self::It => format!("«{label}» sta emergendo: il {b} dei commenti nel periodo precedente, il {n} ora."),
            Self::Pt => format!("«{label}» está a surgir: {b} dos comentários no período anterior, {n} agora."),
            Self::Nl => format!("‘{label}’ komt op: {b} van de opmerkingen in de vorige periode, nu {n}."),
            Self::Ar => format!("«{label}» موضوع ناشئ: {b} من التعليقات في الفترة السابقة، و{n} الآن."),
        }
    }

    /// What a theme's tag did.
    pub(crate) fn tagged(self, tag: &str, n: u64) -> String {
        match self {
            Self::En => format!("Tag {tag} created; {n} past answers tagged."),
            Self::Fr => format!("Tag {tag} créé ; {n} réponses passées taguées."),
            Self::De => {
                format!("Schlagwort {tag} angelegt; {n} frühere Antworten verschlagwortet.")
            }
            Self::Es => format!("Etiqueta {tag} creada; {n} respuestas anteriores etiquetadas."),
            Self::It => format!("Etichetta {tag} creata; {n} risposte passate etichettate."),
            Self::Pt => format!("Etiqueta {tag} criada; {n} respostas anteriores etiquetadas."),
            Self::Nl => format!("Label {tag} aangemaakt; {n} eerdere antwoorden gelabeld."),
            Self::Ar => format!("أُنشئ الوسم {tag}؛ ووُسمت {n} من الإجابات السابقة."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impact_reads_with_its_sign_in_each_notation() {
        assert_eq!(Lang::En.impact_points(-45.4), "\u{2212}45.4 points");
        assert_eq!(Lang::Fr.impact_points(14.7), "+14,7 points");
        assert_eq!(Lang::En.impact_points(-0.01), "0 points");
        assert_eq!(Lang::De.impact_points(-45.4), "\u{2212}45,4 Punkte");
        assert_eq!(Lang::Nl.impact_points(3.0), "+3 punten");
        assert_eq!(
            Lang::Ar.impact_points(14.7),
            "\u{2066}+14.7\u{2069} نقطة",
            "the sign stays before the digits in a right-to-left line"
        );
    }

    #[test]
    fn shares_read_as_whole_percentages() {
        assert_eq!(
            Lang::En.theme_share(35, 0.3723),
            "35 responses, 37% of the comments"
        );
        assert_eq!(
            Lang::Fr.theme_share(1, 0.0244),
            "1 réponse, 2\u{a0}% des commentaires"
        );
        assert_eq!(
            Lang::De.theme_share(35, 0.3723),
            "35 Antworten, 37\u{a0}% der Kommentare"
        );
        assert_eq!(Lang::Ar.theme_share(2, 0.5), "إجابتان، 50% من التعليقات");
    }

    #[test]
    fn every_sentence_of_the_themes_is_in_every_language() {
        let en = Lang::En;
        for lang in Lang::ALL.into_iter().filter(|l| *l != en) {
            let pairs = [
                (lang.before(1, 0.02), en.before(1, 0.02)),
                (lang.found_in(94, 120), en.found_in(94, 120)),
                (lang.sampled(500), en.sampled(500)),
                (
                    lang.emerging_note("dark mode", 0.02, 0.23),
                    en.emerging_note("dark mode", 0.02, 0.23),
                ),
                (lang.tagged("billing", 12), en.tagged("billing", 12)),
            ];
            for (mine, english) in pairs {
                assert_ne!(mine, english, "{lang:?}");
            }
            assert!(lang.found_in(94, 120).contains("94"), "{lang:?}");
            assert!(lang.tagged("billing", 12).contains("billing"), "{lang:?}");
        }
    }
}
