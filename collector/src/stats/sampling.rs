//! Sampling to a precision, pure: when a month's answers, taken in the
//! order they arrived, brought the margin to the target, and how many
//! prompts the pause since then has saved.

use super::{precise_enough, Distribution};

const HOUR_MS: f64 = 3_600_000.0;

/// A month's answers against a target margin.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Walk {
    /// All the answers.
    pub distribution: Distribution,
    /// The instant (Unix ms) of the answer that brought the margin to the
    /// target, if it is there now. Should the margin have risen above it
    /// again later (a pause lifts then), the answer that brought it back:
    /// the start of the pause in force.
    pub since: Option<i64>,
}

/// Walks `answers` (Unix ms and score, oldest first).
pub fn walk(answers: impl IntoIterator<Item = (i64, u8)>, target_margin: f64) -> Walk {
    let mut w = Walk::default();
    for (at, score) in answers {
        w.distribution.0[usize::from(score.min(10))] += 1;
        if !precise_enough(&w.distribution, target_margin) {
            w.since = None;
        } else if w.since.is_none() {
            w.since = Some(at);
        }
    }
    w
}

/// An estimate of the prompts a pause saved: the rate of `shown` events
/// per hour from `month_start` to the pause (`since`), times the hours
/// paused until `now` (all Unix ms). No time before the pause, no rate: 0.
pub fn prompts_saved(shown_before: u64, month_start: i64, since: i64, now: i64) -> u64 {
    let before = (since - month_start) as f64 / HOUR_MS;
    let paused = (now - since).max(0) as f64 / HOUR_MS;
    if before <= 0.0 {
        return 0;
    }
    (shown_before as f64 / before * paused).round() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tenth_promoter_reaches_30_points_and_is_the_pause_start() {
        // Nine promoters: a margin of 31.6 points; ten: 29.4.
        let answers = (1..=12).map(|i| (i * 1000, 10));
        let w = walk(answers, 30.0);
        assert_eq!(w.since, Some(10_000));
        assert_eq!(w.distribution.total(), 12);
    }

    #[test]
    fn a_margin_that_rises_again_moves_the_pause_start_or_lifts_it() {
        let mut answers: Vec<(i64, u8)> = (1..=10).map(|i| (i, 10)).collect();
        answers.push((11, 0));
        assert_eq!(walk(answers.clone(), 30.0).since, None, "one detractor");
        answers.extend((12..=40).map(|i| (i, 10)));
        let w = walk(answers, 30.0);
        assert!(w.since.is_some_and(|s| s > 11), "{w:?}");
    }

    #[test]
    fn saved_prompts_are_the_rate_before_times_the_hours_after() {
        let h = HOUR_MS as i64;
        // 48 shown in 24 hours: 2 an hour, paused 10 hours: 20.
        assert_eq!(prompts_saved(48, 0, 24 * h, 34 * h), 20);
        assert_eq!(prompts_saved(48, 0, 0, 34 * h), 0, "no time before");
        assert_eq!(prompts_saved(0, 0, 24 * h, 34 * h), 0, "nothing shown");
        // 7 in 3 hours for 2 hours: 4.67, rounded.
        assert_eq!(prompts_saved(7, 0, 3 * h, 5 * h), 5);
    }
}
