//! Identity verification (like Intercom's `user_hash`): when a project turns
//! it on, a claimed `user_id` must come with `HMAC-SHA256(secret, user_id)`
//! computed by the host app's backend, so nobody can answer or record
//! impressions as someone else.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::UserId;

/// Whether `user_hash` (hex) proves `user_id` under `secret`. The
/// comparison is constant-time (`Mac::verify_slice`).
pub fn user_hash_is_valid(secret: &str, user_id: &UserId, user_hash: &str) -> bool {
    let Ok(expected) = hex::decode(user_hash.trim()) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(user_id.as_str().as_bytes());
    mac.verify_slice(&expected).is_ok()
}

/// The hex HMAC of a user id: what a host backend computes (used by tests
/// and the CLI).
pub fn user_hash(secret: &str, user_id: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(user_id.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str) -> UserId {
        UserId::try_from(id.to_owned()).unwrap()
    }

    #[test]
    fn the_hash_of_the_same_secret_and_user_verifies() {
        let hash = user_hash("s3cret", "u-42");
        assert!(user_hash_is_valid("s3cret", &user("u-42"), &hash));
    }

    #[test]
    fn another_user_secret_or_garbage_does_not() {
        let hash = user_hash("s3cret", "u-42");
        assert!(
            !user_hash_is_valid("s3cret", &user("u-43"), &hash),
            "other user"
        );
        assert!(
            !user_hash_is_valid("other", &user("u-42"), &hash),
            "other secret"
        );
        assert!(
            !user_hash_is_valid("s3cret", &user("u-42"), "zz"),
            "not hex"
        );
        assert!(!user_hash_is_valid("s3cret", &user("u-42"), ""), "empty");
    }

    #[test]
    fn a_known_vector_matches_rfc_4231_style_hmac() {
        // HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog")
        assert_eq!(
            user_hash("key", "The quick brown fox jumps over the lazy dog"),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
    }
}
