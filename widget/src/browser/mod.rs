//! Thin adapters over the browser APIs the widget needs, shared by the
//! always-loaded core and the part of the lazily loaded module that lives
//! in this crate (`crate::lazy`). `encode`, `outbox` and `read` are
//! public through `crate::codec`, for the conformance tests.
//!
//! Everything here is effectful and deliberately dumb: no decisions, just
//! "read this", "write that", "send this". Failures come back as values or
//! are logged with [`log::warn`]; nothing here may throw into the host page.

pub(crate) mod clock;
pub mod encode;
pub(crate) mod history;
pub(crate) mod http;
pub(crate) mod input;
pub(crate) mod log;
pub mod outbox;
pub(crate) mod promise;
pub mod read;
pub(crate) mod storage;
pub(crate) mod ui;
pub(crate) mod uuid;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global `window`, read once. Not `web_sys::window()`, which
    /// looks for the global object four ways (`globalThis`, `self`,
    /// `window`, `global`), each an import of its own.
    #[wasm_bindgen(thread_local_v2, js_name = window)]
    static WINDOW: web_sys::Window;
}

/// The page's `window`; the widget only ever runs in a window context.
pub(crate) fn window() -> Option<web_sys::Window> {
    Some(WINDOW.with(web_sys::Window::clone))
}

/// `navigator.language`, e.g. `fr-CA`.
pub(crate) fn navigator_language() -> Option<String> {
    window()?.navigator().language()
}

/// `location.href`, sent with a response so the team sees where it came from.
pub(crate) fn page_url() -> Option<String> {
    window()?.location().href().ok()
}

/// Whether the browser sends Do Not Track or Global Privacy Control
/// (`navigator.doNotTrack`, `window.doNotTrack`,
/// `navigator.globalPrivacyControl`; the last two are not in `web-sys`).
pub(crate) fn privacy_signal() -> bool {
    let Some(w) = window() else { return false };
    let get = |o: &wasm_bindgen::JsValue, name: &str| {
        js_sys::Reflect::get(o, &wasm_bindgen::JsValue::from_str(name)).unwrap_or_default()
    };
    let navigator = w.navigator().into();
    crate::rules::privacy::dnt_signal(
        get(&navigator, "doNotTrack").as_string().as_deref(),
        get(&w.into(), "doNotTrack").as_string().as_deref(),
        get(&navigator, "globalPrivacyControl").as_bool() == Some(true),
    )
}

/// Whether the page is hidden (another tab, minimised, being left).
pub(crate) fn page_hidden() -> bool {
    window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}
