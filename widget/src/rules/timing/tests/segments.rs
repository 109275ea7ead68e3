//! Cooldowns per segment (`cadence_overrides`) and the month's pause
//! (`paused_until`).

use nps_protocol::CadenceOverride;

use super::*;

fn enterprise_waits_180_days() -> WidgetConfig {
    WidgetConfig {
        cadence_overrides: vec![CadenceOverride {
            name: "plan".into(),
            value: text("enterprise"),
            after_answer_days: Some(180),
            after_close_days: None,
            after_snooze_days: Some(20),
        }],
        ..config()
    }
}

fn decide_for(c: &WidgetConfig, h: &History, user: &User, now: f64) -> Decision {
    decide(c, h, user, Page::default(), Trigger::Track("checkout"), now)
}

#[test]
fn an_override_replaces_the_project_clock_for_its_segment_only() {
    let c = enterprise_waits_180_days();
    let h = shown_then(Outcome::Answered, T0);
    let enterprise = with_traits(&[("plan", text("enterprise"))]);
    let team = with_traits(&[("plan", text("team"))]);
    // Day 100: past the project's 90 days, not the segment's 180.
    assert!(prompted(&decide_for(&c, &h, &team, days(100.0))));
    assert_eq!(
        decide_for(&c, &h, &enterprise, days(100.0)),
        Decision::Skip(Reason::Cooldown {
            after: Outcome::Answered,
            days_since: 100.0,
            needs: 180
        })
    );
    assert!(prompted(&decide_for(&c, &h, &enterprise, days(180.0))));
}

#[test]
fn an_override_keeps_the_project_clocks_it_does_not_set() {
    let c = enterprise_waits_180_days();
    let enterprise = with_traits(&[("plan", text("enterprise"))]);
    let h = shown_then(Outcome::Declined, T0);
    assert!(!prompted(&decide_for(&c, &h, &enterprise, days(29.0))));
    assert!(prompted(&decide_for(&c, &h, &enterprise, days(30.0))));
    // Its snooze clock is its own; the floor does not apply to snoozes.
    let h = shown_then(Outcome::Snoozed, T0);
    assert!(!prompted(&decide_for(&c, &h, &enterprise, days(19.0))));
    assert!(prompted(&decide_for(&c, &h, &enterprise, days(20.0))));
}

#[test]
fn a_paused_moment_waits_for_next_month_but_show_does_not() {
    let mut c = config();
    c.moments[0].paused_until = Some("2026-02-01T00:00:00+01:00".into());
    let h = History::default();
    let user = User::default();
    assert_eq!(
        decide_for(&c, &h, &user, days(10.0)),
        Decision::Skip(Reason::Paused)
    );
    // 2026-02-01 00:00 in Paris is 2026-01-31 23:00 UTC.
    assert!(prompted(&decide_for(
        &c,
        &h,
        &user,
        days(30.0) + 23.0 * 3_600_000.0
    )));
    let show = decide(&c, &h, &user, Page::default(), Trigger::Show, days(10.0));
    assert!(prompted(&show));
}
