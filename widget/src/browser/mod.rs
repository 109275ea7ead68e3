//! Thin adapters over the browser APIs the widget needs.
//!
//! Everything here is effectful and deliberately dumb: no decisions, just
//! "read this", "write that", "send this". Failures come back as values or
//! are logged with [`log::warn`]; nothing here may throw into the host page.

pub(crate) mod clock;
pub(crate) mod history;
pub(crate) mod http;
pub(crate) mod lock;
pub(crate) mod log;
pub(crate) mod outbox;
pub(crate) mod read;
pub(crate) mod storage;
pub(crate) mod uuid;

/// The page's `window`; the widget only ever runs in a window context.
pub(crate) fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// `navigator.language`, e.g. `fr-CA`.
pub(crate) fn navigator_language() -> Option<String> {
    window()?.navigator().language()
}

/// `location.href`, sent with a response so the team sees where it came from.
pub(crate) fn page_url() -> Option<String> {
    window()?.location().href().ok()
}

/// Whether the page is hidden (another tab, minimised, being left).
pub(crate) fn page_hidden() -> bool {
    window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}
