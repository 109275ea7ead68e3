//! Fresh ids for responses and events: UUIDv7 (see `rules::ids`).
//!
//! `crypto.randomUUID()` exists only in secure contexts and makes v4, so
//! the random bytes come from `crypto.getRandomValues`, available
//! everywhere; `Math.random` is the last resort (an id only needs to be
//! unique, not secret).

use crate::rules::ids::uuid_v7;

/// A new time-ordered UUID, e.g. `01a20846-fe00-7d2a-9f3c-6f1e2d3c4b5a`.
pub(crate) fn new_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = super::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v7(js_sys::Date::now(), bytes)
}
