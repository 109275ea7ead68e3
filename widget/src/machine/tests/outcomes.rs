//! How a prompt ends, what is remembered and sent; the language; the ui
//! failing; what is counted.

use nps_protocol::{EventKind, TraitValue};

use super::*;
use crate::rules::timing::Outcome;
use crate::rules::Locale;

fn shown(sim: &mut Sim) {
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(sim.mounted);
}

fn recorded(sim: &Sim) -> Vec<EventKind> {
    sim.log
        .iter()
        .filter_map(|e| match e {
            Effect::Record(ev) => Some(ev.kind),
            _ => None,
        })
        .collect()
}

#[test]
fn ask_me_later_snoozes_and_dont_ask_me_again_opts_out_for_good() {
    let mut sim = Sim::started(config(None));
    shown(&mut sim);
    sim.feed(Event::Ui(UiEvent::Later));
    assert!(!sim.mounted);
    assert_eq!(sim.world.history.last_outcome, Some(Outcome::Snoozed));
    assert_eq!(sim.world.history.snoozes_in_row, 1);
    assert_eq!(recorded(&sim), [EventKind::Shown, EventKind::Snoozed]);

    let mut sim = Sim::started(config(None));
    shown(&mut sim);
    sim.feed(Event::Ui(UiEvent::Pick(2)));
    let never = sim.feed(Event::Ui(UiEvent::Never));
    assert!(sim.world.history.opted_out_ms.is_some());
    assert_eq!(
        sim.world.history.last_outcome,
        Some(Outcome::Answered),
        "the score was sent"
    );
    assert!(never.contains(&Effect::Notify(Notice::Dismissed(
        Some("checkout".into()),
        Some(2)
    ))));
    assert_eq!(recorded(&sim), [EventKind::Shown, EventKind::OptedOut]);
    sim.feed(Event::Show);
    sim.settle();
    assert!(!sim.mounted, "not even show()");
}

#[test]
fn close_with_a_chosen_score_sends_it_and_is_not_a_decline() {
    let mut sim = Sim::started(config(None));
    shown(&mut sim);
    sim.feed(Event::Ui(UiEvent::Pick(10)));
    let closed = sim.feed(Event::Ui(UiEvent::Close));
    assert!(closed
        .iter()
        .any(|e| matches!(e, Effect::Enqueue(Request::Response(r)) if r.score == 10)));
    assert_eq!(recorded(&sim), [EventKind::Shown], "no declined event");
    assert_eq!(sim.world.history.last_outcome, Some(Outcome::Answered));
}

#[test]
fn close_during_the_thanks_only_closes() {
    let mut sim = Sim::started(config(None));
    shown(&mut sim);
    sim.feed(Event::Ui(UiEvent::Pick(9)));
    sim.feed(Event::Ui(UiEvent::Send("yes".into())));
    let closed = sim.feed(Event::Ui(UiEvent::Close));
    assert!(closed.contains(&Effect::Unmount));
    assert!(!closed
        .iter()
        .any(|e| matches!(e, Effect::Notify(Notice::Dismissed(..)))));
    assert_eq!(recorded(&sim), [EventKind::Shown]);
}

#[test]
fn a_comment_after_the_score_was_sent_goes_on_its_own() {
    let mut sim = Sim::started(config(None));
    shown(&mut sim);
    sim.feed(Event::Ui(UiEvent::Pick(6)));
    sim.advance(1_000.0);
    let sent = sim.feed(Event::Ui(UiEvent::Send("  slow exports ".into())));
    let comment = sent.iter().find_map(|e| match e {
        Effect::Enqueue(Request::Comment { update, .. }) => Some(update.comment.clone()),
        _ => None,
    });
    assert_eq!(comment.as_deref(), Some("slow exports"));
    assert!(sent.contains(&Effect::Notify(Notice::Answered(
        6,
        Some("slow exports".into())
    ))));
    let empty = {
        let mut sim = Sim::started(config(None));
        shown(&mut sim);
        sim.feed(Event::Ui(UiEvent::Pick(6)));
        sim.advance(1_000.0);
        sim.feed(Event::Ui(UiEvent::Send("   ".into())))
    };
    assert!(
        !empty.iter().any(|e| matches!(e, Effect::Enqueue(_))),
        "an empty comment sends nothing"
    );
}

