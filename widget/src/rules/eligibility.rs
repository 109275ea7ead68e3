//! Whether a `track` or `show` call may open the prompt now.
//!
//! Asking too often is the fastest way to ruin an NPS programme, so the rules
//! are strict: a tracked moment prompts only if the project configured it,
//! at most once per page view, and never within `days_after_prompt` days of
//! the last prompt this browser was *shown* (answered or not). `show()` is
//! the host app's explicit override and skips the timing rules.

use nps_protocol::WidgetConfig;

/// Milliseconds in a day; the cooldown is configured in days.
pub const DAY_MS: f64 = 86_400_000.0;

/// What asked for the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger<'a> {
    /// `nps('track', moment)`: prompt only if the rules allow it.
    Track(&'a str),
    /// `nps('show')`: prompt now, whatever the timing rules say.
    Show,
}

/// What the widget remembers that the rules depend on.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PromptState {
    /// When this browser was last shown a prompt (ms since the Unix epoch),
    /// from `localStorage`; `None` if never or if storage is unavailable.
    pub last_shown_ms: Option<f64>,
    /// Whether `track` already opened a prompt during this page view.
    pub shown_this_page: bool,
    /// Whether a prompt is on screen right now.
    pub open: bool,
}

/// The outcome of [`decide`].
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Open the prompt, remembering which moment (if any) triggered it.
    Prompt {
        /// The tracked moment; `None` for `show()`.
        moment: Option<String>,
    },
    /// Stay quiet, and why (logged to help the host app's developers).
    Skip(Reason),
}

/// Why a trigger did not open the prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A prompt is already on screen; two would be absurd.
    AlreadyOpen,
    /// The moment is not one of the project's configured moments.
    UnknownMoment,
    /// `track` already prompted during this page view.
    AlreadyShownThisPage,
    /// The last prompt was too recent.
    Cooldown {
        /// Days since the last prompt was shown (fractional; negative if the
        /// stored time is in the future, e.g. after a clock change).
        days_since: f64,
        /// Days the project asks to wait (`days_after_prompt`).
        needs: u32,
    },
}

/// Decides whether `trigger` opens the prompt at `now_ms` (ms since epoch).
pub fn decide(
    config: &WidgetConfig,
    state: &PromptState,
    trigger: Trigger<'_>,
    now_ms: f64,
) -> Decision {
    if state.open {
        return Decision::Skip(Reason::AlreadyOpen);
    }
    let moment = match trigger {
        Trigger::Show => return Decision::Prompt { moment: None },
        Trigger::Track(moment) => moment,
    };
    if !config.moments.iter().any(|m| m.event == moment) {
        return Decision::Skip(Reason::UnknownMoment);
    }
    if state.shown_this_page {
        return Decision::Skip(Reason::AlreadyShownThisPage);
    }
    if let Some(last) = state.last_shown_ms {
        // Compared as `now < last + wait`, not as a difference in days, so
        // that float rounding cannot let a prompt in a millisecond early. A
        // stored time in the future (clock moved back) still counts as recent:
        // the wait then ends a bounded time after it, never "never".
        if now_ms < last + cooldown_ms(config) {
            return Decision::Skip(Reason::Cooldown {
                days_since: (now_ms - last) / DAY_MS,
                needs: config.days_after_prompt,
            });
        }
    }
    Decision::Prompt {
        moment: Some(moment.to_owned()),
    }
}

/// The configured cooldown in milliseconds.
fn cooldown_ms(config: &WidgetConfig) -> f64 {
    f64::from(config.days_after_prompt) * DAY_MS
}

