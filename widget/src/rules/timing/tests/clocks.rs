//! The clocks: outcomes, the floor, snoozes and moments' own clocks.

use super::*;

#[test]
fn each_outcome_has_its_own_clock_counted_from_when_the_prompt_was_shown() {
    let cases = [
        (Outcome::Answered, 89.9, false, "answered, before 90 days"),
        (Outcome::Answered, 90.0, true, "answered, at 90 days"),
        (Outcome::Declined, 29.9, false, "declined, before 30 days"),
        (Outcome::Declined, 30.0, true, "declined, at 30 days"),
        (Outcome::Ignored, 29.9, false, "ignored counts as declined"),
        (Outcome::Ignored, 30.0, true, "ignored, at 30 days"),
        (Outcome::Snoozed, 6.9, false, "snoozed, before 7 days"),
        (
            Outcome::Snoozed,
            7.0,
            true,
            "snoozed, at 7 days: breaks the floor",
        ),
    ];
    for (outcome, day, prompts, case) in cases {
        let d = at(&config(), &shown_then(outcome, T0), days(day));
        assert_eq!(prompted(&d), prompts, "{case}: {d:?}");
    }
}

#[test]
fn a_prompt_shown_without_any_outcome_is_treated_as_ignored() {
    let h = History {
        last_shown_ms: Some(T0),
        ..History::default()
    };
    assert!(!prompted(&at(&config(), &h, days(29.0))));
    assert!(prompted(&at(&config(), &h, days(30.0))));
}

#[test]
fn the_floor_holds_even_when_the_outcome_clocks_are_shorter() {
    let c = WidgetConfig {
        days_after_response: 5,
        days_after_decline: 1,
        min_days_between_prompts: 20,
        ..config()
    };
    for outcome in [Outcome::Answered, Outcome::Declined, Outcome::Ignored] {
        assert!(
            !prompted(&at(&c, &shown_then(outcome, T0), days(19.9))),
            "{outcome:?}"
        );
        assert!(
            prompted(&at(&c, &shown_then(outcome, T0), days(20.0))),
            "{outcome:?}"
        );
    }
}

#[test]
fn snoozes_past_the_limit_count_as_a_decline() {
    let c = config();
    let mut h = History::default();
    let mut now = T0;
    for n in 1..=3 {
        h.record_shown(Some("checkout"), now);
        h.record_outcome(Some("checkout"), Outcome::Snoozed);
        now += 7.0 * DAY_MS;
        let d = at(&c, &h, now);
        assert!(
            matches!(
                &d,
                Decision::Prompt {
                    reason: Reason::SnoozeDue,
                    ..
                }
            ),
            "re-ask {n}: {d:?}"
        );
    }
    h.record_shown(Some("checkout"), now);
    h.record_outcome(Some("checkout"), Outcome::Snoozed);
    assert!(
        !prompted(&at(&c, &h, now + 7.0 * DAY_MS)),
        "a 4th snooze is a decline"
    );
    assert!(prompted(&at(&c, &h, now + 30.0 * DAY_MS)));
}

#[test]
fn an_answer_resets_the_snooze_count() {
    let mut h = shown_then(Outcome::Snoozed, T0);
    h.record_outcome(Some("checkout"), Outcome::Answered);
    assert_eq!(h.snoozes_in_row, 0);
}

#[test]
fn a_moments_own_clocks_count_from_its_last_prompt_and_never_go_below_the_floor() {
    let c = WidgetConfig {
        moments: vec![
            Moment {
                days_after_decline: Some(60),
                ..moment("checkout")
            },
            Moment {
                days_after_decline: Some(1),
                ..moment("export")
            },
        ],
        ..config()
    };
    let mut h = History::default();
    h.record_shown(Some("checkout"), T0);
    h.record_outcome(Some("checkout"), Outcome::Declined);
    let check = |event: &str, day: f64| {
        prompted(&decide(
            &c,
            &h,
            &User::default(),
            Page::default(),
            Trigger::Track(event),
            days(day),
        ))
    };
    assert!(!check("checkout", 59.0), "own 60 days");
    assert!(check("checkout", 60.0));
    assert!(
        check("export", 30.0),
        "another moment: only the global clocks"
    );
    h.record_shown(Some("export"), days(30.0));
    h.record_outcome(Some("export"), Outcome::Declined);
    let check = |day: f64| {
        prompted(&decide(
            &c,
            &h,
            &User::default(),
            Page::default(),
            Trigger::Track("export"),
            days(day),
        ))
    };
    assert!(!check(31.0), "own 1 day is raised to the floor");
    assert!(check(60.0));
}
