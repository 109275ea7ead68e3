//! `track` and `show`: whether to prompt (`rules::timing::decide`), keeping
//! commands in order while the config or the user's history loads, and a
//! moment's `delay_seconds`.
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
            history.merge_remote(r);
        }
        if anon && self.world.anon_new {
            let id = self.world.anon_id.clone();
            self.emit(Effect::SaveAnonId(id));
        }
        match decide(config, &history, &user, page, trigger, now) {
            Decision::Prompt {
                moment: Some(m),
                index: Some(i),
                ..
            } if matches!(what, Waiting::Track(_))
                && config.moments[i].delay_seconds.unwrap_or(0) > 0 =>
            {
                let seconds = config.moments[i].delay_seconds.unwrap_or(0);
                self.log(Level::Debug, "prompt delayed (delay_seconds)");
                self.prefetch();
                self.delay(m, seconds);
            }
            Decision::Prompt {
                moment,
                index,
                reason,
            } => {
                if self.state.debug {
                    self.log(Level::Info, reason.sentence());
                }
                self.acquire(moment, index, seen);
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

    /// Prompts for `moment` in `seconds`, if the page is still the same;
    /// replaces an earlier delayed prompt.
    fn delay(&mut self, moment: String, seconds: u32) {
        let gen = self.state.next();
        self.state.delayed = Some(Delayed {
            gen,
            moment,
            href: self.world.href.clone(),
        });
        self.emit(Effect::Timer(
            Timer::Delay(gen),
            seconds.saturating_mul(1_000),
        ));
    }

    /// The delay is over: decide again if the page is still the `track`'s
    /// and visible.
    pub(super) fn delay_over(&mut self, gen: u32) {
        let Some(d) = self.state.delayed.take_if(|d| d.gen == gen) else {
            return; // cancelled or replaced
        };
        if d.href != self.world.href || self.world.hidden {
            return self.log(Level::Debug, "delayed prompt cancelled: the page changed");
        }
        self.trigger(Waiting::Due(d.moment));
    }

    /// Cancels a delayed prompt (`reset()`, the page hidden).
    pub(super) fn cancel_delayed(&mut self) {
        self.state.delayed = None;
    }
}
