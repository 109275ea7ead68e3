//! `track` and `show`: deciding whether to prompt, keeping commands in
//! order while the config loads (or consent is awaited: see
//! `rules::privacy`).

use nps_protocol::WidgetConfig;

use super::{Config, Controller, Remote, Waiting};
use crate::browser::{clock, history, lock, log, read};
use crate::rules::privacy::Gate;
use crate::rules::timing::{decide, Decision, Page, Reason, Trigger, User};

/// Most `track`/`show` calls kept while waiting for consent.
const HELD_MAX: usize = 100;

impl Controller {
    /// Runs again the commands that were waiting (for the config or the
    /// user's history), in order; those that must still wait queue again.
    pub(super) fn replay(&self) {
        let waiting = std::mem::take(&mut self.state.borrow_mut().waiting);
        for w in waiting {
            self.trigger(w);
        }
    }

    /// `track(moment)`: prompts if the rules allow; waits for the config.
    pub(crate) fn track(&self, moment: String) {
        self.trigger(Waiting::Track(moment));
    }

    /// `show()`: prompts now, ignoring timing rules but not an opt-out
    /// (once the config and the user's history have arrived, after any
    /// earlier command still waiting for them).
    pub(crate) fn show(&self) {
        self.trigger(Waiting::Show);
    }

    pub(super) fn trigger(&self, what: Waiting) {
        let (decision, debug, texts, delay) = {
            let mut s = self.state.borrow_mut();
            match s.privacy.gate(super::privacy::project_dnt(&s.config)) {
                Gate::Open => {}
                // Until consent, or until the config says whether the
                // project respects Do Not Track; in memory only, bounded.
                Gate::Hold => {
                    if s.waiting.len() < HELD_MAX {
                        s.waiting.push(what);
                    }
                    return;
                }
                Gate::Closed => return explain(s.debug, &Reason::DoNotTrack),
            }
            // `show()` waits for the config too (when it loads: a failed
            // one does not stop it), so that nothing is shown or sent before
            // the project's `anonymous` and `respect_dnt` are known; and for
            // the user's history, since an opt-out elsewhere stops it.
            let wait = matches!(s.config, Config::Idle | Config::Loading(_));
            let remote = match s.remote {
                Remote::Loading(g) => Some(g),
                _ => None,
            };
            if wait || remote.is_some() {
                let first = s.waiting.is_empty();
                s.waiting.push(what);
                drop(s);
                if let (Some(g), true) = (remote, first) {
                    self.wait_for_remote(g);
                }
                return;
            }
            let tab = super::tab_id(&mut s);
            let (Some(project), config) = (&s.project, &s.config) else {
                return;
            };
            let no_config;
            let (config, json) = match (config, &what) {
                (Config::Ready(c, json), _) => (c, Some(json)),
                (_, Waiting::Track(_) | Waiting::Due(_)) => {
                    log::warn("track() ignored: no project configuration");
                    return;
                }
                // `show()` ignores the configuration, so an empty one will do.
                _ => {
                    no_config = WidgetConfig::default();
                    (&no_config, None)
                }
            };
            let now = clock::now_ms();
            let mut history = history::load(&project.key);
            let remote = match &s.remote {
                Remote::Ready(r) => Some(*r),
                _ => None,
            };
            let trigger = match &what {
                Waiting::Track(m) => {
                    // Only what the rules count is remembered, so arbitrary
                    // analytics events do not fill the storage.
                    let counted = config.moments.iter().any(|x| x.event == *m)
                        || config.quiet_after.iter().any(|q| q.event == *m);
                    if counted {
                        history.record_occurrence(m, now);
                        history::save(&project.key, &history);
                    }
                    Trigger::Track(m)
                }
                Waiting::Due(m) => Trigger::Track(m),
                Waiting::Show => Trigger::Show,
            };
            let user = User {
                id: s.user_id.clone(),
                anon_id: s.user_id.is_none().then(|| history::anon_id(&project.key)),
                traits: s.traits.clone(),
            };
            let page = Page {
                shown: s.shown_this_page,
                // Another tab's prompt counts as open here too.
                open: s.prompt.is_some() || !lock::free(&project.key, &tab),
            };
            // Merged after saving: the collector's record stays its own.
            if let Some(r) = &remote {
                history.merge_remote(r);
            }
            let decision = decide(config, &history, &user, page, trigger, now);
            let texts = match (&decision, json) {
                (Decision::Prompt { index: Some(i), .. }, Some(json)) => {
                    Some(read::moment_texts(json, *i, super::locale_of(&s).code()))
                }
                _ => None,
            };
            let delay = match (&decision, &what) {
                (Decision::Prompt { index: Some(i), .. }, Waiting::Track(_)) => {
                    config.moments.get(*i).and_then(|m| m.delay_seconds)
                }
                _ => None,
            };
            (decision, s.debug, texts, delay.unwrap_or(0))
        };
        match decision {
            Decision::Prompt {
                moment: Some(m), ..
            } if delay > 0 => {
                log::debug("prompt delayed (delay_seconds)");
                self.delay(m, delay);
            }
            Decision::Prompt { moment, reason, .. } => {
                if debug {
                    log::info(&reason.sentence());
                }
                self.open(moment, texts);
            }
            Decision::Skip(reason) => explain(debug, &reason),
        }
    }
}

/// Logs why the widget stays quiet: hidden by default in consoles unless
/// debug mode is on.
fn explain(debug: bool, reason: &Reason) {
    if debug {
        log::info(&reason.sentence());
    } else {
        log::debug(&reason.sentence());
    }
}
