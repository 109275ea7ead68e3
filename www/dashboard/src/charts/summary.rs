//! What each chart says, in one or two sentences: the text alternative a
//! screen reader announces before the table.

use nps_protocol::Category;

use super::summary_words::Words;
use crate::i18n::{fill, Lang};

/// "50% promoters, 30% passives, 20% detractors."
pub(crate) fn split(lang: Lang, promoters: u64, passives: u64, detractors: u64) -> String {
    let total = promoters + passives + detractors;
    if total == 0 {
        return lang.t().no_responses.to_owned();
    }
    let p = |n: u64| lang.percent(n as f64 / total as f64);
    fill(
        Words::of(lang).split,
        &[
            &p(promoters),
            &p(passives),
            &p(detractors),
            &lang.responses(total),
        ],
    )
}

/// The most frequent score and how answers lean.
pub(crate) fn distribution(lang: Lang, counts: &[u64]) -> String {
    let total: u64 = counts.iter().sum();
    let Some((top, n)) = counts
        .iter()
        .enumerate()
        .max_by_key(|(score, n)| (**n, *score))
        .filter(|_| total > 0)
    else {
        return lang.t().no_responses.to_owned();
    };
    let in_category = |c: Category| -> u64 {
        counts
            .iter()
            .enumerate()
            .filter(|(s, _)| Category::of(*s as u8) == Some(c))
            .map(|(_, n)| n)
            .sum()
    };
    let high = in_category(Category::Promoter);
    fill(
        Words::of(lang).distribution,
        &[
            &top.to_string(),
            &lang.responses(*n),
            &lang.percent(high as f64 / total as f64),
        ],
    )
}

/// One period of a trend, as its summary reads it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Period {
    /// Its first day in the project's time zone, as the reader's language
    /// writes it ("Dec 7, 2026").
    pub(crate) day: String,
    /// Its NPS; `None` without answers.
    pub(crate) nps: Option<f64>,
    /// Too uncertain to read as a number.
    pub(crate) provisional: bool,
}

/// First and last score of a series with answers (each marked when
/// provisional), lowest and highest, how many periods had none and how
/// many are provisional.
pub(crate) fn trend(lang: Lang, periods: &[Period]) -> String {
    let w = Words::of(lang);
    let with: Vec<(&Period, f64)> = periods.iter().filter_map(|p| Some((p, p.nps?))).collect();
    let (Some(first), Some(last)) = (with.first(), with.last()) else {
        return lang.t().no_trend.to_owned();
    };
    let low = with.iter().map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
    let high = with
        .iter()
        .map(|(_, v)| *v)
        .fold(f64::NEG_INFINITY, f64::max);
    let empty = periods.len() - with.len();
    let provisional = with.iter().filter(|(p, _)| p.provisional).count();
    let n = |v: f64| lang.ltr(&lang.num(v));
    // A provisional value says so where it is named.
    let marked = |(p, v): &(&Period, f64)| {
        if p.provisional {
            fill(w.provisional_value, &[&n(*v)])
        } else {
            n(*v)
        }
    };
    if with.len() == 1 && periods.len() == 1 {
        return fill(w.one_period, &[&marked(first), &first.0.day]);
    }
    let mut s = fill(
        w.periods,
        &[
            &periods.len().to_string(),
            &marked(first),
            &first.0.day,
            &marked(last),
            &last.0.day,
            &n(low),
            &n(high),
        ],
    );
    if empty > 0 {
        s.push_str(&fill(w.without_answers, &[&empty.to_string()]));
    }
    if provisional > 0 {
        s.push_str(&provisional_count(lang, provisional));
    }
    s
}

/// " 1 provisional.", in the number the language gives that count.
fn provisional_count(lang: Lang, n: usize) -> String {
    let [one, other] = Words::of(lang).provisional;
    fill(
        if lang.is_one(n as u64) { one } else { other },
        &[&n.to_string()],
    )
}

