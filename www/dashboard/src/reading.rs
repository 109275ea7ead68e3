//! How a score reads in words when its number alone would mislead: a
//! provisional score (fewer than 30 answers, or a margin wider than ±20
//! points; the collector decides and says so with `provisional`) reads
//! interval first, as the collector's own `reading_en`/`reading_fr` do.

use nps_protocol::admin::Score;

use crate::i18n::{Lang, Prose};

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

/// One score in words, to follow a label: interval first when provisional
/// ("4 answers: too few to estimate; between −60 and +90"), the number
/// first otherwise.
pub(crate) fn score(lang: Lang, s: &Score) -> String {
    // Sentences in English or French only; counts in the same language.
    let lang = lang.prose_lang();
    let (Some(nps), Some(ci)) = (s.nps, s.ci95) else {
        return match lang.prose() {
            Prose::En => "no answers".to_owned(),
            Prose::Fr => "aucune réponse".to_owned(),
        };
    };
    let (low, high, n) = (points(ci.low), points(ci.high), s.responses);
    let answers = answers(lang, n);
    match (lang.prose(), s.provisional) {
        (Prose::En, true) => format!("{answers}: too few to estimate; between {low} and {high}"),
        (Prose::Fr, true) => format!("{answers} : trop peu pour estimer ; entre {low} et {high}"),
        (Prose::En, false) => format!("{} (between {low} and {high}; {answers})", points(nps)),
        (Prose::Fr, false) => format!("{} (entre {low} et {high} ; {answers})", points(nps)),
    }
}

fn answers(lang: Lang, n: u64) -> String {
    // Sentences in English or French only; counts in the same language.
    let lang = lang.prose_lang();
    match (lang.prose(), n) {
        (Prose::En, 1) => "1 answer".to_owned(),
        (Prose::En, n) => format!("{n} answers"),
        (Prose::Fr, 0 | 1) => format!("{n} réponse"),
        (Prose::Fr, n) => format!("{n} réponses"),
    }
}

/// The two sides of the change figure in words, when either is
/// provisional (a difference between two uncertain scores is not news):
/// `None` when both read as numbers.
pub(crate) fn compare_sides(lang: Lang, this: &Score, before: &Score) -> Option<[String; 2]> {
    // Sentences in English or French only; counts in the same language.
    let lang = lang.prose_lang();
    if !this.provisional && !before.provisional {
        return None;
    }
    let (a, b) = (score(lang, this), score(lang, before));
    Some(match lang.prose() {
        Prose::En => [
            format!("This period: {a}."),
            format!("The period before: {b}."),
        ],
        Prose::Fr => [
            format!("Cette période : {a}."),
            format!("La période précédente : {b}."),
        ],
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
}
