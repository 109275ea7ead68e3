//! `init`, `consent`, `identify`, `reset`, and what arrives from the
//! collector: the config and the user's history.
//!
//! Privacy (`rules::privacy`) decides what may start: before consent, or
//! under a respected Do Not Track, nothing is fetched, stored or sent, and
//! `track`/`show` are held (at most [`HELD_MAX`]). The user's history from
//! every device is fetched only for a signed identity, once the config
//! says the project is not anonymous; a `track` made while it loads waits
//! for it, at most [`REMOTE_WAIT_MS`]. The moments the host app's server
//! sent for the user come with her history, and are decided when it
//! arrives; then, on a page view left without a prompt, a notice waiting
//! for her ("You asked, we delivered") is handed to the lazy module.

use nps_protocol::{EventKind, NewEvent, Traits, WidgetConfig};

use super::{Config, Effect, Flush, Init, Level, Project, Remote, Step, Timer, Waiting};
use crate::rules::privacy::{Consent, Gate};
use crate::rules::timing::RemoteHistory;
use crate::rules::Refusal;

/// Most `track`/`show` calls kept while waiting for consent.
pub const HELD_MAX: usize = 100;

/// How long a `track` waits for the user's history.
pub const REMOTE_WAIT_MS: u32 = 1_500;

