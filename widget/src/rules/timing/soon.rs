//! Whether a `track` that did not prompt says the prompt may come on this
//! page: the widget then prefetches the prompt's UI at idle priority, so a
//! user inside a cooldown (or opted out, outside the sample, excluded)
//! never downloads it, and one about to be asked gets it without waiting.

use nps_protocol::WidgetConfig;

use super::history::slot;
use super::{decide, Decision, History, Page, Trigger, User};

/// Whether `track(event)` would open the prompt at `now_ms` once each of
/// its moments has been tracked `min_count` times: every other rule (the
/// clocks, sampling, traits, quiet periods, the opt-out) already allows
/// it, and only more occurrences are missing. `history` includes this
/// occurrence, as for [`decide`].
pub fn prompts_when_counted(
    config: &WidgetConfig,
    history: &History,
    user: &User,
    page: Page,
    event: &str,
    now_ms: f64,
) -> bool {
    let mut counted = history.clone();
    for m in config.moments.iter().filter(|m| m.event == event) {
        let count = &mut slot(&mut counted.moments, event).count;
        *count = (*count).max(m.min_count.unwrap_or(0));
    }
    let trigger = Trigger::Track(event);
    matches!(
        decide(config, &counted, user, page, trigger, now_ms),
        Decision::Prompt { .. }
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use nps_protocol::WidgetConfig;

    use super::super::tests::{config, days, shown_then, T0};
    use super::*;
    use crate::rules::timing::Outcome;

    fn three_times() -> WidgetConfig {
        let mut c = config();
        c.moments[0].min_count = Some(3);
        c
    }

    fn soon(c: &WidgetConfig, h: &History, now: f64) -> bool {
        let mut h = h.clone();
        h.record_occurrence("checkout", now);
        prompts_when_counted(c, &h, &User::default(), Page::default(), "checkout", now)
    }

    #[test]
    fn a_first_occurrence_of_a_moment_asked_on_the_third_is_worth_a_prefetch() {
        assert!(soon(&three_times(), &History::default(), T0));
    }

    #[test]
    fn a_user_inside_a_cooldown_or_opted_out_never_gets_it() {
        let c = three_times();
        let declined = shown_then(Outcome::Declined, T0);
        assert!(
            !soon(&c, &declined, days(10.0)),
            "inside the 30-day decline"
        );
        assert!(soon(&c, &declined, days(31.0)), "the cooldown is over");
        let mut opted_out = History::default();
        opted_out.opt_out(T0);
        assert!(!soon(&c, &opted_out, days(400.0)), "opted out");
    }

    #[test]
    fn other_events_a_sample_of_nobody_and_a_page_already_prompted_give_nothing() {
        let c = three_times();
        let h = History::default();
        let user = User::default();
        assert!(!prompts_when_counted(
            &c,
            &h,
            &user,
            Page::default(),
            "search",
            T0
        ));
        let shown = Page {
            shown: true,
            open: false,
        };
        assert!(!prompts_when_counted(&c, &h, &user, shown, "checkout", T0));
        let mut nobody = c.clone();
        nobody.sampling_percent = 0.0;
        assert!(!soon(&nobody, &h, T0));
    }
}
