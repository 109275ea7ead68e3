//! `init`, `track` and `show`: loading the configuration and deciding
//! whether to prompt, keeping commands in order while the config loads.

use nps_protocol::WidgetConfig;
use wasm_bindgen::JsValue;

use super::delivery::Flush;
use super::{Config, Controller, Project, Waiting};
use crate::browser::outbox::OutboxStore;
use crate::browser::{clock, history, http, log, read};
use crate::rules::timing::{decide, Decision, Page, Trigger, User};

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
        let (generation, host) = {
            let mut s = self.state.borrow_mut();
            s.debug |= debug;
            s.inits += 1;
            let host = host.unwrap_or_else(|| s.default_host.clone());
            if s.project.as_ref().is_none_or(|p| p.key != key) {
                s.outbox = Some(OutboxStore::new(&key));
            }
            s.project = Some(Project {
                key: key.clone(),
                host: host.clone(),
                locale,
            });
            s.config = Config::Loading(s.inits);
            (s.inits, host)
        };
        // Deliver what earlier pages of this project left unsent.
        self.hook_page_events();
        self.flush(Flush::Wake);
        let me = self.me.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let config = http::get_config(&host, &key).await;
            if let Some(me) = me.upgrade() {
                me.config_arrived(generation, config);
            }
        });
    }

    fn config_arrived(&self, generation: u32, config: Result<(WidgetConfig, JsValue), JsValue>) {
        let waiting = {
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
            std::mem::take(&mut s.waiting)
        };
        for w in waiting {
            match w {
                Waiting::Track(moment) => self.track(moment),
                Waiting::Show => self.show(),
            }
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

    fn trigger(&self, what: Waiting) {
        let (decision, debug, texts) = {
            let mut s = self.state.borrow_mut();
            let wait = match s.config {
                Config::Idle => true,
                Config::Loading(_) => matches!(what, Waiting::Track(_)) || !s.waiting.is_empty(),
                Config::Ready(..) | Config::Failed => false,
            };
            if wait {
                s.waiting.push(what);
                return;
            }
            let (Some(project), config) = (&s.project, &s.config) else {
                return;
            };
            let no_config;
            let (config, json) = match (config, &what) {
                (Config::Ready(c, json), _) => (c, Some(json)),
                (_, Waiting::Track(_)) => {
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
                Waiting::Show => Trigger::Show,
            };
            let user = User {
                id: s.user_id.clone(),
                anon_id: s.user_id.is_none().then(|| history::anon_id(&project.key)),
                traits: s.traits.clone(),
            };
            let page = Page {
                shown: s.shown_this_page,
                open: s.prompt.is_some(),
            };
            let decision = decide(config, &history, &user, page, trigger, now);
            let texts = match (&decision, json) {
                (Decision::Prompt { index: Some(i), .. }, Some(json)) => {
                    Some(read::moment_texts(json, *i, super::locale_of(&s).code()))
                }
                _ => None,
            };
            (decision, s.debug, texts)
        };
        match decision {
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
