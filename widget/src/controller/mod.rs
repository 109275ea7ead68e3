//! The effect runner: the browser half of the state machine
//! ([`crate::machine`]).
//!
//! Every command, fetch answer, timer, lock grant and user action becomes
//! an [`Event`]; [`Controller::input`] reads what the machine needs to know
//! of the browser (the stored history, the page's address, …) into a
//! [`World`], steps the machine, and carries out the effects it returns
//! ([`effects`]): storage, `fetch`, timers, the ui module and what it
//! holds (the cross-tab lock, the outbox's delivery), the host's
//! listeners, the console.
//! No decision is made here.
//!
//! The controller lives in an `Rc` with interior mutability; no borrow is
//! held while calling out to JS (listeners, the ui), because those may
//! call straight back in: an effect that feeds the machine a new input
//! (a listener calling `nps(...)`)
//! steps it again before the remaining effects run.

mod effects;
mod outbox;
mod reads;

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::Function;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;

use crate::browser::input::InputWatch;
use crate::browser::ui::{Loader, Mounted};
use crate::browser::{self, clock, history, storage, uuid};
use crate::events::{Listeners, NoticeKind};
use crate::machine::{self, Event, Input, State, World};

/// What the runner keeps beside the machine's state.
struct Runner {
    /// The machine's state (taken out while it steps).
    machine: Option<State>,
    listeners: Listeners,
    /// Loads the prompt's ui module (the loader's `ui(now, code)`).
    ui: Loader,
    /// The ui module, once loaded.
    module: Option<JsValue>,
    /// The language the module was last given (with a prompt's loading);
    /// another one is loaded through the loader first.
    module_lang: Option<&'static str>,
    /// The config's JSON, for the moments' texts.
    config_json: Option<JsValue>,
    /// The prompt on the page.
    mounted: Option<Mounted>,
    /// Cross-tab locks held, by opening: the ui module's functions that
    /// release them.
    held: Vec<(u32, Function)>,
    /// The ui module's outbox of the current project (`nps-widget-lazy`'s `delivery`),
    /// once the module is loaded.
    outbox: Option<JsValue>,
    /// The listener of the page's events.
    on_page_event: Option<Closure<dyn FnMut(web_sys::Event)>>,
    /// The user's input, noted while a prompt waits for a pause.
    input: InputWatch,
}

/// The widget of one page; see the module documentation.
pub(crate) struct Controller {
    runner: RefCell<Runner>,
    me: Weak<Controller>,
}

impl Controller {
    /// A controller with nothing configured; API calls default to
    /// `default_host` (the origin `widget.js` was loaded from).
    pub(crate) fn new(default_host: String, ui: Loader) -> Rc<Self> {
        Rc::new_cyclic(|me| Self {
            me: me.clone(),
            runner: RefCell::new(Runner {
                machine: Some(State::new(default_host)),
                listeners: Listeners::default(),
                ui,
                module: None,
                module_lang: None,
                config_json: None,
                mounted: None,
                held: Vec::new(),
                outbox: None,
                on_page_event: None,
                input: InputWatch::default(),
            }),
        })
    }

    /// `on(name, fn)`.
    pub(crate) fn on(&self, kind: NoticeKind, listener: Function) {
        self.runner.borrow_mut().listeners.add(kind, listener);
    }

    /// Steps the machine with `event` and carries out its effects.
    pub(crate) fn input(&self, event: Event) {
        if let Event::Init(init) = &event {
            self.open_outbox(&init.key);
        }
        let world = self.world();
        let effects = {
            let mut r = self.runner.borrow_mut();
            let Some(state) = r.machine.take() else {
                return; // cannot happen: steps never nest inside `step`
            };
            let (state, effects) = machine::step(state, Input { event, world }, clock::now_ms());
            r.machine = Some(state);
            effects
        };
        for effect in effects {
            self.run(effect);
        }
    }

    /// What the machine needs to know of the browser now.
    fn world(&self) -> World {
        let key = self.key();
        let stored_anon = key.as_deref().and_then(history::stored_anon_id);
        World {
            history: key.as_deref().map(history::load).unwrap_or_default(),
            anon_new: stored_anon.is_none(),
            anon_id: stored_anon.unwrap_or_else(uuid::new_id),
            href: browser::page_url(),
            hidden: browser::page_hidden(),
            language: browser::navigator_language(),
            dnt: browser::privacy_signal(),
            last_input: self.runner.borrow().input.last(),
            tz_offset: clock::tz_offset_min(),
        }
    }

    /// A read of the machine's state.
    fn with_state<T>(&self, f: impl FnOnce(&State) -> T) -> Option<T> {
        self.runner.borrow().machine.as_ref().map(f)
    }

    /// The project's key, once `init` ran.
    fn key(&self) -> Option<String> {
        self.with_state(|s| s.project.as_ref().map(|p| p.key.clone()))
            .flatten()
    }

    /// Another outbox when `init` names another project.
    fn open_outbox(&self, key: &str) {
        let mut r = self.runner.borrow_mut();
        let same = r
            .machine
            .as_ref()
            .and_then(|s| s.project.as_ref())
            .is_some_and(|p| p.key == key);
        if !same {
            r.outbox = None;
        }
    }

    /// Forgets what is stored for the project, or for every project.
    fn clear(project: Option<&str>) {
        match project {
            Some(key) => storage::clear(key),
            None => storage::clear_all(),
        }
    }
}
