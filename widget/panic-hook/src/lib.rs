//! A stand-in for the `console_error_panic_hook` crate, patched in for the
//! whole workspace (the root `Cargo.toml`'s `[patch.crates-io]`; only Yew
//! uses it). Yew installs that crate's `hook` whenever it renders, and the
//! real hook links Rust's formatting machinery into the widget's lazily
//! loaded module (about 0.9 KB brotli) to format messages the shipped
//! module never prints: `widget/build.sh` builds it to abort at once on a
//! panic (`panic=immediate-abort`), before any hook runs.
//!
//! Builds with debug assertions (the browser tests) log the panic's whole
//! message with `console.error`, as the real crate does. Release builds
//! with the `messages` feature (the dashboard asks for it) log the message
//! when it is a plain string, and the file and line, each handed to
//! `console.error` as it is, so nothing is formatted in Rust. The widget's
//! release build logs nothing (its stable fallback, which runs hooks,
//! still shows the browser's `unreachable` trap, and the core logs the
//! failed call).
//!
//! Nothing to run on its own: `cargo test -p nps-widget --target
//! wasm32-unknown-unknown` goes through it whenever a prompt renders.

use std::panic::PanicHookInfo;

/// Yew's panic hook: what panicked and where, to `console.error` (see the
/// crate's header).
pub fn hook(info: &PanicHookInfo<'_>) {
    #[cfg(all(debug_assertions, target_arch = "wasm32"))]
    web_sys::console::error_1(&wasm_bindgen::JsValue::from(info.to_string()));
    #[cfg(all(not(debug_assertions), feature = "messages", target_arch = "wasm32"))]
    {
        use wasm_bindgen::JsValue;
        // `payload_as_str` is newer than the workspace's MSRV.
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(a formatted message)");
        let (file, line) = info.location().map_or(("?", 0), |l| (l.file(), l.line()));
        web_sys::console::error_4(
            &JsValue::from_str("panicked:"),
            &JsValue::from_str(message),
            &JsValue::from_str(file),
            &JsValue::from(line),
        );
    }
    #[cfg(any(
        not(target_arch = "wasm32"),
        all(not(debug_assertions), not(feature = "messages"))
    ))]
    let _ = info;
}

/// Installs [`hook`] as the panic hook, once (the real crate's API).
pub fn set_once() {
    static SET: std::sync::Once = std::sync::Once::new();
    SET.call_once(|| std::panic::set_hook(Box::new(hook)));
}
