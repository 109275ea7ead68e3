//! Standard Webhooks signatures (<https://www.standardwebhooks.com>): each
//! delivery carries `webhook-id`, `webhook-timestamp` and
//! `webhook-signature: v1,<base64 HMAC-SHA256(key, "id.timestamp.body")>`,
//! the key being the base64 part of the endpoint's `whsec_…` secret. The
//! `standardwebhooks` crate (the reference implementation) computes it, so
//! a receiver's library of the same standard verifies what we send.

use base64::Engine;
use standardwebhooks::Webhook;

/// A new endpoint secret: `whsec_` and 32 random bytes, base64.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    bytes[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    bytes[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// The `webhook-signature` value for one attempt; `None` if the secret is
/// not one this server made (never happens for stored endpoints).
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &str) -> Option<String> {
    Webhook::new(secret)
        .ok()?
        .sign(id, timestamp, body.as_bytes())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_specifications_test_vector_is_reproduced() {
        let signature = sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            r#"{"test": 2432232314}"#,
        );
        assert_eq!(
            signature.as_deref(),
            Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        );
    }

    #[test]
    fn new_secrets_are_distinct_and_usable() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert!(a.starts_with("whsec_"));
        assert!(sign(&a, "msg_1", 1, "{}").is_some());
    }
}
