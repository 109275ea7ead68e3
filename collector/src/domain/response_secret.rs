//! The secret that lets only the author of a response set its comment.
//!
//! The widget makes a random secret per response, keeps it with the answer
//! in its outbox and sends it with the first `POST`; the collector stores
//! only its SHA-256. A `PATCH` of the comment must carry the secret, so a
//! response id seen in a log, a screenshot or a shared link is not enough
//! to rewrite or erase what someone said.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::Invalid;

/// A response secret as sent by the widget: 16-128 characters from
/// `A-Z a-z 0-9 - _` (a UUID's hex, base64url…).
#[derive(Clone, PartialEq, Eq)]
pub struct ResponseSecret(String);

impl std::fmt::Debug for ResponseSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ResponseSecret(…)")
    }
}

impl ResponseSecret {
    /// The hex SHA-256 that is stored instead of the secret.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }

    /// Whether this secret's hash is `stored` (constant-time).
    pub fn matches(&self, stored: &str) -> bool {
        bool::from(self.hash().as_bytes().ct_eq(stored.as_bytes()))
    }
}

impl TryFrom<String> for ResponseSecret {
    type Error = Invalid;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        let ok = (16..=128).contains(&raw.len())
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(Self(raw))
        } else {
            Err(Invalid::new(
                "invalid_secret",
                "secret must be 16-128 characters from A-Z a-z 0-9 - _",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_matches_its_own_hash_only() {
        let secret = ResponseSecret::try_from("0123456789abcdef0123".to_owned()).unwrap();
        let other = ResponseSecret::try_from("0123456789abcdef0124".to_owned()).unwrap();
        assert!(secret.matches(&secret.hash()));
        assert!(!other.matches(&secret.hash()));
        assert_eq!(secret.hash().len(), 64);
    }

    #[test]
    fn short_or_odd_secrets_are_refused() {
        assert!(ResponseSecret::try_from("short".to_owned()).is_err());
        assert!(ResponseSecret::try_from("x".repeat(129)).is_err());
        assert!(ResponseSecret::try_from("0123456789abcdef 0123".to_owned()).is_err());
    }

    #[test]
    fn the_secret_never_shows_in_debug_output() {
        let secret = ResponseSecret::try_from("0123456789abcdef0123".to_owned()).unwrap();
        assert!(!format!("{secret:?}").contains("0123"));
    }
}
