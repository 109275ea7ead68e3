//! Never asking what cannot be kept: no prompt without the project's
//! configuration (a page on an origin the project does not allow is
//! refused it), none once the collector refused the page's writes for
//! good, and no thank-you for an answer it refused.

use proptest::prelude::*;

use super::properties::op;
use super::*;
use crate::rules::submission::THANKS_MS;

fn warnings(sim: &Sim) -> Vec<String> {
    sim.log
        .iter()
        .filter_map(|e| match e {
            Effect::Log(Level::Warn, text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn asked(effects: &[Effect]) -> bool {
    effects
        .iter()
        .any(|e| matches!(e, Effect::LoadUi(..) | Effect::Lock(_) | Effect::Mount(_)))
}

/// A page whose config fetch failed for `why`.
fn unread(why: Refusal) -> Sim {
    let mut sim = Sim::new(config(None));
    sim.config_fails = Some(why);
    sim.feed(Event::Init(Init {
        key: "demo".into(),
        ..Init::default()
    }));
    sim.settle();
    sim
}

/// The last props the prompt was given.
fn last_props(sim: &Sim) -> Option<UiProps> {
    sim.log.iter().rev().find_map(|e| match e {
        Effect::Update(p) | Effect::Mount(p) => Some(*p),
        _ => None,
    })
}

#[test]
fn on_a_page_whose_origin_the_project_does_not_allow_show_opens_no_dialog() {
    let mut sim = unread(Refusal::Origin);
    let shown = sim.feed(Event::Show);
    sim.settle();
    assert!(!asked(&shown) && !sim.mounted, "{shown:?}");
    assert!(
        shown.contains(&Effect::Log(
            Level::Debug,
            Refusal::Origin.sentence().into()
        )),
        "the reason is explained: {shown:?}"
    );
    assert_eq!(sim.state.refusal(), Some(Refusal::Origin));
}

#[test]
fn show_made_before_the_config_arrived_waits_then_opens_nothing() {
    let mut sim = Sim::new(config(None));
    sim.config_fails = Some(Refusal::Origin);
    sim.feed(Event::Init(Init {
        key: "demo".into(),
        ..Init::default()
    }));
    sim.feed(Event::Show);
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(!asked(&sim.log) && !sim.mounted);
}

#[test]
fn why_is_warned_once_and_explained_at_each_call_and_in_debug_mode() {
    let mut sim = unread(Refusal::Origin);
    for _ in 0..3 {
        sim.feed(Event::Show);
        sim.feed(Event::Track("checkout".into()));
    }
    assert_eq!(warnings(&sim), [Refusal::Origin.sentence()], "once");
    sim.feed(Event::Debug);
    let debug = sim.feed(Event::Show);
    assert_eq!(
        debug,
        [Effect::Log(Level::Info, Refusal::Origin.sentence().into())]
    );
}

#[test]
fn no_config_no_prompt_whatever_the_reason() {
    for why in [Refusal::Unreachable, Refusal::UnknownKey, Refusal::Refused] {
        let mut sim = unread(why);
        sim.feed(Event::Show);
        sim.feed(Event::Track("checkout".into()));
        sim.settle();
        sim.advance(10_000.0);
        assert!(!asked(&sim.log), "{why:?}");
        assert_eq!(warnings(&sim), [why.sentence()], "{why:?}");
    }
}

#[test]
fn with_the_config_read_show_opens_the_dialog() {
    let mut sim = Sim::started(config(None));
    assert_eq!(sim.state.refusal(), None);
    sim.feed(Event::Show);
    sim.settle();
    assert!(sim.mounted);
    assert!(warnings(&sim).is_empty());
}

#[test]
fn an_origin_refused_when_the_prompt_shows_withdraws_it_and_every_later_one() {
    // A page the collector's `GET` let through (a same-origin one sends no
    // `Origin`), whose `shown` event is refused for its origin.
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Show);
    sim.settle();
    sim.feed(Event::Ui(UiEvent::Pick(9))); // still in its debounce
    let gone = sim.feed(Event::Refused(None, Refusal::Origin));
    assert!(gone.contains(&Effect::Unmount) && !sim.mounted, "{gone:?}");
    sim.advance(1_000.0);
    let sent = |e: &Effect| matches!(e, Effect::Enqueue(Request::Response(_)));
    assert_eq!(count(&sim.log, sent), 0, "nothing more is sent");

    sim.feed(Event::Refused(None, Refusal::Origin));
    sim.feed(Event::Reset);
    let again = sim.feed(Event::Show);
    sim.settle();
    assert!(!asked(&again) && !sim.mounted, "not after reset() either");
    assert!(
        again.contains(&Effect::Log(
            Level::Debug,
            Refusal::Origin.sentence().into()
        )),
        "explained: {again:?}"
    );
    assert!(
        warnings(&sim).is_empty(),
        "the outbox warned, with the collector's problem"
    );
}

#[test]
fn an_answer_refused_for_good_is_not_thanked() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Show);
    sim.settle();
    sim.feed(Event::Ui(UiEvent::Pick(9)));
    sim.feed(Event::Ui(UiEvent::Send("great".into())));
    let failed = sim.feed(Event::Refused(Some("response-1".into()), Refusal::Refused));
    let props = last_props(&sim).expect("props");
    assert!(
        props.failed && !props.thanking && props.locked,
        "{failed:?}"
    );
    assert_eq!(
        sim.state.refusal(),
        None,
        "one payload: later pages may ask"
    );
    sim.advance(f64::from(THANKS_MS));
    assert!(!sim.mounted, "it closes like a thank-you");

    // Refused while the comment is being written: the notice replaces the
    // form, and only Close is left.
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Show);
    sim.settle();
    sim.feed(Event::Ui(UiEvent::Pick(3)));
    sim.advance(f64::from(crate::rules::submission::DEBOUNCE_MS));
    sim.feed(Event::Refused(Some("response-1".into()), Refusal::Refused));
    assert!(last_props(&sim).is_some_and(|p| p.failed && !p.thanking));
    for gone in [
        UiEvent::Pick(4),
        UiEvent::Send("too late".into()),
        UiEvent::Later,
        UiEvent::Never,
    ] {
        let ignored = sim.feed(Event::Ui(gone.clone()));
        assert!(ignored.is_empty(), "{gone:?}: {ignored:?}");
    }
    let closed = sim.feed(Event::Ui(UiEvent::Close));
    assert!(closed.contains(&Effect::Unmount));
    assert!(
        !closed.iter().any(|e| matches!(e, Effect::Record(_))),
        "no decline: {closed:?}"
    );
}

