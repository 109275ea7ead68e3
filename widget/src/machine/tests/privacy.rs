//! Consent, Do Not Track, anonymous projects and identities, as the
//! machine applies `rules::privacy` and `rules::anonymous`.

use nps_protocol::TraitValue;

use super::*;

fn init(sim: &mut Sim, o: Init) -> Vec<Effect> {
    sim.feed(Event::Init(Init {
        key: "demo".into(),
        ..o
    }))
}

fn has(effects: &[Effect], f: impl Fn(&Effect) -> bool) -> bool {
    effects.iter().any(f)
}

#[test]
fn init_fetches_the_config_delivers_left_over_answers_and_listens_once() {
    let mut sim = Sim::new(config(None));
    let first = init(&mut sim, Init::default());
    assert!(has(&first, |e| matches!(e, Effect::FetchConfig(_))));
    assert!(first.contains(&Effect::Flush(Flush::Wake)));
    assert!(first.contains(&Effect::Listen));
    sim.settle();
    let again = init(&mut sim, Init::default());
    assert!(
        !again.contains(&Effect::Listen),
        "the page events are listened to once"
    );
}

#[test]
fn with_do_not_track_and_respect_dnt_nothing_at_all_happens() {
    let mut sim = Sim::new(config(None));
    sim.world.dnt = true;
    let first = init(
        &mut sim,
        Init {
            respect_dnt: true,
            ..Init::default()
        },
    );
    assert!(
        first.iter().all(|e| matches!(e, Effect::Log(..))),
        "{first:?}"
    );
    let track = sim.feed(Event::Track("checkout".into()));
    assert!(
        track.iter().all(|e| matches!(e, Effect::Log(..))),
        "{track:?}"
    );
    assert!(!sim.state.delivers());
}

#[test]
fn a_project_that_respects_dnt_is_asked_for_its_config_and_then_stays_silent() {
    let mut sim = Sim::new(WidgetConfig {
        respect_dnt: true,
        ..config(None)
    });
    sim.world.dnt = true;
    let first = init(&mut sim, Init::default());
    assert!(has(&first, |e| matches!(e, Effect::FetchConfig(_))));
    assert!(
        !first.contains(&Effect::Flush(Flush::Wake)),
        "no delivery before the config says"
    );
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(!sim.mounted);
    assert!(!has(&sim.log, |e| matches!(
        e,
        Effect::SaveHistory(_) | Effect::Flush(_)
    )));

    // A config that fails to load counts as respecting the signal.
    let mut sim = Sim::new(config(None));
    sim.config_fails = Some(Refusal::Unreachable);
    sim.world.dnt = true;
    init(&mut sim, Init::default());
    sim.settle();
    assert_eq!(sim.state.project_dnt(), Some(true));
    assert!(!sim.state.delivers());
}

#[test]
fn without_a_signal_a_project_that_respects_dnt_prompts_and_delivers() {
    let mut sim = Sim::started(WidgetConfig {
        respect_dnt: true,
        ..config(None)
    });
    assert!(sim.state.delivers());
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(sim.mounted);
}

#[test]
fn withdrawn_consent_closes_the_prompt_forgets_the_keys_and_keeps_delivering() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Show);
    sim.settle();
    sim.feed(Event::Ui(UiEvent::Pick(4)));
    let gone = sim.feed(Event::Consent(false));
    assert!(gone.contains(&Effect::Unmount));
    assert!(
        gone.contains(&Effect::Clear(None)),
        "every project's keys but the outboxes"
    );
    assert!(
        !has(&gone, |e| matches!(e, Effect::Enqueue(_))),
        "a score not sent is not sent"
    );
    assert!(sim.state.delivers(), "answers already queued still go");
    let after = sim.feed(Event::Show);
    assert!(
        after.iter().all(|e| matches!(e, Effect::Log(..))),
        "{after:?}"
    );
    sim.advance(1_000.0);
    let sent = |e: &Effect| matches!(e, Effect::Enqueue(Request::Response(_)));
    assert!(!has(&sim.log, sent), "nor when its debounce ends");
}

#[test]
fn at_most_a_hundred_calls_wait_for_consent() {
    let mut sim = Sim::new(config(None));
    init(
        &mut sim,
        Init {
            wait_for_consent: true,
            ..Init::default()
        },
    );
    for _ in 0..150 {
        sim.feed(Event::Track("search".into()));
    }
    assert_eq!(sim.state.waiting.len(), HELD_MAX);
}

#[test]
fn an_anonymous_project_sends_no_identity_and_only_the_allowed_traits() {
    let mut sim = Sim::started(WidgetConfig {
        anonymous: true,
        allowed_traits: vec!["plan".into()],
        ..config(None)
    });
    let mut traits = Traits::new();
    traits.insert("plan".into(), TraitValue::Text("pro".into()));
    traits.insert("email".into(), TraitValue::Text("a@b.c".into()));
    sim.feed(Event::Identify {
        user_id: Some("u1".into()),
        traits,
        signature: Some("c0ffee".into()),
    });
    assert!(
        !has(&sim.log, |e| matches!(e, Effect::FetchRemote(_))),
        "no history fetched"
    );
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    sim.feed(Event::Ui(UiEvent::Pick(7)));
    sim.feed(Event::Ui(UiEvent::Send(String::new())));
    let body = sim
        .log
        .iter()
        .find_map(|e| match e {
            Effect::Enqueue(Request::Response(r)) => Some(r.clone()),
            _ => None,
        })
        .expect("the answer");
    assert_eq!((body.user_id, body.user_hash, body.url), (None, None, None));
    let kept: Vec<&String> = body.traits.iter().flat_map(|t| t.keys()).collect();
    assert_eq!(kept, ["plan"]);
    let event = sim.log.iter().find_map(|e| match e {
        Effect::Record(ev) => Some(ev.clone()),
        _ => None,
    });
    assert_eq!(event.and_then(|e| e.user_id), None, "events too");
}

