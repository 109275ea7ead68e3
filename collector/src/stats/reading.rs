//! How a score reads when it is shown: below [`MIN_ANSWERS`] answers, or
//! with a margin wider than [`MAX_MARGIN`] points, it is provisional, and
//! the interval comes first ("1 answer: too few to estimate; between −48
//! and +98"). A headline "100" beside "−48.5 to 98.5" reads as a
//! contradiction; the interval is the honest part. One rule for every
//! place a score is shown: the API, the dashboard, the digest and Slack.

use super::{Lang, NpsSummary};

/// Fewer answers than this make a score provisional.
pub const MIN_ANSWERS: u64 = 30;

/// A margin of error wider than this many points makes it provisional.
pub const MAX_MARGIN: f64 = 20.0;

/// Whether a score with this many answers and this adjusted margin is too
/// uncertain to be read as a number.
pub fn is_provisional(responses: u64, margin_of_error: Option<f64>) -> bool {
    responses < MIN_ANSWERS || margin_of_error.is_none_or(|m| m > MAX_MARGIN)
}

/// A signed whole number of points, with a real minus sign.
fn points(x: f64) -> String {
    let rounded = x.round();
    if rounded > 0.0 {
        format!("+{rounded:.0}")
    } else if rounded < 0.0 {
        format!("\u{2212}{:.0}", -rounded)
    } else {
        "0".to_owned()
    }
}

/// The score in words, interval first when it is provisional.
pub fn reading(s: &NpsSummary, lang: Lang) -> String {
    let (Some(nps), Some(ci)) = (s.nps, s.ci95) else {
        return match lang {
            Lang::En => "No answers yet".to_owned(),
            Lang::Fr => "Aucune réponse pour l'instant".to_owned(),
        };
    };
    let (low, high) = (points(ci.low), points(ci.high));
    let n = s.responses;
    if is_provisional(n, s.margin_of_error) {
        match lang {
            Lang::En => {
                let answers = if n == 1 { "answer" } else { "answers" };
                format!("{n} {answers}: too few to estimate; between {low} and {high}")
            }
            Lang::Fr => {
                let answers = if n == 1 { "réponse" } else { "réponses" };
                format!("{n} {answers} : trop peu pour estimer ; entre {low} et {high}")
            }
        }
    } else {
        let score = points(nps);
        match lang {
            Lang::En => format!("{score} (95% sure it is between {low} and {high}; {n} answers)"),
            Lang::Fr => format!("{score} (à 95 %, entre {low} et {high} ; {n} réponses)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{summarise, Distribution};

    #[test]
    fn one_promoter_reads_as_an_interval_not_as_100() {
        let s = summarise(&Distribution::from_scores([10]));
        assert!(is_provisional(s.responses, s.margin_of_error));
        let en = reading(&s, Lang::En);
        assert!(
            en.starts_with("1 answer: too few to estimate; between \u{2212}"),
            "{en}"
        );
        assert!(!en.contains("100"), "{en}");
        assert!(reading(&s, Lang::Fr).starts_with("1 réponse : trop peu pour estimer"));
    }

    #[test]
    fn thirty_answers_with_a_narrow_margin_read_as_a_score() {
        let s = summarise(&Distribution::from_scores(
            std::iter::repeat_n(10, 300).chain(std::iter::repeat_n(0, 100)),
        ));
        assert!(!is_provisional(s.responses, s.margin_of_error));
        assert!(
            reading(&s, Lang::En).starts_with("+50 (95% sure"),
            "{}",
            reading(&s, Lang::En)
        );
    }

    #[test]
    fn many_answers_with_a_wide_margin_stay_provisional() {
        // 40 answers split between 0 and 10: margin near 30 points.
        let s = summarise(&Distribution::from_scores(
            std::iter::repeat_n(10, 20).chain(std::iter::repeat_n(0, 20)),
        ));
        assert!(s.margin_of_error.unwrap() > MAX_MARGIN);
        assert!(is_provisional(s.responses, s.margin_of_error));
    }

    #[test]
    fn no_answers_say_so() {
        let s = summarise(&Distribution::default());
        assert_eq!(reading(&s, Lang::En), "No answers yet");
    }
}
