//! Console diagnostics, always prefixed `[nps]` so integrators can filter.

use wasm_bindgen::JsValue;

/// Logs a warning with the widget's prefix.
pub(crate) fn warn(message: &str) {
    web_sys::console::warn_1(&prefixed(message));
}

/// Logs a warning with a JS value (an error, a response) for context.
pub(crate) fn warn_with(message: &str, detail: &JsValue) {
    web_sys::console::warn_2(&prefixed(message), detail);
}

fn prefixed(message: &str) -> JsValue {
    let mut text = String::with_capacity(message.len() + 6);
    text.push_str("[nps] ");
    text.push_str(message);
    JsValue::from(text)
}

/// Logs why the widget decided not to act; hidden by default in consoles.
pub(crate) fn debug(message: &str) {
    web_sys::console::debug_1(&prefixed(message));
}

/// Logs a decision and its reason (debug mode).
pub(crate) fn info(message: &str) {
    web_sys::console::info_1(&prefixed(message));
}
