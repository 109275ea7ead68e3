//! The JavaScript-facing API: what `nps(...)` calls end up in.
//!
//! The loader creates one [`Widget`] and forwards every `nps(name, ...args)`
//! call, queued or live, to [`Widget::command`] as an array. Arguments come
//! from arbitrary host code, so each is checked here and a bad call is
//! logged and ignored rather than thrown back at the page.

use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect};
use nps_protocol::Traits;
use wasm_bindgen::prelude::*;

use crate::browser::ui::Loader;
use crate::browser::{log, read};
use crate::controller::Controller;
use crate::events::NoticeKind;
use crate::machine::{Event, Init};

/// The widget of one page, driven by `nps(...)` commands.
#[wasm_bindgen]
pub struct Widget {
    controller: Rc<Controller>,
}

#[wasm_bindgen]
impl Widget {
    /// A widget whose API calls go to `default_host` (the origin that served
    /// `widget.js`) unless `init` names another host. `ui(now)` is the
    /// loader's access to the prompt's ui module: `ui(true)` returns a
    /// promise of it, `ui(false)` prefetches it at idle priority.
    #[wasm_bindgen(constructor)]
    pub fn new(default_host: String, ui: Function) -> Widget {
        Widget {
            controller: Controller::new(default_host, Loader(ui)),
        }
    }

    /// Runs one `nps(...)` call; `args` is its `arguments`, name first.
    pub fn command(&self, args: &Array) {
        let c = &self.controller;
        let name = args.get(0).as_string().unwrap_or_default();
        match name.as_str() {
            "init" => {
                let options = args.get(1);
                match text(&options, "key") {
                    Some(key) => c.input(Event::Init(Init {
                        key,
                        host: text(&options, "host"),
                        locale: text(&options, "locale"),
                        debug: truthy(&options, "debug"),
                        // Only an explicit `false`: a missing option means
                        // the host needs no consent for the widget.
                        wait_for_consent: read::field(&options, "consent")
                            .and_then(|v| v.as_bool())
                            == Some(false),
                        respect_dnt: truthy(&options, "respect_dnt"),
                    })),
                    None => log::warn("init needs {key: 'PUBLIC_KEY'}"),
                }
            }
            "consent" => match args.get(1).as_bool() {
                Some(given) => c.input(Event::Consent(given)),
                None => log::warn("consent needs true or false"),
            },
            "identify" => c.input(Event::Identify {
                user_id: user_id(&args.get(1)),
                traits: traits(&args.get(2)),
                signature: text(&args.get(3), "signature"),
            }),
            "track" => match args.get(1).as_string().filter(|m| !m.is_empty()) {
                // `props` (args[2]) is accepted for compatibility with
                // analytics-style calls; the rules do not use it yet.
                Some(moment) => c.input(Event::Track(moment)),
                None => log::warn("track needs a moment name"),
            },
            "show" => c.input(Event::Show),
            "debug" => c.input(Event::Debug),
            "reset" => c.input(Event::Reset),
            "on" => {
                let name = args.get(1).as_string();
                match (
                    name.as_deref().and_then(NoticeKind::from_name),
                    args.get(2).dyn_into::<Function>(),
                ) {
                    (Some(kind), Ok(f)) => c.on(kind, f),
                    _ => log::warn("on needs 'shown', 'answered' or 'dismissed' and a function"),
                }
            }
            _ => log::warn_with("unknown command", &args.get(0)),
        }
    }
}

/// Whether an option is set to a truthy value.
fn truthy(object: &JsValue, name: &str) -> bool {
    read::field(object, name).is_some_and(|v| v.is_truthy())
}

/// A non-empty string property of an options object.
fn text(object: &JsValue, name: &str) -> Option<String> {
    if !object.is_object() {
        return None;
    }
    Reflect::get(object, &JsValue::from_str(name))
        .ok()?
        .as_string()
        .filter(|s| !s.is_empty())
}

/// A user id: a string, or a number (as host apps often have).
fn user_id(value: &JsValue) -> Option<String> {
    if let Some(s) = value.as_string() {
        return Some(s).filter(|s| !s.is_empty());
    }
    let n = value.as_f64().filter(|n| n.is_finite())?;
    // `String(n)` renders integers without a trailing `.0`.
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .ok()
        .map(String::from)
}

/// Flat traits: strings, finite numbers and booleans; anything else is
/// dropped with a warning (the collector would refuse nested values).
fn traits(value: &JsValue) -> Traits {
    let mut traits = Traits::new();
    let Some(object) = value.dyn_ref::<Object>() else {
        return traits;
    };
    for entry in Object::entries(object) {
        let entry = Array::from(&entry);
        let (Some(key), v) = (entry.get(0).as_string(), entry.get(1)) else {
            continue;
        };
        let Some(value) = read::trait_value(&v) else {
            log::warn_with(
                "trait ignored (not a string, number or boolean):",
                &JsValue::from(key),
            );
            continue;
        };
        traits.insert(key, value);
    }
    traits
}
