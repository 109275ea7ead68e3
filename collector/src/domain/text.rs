//! Small bounded text fields: the host app's user id, the locale and the
//! page URL.

use super::{has_control_chars, has_invisible_format_chars, Invalid};

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
    if has_invisible_format_chars(raw) {
        return Err(Invalid::new(
            "invalid_field",
            format!("{field} contains invisible formatting characters (bidirectional overrides, zero-width spaces)"),
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

/// The page the prompt was answered on: scheme, host, port and path only.
/// Query strings and fragments are dropped on the way in, because they
/// carry reset tokens, `#access_token=…` and personal data far more often
/// than anything useful for NPS; so are `user:password@` and `;params`
/// path parameters (`;jsessionid=…`), for the same reason.
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
        let not_http = || Invalid::new("invalid_field", "url must be an http(s) URL");
        let end = raw.find(['?', '#']).unwrap_or(raw.len());
        let (scheme, rest) = raw[..end].split_once("://").ok_or_else(not_http)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(not_http());
        }
        let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
        let host = authority
            .rsplit_once('@')
            .map_or(authority, |(_, host)| host);
        if host.is_empty() {
            return Err(not_http());
        }
        let path: Vec<&str> = path
            .split('/')
            .map(|segment| segment.split(';').next().unwrap_or_default())
            .collect();
        Ok(Self(format!("{scheme}://{host}{}", path.join("/"))))
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
    fn urls_lose_their_credentials_and_path_parameters() {
        for (raw, kept) in [
            (
                "https://bob:hunter2@app.example:8443/a/b",
                "https://app.example:8443/a/b",
            ),
            ("https://a@b@app.example/", "https://app.example/"),
            (
                "https://app.example/cart;jsessionid=S3CRET/pay;v=1",
                "https://app.example/cart/pay",
            ),
            ("HTTPS://app.example", "https://app.example"),
        ] {
            assert_eq!(
                PageUrl::try_from(raw.to_owned()).unwrap().as_str(),
                kept,
                "{raw}"
            );
        }
        assert!(
            PageUrl::try_from("https://user@/x".to_owned()).is_err(),
            "no host"
        );
    }

    #[test]
    fn user_ids_refuse_bidirectional_overrides_and_zero_width_spaces() {
        for bad in [
            "admin\u{202E}nimda",
            "a\u{2066}b\u{2069}",
            "ad\u{200B}min",
            "\u{FEFF}x",
        ] {
            assert!(UserId::try_from(bad.to_owned()).is_err(), "{bad:?}");
        }
        assert!(
            UserId::try_from("مرتضی\u{200C}ها".to_owned()).is_ok(),
            "ZWNJ in Persian"
        );
    }

    #[test]
    fn urls_must_be_http() {
        assert!(PageUrl::try_from("https://app.example/x?y=1".to_owned()).is_ok());
        assert!(PageUrl::try_from("javascript:alert(1)".to_owned()).is_err());
    }
}
