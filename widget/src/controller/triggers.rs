//! `init`, `track` and `show`: loading the configuration and deciding
//! whether to prompt, keeping commands in order while the config loads.

use nps_protocol::WidgetConfig;
use wasm_bindgen::JsValue;

use super::delivery::Flush;
use super::{Config, Controller, Project, Remote, Waiting};
use crate::browser::outbox::OutboxStore;
use crate::browser::{clock, history, http, lock, log, read};
use crate::rules::timing::{decide, Decision, Page, Trigger, User};

/// What handles a fetched JSON document (see [`Controller::get`]).
pub(super) type Arrival = fn(&Controller, u32, Result<JsValue, JsValue>);

impl Controller {
    /// `init({key, host?, locale?, debug?})`: remembers the project and
    /// fetches its configuration.
    pub(crate) fn init(
        &self,
        key: String,
        host: Option<String>,
        locale: Option<String>,
        debug: bool,
    ) {
        let (generation, url) = {
            let mut s = self.state.borrow_mut();
            s.debug |= debug;
            s.inits += 1;
            let host = host.unwrap_or_else(|| s.default_host.clone());
            if s.project.as_ref().is_none_or(|p| p.key != key) {
                s.outbox = Some(OutboxStore::new(&key));
            }
            let url = http::config_url(&host, &key);
            s.project = Some(Project { key, host, locale });
            s.config = Config::Loading(s.inits);
            (s.inits, url)
        };
        // Deliver what earlier pages of this project left unsent.
        self.hook_page_events();
        self.flush(Flush::Wake);
        self.fetch_remote();
        self.get(url, generation, Self::config_arrived);
    }

    /// Fetches `url` in the background and hands the JSON to `then` with
    /// `generation`, which tells a stale answer from the current one.
    pub(super) fn get(&self, url: String, generation: u32, then: Arrival) {
        let me = self.me.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let json = http::get_json(url).await;
            if let Some(me) = me.upgrade() {
                then(&me, generation, json);
            }
        });
    }

    fn config_arrived(&self, generation: u32, json: Result<JsValue, JsValue>) {
        let config = json.and_then(|json| match read::widget_config(&json) {
            Some(c) => Ok((c, json)),
            None => Err(JsValue::from_str("malformed configuration")),
        });
        {
            let mut s = self.state.borrow_mut();
            if !matches!(s.config, Config::Loading(g) if g == generation) {
                return; // superseded by a later `init`
            }
            s.config = match config {
                Ok((c, json)) => Config::Ready(c, json),
                Err(e) => {
                    log::warn_with("could not load the project configuration", &e);
                    Config::Failed
                }
            };
        }
        self.replay();
    }

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

    /// `show()`: prompts now, ignoring timing rules (after any earlier
    /// command still waiting for the config).
    pub(crate) fn show(&self) {
        self.trigger(Waiting::Show);
    }

    pub(super) fn trigger(&self, what: Waiting) {
        let (decision, debug, texts, delay) = {
            let mut s = self.state.borrow_mut();
            let behind = !matches!(what, Waiting::Show) || !s.waiting.is_empty();
            let wait = match s.config {
                Config::Idle => true,
                Config::Loading(_) => behind,
                Config::Ready(..) | Config::Failed => false,
            };
            let remote = match s.remote {
                Remote::Loading(g) if behind => Some(g),
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
            // Hidden by default in consoles unless debug mode is on.
            Decision::Skip(reason) if debug => log::info(&reason.sentence()),
            Decision::Skip(reason) => log::debug(&reason.sentence()),
        }
    }
}