#[test]
fn send_before_the_debounce_puts_score_and_comment_in_one_post_and_tells_twice() {
    let mut sim = Sim::started(config(None));
    shown(&mut sim);
    sim.feed(Event::Ui(UiEvent::Pick(8)));
    let sent = sim.feed(Event::Ui(UiEvent::Send("ok".into())));
    let notices: Vec<&Effect> = sent
        .iter()
        .filter(|e| matches!(e, Effect::Notify(_)))
        .collect();
    assert_eq!(
        notices,
        [
            &Effect::Notify(Notice::Answered(8, None)),
            &Effect::Notify(Notice::Answered(8, Some("ok".into())))
        ]
    );
    sim.advance(1_000.0);
    let posts = sim
        .log
        .iter()
        .filter(|e| matches!(e, Effect::Enqueue(_)))
        .count();
    assert_eq!(posts, 1, "the debounce has nothing left to send");
}

#[test]
fn the_language_is_init_then_the_trait_then_the_browser() {
    let locale_of = |init: Option<&str>, trait_locale: Option<&str>, language: Option<&str>| {
        let mut sim = Sim::new(config(None));
        sim.world.language = language.map(Into::into);
        sim.feed(Event::Init(Init {
            key: "demo".into(),
            locale: init.map(Into::into),
            ..Init::default()
        }));
        sim.settle();
        let mut traits = Traits::new();
        if let Some(l) = trait_locale {
            traits.insert("locale".into(), TraitValue::Text(l.into()));
        }
        sim.feed(Event::Identify {
            user_id: Some("u".into()),
            traits,
            signature: None,
        });
        sim.feed(Event::Show);
        sim.settle();
        sim.log.iter().find_map(|e| match e {
            Effect::Mount(p) => Some(p.locale),
            _ => None,
        })
    };
    assert_eq!(
        locale_of(Some("fr"), Some("en"), Some("en")),
        Some(Locale::Fr)
    );
    assert_eq!(locale_of(None, Some("fr-CA"), Some("en")), Some(Locale::Fr));
    assert_eq!(locale_of(None, None, Some("fr")), Some(Locale::Fr));
    assert_eq!(locale_of(None, None, None), Some(Locale::En));
}

#[test]
fn a_ui_that_fails_to_load_takes_no_lock_and_leaves_the_page_free() {
    let mut sim = Sim::started(config(None));
    sim.ui_fails = true;
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(!sim.mounted);
    assert!(!sim.log.iter().any(|e| matches!(e, Effect::Lock(_))));
    assert!(sim.state.opening.is_none() && !sim.state.shown_this_page);
    sim.ui_fails = false;
    sim.feed(Event::Show);
    sim.settle();
    assert!(sim.mounted, "a later prompt still can");
}

#[test]
fn only_configured_moments_and_quiet_events_are_remembered() {
    let mut sim = Sim::started(WidgetConfig {
        quiet_after: vec![nps_protocol::QuietPeriod {
            event: "ticket".into(),
            hours: 2,
        }],
        ..config(None)
    });
    let search = sim.feed(Event::Track("search".into()));
    assert!(!search.iter().any(|e| matches!(e, Effect::SaveHistory(_))));
    let ticket = sim.feed(Event::Track("ticket".into()));
    assert!(ticket.iter().any(|e| matches!(e, Effect::SaveHistory(_))));
    assert_eq!(sim.world.history.last_seen_ms, [("ticket".to_owned(), T0)]);
}

#[test]
fn a_new_anonymous_id_is_stored_when_first_used_and_not_for_a_known_user() {
    let mut sim = Sim::started(config(None));
    let first = sim.feed(Event::Track("checkout".into()));
    assert!(first.contains(&Effect::SaveAnonId("anon-1".into())));
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Identify {
        user_id: Some("u1".into()),
        traits: Traits::new(),
        signature: None,
    });
    let known = sim.feed(Event::Track("checkout".into()));
    assert!(!known.iter().any(|e| matches!(e, Effect::SaveAnonId(_))));
}

