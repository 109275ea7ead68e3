use nps_protocol::Idle;
use proptest::prelude::*;

use super::*;

const IDLE: Idle = Idle {
    idle_ms: 1_000,
    max_wait_ms: 10_000,
    carry: None,
};

#[test]
fn without_input_it_prompts_idle_ms_after_the_moment() {
    assert_eq!(pause(IDLE, 0.0, None, 0.0), Pause::Wait(1_000));
    assert_eq!(pause(IDLE, 0.0, None, 999.5), Pause::Wait(1));
    assert_eq!(pause(IDLE, 0.0, None, 1_000.0), Pause::Now);
}

#[test]
fn input_pushes_the_prompt_back() {
    assert_eq!(pause(IDLE, 0.0, Some(700.0), 1_000.0), Pause::Wait(700));
    // Input before the moment does not count against it.
    assert_eq!(pause(IDLE, 5_000.0, Some(4_900.0), 6_000.0), Pause::Now);
}

#[test]
fn a_pause_that_ends_after_the_deadline_does_not_count() {
    assert_eq!(pause(IDLE, 0.0, Some(9_500.0), 9_600.0), Pause::Never);
    // A timer that fires late still sees a pause that came in time.
    assert_eq!(pause(IDLE, 0.0, Some(8_000.0), 12_000.0), Pause::Now);
}

/// A page's life: input at `gaps` intervals from the moment, and the
/// timer's checks at each `Wait` it asks for (each late by `lag` ms).
fn run(idle: Idle, gaps: &[u32], lag: u32) -> Option<f64> {
    let inputs: Vec<f64> = gaps
        .iter()
        .scan(0.0, |at, gap| {
            *at += f64::from(*gap);
            Some(*at)
        })
        .collect();
    let mut now = 0.0;
    for _ in 0..10_000 {
        let last = inputs.iter().copied().rfind(|at| *at <= now);
        match pause(idle, 0.0, last, now) {
            Pause::Now => return Some(now),
            Pause::Never => return None,
            Pause::Wait(ms) => now += f64::from(ms + lag),
        }
    }
    panic!("no decision after 10,000 checks");
}

proptest! {
    /// While input keeps coming more often than `idle_ms`, no prompt; a
    /// prompt comes only after a quiet `idle_ms`, and within the wait.
    #[test]
    fn never_prompts_while_input_continues(
        idle_ms in 500u32..5_000,
        extra in 0u32..60_000,
        gaps in proptest::collection::vec(1u32..500, 0..200),
        lag in 0u32..50,
    ) {
        let idle = Idle { idle_ms, max_wait_ms: idle_ms + extra, carry: None };
        let gaps: Vec<u32> = gaps.into_iter().map(|g| g.min(idle_ms - 1)).collect();
        let last_input = gaps.iter().map(|g| f64::from(*g)).sum::<f64>();
        if let Some(at) = run(idle, &gaps, lag) {
            // Prompted: only after the input stopped, by a quiet idle_ms.
            prop_assert!(at >= last_input + f64::from(idle_ms), "prompted at {at} with input until {last_input}");
            prop_assert!(last_input + f64::from(idle_ms) <= f64::from(idle.max_wait_ms));
        } else {
            prop_assert!(last_input + f64::from(idle_ms) > f64::from(idle.max_wait_ms));
        }
    }

    /// Once it says `Now`, it keeps saying `Now` (the machine prompts on
    /// the first, and forgets the wait).
    #[test]
    fn once_paused_stays_paused(since in 0.0f64..1e6, after in 0.0f64..1e6) {
        if pause(IDLE, since, None, since + 1_000.0) == Pause::Now {
            prop_assert_eq!(pause(IDLE, since, None, since + 1_000.0 + after.min(9_000.0)), Pause::Now);
        }
    }
}