// Native only: proptest does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use nps_protocol::Moment;
    use proptest::prelude::*;

    use super::*;

    fn config(days: u32) -> WidgetConfig {
        WidgetConfig {
            key: "demo".into(),
            moments: vec![Moment {
                event: "checkout".into(),
                ..Moment::default()
            }],
            days_after_prompt: days,
            ..WidgetConfig::default()
        }
    }

    fn prompt(moment: &str) -> Decision {
        Decision::Prompt {
            moment: Some(moment.into()),
        }
    }

    #[test]
    fn a_configured_moment_prompts_a_fresh_browser() {
        let d = decide(
            &config(90),
            &PromptState::default(),
            Trigger::Track("checkout"),
            0.0,
        );
        assert_eq!(d, prompt("checkout"));
    }

    #[test]
    fn an_unknown_moment_never_prompts() {
        let d = decide(
            &config(90),
            &PromptState::default(),
            Trigger::Track("login"),
            0.0,
        );
        assert_eq!(d, Decision::Skip(Reason::UnknownMoment));
    }

    #[test]
    fn the_cooldown_counts_from_when_the_prompt_was_shown() {
        let state = PromptState {
            last_shown_ms: Some(1_000.0),
            ..PromptState::default()
        };
        let cases = [
            (1_000.0 + 89.9 * DAY_MS, false, "just before 90 days"),
            (1_000.0 + 90.0 * DAY_MS, true, "exactly 90 days"),
            (1_000.0 + 400.0 * DAY_MS, true, "long after"),
            (0.0, false, "clock moved back"),
        ];
        for (now, prompts, case) in cases {
            let d = decide(&config(90), &state, Trigger::Track("checkout"), now);
            assert_eq!(
                matches!(d, Decision::Prompt { .. }),
                prompts,
                "{case}: {d:?}"
            );
        }
    }

    #[test]
    fn a_zero_day_cooldown_still_allows_only_one_prompt_per_page_view() {
        let state = PromptState {
            last_shown_ms: Some(0.0),
            shown_this_page: true,
            open: false,
        };
        let d = decide(&config(0), &state, Trigger::Track("checkout"), 0.0);
        assert_eq!(d, Decision::Skip(Reason::AlreadyShownThisPage));
        let next_page = PromptState {
            shown_this_page: false,
            ..state
        };
        let d = decide(&config(0), &next_page, Trigger::Track("checkout"), 0.0);
        assert_eq!(d, prompt("checkout"));
    }

    #[test]
    fn show_ignores_moments_cooldown_and_page_views_but_not_an_open_prompt() {
        let state = PromptState {
            last_shown_ms: Some(0.0),
            shown_this_page: true,
            open: false,
        };
        let d = decide(&config(90), &state, Trigger::Show, 1.0);
        assert_eq!(d, Decision::Prompt { moment: None });
        let open = PromptState {
            open: true,
            ..state
        };
        assert_eq!(
            decide(&config(90), &open, Trigger::Show, 1.0),
            Decision::Skip(Reason::AlreadyOpen)
        );
    }

    proptest! {
        /// Whatever the timing of the tracked moments, across any number of
        /// page views, two prompts are never closer than the cooldown.
        #[test]
        fn prompts_are_never_closer_than_the_cooldown(
            days in 0u32..400,
            gaps in prop::collection::vec(0.0f64..200.0 * DAY_MS, 1..60),
            same_page in prop::collection::vec(any::<bool>(), 60),
        ) {
            let config = config(days);
            let mut state = PromptState::default();
            let mut now = 1.7e12;
            let mut shown = Vec::new();
            for (gap, same) in gaps.iter().zip(&same_page) {
                now += gap;
                if !same {
                    state.shown_this_page = false;
                }
                if let Decision::Prompt { .. } = decide(&config, &state, Trigger::Track("checkout"), now) {
                    shown.push(now);
                    state.last_shown_ms = Some(now);
                    state.shown_this_page = true;
                }
            }
            for pair in shown.windows(2) {
                prop_assert!(pair[1] >= pair[0] + f64::from(days) * DAY_MS);
            }
        }

        /// A configured moment on a fresh page always prompts once the
        /// cooldown has passed: the rules never lock a browser out for good.
        #[test]
        fn the_cooldown_always_ends(days in 0u32..400, last in 0.0f64..2e12) {
            let state = PromptState { last_shown_ms: Some(last), ..PromptState::default() };
            let now = last + f64::from(days) * DAY_MS;
            let d = decide(&config(days), &state, Trigger::Track("checkout"), now);
            prop_assert_eq!(d, prompt("checkout"));
        }
    }
}