#[test]
fn the_pages_refusal_after_the_answer_replaces_the_thanks_too() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Show);
    sim.settle();
    sim.feed(Event::Ui(UiEvent::Pick(7)));
    sim.feed(Event::Ui(UiEvent::Send(String::new())));
    sim.feed(Event::Refused(None, Refusal::UnknownKey));
    assert!(sim.mounted);
    assert!(last_props(&sim).is_some_and(|p| p.failed && !p.thanking));
}

#[test]
fn a_refusal_of_another_answer_or_of_an_event_leaves_the_prompt_alone() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Show);
    sim.settle();
    sim.feed(Event::Ui(UiEvent::Pick(9)));
    sim.feed(Event::Ui(UiEvent::Send(String::new())));
    let other = sim.feed(Event::Refused(
        Some("an-older-one".into()),
        Refusal::Refused,
    ));
    let event = sim.feed(Event::Refused(None, Refusal::Refused));
    assert!(other.is_empty() && event.is_empty(), "{other:?} {event:?}");
    assert!(last_props(&sim).is_some_and(|p| p.thanking && !p.failed));
}

#[test]
fn a_prompt_on_its_way_is_given_up_when_the_page_is_refused() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Show);
    sim.deliver(0); // the ui module: the lock is asked for
    sim.feed(Event::Refused(None, Refusal::Origin));
    let late = sim.deliver(0);
    assert!(
        matches!(late.as_slice(), [Effect::Release(_)]),
        "the lock goes back: {late:?}"
    );
    assert!(!sim.mounted);
}

#[test]
fn init_starts_afresh() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Refused(None, Refusal::Origin));
    sim.feed(Event::Init(Init {
        key: "demo".into(),
        ..Init::default()
    }));
    sim.settle();
    sim.feed(Event::Show);
    sim.settle();
    assert!(sim.mounted);
}

fn refusal() -> impl Strategy<Value = Refusal> {
    prop_oneof![
        Just(Refusal::Unreachable),
        Just(Refusal::Origin),
        Just(Refusal::UnknownKey),
        Just(Refusal::Refused),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the page does, nothing is asked without the configuration.
    #[test]
    fn nothing_is_asked_without_the_configuration(why in refusal(), ops in prop::collection::vec(op(), 1..60)) {
        let mut sim = unread(why);
        for op in &ops {
            let effects = sim.apply(op);
            prop_assert!(!asked(&effects), "{op:?} asked: {effects:?}");
        }
    }

    /// Once the collector refused the page's writes for its origin or key,
    /// nothing more is asked, and what was asked is gone or says it failed.
    #[test]
    fn nothing_is_asked_once_the_page_is_refused(
        before in prop::collection::vec(op(), 0..30),
        after in prop::collection::vec(op(), 1..40),
        key in any::<bool>(),
    ) {
        let mut sim = Sim::started(config(None));
        for op in &before {
            sim.apply(op);
        }
        let why = if key { Refusal::UnknownKey } else { Refusal::Origin };
        sim.feed(Event::Refused(None, why));
        prop_assert!(!sim.mounted || sim.state.prompt.as_ref().is_some_and(|p| p.props.failed));
        for op in &after {
            let effects = sim.apply(op);
            prop_assert!(!effects.iter().any(|e| matches!(e, Effect::Mount(_) | Effect::LoadUi(..))), "{op:?} asked: {effects:?}");
            prop_assert!(!effects.iter().any(|e| matches!(e, Effect::Update(p) if p.thanking)), "{op:?} thanked: {effects:?}");
        }
    }
}
