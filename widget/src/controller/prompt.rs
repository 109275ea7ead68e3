//! The open prompt: showing it, sending what the user answers, closing it.

use gloo_timers::callback::Interval;
use nps_protocol::{EventKind, MomentTexts};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlElement;
use yew::{AttrValue, Callback};

use super::{locale_of, Controller, State};
use crate::browser::{clock, history, lock, log, uuid};
use crate::events::{detail, dispatch, nullable, Event};
use crate::rules::lock::REFRESH_MS;
use crate::rules::timing::Outcome;
use crate::rules::{Locale, Submission};
use crate::ui::{self, AppProps, Mounted, UiEvent};

/// A prompt on screen and the response it is collecting.
pub(super) struct Prompt {
    pub(super) ui: Mounted,
    /// Where focus was before the prompt took it.
    pub(super) restore: Option<HtmlElement>,
    /// The response's id, generated when the prompt opens.
    pub(super) id: String,
    /// The response's secret: only requests carrying it may set the
    /// comment (kept with the answer in the outbox).
    pub(super) secret: String,
    pub(super) moment: Option<String>,
    pub(super) locale: Locale,
    pub(super) submission: Submission,
    /// Keeps the cross-tab lock fresh; dropped (stopped) on close.
    pub(super) _refresh: Interval,
}

impl Controller {
    /// Shows the prompt (with the moment's own texts, if any) and records
    /// that it was shown: every clock starts now, and until the user acts
    /// the prompt counts as ignored.
    pub(super) fn open(&self, moment: Option<String>, texts: Option<MomentTexts>) {
        let (locale, key, tab) = {
            let mut s = self.state.borrow_mut();
            let tab = super::tab_id(&mut s);
            let Some(project) = &s.project else { return };
            (locale_of(&s), project.key.clone(), tab)
        };
        let me = self.me.clone();
        let on_event = Callback::from(move |e| {
            if let Some(me) = me.upgrade() {
                me.on_ui(e);
            }
        });
        let restore = ui::active_element();
        let own = texts.unwrap_or_default();
        let props = AppProps {
            locale,
            on_event,
            question: own.question.map(AttrValue::from),
            follow_up: own.follow_up.map(AttrValue::from),
        };
        let mounted = match ui::mount(props) {
            Ok(m) => m,
            Err(e) => return log::warn_with("could not show the prompt", &e),
        };
        let mut h = history::load(&key);
        h.record_shown(moment.as_deref(), clock::now_ms());
        history::save(&key, &h);
        lock::hold(&key, &tab);
        let refresh = Interval::new(REFRESH_MS, move || lock::hold(&key, &tab));
        let listeners = {
            let mut s = self.state.borrow_mut();
            s.shown_this_page = true;
            s.prompt = Some(Prompt {
                ui: mounted,
                restore,
                id: uuid::new_id(),
                secret: uuid::new_secret(),
                moment: moment.clone(),
                locale,
                submission: Submission::default(),
                _refresh: refresh,
            });
            s.listeners.of(Event::Shown)
        };
        self.record(EventKind::Shown);
        dispatch(&listeners, &detail(&[("moment", nullable(moment))]));
    }

    fn on_ui(&self, event: UiEvent) {
        match event {
            UiEvent::Pick(score) => {
                if let Some(p) = self.state.borrow_mut().prompt.as_mut() {
                    if !p.submission.pick(score) {
                        log::debug("score already sent; change ignored");
                    }
                }
            }
            UiEvent::Commit => self.commit(None),
            UiEvent::Send(comment) => self.send_comment(comment.trim()),
            UiEvent::Dismiss => self.dismiss(false),
            UiEvent::OptOut => self.dismiss(true),
            UiEvent::Snooze => {
                self.record(EventKind::Snoozed);
                self.remember(Some(Outcome::Snoozed), false);
                self.close();
            }
            UiEvent::Done => self.close(),
        }
    }

    /// Close or Escape before Send, or "Don't ask me again" (`for_good`):
    /// a chosen score is sent, the prompt ends as declined if there was
    /// none, and `dismissed` fires. Opting out posts `opted_out` (instead
    /// of `declined`) and stops every later prompt.
    fn dismiss(&self, for_good: bool) {
        self.commit(None);
        let (moment, score) = {
            let s = self.state.borrow();
            let Some(p) = &s.prompt else { return };
            (p.moment.clone(), p.submission.sent())
        };
        if for_good {
            self.record(EventKind::OptedOut);
        } else if score.is_none() {
            self.record(EventKind::Declined);
        }
        self.remember(score.is_none().then_some(Outcome::Declined), for_good);
        self.close();
        let listeners = self.state.borrow().listeners.of(Event::Dismissed);
        let d = detail(&[("moment", nullable(moment)), ("score", nullable(score))]);
        dispatch(&listeners, &d);
    }

    /// Records how the open prompt ended in the stored history, and the
    /// opt-out.
    pub(super) fn remember(&self, outcome: Option<Outcome>, opted_out: bool) {
        let s = self.state.borrow();
        let (Some(project), Some(p), true) =
            (&s.project, &s.prompt, outcome.is_some() || opted_out)
        else {
            return;
        };
        let mut h = history::load(&project.key);
        if let Some(outcome) = outcome {
            h.record_outcome(p.moment.as_deref(), outcome);
        }
        if opted_out {
            h.opt_out(clock::now_ms());
        }
        history::save(&project.key, &h);
    }

    /// Removes the prompt, if any. The unmount is deferred to a microtask
    /// because this often runs inside one of the prompt's own Yew callbacks.
    pub(super) fn close(&self) {
        let mut s = self.state.borrow_mut();
        if let Some(p) = s.prompt.take() {
            self.release_lock_of(&s);
            spawn_local(async move { p.ui.unmount(p.restore) });
        }
    }

    /// Lets other tabs prompt: this one's prompt closed, or the page is
    /// going away (a page restored from the back/forward cache takes the
    /// lock again at the next refresh).
    pub(super) fn release_lock_of(&self, s: &State) {
        if let (Some(project), Some(tab)) = (&s.project, &s.tab) {
            lock::release(&project.key, tab);
        }
    }
}
