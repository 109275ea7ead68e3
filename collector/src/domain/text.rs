//! Small bounded text fields: the host app's user id, the locale and the
//! page URL.

use super::{has_control_chars, Invalid};

/// Checks length (in characters) and control characters of a text field.
fn bounded(raw: &str, field: &str, max: usize) -> Result<(), Invalid> {
    let len = raw.chars().count();
    if len == 0 || len > max {
        return Err(Invalid::new(
            "invalid_field",
            format!("{field} must be 1-{max} characters, got {len}"),
        ));
    }
    if has_control_chars(raw) || raw.contains(['\n', '\r', '\t']) {
        return Err(Invalid::new(
            "invalid_field",
            format!("{field} contains control characters"),
        ));
    }
    Ok(())
}

/// The host application's id for the user, as given to `identify`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UserId(String);

impl UserId {
    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for UserId {
    type Error = Invalid;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        bounded(&raw, "user_id", 256)?;
        Ok(Self(raw))
    }
}

/// A BCP 47-like language tag such as `fr` or `en-GB`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale(String);

impl Locale {
    /// The tag.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Locale {
    type Error = Invalid;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        let ok = (2..=35).contains(&raw.len())
            && raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(Self(raw))
        } else {
            Err(Invalid::new(
                "invalid_field",
                "locale must be a language tag such as \"fr\" or \"en-GB\"",
            ))
        }
    }
}

/// The page the prompt was answered on: origin and path only. Query
/// strings and fragments are dropped on the way in, because they carry
/// reset tokens, `#access_token=…` and personal data far more often than
/// anything useful for NPS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageUrl(String);

impl PageUrl {
    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PageUrl {
    type Error = Invalid;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        bounded(&raw, "url", 2048)?;
        if !(raw.starts_with("http://") || raw.starts_with("https://")) {
            return Err(Invalid::new("invalid_field", "url must be an http(s) URL"));
        }
        let end = raw.find(['?', '#']).unwrap_or(raw.len());
        Ok(Self(raw[..end].to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_ids_are_bounded() {
        assert!(UserId::try_from("user-42".to_owned()).is_ok());
        assert!(UserId::try_from(String::new()).is_err());
        assert!(UserId::try_from("u".repeat(257)).is_err());
        assert!(UserId::try_from("a\nb".to_owned()).is_err());
    }

    #[test]
    fn locales_look_like_language_tags() {
        assert!(Locale::try_from("fr".to_owned()).is_ok());
        assert!(Locale::try_from("en-GB".to_owned()).is_ok());
        assert!(Locale::try_from("f".to_owned()).is_err());
        assert!(Locale::try_from("fr;drop".to_owned()).is_err());
    }

    #[test]
    fn urls_keep_origin_and_path_only() {
        let url =
            PageUrl::try_from("https://app.example/reset?token=s3cret#access_token=x".to_owned());
        assert_eq!(url.unwrap().as_str(), "https://app.example/reset");
    }

    #[test]
    fn urls_must_be_http() {
        assert!(PageUrl::try_from("https://app.example/x?y=1".to_owned()).is_ok());
        assert!(PageUrl::try_from("javascript:alert(1)".to_owned()).is_err());
    }
}
