//! The widget's state and the commands of the public API.
//!
//! One [`Controller`] per page. It gathers the inputs the pure rules need
//! (stored state, the clock, the config), applies their decisions
//! ([`triggers`]), owns the open prompt ([`prompt`]) and sends the answers
//! ([`answer`]). It lives in an `Rc` with interior mutability; borrows are
//! never held while calling out to JS (listeners, Yew), because those may
//! call straight back in.

mod answer;
mod delay;
mod delivery;
mod privacy;
mod prompt;
mod remote;
mod setup;
mod triggers;

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use js_sys::Function;
use nps_protocol::{TraitValue, Traits, WidgetConfig};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;

use crate::browser::outbox::OutboxStore;
use crate::browser::storage;
use crate::events::{Event, Listeners};
use crate::rules::privacy::Privacy;
use crate::rules::timing::RemoteHistory;
use crate::rules::{pick_locale, Locale};

use self::prompt::Prompt;

pub(crate) use self::setup::Init;

/// What `init` set.
struct Project {
    key: String,
    /// The collector origin API calls go to.
    host: String,
    /// `init({locale})`, the strongest language preference.
    locale: Option<String>,
}

/// Where the project's configuration stands.
enum Config {
    /// `init` not called yet, or not fetched: consent is awaited, or Do
    /// Not Track silences the widget (`rules::privacy`).
    Idle,
    /// Being fetched; the number tells a stale answer (from an earlier
    /// `init`) from the current one.
    Loading(u32),
    /// Loaded: `track` can be decided. The JSON is kept for the moments'
    /// texts.
    Ready(WidgetConfig, JsValue),
    /// The fetch failed: `track` cannot decide, `show` still works.
    Failed,
}

/// The identified user's history from the collector.
enum Remote {
    /// No user, a failed fetch, or not fetched.
    None,
    /// Being fetched (generation); a `track` waits for it.
    Loading(u32),
    /// Still being fetched, but too slow: `track`s no longer wait.
    Late(u32),
    /// Fetched: merged into this browser's history before deciding.
    Ready(RemoteHistory),
}

/// A `track` or `show` waiting for consent, the config or the user's
/// history, so commands keep their order.
enum Waiting {
    Track(String),
    /// A delayed prompt's time has come: decide again, without counting.
    Due(String),
    Show,
}

/// What a timer does when it fires (one closure type for every timer:
/// each closure type weighs in the wasm).
enum Later {
    /// Retry the outbox.
    Flush,
    /// Stop waiting for the user's history of this generation.
    RemoteLate(u32),
    /// A delayed prompt of this moment, tracked on this page address.
    Delayed(String, Option<String>),
}

/// Everything the widget knows during this page view.
struct State {
    default_host: String,
    project: Option<Project>,
    config: Config,
    /// How many `init`s so far, to recognise the latest config fetch.
    inits: u32,
    waiting: Vec<Waiting>,
    user_id: Option<String>,
    /// The user's history from every device (`identify`).
    remote: Remote,
    /// How many history fetches so far, to recognise the latest.
    remotes: u32,
    /// The host app's proof of `user_id` (`identify(…, {signature})`).
    user_hash: Option<String>,
    traits: Traits,
    listeners: Listeners,
    /// This tab's id in the cross-tab lock, made on first use.
    tab: Option<String>,
    /// A prompt waiting for its moment's `delay_seconds`.
    delayed: Option<Timeout>,
    /// `track` may prompt once per page view (`reset` starts afresh).
    shown_this_page: bool,
    prompt: Option<Prompt>,
    /// Writes not yet acknowledged by the collector (set by `init`).
    outbox: Option<OutboxStore>,
    /// The pending retry of the outbox, if any.
    outbox_timer: Option<Timeout>,
    /// The listener of the page events that flush the outbox.
    on_page_event: Option<Closure<dyn FnMut(web_sys::Event)>>,
    /// Log every decision's reason (`init({debug: true})`, `nps('debug')`).
    debug: bool,
    /// Consent and Do Not Track: what the widget may do at all.
    privacy: Privacy,
}

