//! How a score reads in words when its number alone would mislead: a
//! provisional score (fewer than 30 answers, or a margin wider than ±20
//! points; the collector decides and says so with `provisional`) reads
//! interval first, as the collector's own `reading_en`/`reading_fr` do.

use nps_protocol::admin::Score;

use crate::i18n::Lang;

/// A whole number of points with its sign and a real minus (`+98`,
/// `−48`, `0`), as the collector writes its readings.
pub(crate) fn points(x: f64) -> String {
    let rounded = x.round();
    if rounded > 0.0 {
        format!("+{rounded:.0}")
    } else if rounded < 0.0 {
        format!("\u{2212}{:.0}", -rounded)
    } else {
        "0".to_owned()
    }
}

/// [`points`] kept whole in a right-to-left sentence: in Arabic the sign
/// would otherwise be laid out after the digits.
fn signed(lang: Lang, x: f64) -> String {
    lang.ltr(&points(x))
}

/// One score in words, to follow a label: interval first when provisional
/// ("4 answers: too few to estimate; between −60 and +90"), the number
/// first otherwise.
pub(crate) fn score(lang: Lang, s: &Score) -> String {
    let (Some(nps), Some(ci)) = (s.nps, s.ci95) else {
        return match lang {
            Lang::En => "no answers",
            Lang::Fr => "aucune réponse",
            Lang::De => "keine Antworten",
            Lang::Es => "sin respuestas",
            Lang::It => "nessuna risposta",
            Lang::Pt => "sem respostas",
            Lang::Nl => "geen antwoorden",
            Lang::Ar => "لا توجد إجابات",
        }
        .to_owned();
    };
    let (low, high) = (signed(lang, ci.low), signed(lang, ci.high));
    let n = answers(lang, s.responses);
    if s.provisional {
        return match lang {
            Lang::En => format!("{n}: too few to estimate; between {low} and {high}"),
            Lang::Fr => format!("{n} : trop peu pour estimer ; entre {low} et {high}"),
            Lang::De => format!("{n}: zu wenige für eine Schätzung; zwischen {low} und {high}"),
            Lang::Es => format!("{n}: muy pocas para estimar; entre {low} y {high}"),
            Lang::It => format!("{n}: troppo poche per una stima; tra {low} e {high}"),
            Lang::Pt => format!("{n}: poucas para estimar; entre {low} e {high}"),
            Lang::Nl => format!("{n}: te weinig voor een schatting; tussen {low} en {high}"),
            Lang::Ar => format!("{n}: أقل من أن تسمح بالتقدير؛ بين {low} و{high}"),
        };
    }
    let nps = signed(lang, nps);
    match lang {
        Lang::En => format!("{nps} (between {low} and {high}; {n})"),
        Lang::Fr => format!("{nps} (entre {low} et {high} ; {n})"),
        Lang::De => format!("{nps} (zwischen {low} und {high}; {n})"),
        Lang::Es => format!("{nps} (entre {low} y {high}; {n})"),
        Lang::It => format!("{nps} (tra {low} e {high}; {n})"),
        Lang::Pt => format!("{nps} (entre {low} e {high}; {n})"),
        Lang::Nl => format!("{nps} (tussen {low} en {high}; {n})"),
        Lang::Ar => format!("{nps} (بين {low} و{high}؛ {n})"),
    }
}

/// "1 answer", "12 answers": English says answers here, as the
/// collector's readings do; the other languages count as everywhere.
fn answers(lang: Lang, n: u64) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 answer".to_owned(),
        (Lang::En, n) => format!("{n} answers"),
        (lang, n) => lang.responses(n),
    }
}

