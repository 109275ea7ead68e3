//! `init`, `track` and `show`: loading the configuration and deciding
//! whether to prompt, keeping commands in order while the config loads.

use nps_protocol::WidgetConfig;
use wasm_bindgen::JsValue;

use super::delivery::Flush;
use super::{Config, Controller, Project, Waiting};
use crate::browser::outbox::OutboxStore;
use crate::browser::{clock, http, log, storage};
use crate::rules::{decide, Decision, PromptState, Reason, Trigger};

impl Controller {
    /// `init({key, host?, locale?})`: remembers the project and fetches its
    /// configuration.
    pub(crate) fn init(&self, key: String, host: Option<String>, locale: Option<String>) {
        let (generation, host) = {
            let mut s = self.state.borrow_mut();
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

    fn config_arrived(&self, generation: u32, config: Result<WidgetConfig, JsValue>) {
        let waiting = {
            let mut s = self.state.borrow_mut();
            if !matches!(s.config, Config::Loading(g) if g == generation) {
                return; // superseded by a later `init`
            }
            s.config = match config {
                Ok(c) => Config::Ready(c),
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
        let decision = {
            let mut s = self.state.borrow_mut();
            let wait = match s.config {
                Config::Idle => true,
                Config::Loading(_) => matches!(what, Waiting::Track(_)) || !s.waiting.is_empty(),
                Config::Ready(_) | Config::Failed => false,
            };
            if wait {
                s.waiting.push(what);
                return;
            }
            let (Some(project), config) = (&s.project, &s.config) else {
                return;
            };
            let no_config;
            let config = match (config, &what) {
                (Config::Ready(c), _) => c,
                (_, Waiting::Track(_)) => {
                    log::warn("track() ignored: no project configuration");
                    return;
                }
                // `show()` ignores the configuration, so an empty one will do.
                _ => {
                    no_config = WidgetConfig {
                        key: String::new(),
                        moments: Vec::new(),
                        days_after_prompt: 0,
                        ..WidgetConfig::default()
                    };
                    &no_config
                }
            };
            let state = PromptState {
                last_shown_ms: storage::last_shown(&project.key),
                shown_this_page: s.shown_this_page,
                open: s.prompt.is_some(),
            };
            let trigger = match &what {
                Waiting::Track(m) => Trigger::Track(m),
                Waiting::Show => Trigger::Show,
            };
            decide(config, &state, trigger, clock::now_ms())
        };
        match decision {
            Decision::Prompt { moment } => self.open(moment),
            Decision::Skip(reason) => log::debug(match reason {
                Reason::AlreadyOpen => "not prompting: a prompt is already open",
                Reason::UnknownMoment => "not prompting: not a configured moment",
                Reason::AlreadyShownThisPage => "not prompting: already prompted on this page",
                Reason::Cooldown { .. } => "not prompting: prompted recently (cooldown)",
            }),
        }
    }
}