/// The widget's brain; see the module documentation.
pub(crate) struct Controller {
    state: RefCell<State>,
    me: Weak<Controller>,
}

impl Controller {
    /// A controller with nothing configured; API calls default to
    /// `default_host` (the origin `widget.js` was loaded from).
    pub(crate) fn new(default_host: String) -> Rc<Self> {
        Rc::new_cyclic(|me| Self {
            me: me.clone(),
            state: RefCell::new(State {
                default_host,
                project: None,
                config: Config::Idle,
                inits: 0,
                waiting: Vec::new(),
                user_id: None,
                remote: Remote::None,
                remotes: 0,
                user_hash: None,
                traits: Traits::new(),
                listeners: Listeners::default(),
                tab: None,
                delayed: None,
                shown_this_page: false,
                prompt: None,
                outbox: None,
                outbox_timer: None,
                on_page_event: None,
                debug: false,
                privacy: Privacy::default(),
            }),
        })
    }

    /// `identify(userId, traits, {signature})`. Traits and the signature
    /// belong to one user: they accumulate, or are kept, until the user
    /// changes.
    pub(crate) fn identify(
        &self,
        user_id: Option<String>,
        traits: Traits,
        signature: Option<String>,
    ) {
        let refetch = {
            let mut s = self.state.borrow_mut();
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
            changed || new_hash
        };
        if refetch {
            self.fetch_remote();
        }
    }

    /// A timer that runs `job` in `ms`; dropping it cancels it.
    fn later(&self, ms: u32, job: Later) -> Timeout {
        let me = self.me.clone();
        Timeout::new(ms, move || {
            if let Some(me) = me.upgrade() {
                match job {
                    Later::Flush => me.flush(delivery::Flush::Due),
                    Later::RemoteLate(generation) => me.remote_late(generation),
                    Later::Delayed(moment, href) => me.delay_over(moment, &href),
                }
            }
        })
    }

    /// `debug()`: log the reason of every decision from now on.
    pub(crate) fn debug(&self) {
        self.state.borrow_mut().debug = true;
    }

    /// `on(event, fn)`.
    pub(crate) fn on(&self, event: Event, listener: Function) {
        self.state.borrow_mut().listeners.add(event, listener);
    }

    /// `reset()`: forgets the user and this browser's state for the project,
    /// and closes the prompt (a score already chosen is still sent, and the
    /// outbox kept: they were given by the user who was signed in). The
    /// opt-out goes with the history: it was that user's.
    pub(crate) fn reset(&self) {
        self.commit(None);
        self.close();
        let mut s = self.state.borrow_mut();
        s.user_id = None;
        s.user_hash = None;
        s.remote = Remote::None;
        s.delayed = None;
        s.traits.clear();
        s.waiting.clear();
        s.shown_this_page = false;
        // The history and the anonymous id go too; the outbox stays.
        if let Some(p) = &s.project {
            storage::clear(&p.key);
        }
        if let Some(o) = s.outbox.as_mut() {
            o.forget_dropped();
        }
    }
}

/// This tab's id for the cross-tab lock.
fn tab_id(s: &mut State) -> String {
    s.tab
        .get_or_insert_with(crate::browser::uuid::new_id)
        .clone()
}

/// The `locale` trait, if it is text.
fn trait_locale(traits: &Traits) -> Option<&str> {
    match traits.get("locale") {
        Some(TraitValue::Text(t)) => Some(t),
        _ => None,
    }
}

/// The language the prompt speaks: `init({locale})`, else the `locale`
/// trait, else the browser's.
fn locale_of(s: &State) -> Locale {
    let navigator = crate::browser::navigator_language();
    pick_locale(
        s.project.as_ref().and_then(|p| p.locale.as_deref()),
        trait_locale(&s.traits),
        navigator.as_deref(),
    )
}
