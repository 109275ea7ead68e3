//! Reading what the machine asks for over the network: the project's
//! configuration and, for a verified user, the collector's record of her
//! prompts; each answer handed back to the machine as an event.

use wasm_bindgen::JsValue;

use super::Controller;
use crate::browser::{http, log, read};
use crate::machine::{Config, Event};
use crate::rules::Refusal;

impl Controller {
    pub(super) fn fetch_config(&self, gen: u32) {
        let url = self.with_state(|s| {
            s.project
                .as_ref()
                .map(|p| http::config_url(&p.host, &p.key))
        });
        if let Some(url) = url.flatten() {
            self.get(&url, Self::config_arrived, gen);
        }
    }

    /// The machine says why a configuration was not read (once, as a
    /// warning).
    fn config_arrived(&self, gen: u32, json: Result<JsValue, JsValue>) {
        let config = match json {
            Ok(json) => {
                let config = read::widget_config(&json).ok_or(Refusal::Unreachable);
                // Kept for the moments' texts, unless superseded.
                let current =
                    self.with_state(|s| matches!(s.config, Config::Loading(g) if g == gen));
                if config.is_ok() && current == Some(true) {
                    self.runner.borrow_mut().config_json = Some(json);
                }
                config
            }
            Err(e) => Err(http::refusal(&e)),
        };
        self.input(Event::Config(gen, config));
    }

    pub(super) fn fetch_remote(&self, gen: u32) {
        let url = self.with_state(|s| match (&s.project, &s.user_id, &s.user_hash) {
            (Some(p), Some(user), Some(hash)) => {
                Some(http::history_url(&p.host, &p.key, user, hash))
            }
            _ => None,
        });
        if let Some(url) = url.flatten() {
            self.get(&url, Self::remote_arrived, gen);
        }
    }

    fn remote_arrived(&self, gen: u32, json: Result<JsValue, JsValue>) {
        let history = match json {
            Ok(json) => Some(read::remote_history(&json)),
            Err(e) => {
                log::warn_with("user history:", &e);
                None
            }
        };
        self.input(Event::Remote(gen, history));
    }

    /// Fetches `url` in the background and hands the JSON to `then`.
    fn get(&self, url: &str, then: fn(&Controller, u32, Result<JsValue, JsValue>), gen: u32) {
        let me = self.me.clone();
        http::get_json(
            url,
            Box::new(move |json| {
                if let Some(me) = me.upgrade() {
                    then(&me, gen, json);
                }
            }),
        );
    }
}
