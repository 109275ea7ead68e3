//! A stand-in for the `console_error_panic_hook` crate, patched in for the
//! whole workspace (the root `Cargo.toml`'s `[patch.crates-io]`; only Yew
//! uses it). Yew installs that crate's `hook` whenever it renders, and the
//! real hook links Rust's formatting machinery into the widget's lazily
//! loaded module (about 0.9 KB brotli) to format messages the shipped
//! module never prints: `widget/build.sh` builds it to abort at once on a
//! panic (`panic=immediate-abort`), before any hook runs.
//!
//! Builds with debug assertions (the browser tests) still log the panic's
//! message with `console.error`, as the real crate does. A release build
//! without `immediate-abort` (`build.sh`'s stable fallback) logs nothing:
//! the browser still reports the `unreachable` trap, and the core logs the
//! failed call.
//!
//! Nothing to run on its own: `cargo test -p nps-widget --target
//! wasm32-unknown-unknown` goes through it whenever a prompt renders.

use std::panic::PanicHookInfo;

/// Yew's panic hook: the panic's message to `console.error` with debug
/// assertions, nothing without (see the crate's header).
pub fn hook(info: &PanicHookInfo<'_>) {
    #[cfg(all(debug_assertions, target_arch = "wasm32"))]
    web_sys::console::error_1(&wasm_bindgen::JsValue::from(info.to_string()));
    #[cfg(not(all(debug_assertions, target_arch = "wasm32")))]
    let _ = info;
}

/// Installs [`hook`] as the panic hook, once (the real crate's API).
pub fn set_once() {
    static SET: std::sync::Once = std::sync::Once::new();
    SET.call_once(|| std::panic::set_hook(Box::new(hook)));
}
