//! Waiting for a promise without an async runtime: a callback when it
//! settles. `wasm-bindgen-futures` (its executor, wakers and one state
//! machine per `async fn`) cost about 1.5 KB brotli of the always-loaded
//! wasm for the handful of promises the widget waits on.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// What to do with a settled promise: its value, or why it was rejected.
pub(crate) type Settled = Box<dyn FnOnce(Result<JsValue, JsValue>)>;

/// Calls `then` once `promise` settles (at once with an error if it is not
/// a promise). The two callbacks given to JavaScript are freed with the
/// promise (wasm-bindgen releases a closure whose function was collected).
pub(crate) fn settle(promise: &JsValue, then: Settled) {
    let slot = Rc::new(Cell::new(Some(then)));
    let callback = |resolved: bool| {
        let slot = slot.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
            if let Some(then) = slot.take() {
                then(if resolved { Ok(value) } else { Err(value) });
            }
        })
        .into_js_value()
    };
    let (resolved, rejected) = (callback(true), callback(false));
    let attached = Reflect::get(promise, &JsValue::from_str("then"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .is_some_and(|f| f.call2(promise, &resolved, &rejected).is_ok());
    if !attached {
        if let Some(then) = slot.take() {
            then(Err(JsValue::from_str("not a promise")));
        }
    }
}

/// Runs `then` in a microtask: after the current callback returns.
pub(crate) fn soon(then: Box<dyn FnOnce()>) {
    settle(
        &js_sys::Promise::resolve(&JsValue::UNDEFINED),
        Box::new(move |_| then()),
    );
}
