//! Fresh ids for responses and events (UUIDv7, see `rules::ids`) and
//! responses' secrets.
//!
//! `crypto.randomUUID()` exists only in secure contexts and makes v4, so
//! the random bytes come from `crypto.getRandomValues`, available
//! everywhere; `Math.random` is the last resort, for browsers without Web
//! Crypto (none current).

use crate::rules::ids::{secret_hex, uuid_v7};

fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let filled = super::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// A new time-ordered UUID, e.g. `01a20846-fe00-7d2a-9f3c-6f1e2d3c4b5a`.
pub(crate) fn new_id() -> String {
    uuid_v7(js_sys::Date::now(), random_bytes())
}

/// A new response secret: 128 random bits, hex.
pub(crate) fn new_secret() -> String {
    secret_hex(random_bytes())
}