/// The two sides of the change figure in words, when either is
/// provisional (a difference between two uncertain scores is not news):
/// `None` when both read as numbers.
pub(crate) fn compare_sides(lang: Lang, this: &Score, before: &Score) -> Option<[String; 2]> {
    if !this.provisional && !before.provisional {
        return None;
    }
    let (a, b) = (score(lang, this), score(lang, before));
    Some(match lang {
        Lang::En => [
            format!("This period: {a}."),
            format!("The period before: {b}."),
        ],
        Lang::Fr => [
            format!("Cette période : {a}."),
            format!("La période précédente : {b}."),
        ],
        Lang::De => [
            format!("Dieser Zeitraum: {a}."),
            format!("Voriger Zeitraum: {b}."),
        ],
        Lang::Es => [
            format!("Este periodo: {a}."),
            format!("El periodo anterior: {b}."),
        ],
        Lang::It => [
            format!("Questo periodo: {a}."),
            format!("Il periodo precedente: {b}."),
        ],
        Lang::Pt => [
            format!("Este período: {a}."),
            format!("O período anterior: {b}."),
        ],
        Lang::Nl => [
            format!("Deze periode: {a}."),
            format!("De vorige periode: {b}."),
        ],
        Lang::Ar => [format!("هذه الفترة: {a}."), format!("الفترة السابقة: {b}.")],
    })
}

#[cfg(test)]
mod tests {
    use nps_protocol::admin::Interval;

    use super::*;

    fn s(nps: f64, low: f64, high: f64, responses: u64, provisional: bool) -> Score {
        Score {
            nps: Some(nps),
            ci95: Some(Interval { low, high }),
            margin_of_error: Some((high - low) / 2.0),
            responses,
            provisional,
        }
    }

    #[test]
    fn points_carry_their_sign_and_a_real_minus() {
        assert_eq!(points(97.6), "+98");
        assert_eq!(points(-48.4), "\u{2212}48");
        assert_eq!(points(-0.4), "0");
    }

    #[test]
    fn a_provisional_score_reads_interval_first_without_its_number() {
        let one = s(100.0, -48.4, 97.6, 1, true);
        let en = score(Lang::En, &one);
        assert_eq!(
            en,
            "1 answer: too few to estimate; between \u{2212}48 and +98"
        );
        assert!(!en.contains("100"), "{en}");
        assert_eq!(
            score(Lang::Fr, &one),
            "1 réponse : trop peu pour estimer ; entre \u{2212}48 et +98"
        );
    }

    #[test]
    fn a_firm_score_reads_number_first() {
        let firm = s(42.0, 35.0, 49.0, 400, false);
        assert_eq!(
            score(Lang::En, &firm),
            "+42 (between +35 and +49; 400 answers)"
        );
        let none = Score {
            nps: None,
            ci95: None,
            margin_of_error: None,
            responses: 0,
            provisional: true,
        };
        assert_eq!(score(Lang::En, &none), "no answers");
    }

    #[test]
    fn the_change_figure_spells_out_its_sides_only_when_one_is_provisional() {
        let firm = s(42.0, 35.0, 49.0, 400, false);
        let few = s(50.0, -10.0, 90.0, 4, true);
        assert_eq!(compare_sides(Lang::En, &firm, &firm), None);
        let [a, b] = compare_sides(Lang::En, &few, &firm).unwrap();
        assert_eq!(
            a,
            "This period: 4 answers: too few to estimate; between \u{2212}10 and +90."
        );
        assert!(b.starts_with("The period before: +42"), "{b}");
        let [a, _] = compare_sides(Lang::Fr, &few, &firm).unwrap();
        assert!(
            a.starts_with("Cette période : 4 réponses : trop peu"),
            "{a}"
        );
    }

    #[test]
    fn every_language_reads_a_score_in_its_own_words() {
        let one = s(100.0, -48.4, 97.6, 1, true);
        assert_eq!(
            score(Lang::De, &one),
            "1 Antwort: zu wenige für eine Schätzung; zwischen \u{2212}48 und +98"
        );
        assert_eq!(
            score(Lang::Ar, &one),
            "إجابة واحدة: أقل من أن تسمح بالتقدير؛ بين \u{2066}\u{2212}48\u{2069} و\u{2066}+98\u{2069}"
        );
        let firm = s(42.0, 35.0, 49.0, 400, false);
        for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            for x in [&one, &firm] {
                assert_ne!(score(lang, x), score(Lang::En, x), "{lang:?}");
                assert!(score(lang, x).contains("98") || score(lang, x).contains("42"));
            }
            let [a, b] = compare_sides(lang, &one, &firm).unwrap();
            let [ea, eb] = compare_sides(Lang::En, &one, &firm).unwrap();
            assert!(a != ea && b != eb, "{lang:?}");
        }
    }
}
