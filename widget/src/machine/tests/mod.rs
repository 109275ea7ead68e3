//! The state machine, natively: a small simulated browser (`Sim`) runs the
//! effects the way the browser layer does (storage, timers, the lock, the
//! ui module), one scenario per behaviour (here, `privacy`, `outcomes`),
//! then property tests over arbitrary sequences of commands, user actions,
//! deliveries and time (`properties`).

use std::cell::Cell;
use std::rc::Rc;

use nps_protocol::{Appearance, EventKind, Moment, MomentTexts, WidgetConfig};

use super::*;
use crate::rules::outbox::Request;

mod outcomes;
mod privacy;
mod properties;
mod refusals;

const T0: f64 = 1_767_225_600_000.0;
const HREF: &str = "https://app.example/settings";

fn config(delay: Option<u32>) -> WidgetConfig {
    WidgetConfig {
        key: "demo".into(),
        moments: vec![Moment {
            event: "checkout".into(),
            delay_seconds: delay,
            ..Moment::default()
        }],
        ..WidgetConfig::default()
    }
}

/// Something the simulated browser owes the machine.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Pending {
    Config(u32),
    Remote(u32),
    Timer(Timer, f64),
    Lock(u32),
    Ui(u32),
}

/// A Web Lock shared by simulated tabs: which tab holds it, for which
/// opening. Taken only if free, in one step, as `navigator.locks` does.
pub(super) type SharedLock = Rc<Cell<Option<(u8, u32)>>>;

/// A simulated browser: storage, the clock, what is in flight.
pub(super) struct Sim {
    state: State,
    world: World,
    now: f64,
    pending: Vec<Pending>,
    /// Another tab holds the Web Lock.
    lock_taken_elsewhere: bool,
    /// The lock this tab shares with others, and its number among them.
    shared_lock: Option<(SharedLock, u8)>,
    config: WidgetConfig,
    /// Why the config fetch fails, if it does.
    config_fails: Option<Refusal>,
    /// What the collector knows of the user.
    remote: RemoteHistory,
    /// The ui module does not load.
    ui_fails: bool,
    mounted: bool,
    log: Vec<Effect>,
}

impl Sim {
    fn new(config: WidgetConfig) -> Self {
        Self {
            state: State::new("https://collector.example".into()),
            world: World {
                anon_id: "anon-1".into(),
                anon_new: true,
                href: Some(HREF.into()),
                ..World::default()
            },
            now: T0,
            pending: Vec::new(),
            lock_taken_elsewhere: false,
            shared_lock: None,
            config,
            config_fails: None,
            remote: RemoteHistory::default(),
            ui_fails: false,
            mounted: false,
            log: Vec::new(),
        }
    }

    fn started(config: WidgetConfig) -> Self {
        let mut sim = Self::new(config);
        sim.feed(Event::Init(Init {
            key: "demo".into(),
            ..Init::default()
        }));
        sim.settle();
        sim
    }

    /// Steps the machine and carries out what the browser layer would.
    fn feed(&mut self, event: Event) -> Vec<Effect> {
        let state = std::mem::take(&mut self.state);
        let input = Input {
            event,
            world: self.world.clone(),
        };
        let (state, effects) = step(state, input, self.now);
        self.state = state;
        for e in &effects {
            match e {
                Effect::FetchConfig(g) => self.pending.push(Pending::Config(*g)),
                Effect::FetchRemote(g) => self.pending.push(Pending::Remote(*g)),
                Effect::Timer(t, ms) => self
                    .pending
                    .push(Pending::Timer(*t, self.now + f64::from(*ms))),
                Effect::SaveHistory(h) => self.world.history = h.clone(),
                Effect::SaveAnonId(_) => self.world.anon_new = false,
                Effect::Clear(_) => {
                    self.world.history = History::default();
                    self.world.anon_new = true;
                }
                Effect::Lock(g) => self.pending.push(Pending::Lock(*g)),
                Effect::Release(g) => {
                    if let Some((lock, tab)) = &self.shared_lock {
                        if lock.get() == Some((*tab, *g)) {
                            lock.set(None);
                        }
                    }
                }
                Effect::LoadUi(g, ..) => self.pending.push(Pending::Ui(*g)),
                Effect::Mount(_) => self.mounted = true,
                Effect::Unmount => self.mounted = false,
                _ => {}
            }
        }
        self.log.extend(effects.iter().cloned());
        effects
    }

    /// Delivers the `i`-th thing in flight (not timers: see `advance`).
    fn deliver(&mut self, i: usize) -> Vec<Effect> {
        let p = self.pending.remove(i);
        let event = match p {
            Pending::Config(g) => match self.config_fails {
                Some(why) => Event::Config(g, Err(why)),
                None => Event::Config(g, Ok(self.config.clone())),
            },
            Pending::Remote(g) => Event::Remote(g, Some(self.remote)),
            Pending::Timer(t, _) => Event::Fired(t),
            Pending::Lock(g) => Event::Locked(g, self.take_lock(g)),
            Pending::Ui(g) if self.ui_fails => Event::UiFailed(g),
            Pending::Ui(g) => Event::UiReady {
                gen: g,
                texts: MomentTexts::default(),
                id: "response-1".into(),
                secret: "secret".into(),
            },
        };
        self.feed(event)
    }

    /// Whether this tab gets the lock for opening `gen`.
    fn take_lock(&self, gen: u32) -> bool {
        match &self.shared_lock {
            Some((lock, tab)) if lock.get().is_none() => {
                lock.set(Some((*tab, gen)));
                true
            }
            Some(_) => false,
            None => !self.lock_taken_elsewhere,
        }
    }

    /// Delivers everything in flight that is not a timer.
    fn settle(&mut self) {
        while let Some(i) = self
            .pending
            .iter()
            .position(|p| !matches!(p, Pending::Timer(..)))
        {
            self.deliver(i);
        }
    }

    /// Moves the clock on by `ms`, firing the timers due, in order.
    fn advance(&mut self, ms: f64) {
        self.now += ms;
        loop {
            let due = self
                .pending
                .iter()
                .enumerate()
                .filter_map(|(i, p)| match p {
                    Pending::Timer(_, at) if *at <= self.now => Some((i, *at)),
                    _ => None,
                })
                .min_by(|a, b| a.1.total_cmp(&b.1));
            let Some((i, _)) = due else { break };
            self.deliver(i);
        }
    }
}

fn count(effects: &[Effect], f: impl Fn(&Effect) -> bool) -> usize {
    effects.iter().filter(|e| f(e)).count()
}

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
fn the_prompt_wears_the_projects_look() {
    let look = Appearance {
        brand_color: Some("#8a1c7c".into()),
        position: "bottom-left".into(),
        theme: "dark".into(),
    };
    let mut sim = Sim::started(WidgetConfig {
        appearance: look.clone(),
        ..config(None)
    });
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    let mounted = sim.log.iter().find_map(|e| match e {
        Effect::Mount(p) => Some(p.appearance.clone()),
        _ => None,
    });
    assert_eq!(mounted, Some(look));
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
