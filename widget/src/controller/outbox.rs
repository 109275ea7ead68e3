//! The outbox, from the core's side: its delivery runs in the lazily
//! loaded module (`nps-widget-lazy`'s `delivery`), so a
//! page view with nothing to send never downloads it.
//!
//! Writes are queued only from an open prompt, when the module is loaded.
//! A flush (at `init`, `online`, the page hidden or left) before the module
//! is loaded loads it, at idle priority, only if the project's outbox key
//! exists: answers an earlier page left unsent. A notice waiting for the
//! user loads it too (with the page's language), and the module's outbox
//! shows it (`notice(event)`). The core also listens for
//! the page events that flush the outbox and cancel a delayed prompt.

use js_sys::{Array, JSON};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::Controller;
use crate::browser::promise::settle;
use crate::browser::read::{field, number};
use crate::browser::{self, encode, log, storage, ui};
use crate::machine::{Event, Flush};
use crate::rules::outbox::Request;
use crate::rules::Refusal;

impl Controller {
    /// The module's outbox of the current project, made on first use once
    /// the module is loaded.
    fn outbox(&self) -> Option<JsValue> {
        let (module, key) = {
            let r = self.runner.borrow();
            if let Some(o) = &r.outbox {
                return Some(o.clone());
            }
            (r.module.clone()?, self.key()?)
        };
        let me = self.me.clone();
        // Where to deliver, asked at each flush: privacy may change meanwhile.
        let host = Closure::<dyn Fn() -> JsValue>::new(move || {
            me.upgrade()
                .and_then(|me| {
                    me.with_state(|s| {
                        s.project
                            .as_ref()
                            .filter(|_| s.delivers())
                            .map(|p| JsValue::from_str(&p.host))
                    })
                })
                .flatten()
                .unwrap_or_default()
        })
        .into_js_value();
        // What the collector refused for good: the prompt showing it must
        // not claim it was recorded (see `machine::Event::Refused`).
        let me = self.me.clone();
        let refused =
            Closure::<dyn FnMut(JsValue, JsValue)>::new(move |id: JsValue, code: JsValue| {
                if let Some(me) = me.upgrade() {
                    let why = Refusal::of(code.as_string().as_deref());
                    me.input(Event::Refused(id.as_string(), why));
                }
            })
            .into_js_value();
        let outbox = ui::method(&module, "outbox")?
            .call2(&module, &JsValue::from(key), &host)
            .ok()?;
        call(&outbox, "on_refused", &refused);
        self.runner.borrow_mut().outbox = Some(outbox.clone());
        Some(outbox)
    }

    /// Queues `request` in the module's outbox (the machine queues nothing
    /// while privacy keeps the widget silent).
    pub(super) fn enqueue(&self, request: &Request) {
        match self.outbox() {
            Some(o) => call(&o, "enqueue", &encode::request(request)),
            None => log::warn("no outbox: an answer was not queued"),
        }
    }

    /// Delivers the outbox, loading the module first if answers wait
    /// (then everything not in flight).
    pub(super) fn flush(&self, how: Flush) {
        if let Some(o) = self.outbox() {
            return call(&o, "flush", &JsValue::from(how as u8));
        }
        if self.stored_outbox().is_some() {
            let loading = self.runner.borrow().ui.prefetch();
            self.when_loaded(&loading, "flush", JsValue::from(Flush::Wake as u8));
        }
    }

    /// Calls the module outbox's `name(arg)` once `loading` gives the
    /// module: a flush when answers wait, or a waiting notice
    /// (`notice(event)`; one function for both, since each callback chain
    /// weighs in the core).
    pub(super) fn when_loaded(&self, loading: &JsValue, name: &'static str, arg: JsValue) {
        let me = self.me.clone();
        settle(
            loading,
            Box::new(move |module| {
                let (Some(me), Ok(module)) = (me.upgrade(), module) else {
                    return;
                };
                if module.is_object() {
                    me.runner.borrow_mut().module.get_or_insert(module);
                    if let Some(o) = me.outbox() {
                        call(&o, name, &arg);
                    }
                }
            }),
        );
    }

    /// The outbox forgets how many entries it dropped, so that one with
    /// nothing left to deliver leaves no key behind (`reset()`,
    /// `consent(false)`). Without the module, the stored JSON is edited
    /// as it is.
    pub(super) fn forget_dropped(&self) {
        if let Some(o) = self.outbox() {
            return call(&o, "forget_dropped", &JsValue::UNDEFINED);
        }
        let Some((key, raw)) = self.stored_outbox() else {
            return;
        };
        let Ok(json) = JSON::parse(&raw) else { return };
        if number(&json, "dropped").unwrap_or(0.0) <= 0.0 {
            return;
        }
        let empty = field(&json, "entries").is_none_or(|e| Array::from(&e).length() == 0);
        if empty {
            storage::remove(&key);
        } else if let Some(text) = {
            encode::set(json.unchecked_ref(), "dropped", &JsValue::from(0));
            encode::stringify(&json)
        } {
            storage::set(&key, &text);
        }
    }

    /// The project's stored outbox: its key and value, if there is one.
    fn stored_outbox(&self) -> Option<(String, String)> {
        let key = storage::item_key(&self.key()?, "outbox");
        let raw = storage::get(&key)?;
        Some((key, raw))
    }

    /// Listens for the page events that flush the outbox; once per page.
    pub(super) fn hook_page_events(&self) {
        let mut r = self.runner.borrow_mut();
        if r.on_page_event.is_some() {
            return;
        }
        let me = self.me.clone();
        let on_event = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let Some(me) = me.upgrade() else { return };
            match e.type_().as_str() {
                "online" => me.input(Event::Online),
                "visibilitychange" if browser::page_hidden() => me.input(Event::Hidden),
                "pagehide" => me.input(Event::PageHide),
                _ => {}
            }
        });
        let f = on_event.as_ref().unchecked_ref();
        if let Some(w) = browser::window() {
            let _ = w.add_event_listener_with_callback("online", f);
            let _ = w.add_event_listener_with_callback("pagehide", f);
            if let Some(d) = w.document() {
                let _ = d.add_event_listener_with_callback("visibilitychange", f);
            }
        }
        r.on_page_event = Some(on_event);
    }
}

/// Calls the module outbox's `name(arg)`; a failure is logged.
fn call(o: &JsValue, name: &str, arg: &JsValue) {
    let called = ui::method(o, name).map(|f| f.call1(o, arg));
    if !matches!(called, Some(Ok(_))) {
        log::warn("the outbox failed");
    }
}
