//! Properties of the timing rules over arbitrary histories.

use nps_protocol::{Moment, WidgetConfig};
use proptest::prelude::*;

use super::*;

/// What the user does with a prompt.
fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        Just(Outcome::Answered),
        Just(Outcome::Declined),
        Just(Outcome::Snoozed),
        Just(Outcome::Ignored),
    ]
}

fn config(floor: u32, snooze: u32, max_snoozes: u32, response: u32, decline: u32) -> WidgetConfig {
    WidgetConfig {
        key: "demo".into(),
        moments: vec![
            Moment {
                event: "checkout".into(),
                ..Moment::default()
            },
            Moment {
                event: "export".into(),
                days_after_decline: Some(decline / 2),
                ..Moment::default()
            },
        ],
        min_days_between_prompts: floor,
        days_after_snooze: snooze,
        max_snoozes,
        days_after_response: response,
        days_after_decline: decline,
        ..WidgetConfig::default()
    }
}

proptest! {
    /// Whatever the events, outcomes and gaps, across any number of page
    /// views: two prompts are never closer than the floor unless the
    /// second is a due snooze re-ask, and re-asks in a row never exceed
    /// `max_snoozes`.
    #[test]
    fn the_floor_and_the_snooze_limit_hold(
        floor in 0u32..60,
        snooze in 0u32..30,
        max_snoozes in 0u32..5,
        response in 0u32..120,
        decline in 0u32..60,
        steps in prop::collection::vec((0.0f64..40.0 * DAY_MS, any::<bool>(), any::<bool>(), outcome()), 1..80),
    ) {
        let c = config(floor, snooze, max_snoozes, response, decline);
        let user = User { anon_id: Some("anon".into()), ..User::default() };
        let mut h = History::default();
        let mut page = Page::default();
        let mut now = 1.7e12;
        let mut last: Option<f64> = None;
        let mut reasks_in_row = 0;
        for (gap, same_page, export, what) in steps {
            now += gap;
            if !same_page {
                page = Page::default();
            }
            let event = if export { "export" } else { "checkout" };
            h.record_occurrence(event, now);
            if let Decision::Prompt { moment, reason, .. } = decide(&c, &h, &user, page, Trigger::Track(event), now) {
                let reask = reason == Reason::SnoozeDue;
                if let Some(prev) = last {
                    prop_assert!(reask || now >= prev + f64::from(floor) * DAY_MS,
                        "prompt {} days after the last, floor {floor}", (now - prev) / DAY_MS);
                }
                reasks_in_row = if reask { reasks_in_row + 1 } else { 0 };
                prop_assert!(reasks_in_row <= max_snoozes, "{reasks_in_row} re-asks in a row");
                h.record_shown(moment.as_deref(), now);
                if what != Outcome::Ignored {
                    h.record_outcome(moment.as_deref(), what);
                }
                page.shown = true;
                last = Some(now);
            }
        }
    }

    /// The rules never lock a browser out for good: once the longest
    /// clock has run, a configured moment prompts again.
    #[test]
    fn the_clocks_always_end(what in outcome(), snoozes in 0u32..10, last in 0.0f64..2e12) {
        let c = config(30, 7, 3, 90, 30);
        let mut h = History::default();
        h.record_shown(Some("checkout"), last);
        h.record_outcome(Some("checkout"), what);
        h.snoozes_in_row = snoozes;
        let d = decide(&c, &h, &User::default(), Page::default(), Trigger::Track("checkout"), last + 90.0 * DAY_MS);
        prop_assert!(matches!(d, Decision::Prompt { .. }), "{:?}", d);
    }

    /// Sampling is sticky: a user's decision does not change between calls
    /// or with the time.
    #[test]
    fn sampling_is_stable_for_a_user(user in "[a-z0-9-]{1,20}", percent in 0.0f64..100.0, t in 0.0f64..2e12) {
        let c = WidgetConfig { sampling_percent: percent, ..config(30, 7, 3, 90, 30) };
        let u = User { id: Some(user), ..User::default() };
        let first = decide(&c, &History::default(), &u, Page::default(), Trigger::Track("checkout"), 0.0);
        let later = decide(&c, &History::default(), &u, Page::default(), Trigger::Track("checkout"), t);
        prop_assert_eq!(matches!(first, Decision::Prompt { .. }), matches!(later, Decision::Prompt { .. }));
    }

    /// Once a user chose "Don't ask me again", nothing prompts: no event,
    /// no `show()`, no outcome or remote history (without an opt-out of its
    /// own) merged afterwards, at any time.
    #[test]
    fn an_opt_out_stops_every_prompt_for_good(
        before in prop::collection::vec((0.0f64..40.0 * DAY_MS, outcome()), 0..10),
        after in prop::collection::vec((0.0f64..400.0 * DAY_MS, 0u8..3, outcome(), any::<bool>()), 1..60),
    ) {
        let c = config(30, 7, 3, 90, 30);
        let user = User { anon_id: Some("anon".into()), ..User::default() };
        let mut h = History::default();
        let mut now = 1.7e12;
        for (gap, what) in before {
            now += gap;
            h.record_shown(Some("checkout"), now);
            h.record_outcome(Some("checkout"), what);
        }
        h.opt_out(now);
        for (gap, trigger, what, remote) in after {
            now += gap;
            let trigger = match trigger {
                0 => Trigger::Track("checkout"),
                1 => Trigger::Track("export"),
                _ => Trigger::Show,
            };
            if let Trigger::Track(e) = trigger {
                h.record_occurrence(e, now);
            }
            let d = decide(&c, &h, &user, Page::default(), trigger, now);
            prop_assert_eq!(d, Decision::Skip(Reason::OptedOut));
            h.record_outcome(None, what);
            if remote {
                h.merge_remote(&RemoteHistory { shown: Some(now), answered: Some(now), ..RemoteHistory::default() }, now);
            }
        }
    }
}
