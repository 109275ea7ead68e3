//! Closing the loop, measured (pure): the median of the hours detractors
//! waited for a first contact, and the recovery of the people the team
//! reached (followed up or told): their answer before being reached
//! against their next answer after, as two score histograms for the
//! usual comparison.

use std::collections::BTreeMap;

use super::Distribution;

/// The median of `values` (`None` when empty), the mean of the middle two
/// for an even count.
pub fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => values.get(n / 2).copied(),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// The answers before and after being reached, of each person reached who
/// answered again afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Recovered {
    /// People counted.
    pub people: u64,
    /// Their last answer at or before being first reached.
    pub before: Distribution,
    /// Their first answer after.
    pub after: Distribution,
}

/// From each person's answers `(person, score, ms)` and the times the team
/// reached them `(person, ms)`: for every person first reached after an
/// answer whose time `counts` accepts (the period), that answer and the
/// next one after being reached.
pub fn recovery<'a>(
    answers: impl IntoIterator<Item = (&'a str, u8, i64)>,
    reached: impl IntoIterator<Item = (&'a str, i64)>,
    counts: impl Fn(i64) -> bool,
) -> Recovered {
    let mut first: BTreeMap<&str, i64> = BTreeMap::new();
    for (person, at) in reached {
        let slot = first.entry(person).or_insert(at);
        *slot = (*slot).min(at);
    }
    let mut by_person: BTreeMap<&str, Vec<(i64, u8)>> = BTreeMap::new();
    for (person, score, at) in answers {
        by_person.entry(person).or_default().push((at, score));
    }
    let mut out = Recovered::default();
    for (person, mut list) in by_person {
        let Some(&when) = first.get(person) else {
            continue;
        };
        list.sort_unstable();
        let before = list.iter().rfind(|(at, _)| *at <= when);
        let after = list.iter().find(|(at, _)| *at > when);
        if let (Some(&(b_at, b)), Some(&(_, a))) = (before, after) {
            if counts(b_at) {
                out.people += 1;
                out.before.0[usize::from(b.min(10))] += 1;
                out.after.0[usize::from(a.min(10))] += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_takes_the_middle_or_the_mean_of_the_middle_two() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 10.0]), Some(3.0));
    }

    #[test]
    fn a_person_is_counted_with_the_answer_before_and_the_next_after_being_reached() {
        let answers = [
            ("ann", 3, 100),
            ("ann", 5, 150),
            ("ann", 9, 300),
            ("ann", 2, 400),
            ("bob", 4, 100),
            ("cid", 6, 100),
        ];
        // Ann is reached twice (the first counts), Bob never answers
        // again, Cid is never reached.
        let reached = [("ann", 200), ("ann", 350), ("bob", 200)];
        let r = recovery(answers, reached, |_| true);
        assert_eq!(r.people, 1);
        assert_eq!(
            r.before,
            Distribution::from_scores([5]),
            "the last answer before"
        );
        assert_eq!(
            r.after,
            Distribution::from_scores([9]),
            "the next answer after"
        );
    }

    #[test]
    fn only_answers_of_the_period_are_counted() {
        let r = recovery([("ann", 3, 100), ("ann", 9, 300)], [("ann", 200)], |at| {
            at >= 150
        });
        assert_eq!(r.people, 0);
    }
}