impl Step<'_> {
    pub(super) fn init(&mut self, o: Init) {
        let s = &mut *self.state;
        s.debug |= o.debug;
        let host = o.host.unwrap_or_else(|| s.default_host.clone());
        s.project = Some(Project {
            key: o.key,
            host,
            locale: o.locale,
        });
        s.config = Config::Idle;
        s.refused = None;
        s.privacy.signal = self.world.dnt;
        s.privacy.respect_dnt = o.respect_dnt;
        if o.wait_for_consent {
            s.privacy.consent = Consent::Awaited;
        }
        self.start();
    }

    /// Starts what privacy allows (at `init`, and on `consent(true)`): the
    /// config fetch, or with the config loaded the user's history and the
    /// held calls; and the delivery of what earlier pages left unsent.
    fn start(&mut self) {
        if self.state.project.is_none() {
            return;
        }
        if !self.state.privacy.fetches_config() {
            let why = if self.state.privacy.consent == Consent::Given {
                "silent: Do Not Track / Global Privacy Control"
            } else {
                "silent until nps('consent', true)"
            };
            return self.log(Level::Debug, why);
        }
        if !self.state.listening {
            self.state.listening = true;
            self.emit(Effect::Listen);
        }
        self.flush(Flush::Wake);
        match self.state.config {
            Config::Idle => {
                let gen = self.state.next();
                self.state.config = Config::Loading(gen);
                self.emit(Effect::FetchConfig(gen));
            }
            Config::Loading(_) => {}
            Config::Ready(_) | Config::Unread(_) => {
                self.fetch_remote();
                self.replay();
            }
        }
    }

    pub(super) fn consent(&mut self, given: bool) {
        let s = &mut *self.state;
        let was = s.privacy.consent;
        s.privacy.consent = was.after(given, s.project.is_some());
        if !given {
            self.withdraw();
        } else if was != Consent::Given {
            self.start();
        }
    }

    /// Consent withdrawn: the prompt closes (a score not sent is not sent),
    /// what waited is dropped, and every stored key but the outboxes goes.
    fn withdraw(&mut self) {
        self.close();
        self.cancel_opening();
        let s = &mut *self.state;
        s.waiting.clear();
        s.delayed = None;
        s.remote = Remote::None;
        self.emit(Effect::Clear(None));
        self.emit(Effect::ForgetDropped);
    }

    /// Traits and the signature belong to one user: they accumulate, or are
    /// kept, until the user changes.
    pub(super) fn identify(
        &mut self,
        user_id: Option<String>,
        traits: Traits,
        signature: Option<String>,
    ) {
        let s = &mut *self.state;
        let changed = s.user_id != user_id;
        if changed {
            s.traits.clear();
            s.user_hash = None;
        }
        let new_hash = user_id.is_some() && signature.is_some() && s.user_hash != signature;
        if new_hash {
            s.user_hash = signature;
        }
        s.user_id = user_id;
        s.traits.extend(traits);
        if changed || new_hash {
            self.fetch_remote();
        }
    }

    /// `reset()`: forgets the user and this browser's state for the project
    /// and closes the prompt (a chosen score is still sent; the outbox is
    /// kept). A prompt is allowed again on this page view.
    pub(super) fn reset(&mut self) {
        self.commit(None);
        self.close();
        self.cancel_opening();
        let s = &mut *self.state;
        s.user_id = None;
        s.user_hash = None;
        s.remote = Remote::None;
        s.delayed = None;
        s.traits.clear();
        s.waiting.clear();
        s.shown_this_page = false;
        if let Some(p) = &s.project {
            let key = p.key.clone();
            self.emit(Effect::Clear(Some(key)));
            self.emit(Effect::ForgetDropped);
        }
    }

    /// The configuration arrived, or why it did not: said once, as a
    /// warning, since nothing will prompt on this page (each `track` and
    /// `show` then only explains).
    pub(super) fn config_arrived(&mut self, gen: u32, config: Result<WidgetConfig, Refusal>) {
        if !matches!(self.state.config, Config::Loading(g) if g == gen) {
            return; // superseded by a later `init`
        }
        self.state.config = match config {
            Ok(c) => Config::Ready(c),
            Err(why) => {
                self.log(Level::Warn, why.sentence());
                Config::Unread(why)
            }
        };
        // With a Do Not Track signal, delivery waited for the project's
        // `respect_dnt`.
        if self.state.privacy.signal {
            self.flush(Flush::Wake);
        }
        // The user's history only now: an anonymous project fetches none.
        self.fetch_remote();
        self.queue_carried();
        self.replay();
    }

    /// Fetches the identified user's history, replacing any earlier one:
    /// with the config loaded, a project that is not anonymous, a signed
    /// user, and privacy allowing it.
    fn fetch_remote(&mut self) {
        let s = &mut *self.state;
        let allowed = matches!(&s.config, Config::Ready(c)
            if !c.anonymous && s.privacy.gate(Some(c.respect_dnt)) == Gate::Open);
        if !(allowed && s.project.is_some() && s.user_id.is_some() && s.user_hash.is_some()) {
            s.remote = Remote::None;
            return;
        }
        let gen = s.next();
        s.remote = Remote::Loading(gen);
        self.emit(Effect::FetchRemote(gen));
    }

    /// A `track` waits for the history [`REMOTE_WAIT_MS`] at most.
    pub(super) fn wait_for_remote(&mut self, gen: u32) {
        self.emit(Effect::Timer(Timer::RemoteLate(gen), REMOTE_WAIT_MS));
    }

    pub(super) fn remote_late(&mut self, gen: u32) {
        if !matches!(self.state.remote, Remote::Loading(g) if g == gen) {
            return;
        }
        self.log(Level::Warn, "user history: timed out");
        self.state.remote = Remote::Late(gen);
        self.replay();
    }

    pub(super) fn remote_arrived(&mut self, gen: u32, history: Option<RemoteHistory>) {
        if !matches!(self.state.remote, Remote::Loading(g) | Remote::Late(g) if g == gen) {
            return; // another user, or `reset` since
        }
        self.state.remote = match history {
            Some(h) => {
                // The server's moments, decided after what waited, like a
                // `track` of each (not counted again, no delay): the first
                // that prompts opens the page's one prompt, and its `shown`
                // event consumes it on the collector.
                for moment in &h.pending {
                    self.state.waiting.push(Waiting::Due(moment.clone()));
                }
                Remote::Ready(h)
            }
            None => {
                self.log(Level::Warn, "user history: could not be fetched");
                Remote::None
            }
        };
        // Late, it finds nothing waiting but its own moments: what waited
        // for it went ahead at the time.
        self.replay();
        self.notice();
    }

    /// Shows a waiting notice, on a page view without a prompt: none on
    /// screen, on its way, delayed or waiting, nor shown before; and only
    /// while privacy lets the widget speak. Then no `track` prompts on
    /// this page view (counted as shown; an explicit `show()` still does).
    fn notice(&mut self) {
        let s = &*self.state;
        let waits = matches!(&s.remote, Remote::Ready(h) if h.notice);
        let quiet = s.prompt.is_none()
            && s.opening.is_none()
            && s.delayed.is_none()
            && s.waiting.is_empty()
            && !s.shown_this_page;
        let Some(project) = &s.project else { return };
        if waits && quiet && s.privacy.gate(s.project_dnt()) == Gate::Open {
            let seen = NewEvent {
                id: String::new(),
                key: project.key.clone(),
                kind: EventKind::NoticeSeen,
                moment: None,
                user_id: s.user_id.clone(),
                user_hash: s.user_hash.clone(),
                notice: None,
                variant: None,
            };
            self.state.shown_this_page = true;
            let locale = self.locale();
            self.emit(Effect::ShowNotice(seen, locale));
        }
    }
}
