//! Cross-device history: an identified user's record from the collector,
//! fetched on `identify` (or when the config arrives), merged into this
//! browser's before a `track` is decided. Only for a signed identity
//! (`identify(id, traits, {signature})`): the collector serves a history
//! only with the proof, so without one this browser's own cooldowns decide.
//! Never for an anonymous project, nor while privacy keeps the widget
//! silent. A `track` made while it loads waits for it, at most
//! [`WAIT_MS`]; after that, or if the fetch fails, this browser's history
//! decides alone.

use wasm_bindgen::JsValue;

use super::{Config, Controller, Later, Remote};
use crate::browser::{http, log, read};
use crate::rules::privacy::Gate;

/// How long a `track` waits for the user's history.
const WAIT_MS: u32 = 1_500;

impl Controller {
    /// Fetches the identified user's history, replacing any earlier one.
    /// Only once the config is loaded, for a project that is not anonymous,
    /// and as far as privacy allows.
    pub(super) fn fetch_remote(&self) {
        let job = {
            let mut s = self.state.borrow_mut();
            s.remotes += 1;
            let allowed = matches!(&s.config, Config::Ready(c, _)
                if !c.anonymous && s.privacy.gate(Some(c.respect_dnt)) == Gate::Open);
            let (Some(p), Some(user), Some(hash), true) =
                (&s.project, &s.user_id, &s.user_hash, allowed)
            else {
                s.remote = Remote::None;
                return;
            };
            let url = http::history_url(&p.host, &p.key, user, hash);
            s.remote = Remote::Loading(s.remotes);
            (url, s.remotes)
        };
        self.get(job.0, job.1, Self::remote_arrived);
    }

    /// A `track` waits for the history [`WAIT_MS`] at most. The timer is
    /// let run, not kept: it checks its generation when it fires.
    pub(super) fn wait_for_remote(&self, generation: u32) {
        std::mem::forget(self.later(WAIT_MS, Later::RemoteLate(generation)));
    }

    /// [`WAIT_MS`] passed: `track`s stop waiting for this fetch.
    pub(super) fn remote_late(&self, generation: u32) {
        {
            let mut s = self.state.borrow_mut();
            if !matches!(s.remote, Remote::Loading(g) if g == generation) {
                return;
            }
            log::warn("user history: timed out");
            s.remote = Remote::Late(generation);
        }
        self.replay();
    }

    fn remote_arrived(&self, generation: u32, json: Result<JsValue, JsValue>) {
        let was_waiting = {
            let mut s = self.state.borrow_mut();
            let loading = match s.remote {
                Remote::Loading(g) if g == generation => true,
                Remote::Late(g) if g == generation => false,
                _ => return, // another user, or `reset` since
            };
            s.remote = match json {
                Ok(json) => Remote::Ready(read::remote_history(&json)),
                Err(e) => {
                    log::warn_with("user history:", &e);
                    Remote::None
                }
            };
            loading
        };
        if was_waiting {
            self.replay();
        }
    }
}
