//! A prompt's way to the screen and through it: the ui module, the
//! cross-tab lock, the project's look, the score's debounce, Send and the
//! thank-you, Close, another tab's prompt, `reset()`, a delayed moment,
//! consent, and waiting for the user's history.

use super::*;

#[test]
fn a_tracked_moment_loads_the_ui_takes_the_lock_then_shows_and_records_the_prompt() {
    let mut sim = Sim::started(config(None));
    let first = sim.feed(Event::Track("checkout".into()));
    assert!(
        first.iter().any(|e| matches!(e, Effect::LoadUi(..))),
        "{first:?}"
    );
    assert!(
        !first.iter().any(|e| matches!(e, Effect::Lock(_))),
        "the lock is taken through the loaded ui module: {first:?}"
    );
    let ui = sim.deliver(0);
    assert!(ui.iter().any(|e| matches!(e, Effect::Lock(_))), "{ui:?}");
    assert!(!sim.mounted, "nothing on screen before the lock");

    sim.settle();
    assert!(sim.mounted);
    assert_eq!(
        sim.world.history.last_shown_ms,
        Some(T0),
        "every clock starts now"
    );
    let shown = |e: &Effect| matches!(e, Effect::Record(ev) if ev.kind == EventKind::Shown);
    assert_eq!(count(&sim.log, shown), 1);
    assert!(sim
        .log
        .contains(&Effect::Notify(Notice::Shown(Some("checkout".into())))));
}

#[test]
fn the_prompt_is_told_its_moment_and_language() {
    let mut config = config(None);
    config.moments.insert(0, Moment::default());
    let mut sim = Sim::started(config);
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    let mounted = sim.log.iter().find_map(|e| match e {
        Effect::Mount(p) => Some(*p),
        _ => None,
    });
    // Its texts and look are read from the config by the lazy module.
    assert_eq!(
        mounted.map(|p| (p.moment, p.variant)),
        Some((Some(1), None))
    );
}

#[test]
fn the_score_is_sent_once_after_the_last_change_then_locked() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    sim.feed(Event::Ui(UiEvent::Pick(3)));
    sim.advance(300.0);
    sim.feed(Event::Ui(UiEvent::Pick(8)));
    sim.advance(400.0);
    let sent = |e: &Effect| matches!(e, Effect::Enqueue(Request::Response(_)));
    assert_eq!(
        count(&sim.log, sent),
        0,
        "the first pick's timer finds a later pick"
    );
    sim.advance(300.0);
    let scores: Vec<u8> = sim
        .log
        .iter()
        .filter_map(|e| match e {
            Effect::Enqueue(Request::Response(r)) => Some(r.score),
            _ => None,
        })
        .collect();
    assert_eq!(scores, [8], "only the last choice, once");
    let locked = sim.log.iter().rev().find_map(|e| match e {
        Effect::Update(p) => Some(p.locked),
        _ => None,
    });
    assert_eq!(locked, Some(true), "read-only once sent");
    sim.feed(Event::Ui(UiEvent::Pick(2)));
    sim.advance(1_000.0);
    assert_eq!(
        count(&sim.log, sent),
        1,
        "a change after sending is ignored"
    );
}

#[test]
fn send_shows_the_thanks_and_closes_the_prompt_after_it() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Show);
    sim.settle();
    sim.feed(Event::Ui(UiEvent::Pick(9)));
    let sent = sim.feed(Event::Ui(UiEvent::Send(" great ".into())));
    let body = sent.iter().find_map(|e| match e {
        Effect::Enqueue(Request::Response(r)) => Some(r.clone()),
        _ => None,
    });
    let body = body.expect("score and comment in one POST");
    assert_eq!((body.score, body.comment.as_deref()), (9, Some("great")));
    assert!(sent
        .iter()
        .any(|e| matches!(e, Effect::Update(p) if p.thanking)));
    sim.advance(f64::from(crate::rules::submission::THANKS_MS) - 1.0);
    assert!(sim.mounted, "the thank-you stays");
    sim.advance(1.0);
    assert!(!sim.mounted, "then the prompt closes");
}

#[test]
fn close_declines_and_a_second_track_on_the_page_does_not_prompt() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    let closed = sim.feed(Event::Ui(UiEvent::Close));
    assert!(closed.contains(&Effect::Unmount));
    assert!(closed
        .iter()
        .any(|e| matches!(e, Effect::Record(ev) if ev.kind == EventKind::Declined)));
    assert!(closed.contains(&Effect::Notify(Notice::Dismissed(
        Some("checkout".into()),
        None
    ))));
    let again = sim.feed(Event::Track("checkout".into()));
    assert!(
        !again.iter().any(|e| matches!(e, Effect::Lock(_))),
        "{again:?}"
    );
}

