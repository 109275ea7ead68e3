//! Passwords: argon2id with the crate's default (OWASP-level) cost, a
//! random salt per hash, verified in constant time by the crate.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::domain::Invalid;

/// Shortest password accepted.
pub const MIN_CHARS: usize = 10;

/// The PHC string of `password` (`$argon2id$…`).
pub fn hash(password: &str) -> Result<String, Invalid> {
    let chars = password.chars().count();
    if !(MIN_CHARS..=1_000).contains(&chars) {
        return Err(Invalid::new(
            "weak_password",
            format!("a password has {MIN_CHARS} to 1000 characters"),
        ));
    }
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())
        .map_err(|_| Invalid::new("weak_password", "could not salt the password"))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| Invalid::new("weak_password", "could not hash the password"))
}

/// Whether `password` matches the stored `hash`.
pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &h));
        assert!(!verify("correct horse batterY", &h));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(hash("short").unwrap_err().code, "weak_password");
    }
}
