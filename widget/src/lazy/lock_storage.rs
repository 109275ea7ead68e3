//! The cross-tab lock's browser calls: the Web Locks API, and the stored
//! lock `nps:<key>:lock` = `{"tab": id, "expires": ms}` (see
//! `crate::rules::stored_lock`) where it is missing. Without storage
//! every tab is free: the stored lock is a courtesy, not a guarantee. Used
//! by `prompt_lock`.

use js_sys::{Object, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::encode::set;
use crate::browser::read::{number, text};
use crate::browser::{self, clock, storage};
use crate::rules::stored_lock::{free_for, held_by, StoredLock};

fn load(key: &str) -> Option<StoredLock> {
    let json = JSON::parse(&storage::get(key)?).ok()?;
    Some(StoredLock {
        tab: text(&json, "tab")?,
        expires_ms: number(&json, "expires")?,
    })
}

/// Whether `tab` may show a prompt now.
pub(crate) fn free(project_key: &str, tab: &str) -> bool {
    let key = storage::item_key(project_key, "lock");
    free_for(load(&key).as_ref(), tab, clock::now_ms())
}

/// Takes or refreshes `tab`'s lock.
pub(crate) fn hold(project_key: &str, tab: &str) {
    let lock = StoredLock::new(tab, clock::now_ms());
    let o = Object::new();
    set(&o, "tab", &JsValue::from_str(&lock.tab));
    set(&o, "expires", &JsValue::from_f64(lock.expires_ms));
    if let Some(json) = JSON::stringify(&o).ok().and_then(|s| s.as_string()) {
        storage::set(&storage::item_key(project_key, "lock"), &json);
    }
}

/// Removes the lock if it is `tab`'s.
pub(crate) fn release(project_key: &str, tab: &str) {
    let key = storage::item_key(project_key, "lock");
    if held_by(load(&key).as_ref(), tab) {
        storage::remove(&key);
    }
}

/// The Web Locks API (`navigator.locks`), where the browser has it. Not
/// bound through `web-sys`, whose bindings of it need an unstable cfg.
pub(crate) fn web_locks() -> Option<JsValue> {
    let navigator = browser::window()?.navigator();
    Some(js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?)
        .filter(JsValue::is_object)
}

/// `locks.request(name, {ifAvailable: true}, granted)`: `granted` is called
/// with the lock, or `null` when another tab holds it; the lock is held
/// until the promise `granted` returns settles. Taking it only if free is
/// one atomic step, which `localStorage` cannot offer.
pub(crate) fn request(locks: &JsValue, project_key: &str, granted: &JsValue) -> bool {
    let options = Object::new();
    set(&options, "ifAvailable", &JsValue::TRUE);
    let name = JsValue::from(storage::item_key(project_key, "prompt"));
    js_sys::Reflect::get(locks, &JsValue::from_str("request"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .is_some_and(|f| f.call3(locks, &name, &options, granted).is_ok())
}
