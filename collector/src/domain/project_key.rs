//! A project's public key: the value in the snippet, `nps('init', {key})`.

use super::Invalid;

/// 1–64 characters from `A–Z a–z 0–9 _ -`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProjectKey(String);

impl ProjectKey {
    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ProjectKey {
    type Error = Invalid;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        let ok = !raw.is_empty()
            && raw.len() <= 64
            && raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'));
        if ok {
            Ok(Self(raw))
        } else {
            Err(Invalid::new(
                "invalid_key",
                "key must be 1-64 characters from A-Z a-z 0-9 _ -",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_short_and_url_safe() {
        assert!(ProjectKey::try_from("demo".to_owned()).is_ok());
        assert!(ProjectKey::try_from("pk_live-42".to_owned()).is_ok());
        for bad in ["", "has space", "a/b", &"k".repeat(65)] {
            assert!(ProjectKey::try_from(bad.to_owned()).is_err(), "{bad:?}");
        }
    }
}
