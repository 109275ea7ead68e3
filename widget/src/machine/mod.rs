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

mod answer;
mod carry;
mod commands;
mod decide;
mod effect;
mod input;
mod prompt;
mod state;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use commands::{HELD_MAX, REMOTE_WAIT_MS};
pub use effect::{Effect, Flush, Level, Notice, UiProps};
pub use input::{Event, Init, Input, Timer, UiEvent, World};
pub use state::{Config, Delayed, Loaded, Opening, Project, Prompt, Remote, State, Waiting};

use crate::rules::timing::History;

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
            Event::UiReady { gen, id, secret } => self.ui_ready(gen, id, secret),
            Event::UiFailed(gen) => self.ui_failed(gen),
            Event::Ui(e) => self.ui(e),
            Event::Hidden => {
                self.leave();
                self.flush(Flush::LastChance);
            }
            Event::PageHide => {
                self.leave();
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
