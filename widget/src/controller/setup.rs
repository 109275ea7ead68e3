//! `init` and the project's configuration: what `init` set, and starting
//! as far as privacy allows (`rules::privacy`): the config fetch, the
//! delivery of what earlier pages left in the outbox, and, once the config
//! has loaded, the user's history and the calls that waited for it.

use wasm_bindgen::JsValue;

use super::delivery::Flush;
use super::{Config, Controller, Project};
use crate::browser::outbox::OutboxStore;
use crate::browser::{self, http, log, read};
use crate::rules::privacy::Consent;

/// What handles a fetched JSON document (see [`Controller::get`]).
pub(super) type Arrival = fn(&Controller, u32, Result<JsValue, JsValue>);

/// `init({key, host?, locale?, debug?, consent?, respect_dnt?})`, read.
pub(crate) struct Init {
    pub(crate) key: String,
    pub(crate) host: Option<String>,
    pub(crate) locale: Option<String>,
    pub(crate) debug: bool,
    /// `consent: false`: stay silent until `consent(true)`.
    pub(crate) wait_for_consent: bool,
    /// `respect_dnt: true`: silent for good in a browser that sends Do Not
    /// Track or Global Privacy Control.
    pub(crate) respect_dnt: bool,
}

impl Controller {
    /// `init(…)`: remembers the project and, as far as privacy allows,
    /// fetches its configuration.
    pub(crate) fn init(&self, o: Init) {
        {
            let mut s = self.state.borrow_mut();
            s.debug |= o.debug;
            let host = o.host.unwrap_or_else(|| s.default_host.clone());
            if s.project.as_ref().is_none_or(|p| p.key != o.key) {
                s.outbox = Some(OutboxStore::new(&o.key));
            }
            s.project = Some(Project {
                key: o.key,
                host,
                locale: o.locale,
            });
            s.config = Config::Idle;
            s.privacy.signal = browser::privacy_signal();
            s.privacy.respect_dnt = o.respect_dnt;
            if o.wait_for_consent {
                s.privacy.consent = Consent::Awaited;
            }
        }
        self.start();
    }

    /// Starts what privacy allows (at `init`, and on `consent(true)`):
    /// fetches the config, or with the config loaded fetches the user's
    /// history and runs the calls that were held; and delivers what earlier
    /// pages of this project left unsent.
    pub(super) fn start(&self) {
        let (fetch, ready) = {
            let mut s = self.state.borrow_mut();
            let s = &mut *s;
            let Some(p) = &s.project else { return };
            if !s.privacy.fetches_config() {
                return log::debug(if s.privacy.consent == Consent::Given {
                    "silent: Do Not Track / Global Privacy Control"
                } else {
                    "silent until nps('consent', true)"
                });
            }
            let fetch = matches!(s.config, Config::Idle).then(|| {
                s.inits += 1;
                (http::config_url(&p.host, &p.key), s.inits)
            });
            if let Some((_, generation)) = fetch {
                s.config = Config::Loading(generation);
            }
            (
                fetch,
                matches!(s.config, Config::Ready(..) | Config::Failed),
            )
        };
        self.hook_page_events();
        self.flush(Flush::Wake);
        if let Some((url, generation)) = fetch {
            self.get(url, generation, Self::config_arrived);
        }
        if ready {
            self.fetch_remote();
            self.replay();
        }
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
        let deferred = {
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
            // With a Do Not Track signal, delivery waited for the project's
            // `respect_dnt`.
            s.privacy.signal
        };
        if deferred {
            self.flush(Flush::Wake);
        }
        // The user's history only now: an anonymous project fetches none.
        self.fetch_remote();
        self.replay();
    }
}
