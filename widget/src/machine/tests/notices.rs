//! A waiting notice ("you asked, we delivered"): handed to the lazy module
//! on a page view without a prompt, only while privacy lets the widget
//! speak, and then no `track` prompts on that page view.

use super::*;

fn shows_notice(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::ShowNotice(..)))
}

/// A started page whose collector has a notice for `u1`.
fn page_with_a_notice(init: Init) -> Sim {
    let mut sim = Sim::new(config(None));
    sim.remote = RemoteHistory {
        notice: true,
        ..RemoteHistory::default()
    };
    sim.feed(Event::Init(Init {
        key: "demo".into(),
        ..init
    }));
    sim.settle();
    sim
}

fn identify(sim: &mut Sim) {
    sim.feed(Event::Identify {
        user_id: Some("u1".into()),
        traits: Traits::new(),
        signature: Some("c0ffee".into()),
    });
}

#[test]
fn a_waiting_notice_is_shown_once_with_its_event_and_stops_the_prompts_of_the_page() {
    let mut sim = page_with_a_notice(Init::default());
    identify(&mut sim);
    sim.settle();
    let shown: Vec<&Effect> = sim
        .log
        .iter()
        .filter(|e| matches!(e, Effect::ShowNotice(..)))
        .collect();
    assert_eq!(shown.len(), 1, "{:?}", sim.log);
    let Effect::ShowNotice(event, _) = shown[0] else {
        unreachable!()
    };
    assert_eq!(event.kind, EventKind::NoticeSeen);
    assert_eq!(
        (
            event.user_id.as_deref(),
            event.user_hash.as_deref(),
            event.key.as_str()
        ),
        (Some("u1"), Some("c0ffee"), "demo")
    );
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(!sim.mounted, "no prompt on the page view of a notice");
    identify(&mut sim);
    assert!(
        !shows_notice(&sim.log[sim.log.len() - 1..]),
        "not twice on one page view"
    );
}

#[test]
fn a_prompt_decided_with_the_history_wins_over_the_notice() {
    let mut sim = page_with_a_notice(Init::default());
    identify(&mut sim);
    // Tracked before the history arrives: it waits for it, and prompts.
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(sim.mounted, "the prompt shows");
    assert!(!shows_notice(&sim.log), "and no notice on its page view");
}

#[test]
fn no_notice_while_consent_is_withheld_or_without_one_waiting() {
    let mut held = page_with_a_notice(Init {
        wait_for_consent: true,
        ..Init::default()
    });
    identify(&mut held);
    held.settle();
    assert!(!shows_notice(&held.log), "consent withheld");

    let mut none = Sim::started(config(None));
    identify(&mut none);
    none.settle();
    assert!(!shows_notice(&none.log), "nothing waits");
}

#[test]
fn the_notice_speaks_the_language_the_prompt_would() {
    let mut sim = page_with_a_notice(Init {
        locale: Some("fr".into()),
        ..Init::default()
    });
    identify(&mut sim);
    sim.settle();
    assert!(
        sim.log
            .iter()
            .any(|e| matches!(e, Effect::ShowNotice(_, crate::rules::Locale::Fr))),
        "{:?}",
        sim.log
    );
}

#[test]
fn a_pending_moment_that_prompts_wins_over_the_notice() {
    let mut sim = page_with_a_notice(Init::default());
    sim.remote.pending = vec!["checkout".into()];
    identify(&mut sim);
    sim.settle();
    assert!(sim.mounted, "the server's moment prompts");
    assert!(!shows_notice(&sim.log), "and no notice on its page view");
}
