//! The widget's memory across page views, in `localStorage`.
//!
//! Keys are namespaced per project (`nps:<projectKey>:history`) so two
//! projects on one origin, or `reset()` of one, never collide. Every key
//! the widget writes (`history`, `anon`, `lock`, `outbox`) is listed with
//! its purpose and lifetime in the widget's README; nothing is written
//! before consent or under a respected Do Not Track. Storage can be
//! missing or throw (privacy modes, sandboxed iframes, full quota): reads then
//! return `None` and writes are dropped with a warning — the widget still
//! works, it just cannot remember the history.

use web_sys::Storage;

use super::log;

/// Prefix of every key the widget writes.
const PREFIX: &str = "nps:";

fn local_storage() -> Option<Storage> {
    // `window.localStorage` itself throws when storage is blocked.
    super::window()?.local_storage().ok().flatten()
}

fn project_prefix(project_key: &str) -> String {
    let mut k = String::with_capacity(PREFIX.len() + project_key.len() + 1);
    k.push_str(PREFIX);
    k.push_str(project_key);
    k.push(':');
    k
}

/// `nps:<projectKey>:<name>`.
pub(crate) fn item_key(project_key: &str, name: &str) -> String {
    let mut k = project_prefix(project_key);
    k.push_str(name);
    k
}

/// When this browser was last shown a prompt (ms), as the first release
/// stored it; read once, when there is no history yet.
pub(crate) fn last_shown(project_key: &str) -> Option<f64> {
    let raw = local_storage()?
        .get_item(&item_key(project_key, "last_shown"))
        .ok()??;
    // A garbled value is treated as "never", not as an error. JS parses the
    // number: Rust's float parser would add a few KB to the wasm.
    Some(js_sys::Number::parse_float(&raw)).filter(|t| t.is_finite())
}

/// Whether `localStorage` can be used at all.
pub(crate) fn available() -> bool {
    local_storage().is_some()
}

/// The value under `key`; `None` if absent or unreadable.
pub(crate) fn get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Writes `value` under `key`; `false` (logged) if it could not.
pub(crate) fn set(key: &str, value: &str) -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    let written = storage.set_item(key, value);
    if let Err(e) = &written {
        log::warn_with("could not write localStorage", e);
    }
    written.is_ok()
}

/// Removes `key`; `false` if storage is unavailable.
pub(crate) fn remove(key: &str) -> bool {
    local_storage().is_some_and(|s| s.remove_item(key).is_ok())
}

/// Forgets what is stored for the project (`reset()`), except the outbox:
/// answers already given are still delivered.
pub(crate) fn clear(project_key: &str) {
    clear_keys(&project_prefix(project_key));
}

/// Forgets what the widget stored for every project on this origin
/// (`consent(false)`), except the outboxes.
pub(crate) fn clear_all() {
    clear_keys(PREFIX);
}

fn clear_keys(prefix: &str) {
    let Some(storage) = local_storage() else {
        return;
    };
    let len = storage.length().unwrap_or(0);
    // Collect first: removing while indexing would skip keys.
    let keys: Vec<String> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix) && !k.ends_with(":outbox"))
        .collect();
    for k in keys {
        if let Err(e) = storage.remove_item(&k) {
            log::warn_with("could not clear localStorage", &e);
        }
    }
}
