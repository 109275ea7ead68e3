//! The page's state machine: every `nps(...)` command, fetch answer, timer,
//! lock grant and user action is an [`Input`], and
//! [`step`]`(state, input, now)` returns the next [`State`] and the
//! [`Effect`]s to carry out. It is pure: the clock is an argument, what the
//! browser knows (the stored history, the page's address, another tab's
//! lock) comes in the input's [`World`], and everything it wants done
//! (store, fetch, arm a timer, take the cross-tab lock, load and mount the
//! ui, queue a write, log) goes out as an effect, which the browser layer
//! (`controller`) runs. So the timing of the whole widget (the delays, the
//! debounce of the score, the thank-you, waiting for the config and the
//! user's history) is tested natively, with property tests.
//!
//! Timers are never cancelled: each carries the number of what armed it
//! (a delay, a history fetch, a prompt), and one that fires for something
//! gone (reset, replaced, closed) does nothing.

mod commands;
mod decide;
mod effect;
mod input;
mod prompt;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use nps_protocol::{Traits, WidgetConfig};

pub use commands::{HELD_MAX, REMOTE_WAIT_MS};
pub use effect::{Effect, Flush, Level, Notice, UiProps};
pub use input::{Event, Init, Input, Timer, UiEvent, World};

use crate::rules::privacy::Privacy;
use crate::rules::timing::{History, RemoteHistory};
use crate::rules::{Refusal, Submission};

/// What `init` set.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// The public key.
    pub key: String,
    /// The collector origin API calls go to.
    pub host: String,
    /// `init({locale})`.
    pub locale: Option<String>,
}

/// Where the project's configuration stands.
#[derive(Debug, Clone, PartialEq, Default)]
// One per page, never moved around in bulk: a box would only add code.
#[allow(clippy::large_enum_variant)]
pub enum Config {
    /// Not fetched: `init` not called, consent awaited, or Do Not Track.
    #[default]
    Idle,
    /// Being fetched (fetch number).
    Loading(u32),
    /// Loaded.
    Ready(WidgetConfig),
    /// Not read, and why: nothing prompts on this page (an answer the
    /// collector refuses, or may, is not asked for).
    Unread(Refusal),
}

/// The identified user's history from the collector.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Remote {
    /// No user, a failed fetch, or not fetched.
    #[default]
    None,
    /// Being fetched; a `track` waits for it.
    Loading(u32),
    /// Still being fetched, but too slow: `track`s no longer wait.
    Late(u32),
    /// Fetched: merged into this browser's history before deciding.
    Ready(RemoteHistory),
}

/// A `track` or `show` waiting (for consent, the config or the user's
/// history), in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Waiting {
    /// `track(moment)`.
    Track(String),
    /// A delayed prompt's time has come: decide again, without counting.
    Due(String),
    /// `show()`.
    Show,
}

/// A prompt waiting for its moment's `delay_seconds`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delayed {
    /// Its number ([`Timer::Delay`]).
    pub gen: u32,
    /// The moment.
    pub moment: String,
    /// The page's address when it was tracked.
    pub href: Option<String>,
}

/// A prompt on its way: the ui module, then the cross-tab lock (which the
/// module takes, so that the always-loaded core does not carry it).
#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    /// Its number.
    pub gen: u32,
    /// The moment (`None` for `show()`).
    pub moment: Option<String>,
    /// Its index in the config's moments (for its texts).
    pub index: Option<usize>,
    /// When this browser last showed a prompt, as the decision read it.
    pub seen: Option<f64>,
    /// The ui module is loaded: what the prompt needs once the lock is
    /// this tab's.
    pub ready: Option<Loaded>,
}

/// What a loaded ui module brought for an opening.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The moment's own texts in the prompt's language.
    pub texts: nps_protocol::MomentTexts,
    /// The response's id.
    pub id: String,
    /// The response's secret.
    pub secret: String,
}

/// The prompt on screen and the response it is collecting.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    /// Its number (the opening's).
    pub gen: u32,
    /// The moment (`None` for `show()`).
    pub moment: Option<String>,
    /// What it shows.
    pub props: UiProps,
    /// The response's id.
    pub id: String,
    /// The response's secret.
    pub secret: String,
    /// The score's bookkeeping.
    pub submission: Submission,
    /// The latest pick's number: its debounce timer sends the score (0:
    /// none pending).
    pub pick: u32,
}

/// Everything the widget knows during this page view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// Where `widget.js` came from: API calls go there by default.
    pub default_host: String,
    /// What `init` set.
    pub project: Option<Project>,
    /// The project's configuration.
    pub config: Config,
    /// Numbers for config fetches, history fetches, delays and openings.
    pub counter: u32,
    /// Commands waiting, in order.
    pub waiting: Vec<Waiting>,
    /// From `identify`.
    pub user_id: Option<String>,
    /// The identity proof.
    pub user_hash: Option<String>,
    /// From `identify`.
    pub traits: Traits,
    /// The user's history from every device.
    pub remote: Remote,
    /// A prompt waiting for `delay_seconds`.
    pub delayed: Option<Delayed>,
    /// A `track` prompted on this page view (`reset` starts afresh).
    pub shown_this_page: bool,
    /// A prompt on its way.
    pub opening: Option<Opening>,
    /// The prompt on screen.
    pub prompt: Option<Prompt>,
    /// Log every decision's reason.
    pub debug: bool,
    /// Consent and Do Not Track.
    pub privacy: Privacy,
    /// The ui module was asked for at idle.
    pub prefetched: bool,
    /// The page events are listened to.
    pub listening: bool,
    /// The collector refused a write of this page for a reason that holds
    /// for every later one (its origin, its key): no prompt until `init`.
    pub refused: Option<Refusal>,
}