#[test]
fn hiding_the_page_cancels_a_delayed_prompt_and_delivers() {
    let mut sim = Sim::started(config(Some(2)));
    sim.feed(Event::Track("checkout".into()));
    let hidden = sim.feed(Event::Hidden);
    assert!(hidden.contains(&Effect::Flush(Flush::LastChance)));
    sim.advance(3_000.0);
    sim.settle();
    assert!(!sim.mounted);
}

#[test]
fn pagehide_sends_a_chosen_score_at_once() {
    let mut sim = Sim::started(config(None));
    shown(&mut sim);
    sim.feed(Event::Ui(UiEvent::Pick(3)));
    let gone = sim.feed(Event::PageHide);
    assert!(gone
        .iter()
        .any(|e| matches!(e, Effect::Enqueue(Request::Response(r)) if r.score == 3)));
    assert!(gone.contains(&Effect::Flush(Flush::LastChance)));
}

#[test]
fn debug_mode_survives_a_second_init_and_logs_reasons_as_info() {
    let mut sim = Sim::new(config(None));
    sim.feed(Event::Init(Init {
        key: "demo".into(),
        debug: true,
        ..Init::default()
    }));
    sim.feed(Event::Init(Init {
        key: "demo".into(),
        ..Init::default()
    }));
    sim.settle();
    let skip = sim.feed(Event::Track("search".into()));
    assert!(
        skip.iter()
            .any(|e| matches!(e, Effect::Log(Level::Info, _))),
        "{skip:?}"
    );
}

#[test]
fn a_moment_one_short_of_its_count_prefetches_the_ui_once() {
    let mut sim = Sim::started(WidgetConfig {
        moments: vec![nps_protocol::Moment {
            event: "checkout".into(),
            min_count: Some(3),
            ..nps_protocol::Moment::default()
        }],
        ..config(None)
    });
    let first = sim.feed(Event::Track("checkout".into()));
    assert!(first.contains(&Effect::Prefetch));
    let second = sim.feed(Event::Track("checkout".into()));
    assert!(!second.contains(&Effect::Prefetch), "once per page view");
    assert!(!second.iter().any(|e| matches!(e, Effect::Lock(_))));
}

#[test]
fn a_lock_refused_leaves_the_page_free_to_prompt_once_it_is_released() {
    let mut sim = Sim::started(config(None));
    sim.lock_taken_elsewhere = true;
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(!sim.mounted && !sim.state.shown_this_page);
    sim.lock_taken_elsewhere = false;
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(sim.mounted, "the other tab's prompt is gone");
}

#[test]
fn a_prompt_whose_mount_failed_is_dropped_and_other_numbers_are_ignored() {
    let mut sim = Sim::started(config(None));
    shown(&mut sim);
    let gen = sim.state.prompt.as_ref().unwrap().gen;
    let other = sim.feed(Event::UiFailed(gen + 100));
    assert!(other.is_empty());
    let failed = sim.feed(Event::UiFailed(gen));
    assert!(failed.contains(&Effect::Release(gen)));
    assert!(sim.state.prompt.is_none());
}

#[test]
fn the_ui_is_not_mounted_before_the_lock_is_this_tabs() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Track("checkout".into()));
    let gen = sim.state.opening.as_ref().unwrap().gen;
    let early = sim.feed(Event::UiReady {
        gen,
        id: "r".into(),
        secret: "s".into(),
    });
    assert!(!early.iter().any(|e| matches!(e, Effect::Mount(_))));
    assert!(early.contains(&Effect::Lock(gen)), "{early:?}");
    let refused = sim.feed(Event::Locked(gen, false));
    assert!(!refused.iter().any(|e| matches!(e, Effect::Mount(_))));
}

#[test]
fn closing_after_the_score_was_sent_stores_nothing_more() {
    let mut sim = Sim::started(config(None));
    shown(&mut sim);
    sim.feed(Event::Ui(UiEvent::Pick(9)));
    sim.advance(1_000.0);
    let closed = sim.feed(Event::Ui(UiEvent::Close));
    assert!(
        !closed.iter().any(|e| matches!(e, Effect::SaveHistory(_))),
        "{closed:?}"
    );
    assert_eq!(sim.world.history.last_outcome, Some(Outcome::Answered));
}
