//! `track` and `show`: whether to prompt (`rules::timing::decide`), keeping
//! commands in order while the config or the user's history loads, the
//! person's variant of the moment (`rules::experiment`), and its delay and
//! wait for a pause (`rules::pause`; carried to the next page view in
//! `carry`).
//!
//! Neither prompts without the project's configuration, nor once the
//! collector refused the page's writes for good (`rules::refusal`): a
//! question whose answer would be refused is not asked.
//!
//! A delayed prompt is cancelled by `reset()`, by the page being hidden,
//! and by single-page navigation: when its timer fires, it prompts only if
//! the page's address is still the one of the `track` (which catches
//! `pushState`, `replaceState` and `popstate` without wrapping the host's
//! `history`); the rules are then checked again, without counting the
//! event a second time.

use nps_protocol::WidgetConfig;

use super::commands::HELD_MAX;
use super::{Config, Delayed, Effect, Level, Remote, Step, Timer, Waiting};
use crate::rules::experiment::{assign, Wait};
use crate::rules::pause::{pause, Pause};
use crate::rules::privacy::Gate;
use crate::rules::timing::{decide, prompts_when_counted, Decision, Page, Reason, Trigger, User};

impl Step<'_> {
    /// Runs again what was waiting, in order; what must still wait queues
    /// again.
    pub(super) fn replay(&mut self) {
        for w in std::mem::take(&mut self.state.waiting) {
            self.trigger(w);
        }
    }

    pub(super) fn trigger(&mut self, what: Waiting) {
        let s = &mut *self.state;
        match s.privacy.gate(s.project_dnt()) {
            Gate::Open => {}
            // Until consent, or until the config says whether the project
            // respects Do Not Track; in memory only, bounded.
            Gate::Hold => {
                if s.waiting.len() < HELD_MAX {
                    s.waiting.push(what);
                }
                return;
            }
            Gate::Closed => return self.explain(Reason::DoNotTrack.sentence()),
        }
        // `show()` waits for the config too, so that nothing is shown or
        // sent before `anonymous` and `respect_dnt` are known; and for the
        // user's history, since an opt-out elsewhere stops it.
        let config_pending = matches!(s.config, Config::Idle | Config::Loading(_));
        let remote = match s.remote {
            Remote::Loading(g) => Some(g),
            _ => None,
        };
        if config_pending || remote.is_some() {
            let first = s.waiting.is_empty();
            s.waiting.push(what);
            if let (Some(g), true) = (remote, first) {
                self.wait_for_remote(g);
            }
            return;
        }
        if s.project.is_none() {
            return;
        }
        // Never ask what cannot be kept: `show()` too prompts only with the
        // configuration read and the page's writes not refused for good.
        // (The reason was said once as a warning; here it is explained.)
        if let Some(why) = s.refusal() {
            return self.explain(why.sentence().into());
        }
        // Taken out while deciding (and put back): no copy of it. It is
        // ready: the other states waited or were refused above.
        if let Config::Ready(config) = std::mem::take(&mut s.config) {
            self.decide_with(&config, &what);
            self.state.config = Config::Ready(config);
        }
    }

    fn decide_with(&mut self, config: &WidgetConfig, what: &Waiting) {
        let now = self.now;
        let trigger = match what {
            Waiting::Track(m) => {
                // Only what the rules count is remembered, so arbitrary
                // analytics events do not fill the storage.
                let counted = config.moments.iter().any(|x| x.event == *m)
                    || config.quiet_after.iter().any(|q| q.event == *m);
                if counted {
                    self.history.record_occurrence(m, now);
                    self.save_history();
                }
                Trigger::Track(m)
            }
            Waiting::Due(m) => Trigger::Track(m),
            Waiting::Show => Trigger::Show,
            Waiting::Carried(m) => {
                if !self.take_carried() {
                    return;
                }
                Trigger::Track(m)
            }
        };
        let s = &*self.state;
        let anon = s.user_id.is_none();
        let user = User {
            id: s.user_id.clone(),
            anon_id: anon.then(|| self.world.anon_id.clone()),
            traits: s.traits.clone(),
        };
        let page = Page {
            shown: s.shown_this_page,
            // A prompt on its way counts as open. Another tab's is found
            // by the cross-tab lock, taken once the ui module is loaded.
            open: s.prompt.is_some() || s.opening.is_some(),
        };
        // What this browser last showed, to notice another tab showing a
        // prompt before this one gets the lock.
        let seen = self.history.last_shown_ms;
        // Merged after saving: the collector's record stays its own.
        let mut history = self.history.clone();
        if let Remote::Ready(r) = &s.remote {
            history.merge_remote(r, now);
        }
        if anon && self.world.anon_new {
            let id = self.world.anon_id.clone();
            self.emit(Effect::SaveAnonId(id));
        }
        match decide(config, &history, &user, page, trigger, now) {
            Decision::Prompt {
                moment,
                index,
                reason,
            } => {
                let person = user.id.as_deref().or(user.anon_id.as_deref());
                let variant = index.and_then(|i| assign(&config.moments[i], person.unwrap_or("")));
                let wait = index.map_or(Wait::default(), |i| Wait::of(&config.moments[i], variant));
                match (moment, what) {
                    (Some(m), Waiting::Track(_) | Waiting::Carried(_)) if wait.waits() => {
                        self.log(Level::Debug, "prompt delayed (delay or pause)");
                        self.prefetch();
                        self.delay(m, wait);
                    }
                    (moment, _) => {
                        if self.state.debug {
                            self.log(Level::Info, reason.sentence());
                        }
                        self.acquire(moment, index, variant, seen);
                    }
                }
            }
            Decision::Skip(reason) => {
                // Only more occurrences missing: the ui may be needed soon.
                let soon = match (&reason, trigger) {
                    (Reason::TooFewOccurrences { .. }, Trigger::Track(m)) => {
                        prompts_when_counted(config, &history, &user, page, m, now)
                    }
                    _ => false,
                };
                if soon {
                    self.prefetch();
                }
                self.explain(reason.sentence());
            }
        }
    }

    /// Asks for the ui module at idle priority, once per page view.
    pub(super) fn prefetch(&mut self) {
        if !std::mem::replace(&mut self.state.prefetched, true) {
            self.emit(Effect::Prefetch);
        }
    }

    /// Prompts for `moment` after `wait` (its delay, then a pause), if
    /// the page is still the same; replaces an earlier delayed prompt.
    fn delay(&mut self, moment: String, wait: Wait) {
        self.cancel_delayed();
        let gen = self.state.next();
        self.state.delayed = Some(Delayed {
            gen,
            moment,
            href: self.world.href.clone(),
            idle: wait.idle,
            since: self.now + f64::from(wait.delay_ms),
        });
        if wait.idle.is_some() {
            self.emit(Effect::WatchInput(true));
        }
        let first = wait.idle.map_or(0, |i| i.idle_ms);
        self.emit(Effect::Timer(
            Timer::Delay(gen),
            wait.delay_ms.saturating_add(first),
        ));
    }

    /// The delay is over: decide again if the page is still the `track`'s
    /// and visible.
    pub(super) fn delay_over(&mut self, gen: u32) {
        let Some(d) = self.state.delayed.take_if(|d| d.gen == gen) else {
            return; // cancelled or replaced
        };
        if d.href != self.world.href || self.world.hidden {
            self.stop_watching(&d);
            return self.log(Level::Debug, "delayed prompt cancelled: the page changed");
        }
        if let Some(idle) = d.idle {
            match pause(idle, d.since, self.world.last_input, self.now) {
                Pause::Wait(ms) => {
                    self.emit(Effect::Timer(Timer::Delay(d.gen), ms));
                    self.state.delayed = Some(d);
                    return;
                }
                Pause::Never => {
                    self.stop_watching(&d);
                    return self.explain("not prompting: the user did not pause in time".into());
                }
                Pause::Now => self.stop_watching(&d),
            }
        }
        self.trigger(Waiting::Due(d.moment));
    }

    /// Cancels a delayed prompt (`reset()`, the page hidden).
    pub(super) fn cancel_delayed(&mut self) {
        if let Some(d) = self.state.delayed.take() {
            self.stop_watching(&d);
        }
    }

    /// Stops noting input for `d`, if it waited for a pause.
    fn stop_watching(&mut self, d: &Delayed) {
        if d.idle.is_some() {
            self.emit(Effect::WatchInput(false));
        }
    }
}
