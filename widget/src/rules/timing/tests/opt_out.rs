//! "Don't ask me again": a state, not a clock.

use super::*;

fn opted_out_at(at: f64) -> History {
    let mut h = History::default();
    h.record_shown(Some("checkout"), at);
    h.record_outcome(Some("checkout"), Outcome::Declined);
    h.opt_out(at + 1_000.0);
    h
}

#[test]
fn a_user_who_opted_out_is_never_prompted_again_however_long_it_waits() {
    let c = config();
    let h = opted_out_at(T0);
    for day in [0.0, 30.0, 90.0, 365.0, 3_650.0, 36_500.0] {
        assert_eq!(
            at(&c, &h, days(day)),
            Decision::Skip(Reason::OptedOut),
            "day {day}"
        );
    }
}

#[test]
fn show_does_not_override_an_opt_out() {
    let d = decide(
        &config(),
        &opted_out_at(T0),
        &User::default(),
        Page::default(),
        Trigger::Show,
        days(400.0),
    );
    assert_eq!(d, Decision::Skip(Reason::OptedOut));
}

#[test]
fn an_opt_out_outranks_every_other_reason_but_an_open_prompt() {
    let c = WidgetConfig {
        sampling_percent: 0.0,
        ..config()
    };
    let h = opted_out_at(T0);
    let user = with_traits(&[("excluded", TraitValue::Bool(true))]);
    let page = Page {
        shown: true,
        open: false,
    };
    let d = decide(&c, &h, &user, page, Trigger::Track("checkout"), days(1.0));
    assert_eq!(d, Decision::Skip(Reason::OptedOut));
    let open = Page {
        shown: false,
        open: true,
    };
    let d = decide(&c, &h, &user, open, Trigger::Track("checkout"), days(1.0));
    assert_eq!(d, Decision::Skip(Reason::AlreadyOpen));
}

#[test]
fn opting_out_keeps_how_the_prompt_ended_and_the_first_time() {
    let mut h = History::default();
    h.record_shown(Some("checkout"), T0);
    h.record_outcome(Some("checkout"), Outcome::Answered);
    h.opt_out(T0 + 1_000.0);
    assert_eq!(h.last_outcome, Some(Outcome::Answered));
    assert_eq!(h.opted_out_ms, Some(T0 + 1_000.0));
    h.opt_out(days(3.0));
    assert_eq!(h.opted_out_ms, Some(T0 + 1_000.0));
}

#[test]
fn only_forgetting_the_history_reset_lets_a_prompt_back() {
    let c = config();
    let mut h = opted_out_at(T0);
    h.record_outcome(Some("checkout"), Outcome::Answered);
    h.snoozes_in_row = 0;
    assert!(!prompted(&at(&c, &h, days(500.0))), "a later outcome");
    // `reset()` removes the stored history: a fresh one.
    assert!(prompted(&at(&c, &History::default(), days(500.0))));
}

#[test]
fn the_reason_reads_as_a_sentence() {
    assert_eq!(
        Reason::OptedOut.sentence(),
        "not prompting: the user chose \"Don't ask me again\""
    );
    assert_eq!(
        Reason::DoNotTrack.sentence(),
        "not prompting: Do Not Track / Global Privacy Control"
    );
}
