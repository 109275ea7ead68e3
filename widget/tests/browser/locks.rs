//! The cross-tab lock of the lazily loaded module, with Web Locks and
//! with the stored lock where they are missing.

use super::*;

/// The lazily loaded module's `lock(key)`, awaited: the release function,
/// or `null`.
async fn take_lock(key: &str) -> JsValue {
    JsFuture::from(nps_widget_lazy::lock(key)).await.unwrap()
}

/// Takes the lock twice, releases it, takes it again: what a prompt in two
/// tabs amounts to, whichever lock the browser offers.
async fn the_lock_holds_until_released(key: &str) {
    let first = take_lock(key).await;
    let release: Function = first.dyn_into().expect("a free lock is taken");
    assert!(take_lock(key).await.is_null(), "a held lock is refused");
    release.call0(&JsValue::UNDEFINED).unwrap();
    tick().await;
    let again = take_lock(key).await;
    assert!(again.is_function(), "a released lock is free again");
    again
        .unchecked_into::<Function>()
        .call0(&JsValue::UNDEFINED)
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_web_lock_is_taken_once_until_released() {
    the_lock_holds_until_released("lock-test").await;
}

#[wasm_bindgen_test]
async fn without_web_locks_the_stored_lock_is_taken_once_until_released() {
    let navigator = web_sys::window().unwrap().navigator();
    let proto = Object::get_prototype_of(&navigator);
    let locks = JsValue::from_str("locks");
    let descriptor = Object::get_own_property_descriptor(&proto, &locks);
    Reflect::delete_property(&proto, &locks).unwrap();
    the_lock_holds_until_released("stored-lock-test").await;
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("nps:stored-lock-test:lock")
        .unwrap();
    Object::define_property(&proto, &locks, &descriptor.unchecked_into());
    assert_eq!(stored, None, "released: the key is gone");
}