#[test]
fn a_lock_held_by_another_tab_skips_the_prompt() {
    let mut sim = Sim::started(config(None));
    sim.lock_taken_elsewhere = true;
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(!sim.mounted);
    assert!(sim.state.opening.is_none() && !sim.state.shown_this_page);
    assert!(
        !sim.log.iter().any(|e| matches!(e, Effect::Release(_))),
        "nothing to give back"
    );
}

#[test]
fn a_prompt_shown_by_another_tab_before_the_lock_came_skips_this_one() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Track("checkout".into()));
    // Another tab showed and closed a prompt meanwhile.
    sim.world.history.record_shown(Some("checkout"), T0);
    sim.settle();
    assert!(!sim.mounted);
    assert!(
        sim.log.iter().any(|e| matches!(e, Effect::Release(_))),
        "the lock goes back"
    );
}

#[test]
fn reset_while_the_prompt_is_on_its_way_cancels_it_and_releases_the_lock() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Track("checkout".into()));
    sim.feed(Event::Reset);
    let late = sim.deliver(0);
    assert!(
        late.is_empty(),
        "the ui arriving after reset does nothing: {late:?}"
    );

    // Reset between the ui and the lock: a lock that comes later goes back.
    sim.feed(Event::Show);
    sim.settle();
    sim.feed(Event::Ui(UiEvent::Close));
    sim.feed(Event::Show);
    let ui = sim.deliver(0);
    assert!(ui.iter().any(|e| matches!(e, Effect::Lock(_))), "{ui:?}");
    sim.feed(Event::Reset);
    let late = sim.deliver(0);
    assert!(
        matches!(late.as_slice(), [Effect::Release(_)]),
        "only the lock goes back: {late:?}"
    );
    assert!(!sim.mounted);
}

#[test]
fn a_lock_answered_late_for_a_cancelled_opening_does_not_show_the_next_one() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Show);
    sim.deliver(0); // the ui module: lock 1 is asked for
    sim.feed(Event::Reset);
    sim.feed(Event::Show);
    let ui = sim.pending.iter().position(|p| matches!(p, Pending::Ui(_)));
    sim.deliver(ui.expect("the new opening's ui")); // lock 2 is asked for
    let late = sim.deliver(0); // lock 1's answer
    assert!(
        matches!(late.as_slice(), [Effect::Release(_)]),
        "only the old lock goes back: {late:?}"
    );
    assert!(!sim.mounted);
    sim.settle();
    assert!(
        sim.mounted,
        "the new opening shows in its own lock's answer"
    );
}

#[test]
fn a_delayed_prompt_waits_and_is_cancelled_by_navigation() {
    let mut sim = Sim::started(config(Some(5)));
    let first = sim.feed(Event::Track("checkout".into()));
    assert!(
        first.contains(&Effect::Prefetch),
        "the ui is fetched at idle meanwhile"
    );
    sim.advance(4_999.0);
    assert!(!sim.mounted);
    sim.world.href = Some("https://app.example/billing".into());
    sim.advance(1.0);
    sim.settle();
    assert!(!sim.mounted, "the page changed");

    let mut sim = Sim::started(config(Some(5)));
    sim.feed(Event::Track("checkout".into()));
    sim.advance(5_000.0);
    sim.settle();
    assert!(sim.mounted, "same page: the prompt shows");
    assert_eq!(sim.world.history.moments[0].1.count, 1, "counted once");
}

#[test]
fn before_consent_nothing_is_fetched_stored_or_shown_and_consent_runs_what_waited() {
    let mut sim = Sim::new(config(None));
    let init = sim.feed(Event::Init(Init {
        key: "demo".into(),
        wait_for_consent: true,
        ..Init::default()
    }));
    assert!(
        init.iter().all(|e| matches!(e, Effect::Log(..))),
        "{init:?}"
    );
    let held = sim.feed(Event::Track("checkout".into()));
    assert!(held.is_empty(), "{held:?}");
    sim.feed(Event::Consent(true));
    sim.settle();
    assert!(sim.mounted, "the held track runs once the config is in");
}

#[test]
fn the_users_history_is_awaited_at_most_one_and_a_half_seconds() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Identify {
        user_id: Some("u1".into()),
        traits: Traits::new(),
        signature: Some("c0ffee".into()),
    });
    let waiting = sim.feed(Event::Track("checkout".into()));
    assert!(waiting.contains(&Effect::Timer(
        Timer::RemoteLate(sim.state.counter),
        REMOTE_WAIT_MS
    )));
    sim.advance(f64::from(REMOTE_WAIT_MS));
    let opening = sim.pending.iter().position(|p| matches!(p, Pending::Ui(_)));
    assert!(
        opening.is_some(),
        "after the wait, this browser's history decides"
    );
}
