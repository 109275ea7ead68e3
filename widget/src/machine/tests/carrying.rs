//! A moment waiting for a pause with `carry`: the page hidden or left
//! before the pause keeps it for the next page view of the visitor's day,
//! which decides it again and waits for the pause afresh.

use nps_protocol::Idle;

use super::*;
use crate::rules::pause::local_day;

const DAY_MS: f64 = 86_400_000.0;

fn pausing(carry: Option<bool>) -> WidgetConfig {
    let mut c = config(None);
    c.moments[0].idle = Some(Idle {
        idle_ms: 650,
        max_wait_ms: 60_000,
        carry,
    });
    c
}

/// A page view where `checkout` was tracked, then input for 2 s, then the
/// page left.
fn left_while_typing(config: WidgetConfig) -> Sim {
    let mut sim = Sim::started(config);
    sim.feed(Event::Track("checkout".into()));
    for _ in 0..10 {
        sim.advance(200.0);
        sim.world.last_input = Some(sim.now);
    }
    sim.feed(Event::Hidden);
    sim.feed(Event::PageHide);
    sim
}

/// The next page view, `after_ms` later, with what the last one stored and
/// `config` from the collector.
fn next_page(before: &Sim, after_ms: f64, config: WidgetConfig) -> Sim {
    let mut sim = Sim::new(config);
    sim.now = before.now + after_ms;
    sim.world.history = before.world.history.clone();
    sim.world.anon_new = false;
    sim.feed(Event::Init(Init {
        key: "demo".into(),
        ..Init::default()
    }));
    sim.settle();
    sim
}

#[test]
fn with_carry_the_page_left_before_the_pause_keeps_the_moment() {
    let sim = left_while_typing(pausing(Some(true)));
    assert!(!sim.mounted);
    let carried = sim.world.history.carried.clone();
    assert_eq!(carried.as_deref(), Some("checkout"));
    assert_eq!(sim.world.history.carried_day, local_day(sim.now, 0.0));
}

#[test]
fn without_carry_nothing_is_kept() {
    for carry in [None, Some(false)] {
        let sim = left_while_typing(pausing(carry));
        assert_eq!(sim.world.history.carried, None, "carry: {carry:?}");
    }
}

#[test]
fn the_next_page_view_prompts_after_the_pause_and_forgets_it() {
    let first = left_while_typing(pausing(Some(true)));
    let mut sim = next_page(&first, 5_000.0, pausing(Some(true)));
    assert!(sim.log.contains(&Effect::WatchInput(true)), "{:?}", sim.log);
    // Not counted again.
    let count = |s: &Sim| s.world.history.moments[0].1.count;
    assert_eq!(count(&sim), count(&first));
    sim.advance(600.0);
    sim.settle();
    assert!(!sim.mounted, "not before idle_ms of quiet");
    sim.advance(100.0);
    sim.settle();
    assert!(sim.mounted, "prompted once the user paused");
    assert_eq!(sim.world.history.carried, None);
    // A third page view: nothing carried, nothing shown.
    let mut third = next_page(&sim, 1_000.0, pausing(Some(true)));
    third.advance(60_000.0);
    third.settle();
    assert!(!third.mounted);
}

#[test]
fn a_moment_carried_from_another_day_is_forgotten() {
    let first = left_while_typing(pausing(Some(true)));
    let mut sim = next_page(&first, DAY_MS, pausing(Some(true)));
    sim.advance(60_000.0);
    sim.settle();
    assert!(!sim.mounted);
    assert_eq!(sim.world.history.carried, None);
}

#[test]
fn the_day_is_the_visitors_own() {
    // 23:00 UTC is 00:00 the next day an hour east of UTC.
    let at = 20_000.0 * DAY_MS + 23.0 * 3_600_000.0;
    assert_eq!(local_day(at, 0.0), 20_000.0);
    assert_eq!(local_day(at, -60.0), 20_001.0);
    assert_eq!(local_day(at - 23.0 * 3_600_000.0, 60.0), 19_999.0);
}

#[test]
fn a_moment_gone_from_the_config_is_forgotten() {
    let first = left_while_typing(pausing(Some(true)));
    let mut other = pausing(Some(true));
    other.moments[0].event = "signup".into();
    let mut sim = next_page(&first, 5_000.0, other);
    sim.advance(60_000.0);
    sim.settle();
    assert!(!sim.mounted);
    assert_eq!(sim.world.history.carried, None);
}

#[test]
fn a_carried_moment_still_obeys_the_cooldown() {
    let mut first = left_while_typing(pausing(Some(true)));
    // Another tab showed a prompt in between.
    first.world.history.last_shown_ms = Some(first.now);
    let mut sim = next_page(&first, 5_000.0, pausing(Some(true)));
    sim.advance(60_000.0);
    sim.settle();
    assert!(!sim.mounted);
    assert_eq!(sim.world.history.carried, None);
}

proptest::proptest! {
    /// Wherever the visitor is and however long until the next page view,
    /// it prompts there exactly when both fall on her same calendar day.
    #[test]
    fn carried_to_the_next_page_view_of_the_same_local_day_only(
        tz_offset in -840i32..=840,
        start in 0.0f64..DAY_MS,
        gap in 0.0f64..(2.0 * DAY_MS),
    ) {
        let mut first = Sim::new(pausing(Some(true)));
        first.now += start;
        first.world.tz_offset = f64::from(tz_offset);
        first.feed(Event::Init(Init { key: "demo".into(), ..Init::default() }));
        first.settle();
        first.feed(Event::Track("checkout".into()));
        first.feed(Event::PageHide);
        let mut sim = Sim::new(pausing(Some(true)));
        sim.now = first.now + gap;
        sim.world.tz_offset = first.world.tz_offset;
        sim.world.history = first.world.history.clone();
        sim.feed(Event::Init(Init { key: "demo".into(), ..Init::default() }));
        sim.settle();
        sim.advance(700.0);
        sim.settle();
        let same_day = local_day(first.now, f64::from(tz_offset)) == local_day(sim.now - 700.0, f64::from(tz_offset));
        proptest::prop_assert_eq!(sim.mounted, same_day);
        proptest::prop_assert_eq!(sim.world.history.carried.clone(), None);
    }
}
