//! Random (v4) UUIDs for response ids.
//!
//! `crypto.randomUUID()` exists only in secure contexts and some host apps
//! still run on plain http, so the bytes come from `crypto.getRandomValues`,
//! which is available everywhere; `Math.random` is the last resort (an id
//! only needs to be unique, not secret).

/// A new random UUID, e.g. `1b4e28ba-2fa1-4d2a-9f3c-6f1e2d3c4b5a`.
pub(crate) fn v4() -> String {
    let mut bytes = [0u8; 16];
    let filled = super::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    format_v4(bytes)
}

/// Sets the version and variant bits and renders the canonical text form.
fn format_v4(mut bytes: [u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}
