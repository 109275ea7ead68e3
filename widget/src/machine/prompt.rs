//! The prompt, from the decision to its end: the ui module, the cross-tab
//! lock, what the user does in it, and what is sent.
//!
//! An opening loads the ui module first, then takes the cross-tab lock
//! through it (atomic with Web Locks: of two tabs deciding at the same
//! instant one gets it; the lock lives in the lazily loaded module, which a
//! prompt needs anyway, so the always-loaded core does not carry it), and
//! shows the prompt in the lock's answer; until then it counts as open,
//! and `reset()` or withdrawn consent cancels it. Once mounted, the ui
//! only reports what the user did: the debounce of the score
//! (`rules::submission`), locking it once sent, the thank-you and how long
//! it stays are decided here. What the user answered is queued in the
//! outbox by `answer`.

use nps_protocol::EventKind;

use super::{
    Config, Effect, Level, Loaded, Notice, Opening, Prompt, Step, Timer, UiEvent, UiProps,
};
use crate::rules::experiment::recorded;
use crate::rules::submission::{DEBOUNCE_MS, THANKS_MS};
use crate::rules::timing::Outcome;
use crate::rules::{pick_locale, Locale, Refusal, Submission};

impl Step<'_> {
    /// The language the prompt speaks: `init({locale})`, else the `locale`
    /// trait, else the browser's.
    pub(super) fn locale(&self) -> Locale {
        let s = &*self.state;
        let trait_locale = match s.traits.get("locale") {
            Some(nps_protocol::TraitValue::Text(t)) => Some(t.as_str()),
            _ => None,
        };
        pick_locale(
            s.project.as_ref().and_then(|p| p.locale.as_deref()),
            trait_locale,
            self.world.language.as_deref(),
        )
    }

    /// A decision to prompt: loads the ui module (the cross-tab lock
    /// comes next, through it).
    pub(super) fn acquire(
        &mut self,
        moment: Option<String>,
        index: Option<usize>,
        variant: Option<usize>,
        seen: Option<f64>,
    ) {
        let gen = self.state.next();
        self.state.opening = Some(Opening {
            gen,
            moment,
            index,
            variant,
            seen,
            ready: None,
        });
        let locale = self.locale();
        self.emit(Effect::LoadUi(gen, locale));
    }

    /// The ui module is loaded: keeps what it brought and takes the
    /// cross-tab lock through it.
    pub(super) fn ui_ready(&mut self, gen: u32, id: String, secret: String) {
        let Some(o) = self.state.opening.as_mut().filter(|o| o.gen == gen) else {
            return; // cancelled meanwhile
        };
        o.ready = Some(Loaded { id, secret });
        self.emit(Effect::Lock(gen));
    }

    /// The lock's answer: shows the prompt if the lock is this tab's. If
    /// another tab showed a prompt between the decision and the lock, this
    /// one skips too.
    pub(super) fn locked(&mut self, gen: u32, got: bool) {
        let opening = self
            .state
            .opening
            .take_if(|o| o.gen == gen && o.ready.is_some());
        let Some(o) = opening else {
            if got {
                self.emit(Effect::Release(gen));
            }
            return;
        };
        let unchanged = self.history.last_shown_ms == o.seen;
        if got && unchanged {
            return self.show(o);
        }
        if got {
            self.emit(Effect::Release(gen));
            self.log(
                Level::Debug,
                "prompt skipped: another tab showed one meanwhile",
            );
        } else {
            self.explain("not prompting: a prompt is already open in another tab".into());
        }
    }

    /// Cancels a prompt on its way (`reset()`, consent withdrawn). Its lock
    /// is not held yet: one that comes later goes back (see `locked`).
    pub(super) fn cancel_opening(&mut self) {
        self.state.opening = None;
    }

    /// The ui could not be loaded, or mounted: the prompt is given up
    /// without a trace (nothing was shown).
    pub(super) fn ui_failed(&mut self, gen: u32) {
        if self.state.opening.as_ref().is_some_and(|o| o.gen == gen) {
            // No lock was taken: it comes after the ui.
            self.state.opening = None;
        } else if self.state.prompt.as_ref().is_some_and(|p| p.gen == gen) {
            self.state.prompt = None;
            self.emit(Effect::Release(gen));
        } else {
            return;
        }
        self.log(Level::Warn, "could not show the prompt");
    }

    /// The lock is this tab's: shows the prompt and records that it was
    /// shown. Every clock starts now, and until the user acts the prompt
    /// counts as ignored.
    fn show(&mut self, o: Opening) {
        let Some(Loaded { id, secret }) = o.ready else {
            return;
        };
        let gen = o.gen;
        let variant = match &self.state.config {
            Config::Ready(c) => o.index.and_then(|i| recorded(c.moments.get(i)?, o.variant)),
            _ => None,
        };
        let props = UiProps {
            locale: self.locale(),
            moment: o.index,
            variant: o.variant,
            locked: false,
            thanking: false,
            failed: false,
        };
        self.emit(Effect::Mount(props));
        self.history.record_shown(o.moment.as_deref(), self.now);
        self.save_history();
        self.state.shown_this_page = true;
        self.state.prompt = Some(Prompt {
            gen,
            moment: o.moment.clone(),
            variant,
            props,
            id,
            secret,
            submission: Submission::default(),
            pick: 0,
        });
        self.record(EventKind::Shown);
        self.emit(Effect::Notify(Notice::Shown(o.moment)));
    }

    pub(super) fn ui(&mut self, event: UiEvent) {
        let Some(p) = &self.state.prompt else { return };
        // Only × and Escape remain on the thank-you and the failure notice.
        let failed = p.props.failed;
        let done = failed || p.props.thanking;
        match event {
            UiEvent::Close if done => self.close(),
            _ if failed => {}
            UiEvent::Pick(score) => {
                let pick = self.state.next();
                let Some(p) = self.state.prompt.as_mut() else {
                    return;
                };
                if p.submission.pick(score) {
                    // Only the latest pick's timer sends (see `debounced`).
                    p.pick = pick;
                    self.emit(Effect::Timer(Timer::Debounce(pick), DEBOUNCE_MS));
                } else {
                    self.log(Level::Debug, "score already sent; change ignored");
                }
            }
            UiEvent::Send(comment) => {
                self.send_comment(comment.trim());
                self.conclude(false);
            }
            UiEvent::Close => self.dismiss(false),
            UiEvent::Later => {
                self.record(EventKind::Snoozed);
                self.remember(Some(Outcome::Snoozed), false);
                self.close();
            }
            UiEvent::Never => self.dismiss(true),
        }
    }

    /// A pick's debounce ended: if no later pick came, the score is sent
    /// and the scale turns read-only.
    pub(super) fn debounced(&mut self, pick: u32) {
        if self.state.prompt.as_ref().is_none_or(|p| p.pick != pick) {
            return;
        }
        self.commit(None);
        if let Some(p) = self.state.prompt.as_mut() {
            p.props.locked = p.submission.sent().is_some();
            let props = p.props;
            self.emit(Effect::Update(props));
        }
    }

    /// Close or Escape before Send, or "Don't ask me again" (`for_good`):
    /// a chosen score is sent, the prompt ends as declined if there was
    /// none, and `dismissed` fires. Opting out posts `opted_out` (instead
    /// of `declined`) and stops every later prompt.
    fn dismiss(&mut self, for_good: bool) {
        self.commit(None);
        let Some(p) = &self.state.prompt else { return };
        let (moment, score) = (p.moment.clone(), p.submission.sent());
        if for_good {
            self.record(EventKind::OptedOut);
        } else if score.is_none() {
            self.record(EventKind::Declined);
        }
        self.remember(score.is_none().then_some(Outcome::Declined), for_good);
        self.close();
        self.emit(Effect::Notify(Notice::Dismissed(moment, score)));
    }

    /// The collector refused a queued write for good. Refused for the page
    /// (its origin, its key), nothing more is asked on it: a prompt on its
    /// way is given up, and an open one whose score was not sent is
    /// withdrawn (it was only just shown: the refusal is its `shown`
    /// event's). A prompt whose sent answer was refused, its own or
    /// because the page's are, says it was not recorded instead of
    /// thanking (or instead of the form, when the score went first), for
    /// as long as a thank-you stays.
    pub(super) fn refused(&mut self, response: Option<String>, why: Refusal) {
        // The outbox warned, with the collector's problem: nothing to add.
        let page = why.holds_for_the_page();
        if page {
            self.cancel_opening();
            self.state.refused = Some(why);
        }
        let Some(p) = self.state.prompt.as_mut() else {
            return;
        };
        if !page && response.is_none_or(|id| id != p.id) {
            return; // another answer's, or an event's
        }
        if p.submission.sent().is_none() {
            return self.close();
        }
        self.conclude(true);
    }

    /// The open prompt stops asking: it thanks, or says that its answer
    /// was not recorded (`failed`), for [`THANKS_MS`], then closes.
    fn conclude(&mut self, failed: bool) {
        let Some(p) = self.state.prompt.as_mut() else {
            return;
        };
        p.pick = 0;
        p.props.thanking = !failed;
        p.props.failed = failed;
        p.props.locked = true;
        let (gen, props) = (p.gen, p.props);
        self.emit(Effect::Update(props));
        self.emit(Effect::Timer(Timer::Thanks(gen), THANKS_MS));
    }

    /// Removes the prompt, if any, and releases the cross-tab lock.
    pub(super) fn close(&mut self) {
        if let Some(p) = self.state.prompt.take() {
            self.emit(Effect::Unmount);
            self.emit(Effect::Release(p.gen));
        }
    }
}
