//! The cross-tab lock, taken in the lazily loaded module: two tabs of one
//! app never show the prompt at once.
//!
//! This runs in the lazily loaded module, not in the always-loaded core:
//! only a prompt needs the lock, and a prompt needs the module anyway, so
//! the core loads the module first and then asks it for the lock (see
//! `crate::machine::prompt`). It is a Web Lock where the browser has
//! `navigator.locks` (taken only if free, in one atomic step), else the
//! `localStorage` lock of `crate::rules::stored_lock` (check-then-set,
//! not atomic), refreshed while held and released when the page goes away.

use gloo_timers::callback::Interval;
use js_sys::{Function, Math, Number, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::lock_storage;
use crate::browser::{self, log};
use crate::rules::stored_lock::REFRESH_MS;

/// Takes the cross-tab lock of project `key`: a promise of the function
/// that releases it, or of `null` when another tab holds it.
pub fn take(key: &str) -> Promise {
    Promise::new(&mut |granted, _| match lock_storage::web_locks() {
        Some(locks) => web_lock(&locks, key, &granted),
        None => answer(&granted, &stored(key)),
    })
}

fn answer(granted: &Function, release: &JsValue) {
    let _ = granted.call1(&JsValue::UNDEFINED, release);
}

/// `navigator.locks.request(…, {ifAvailable: true}, …)`: `granted` gets
/// the resolver of the promise the callback returns (the lock lasts until
/// it settles), or `null`.
fn web_lock(locks: &JsValue, key: &str, granted: &Function) {
    let done = granted.clone();
    let callback = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |held: JsValue| {
        if held.is_null() {
            answer(&done, &held);
            return JsValue::UNDEFINED;
        }
        Promise::new(&mut |release, _| answer(&done, &release)).into()
    })
    .into_js_value();
    if !lock_storage::request(locks, key, &callback) {
        log::warn("could not request the cross-tab lock");
        answer(granted, &JsValue::NULL);
    }
}

/// The `localStorage` lock, without Web Locks: taken if no other tab's is
/// live, refreshed every [`REFRESH_MS`] while held, and removed when the
/// page goes away (`pagehide`; a page restored from the back/forward cache
/// takes it again at the next refresh). Its release function, or `null`.
fn stored(key: &str) -> JsValue {
    // Only told apart from other tabs' ids: no UUID needed.
    let tab = Number::from(Math::random())
        .to_string_with_radix(36)
        .map(String::from)
        .unwrap_or_default();
    if !lock_storage::free(key, &tab) {
        return JsValue::NULL;
    }
    lock_storage::hold(key, &tab);
    let (k, t) = (key.to_owned(), tab.clone());
    let refresh = Interval::new(REFRESH_MS, move || lock_storage::hold(&k, &t));
    let (k, t) = (key.to_owned(), tab.clone());
    let gone = Closure::<dyn FnMut()>::new(move || lock_storage::release(&k, &t)).into_js_value();
    if let Some(w) = browser::window() {
        let _ = w.add_event_listener_with_callback("pagehide", gone.unchecked_ref());
    }
    let key = key.to_owned();
    Closure::once_into_js(move || {
        drop(refresh);
        lock_storage::release(&key, &tab);
    })
}