impl State {
    /// A page whose API calls go to `default_host` unless `init` says.
    pub fn new(default_host: String) -> Self {
        Self {
            default_host,
            ..Self::default()
        }
    }

    /// The project's `respect_dnt`, once known; a config that failed to
    /// load is taken to respect it.
    pub fn project_dnt(&self) -> Option<bool> {
        match &self.config {
            Config::Ready(c) => Some(c.respect_dnt),
            Config::Unread(_) => Some(true),
            _ => None,
        }
    }

    /// Why the widget may not prompt on this page whatever the rules say:
    /// the configuration was not read, or the collector refused the page's
    /// writes for good. `None` while the configuration loads, and once it
    /// is read and nothing was refused.
    pub fn refusal(&self) -> Option<Refusal> {
        match self.config {
            Config::Unread(why) => Some(why),
            _ => self.refused,
        }
    }

    /// Whether answers in the outbox may be delivered now.
    pub fn delivers(&self) -> bool {
        self.project.is_some() && self.privacy.delivers(self.project_dnt())
    }

    fn next(&mut self) -> u32 {
        self.counter = self.counter.wrapping_add(1);
        self.counter
    }
}

/// One step: the state after `input` at `now` (ms since the epoch), and
/// what to do.
pub fn step(mut state: State, input: Input, now: f64) -> (State, Vec<Effect>) {
    let mut out = Vec::new();
    let Input { event, mut world } = input;
    let mut s = Step {
        state: &mut state,
        history: std::mem::take(&mut world.history),
        world: &world,
        now,
        out: &mut out,
    };
    s.event(event);
    (state, out)
}

/// A step in progress.
struct Step<'a> {
    state: &'a mut State,
    /// The stored history (taken from the world) with this step's changes
    /// so far.
    history: History,
    world: &'a World,
    now: f64,
    out: &'a mut Vec<Effect>,
}

impl Step<'_> {
    fn emit(&mut self, effect: Effect) {
        self.out.push(effect);
    }

    /// Stores the history with this step's changes.
    fn save_history(&mut self) {
        let h = self.history.clone();
        self.out.push(Effect::SaveHistory(h));
    }

    fn log(&mut self, level: Level, text: impl Into<String>) {
        self.out.push(Effect::Log(level, text.into()));
    }

    /// Why the widget stays quiet: `console.debug`, or `console.info` in
    /// debug mode.
    fn explain(&mut self, sentence: String) {
        let level = if self.state.debug {
            Level::Info
        } else {
            Level::Debug
        };
        self.log(level, sentence);
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Init(init) => self.init(init),
            Event::Consent(given) => self.consent(given),
            Event::Identify {
                user_id,
                traits,
                signature,
            } => self.identify(user_id, traits, signature),
            Event::Track(moment) => self.trigger(Waiting::Track(moment)),
            Event::Show => self.trigger(Waiting::Show),
            Event::Reset => self.reset(),
            Event::Debug => self.state.debug = true,
            Event::Config(gen, config) => self.config_arrived(gen, config),
            Event::Refused(response, why) => self.refused(response, why),
            Event::Remote(gen, history) => self.remote_arrived(gen, history),
            Event::Fired(timer) => self.fired(timer),
            Event::Locked(gen, got) => self.locked(gen, got),
            Event::UiReady {
                gen,
                texts,
                id,
                secret,
            } => self.ui_ready(gen, texts, id, secret),
            Event::UiFailed(gen) => self.ui_failed(gen),
            Event::Ui(e) => self.ui(e),
            Event::Hidden => {
                self.cancel_delayed();
                self.flush(Flush::LastChance);
            }
            Event::PageHide => {
                self.cancel_delayed();
                // A chosen-but-debounced score must not be lost either.
                self.commit(None);
                self.flush(Flush::LastChance);
            }
            Event::Online => self.flush(Flush::Wake),
        }
    }

    fn fired(&mut self, timer: Timer) {
        match timer {
            Timer::Delay(gen) => self.delay_over(gen),
            Timer::RemoteLate(gen) => self.remote_late(gen),
            Timer::Debounce(gen) => self.debounced(gen),
            Timer::Thanks(gen) => {
                if self.state.prompt.as_ref().is_some_and(|p| p.gen == gen) {
                    self.close();
                }
            }
        }
    }

    /// Delivers the outbox, as far as privacy allows.
    fn flush(&mut self, how: Flush) {
        if self.state.delivers() {
            self.emit(Effect::Flush(how));
        }
    }
}