#[test]
fn a_signed_user_is_asked_for_once_and_an_opt_out_elsewhere_holds() {
    let mut sim = Sim::started(config(None));
    let identify = |sim: &mut Sim, user: &str, signature: Option<&str>| {
        sim.feed(Event::Identify {
            user_id: Some(user.into()),
            traits: Traits::new(),
            signature: signature.map(Into::into),
        })
    };
    let unsigned = identify(&mut sim, "u1", None);
    assert!(
        !has(&unsigned, |e| matches!(e, Effect::FetchRemote(_))),
        "no proof, no fetch"
    );
    let signed = identify(&mut sim, "u1", Some("c0ffee"));
    assert!(
        has(&signed, |e| matches!(e, Effect::FetchRemote(_))),
        "a new proof fetches"
    );
    let same = identify(&mut sim, "u1", Some("c0ffee"));
    assert!(
        !has(&same, |e| matches!(e, Effect::FetchRemote(_))),
        "nothing new"
    );
    let other = identify(&mut sim, "u2", Some("beef"));
    assert!(
        has(&other, |e| matches!(e, Effect::FetchRemote(_))),
        "another user"
    );

    sim.remote = RemoteHistory {
        opted_out: Some(T0 - 1_000.0),
        ..RemoteHistory::default()
    };
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(!sim.mounted, "opted out on another device");
    assert!(matches!(sim.state.remote, Remote::Ready(_)));
}

#[test]
fn a_history_that_arrives_for_an_earlier_user_is_ignored() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Identify {
        user_id: Some("u1".into()),
        traits: Traits::new(),
        signature: Some("c0ffee".into()),
    });
    let first = sim.state.counter;
    sim.feed(Event::Identify {
        user_id: Some("u2".into()),
        traits: Traits::new(),
        signature: Some("beef".into()),
    });
    let stale = sim.feed(Event::Remote(
        first,
        Some(RemoteHistory {
            opted_out: Some(T0),
            ..RemoteHistory::default()
        }),
    ));
    assert!(stale.is_empty());
    assert!(matches!(sim.state.remote, Remote::Loading(g) if g != first));
}

#[test]
fn a_project_that_does_not_respect_dnt_prompts_under_the_signal() {
    let mut sim = Sim::new(config(None));
    sim.world.dnt = true;
    init(&mut sim, Init::default());
    sim.settle();
    assert_eq!(sim.state.project_dnt(), Some(false));
    assert!(sim.state.delivers());
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(sim.mounted);
}

#[test]
fn a_history_arriving_after_the_wait_is_kept_for_later_decisions() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Identify {
        user_id: Some("u1".into()),
        traits: Traits::new(),
        signature: Some("c0ffee".into()),
    });
    let gen = sim.state.counter;
    sim.feed(Event::Track("search".into()));
    sim.advance(f64::from(REMOTE_WAIT_MS));
    assert_eq!(sim.state.remote, Remote::Late(gen));
    let late = sim.feed(Event::Remote(gen, Some(RemoteHistory::default())));
    assert!(late.is_empty(), "nothing waits for it any more: {late:?}");
    assert!(matches!(sim.state.remote, Remote::Ready(_)));
}

#[test]
fn an_identified_users_answer_carries_the_user_and_the_page() {
    let mut sim = Sim::started(config(None));
    sim.feed(Event::Identify {
        user_id: Some("u1".into()),
        traits: Traits::new(),
        signature: None,
    });
    sim.feed(Event::Show);
    sim.settle();
    sim.feed(Event::Ui(UiEvent::Pick(5)));
    let sent = sim.feed(Event::Ui(UiEvent::Send(String::new())));
    let body = sent.iter().find_map(|e| match e {
        Effect::Enqueue(Request::Response(r)) => Some(r.clone()),
        _ => None,
    });
    let body = body.expect("the answer");
    assert_eq!(body.user_id.as_deref(), Some("u1"));
    assert_eq!(body.url.as_deref(), Some(HREF));
}

#[test]
fn the_silence_says_why() {
    let mut sim = Sim::new(config(None));
    let waiting = init(
        &mut sim,
        Init {
            wait_for_consent: true,
            ..Init::default()
        },
    );
    assert_eq!(
        waiting,
        [Effect::Log(
            Level::Debug,
            "silent until nps('consent', true)".into()
        )]
    );
    let mut sim = Sim::new(config(None));
    sim.world.dnt = true;
    let dnt = init(
        &mut sim,
        Init {
            respect_dnt: true,
            ..Init::default()
        },
    );
    assert_eq!(
        dnt,
        [Effect::Log(
            Level::Debug,
            "silent: Do Not Track / Global Privacy Control".into()
        )]
    );
}

#[test]
fn a_late_history_of_an_earlier_user_is_ignored_too() {
    let mut sim = Sim::started(config(None));
    let identify = |sim: &mut Sim, user: &str| {
        sim.feed(Event::Identify {
            user_id: Some(user.into()),
            traits: Traits::new(),
            signature: Some("c0ffee".into()),
        });
        sim.state.counter
    };
    let first = identify(&mut sim, "u1");
    let second = identify(&mut sim, "u2");
    sim.feed(Event::Track("search".into()));
    sim.advance(f64::from(REMOTE_WAIT_MS));
    assert_eq!(sim.state.remote, Remote::Late(second));
    sim.feed(Event::Remote(first, Some(RemoteHistory::default())));
    assert_eq!(
        sim.state.remote,
        Remote::Late(second),
        "u1's history is not u2's"
    );
}
