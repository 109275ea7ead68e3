//! `consent(true|false)`: the host's consent, given or withdrawn. The
//! decisions (what is allowed while consent is awaited or withdrawn) are in
//! `rules::privacy`; this carries them out.
//!
//! Before consent, `identify` only sets the user in memory, and `track`
//! and `show` are held in memory (at most 100), then run in order once
//! consent is given and the config has loaded: a moment tracked before
//! consent still counts on this page. Nothing is stored or sent meanwhile.
//!
//! Withdrawn, the widget closes its prompt (a score not yet sent is not
//! sent), cancels a delayed prompt and the wait for the user's history,
//! drops what was waiting, and removes every `nps:` key from
//! `localStorage` except the outboxes: answers given while consent held are
//! still delivered, and their key goes once they are.

use super::{Config, Controller, Remote, State};
use crate::browser::storage;
use crate::rules::privacy::Consent;

impl Controller {
    /// `consent(given)`.
    pub(crate) fn consent(&self, given: bool) {
        let was = {
            let mut s = self.state.borrow_mut();
            let was = s.privacy.consent;
            s.privacy.consent = was.after(given, s.project.is_some());
            was
        };
        if !given {
            self.withdraw();
        } else if was != Consent::Given {
            self.start();
        }
    }

    /// Stops everything that runs and forgets what was stored.
    fn withdraw(&self) {
        self.close();
        let mut s = self.state.borrow_mut();
        s.waiting.clear();
        s.delayed = None;
        s.remote = Remote::None;
        storage::clear_all();
        if let Some(o) = s.outbox.as_mut() {
            o.forget_dropped();
        }
    }
}

/// The project's `respect_dnt`, once known. A config that failed to load
/// is taken to respect it: nothing is sent on a guess.
pub(super) fn project_dnt(config: &Config) -> Option<bool> {
    match config {
        Config::Ready(c, _) => Some(c.respect_dnt),
        Config::Failed => Some(true),
        _ => None,
    }
}

/// `Some(allowed traits)` when what is sent must be anonymous: the
/// project's config says so. (`show()` waits for the config, so a prompt
/// opens knowing; when the config could not be loaded the widget cannot
/// tell, and the collector strips an anonymous project's identities on
/// arrival anyway.)
pub(super) fn anonymity(s: &State) -> Option<&[String]> {
    match &s.config {
        Config::Ready(c, _) if c.anonymous => Some(&c.allowed_traits),
        _ => None,
    }
}
