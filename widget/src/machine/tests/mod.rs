//! The state machine, natively: a small simulated browser (`Sim`) runs the
//! effects the way the browser layer does (storage, timers, the lock, the
//! ui module), one scenario per behaviour (`showing`, `privacy`,
//! `outcomes`, `refusals`, `pending`, `notices`), then property tests over
//! arbitrary sequences of commands, user actions, deliveries and time
//! (`properties`).

use std::cell::Cell;
use std::rc::Rc;

use nps_protocol::{EventKind, Moment, Traits, WidgetConfig};

use super::*;
use crate::rules::outbox::Request;
use crate::rules::timing::RemoteHistory;
use crate::rules::Refusal;

mod asking;
mod carrying;
mod notices;
mod outcomes;
mod pending;
mod privacy;
mod properties;
mod refusals;
mod showing;

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
            Pending::Remote(g) => Event::Remote(g, Some(self.remote.clone())),
            Pending::Timer(t, _) => Event::Fired(t),
            Pending::Lock(g) => Event::Locked(g, self.take_lock(g)),
            Pending::Ui(g) if self.ui_fails => Event::UiFailed(g),
            Pending::Ui(g) => Event::UiReady {
                gen: g,
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