/// The highest and lowest segments (and how many are provisional).
pub(crate) fn segments(lang: Lang, rows: &[(String, Option<f64>, bool)]) -> String {
    let with: Vec<&(String, Option<f64>, bool)> = rows.iter().filter(|r| r.1.is_some()).collect();
    let best = with
        .iter()
        .max_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal));
    let worst = with
        .iter()
        .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal));
    let (Some(best), Some(worst)) = (best, worst) else {
        return lang.t().no_segments.to_owned();
    };
    let small = rows.iter().filter(|r| r.2).count();
    let n = |v: Option<f64>| lang.ltr(&lang.num(v.unwrap_or_default()));
    let mut s = fill(
        Words::of(lang).segments,
        &[
            &rows.len().to_string(),
            &best.0,
            &n(best.1),
            &worst.0,
            &n(worst.1),
        ],
    );
    s.push_str(&provisional_count(lang, small));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_reads_as_shares_of_the_total() {
        assert_eq!(
            split(Lang::En, 5, 3, 2),
            "50% promoters, 30% passives, 20% detractors, of 10 responses."
        );
        assert_eq!(split(Lang::En, 0, 0, 0), "No responses yet");
    }

    #[test]
    fn the_distribution_names_the_most_frequent_score() {
        let mut counts = vec![0; 11];
        counts[9] = 4;
        counts[3] = 4;
        counts[10] = 1;
        assert_eq!(
            distribution(Lang::En, &counts),
            "The most frequent score is 9 (4 responses). 56% of answers are 9 or 10."
        );
    }

    fn period(day: &str, nps: Option<f64>, provisional: bool) -> Period {
        Period {
            day: day.to_owned(),
            nps,
            provisional,
        }
    }

    #[test]
    fn the_trend_names_its_ends_extremes_and_gaps() {
        let periods = vec![
            period("2026-11-02", Some(10.0), false),
            period("2026-11-09", None, true),
            period("2026-11-16", Some(-5.5), false),
            period("2026-11-23", Some(30.0), false),
        ];
        let s = trend(Lang::En, &periods);
        assert!(
            s.starts_with(
                "4 periods. NPS 10 in the period of 2026-11-02, 30 in the period of 2026-11-23"
            ),
            "{s}"
        );
        assert!(
            s.ends_with("lowest -5.5, highest 30. 1 without answers."),
            "an empty period is not counted as provisional: {s}"
        );
        assert_eq!(trend(Lang::Fr, &[]), Lang::Fr.t().no_trend);
    }

    #[test]
    fn a_provisional_period_says_so_where_its_value_is_named() {
        let one = [period("2026-12-07", Some(100.0), true)];
        assert_eq!(
            trend(Lang::En, &one),
            "One period: NPS 100 (provisional) in the period of 2026-12-07."
        );
        let two = [
            period("2026-11-30", Some(20.0), false),
            period("2026-12-07", Some(100.0), true),
        ];
        let s = trend(Lang::Fr, &two);
        assert!(
            s.contains("100 (provisoire) pour celle du 2026-12-07"),
            "{s}"
        );
        assert!(s.ends_with(" 1 provisoire."), "{s}");
    }

    #[test]
    fn segments_name_the_highest_and_the_lowest() {
        let rows = vec![
            ("pro".to_owned(), Some(40.0), false),
            ("free".to_owned(), Some(-10.0), true),
        ];
        assert_eq!(
            segments(Lang::En, &rows),
            "2 segments. Highest: pro at 40; lowest: free at -10. 1 provisional."
        );
        assert!(segments(Lang::Fr, &rows).ends_with("1 provisoire."));
    }

    #[test]
    fn every_language_summarises_the_charts_in_its_own_words() {
        assert_eq!(
            split(Lang::De, 5, 3, 2),
            "50\u{a0}% Promotoren, 30\u{a0}% Passive, 20\u{a0}% Kritiker, von 10 Antworten."
        );
        let rows = vec![
            ("pro".to_owned(), Some(40.0), true),
            ("free".to_owned(), Some(-10.0), true),
        ];
        assert!(segments(Lang::Es, &rows).ends_with(" 2 provisionales."));
        assert_eq!(
            segments(Lang::Ar, &rows),
            "عدد الشرائح: 2. الأعلى: pro بقيمة \u{2066}40\u{2069}؛ الأدنى: free بقيمة \u{2066}-10\u{2069}. المؤقتة: 2."
        );
        let periods = vec![
            period("2026-11-02", Some(10.0), false),
            period("2026-11-09", None, true),
            period("2026-11-16", Some(30.0), true),
        ];
        let mut counts = vec![0; 11];
        counts[9] = 4;
        let en = [
            split(Lang::En, 5, 3, 2),
            distribution(Lang::En, &counts),
            trend(Lang::En, &periods),
            segments(Lang::En, &rows),
        ];
        for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            let mine = [
                split(lang, 5, 3, 2),
                distribution(lang, &counts),
                trend(lang, &periods),
                segments(lang, &rows),
            ];
            for (m, e) in mine.iter().zip(&en) {
                assert_ne!(m, e, "{lang:?}");
                assert!(!m.contains('{'), "{lang:?}: a placeholder left in {m}");
            }
            assert!(mine[2].contains("2026-11-16"), "{lang:?}: {}", mine[2]);
        }
    }
}
