//! What the people who raised a tag are told when it ships, parsed: one
//! short text per language (at least one), one line each, and an optional
//! http(s) link; and the id of a notice as the widget sends it back.

use nps_protocol::admin::Announcement;

use super::{has_invisible_format_chars, is_one_line, Invalid};

/// Longest announcement text, in characters: a notice is a small message.
pub(crate) const MAX_TEXT: usize = 280;
/// Longest link.
pub(crate) const MAX_LINK: usize = 2_048;

fn invalid(message: impl Into<String>) -> Invalid {
    Invalid::new("invalid_announcement", message)
}

/// An announcement whose every field was checked (texts trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAnnouncement(pub Announcement);

fn text(raw: Option<String>, field: &str) -> Result<Option<String>, Invalid> {
    let Some(raw) = raw else { return Ok(None) };
    let t = raw.trim();
    let len = t.chars().count();
    if len == 0 || len > MAX_TEXT {
        return Err(invalid(format!(
            "announcement.{field} must be 1-{MAX_TEXT} characters, got {len}"
        )));
    }
    if !is_one_line(t) || has_invisible_format_chars(t) {
        return Err(invalid(format!(
            "announcement.{field} must be one line without control or invisible characters"
        )));
    }
    Ok(Some(t.to_owned()))
}

impl TryFrom<Announcement> for ValidAnnouncement {
    type Error = Invalid;

    fn try_from(a: Announcement) -> Result<Self, Invalid> {
        let en = text(a.en, "en")?;
        let fr = text(a.fr, "fr")?;
        if en.is_none() && fr.is_none() {
            return Err(invalid("announcement needs a text: en, fr or both"));
        }
        let link = a.link.map(|l| l.trim().to_owned());
        if let Some(l) = &link {
            let ok = reqwest::Url::parse(l).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            if !ok || l.len() > MAX_LINK || !is_one_line(l) {
                return Err(invalid(format!(
                    "announcement.link must be an absolute http(s) URL of at most {MAX_LINK} characters"
                )));
            }
        }
        Ok(Self(Announcement { en, fr, link }))
    }
}

/// The text for a reader of `locale` (`fr-CA` reads French): that
/// language's, else English, else whichever there is.
pub fn text_for(a: &Announcement, locale: Option<&str>) -> String {
    let lang = locale
        .and_then(|l| l.split(['-', '_']).next())
        .map(str::to_ascii_lowercase);
    let asked = match lang.as_deref() {
        Some("fr") => a.fr.as_ref(),
        _ => a.en.as_ref(),
    };
    asked
        .or(a.en.as_ref())
        .or(a.fr.as_ref())
        .cloned()
        .unwrap_or_default()
}

/// A notice's id as the widget sends it back: 1-64 ASCII letters, digits
/// or dashes (the collector makes them; anything else names none).
pub fn notice_id(raw: &str) -> Result<&str, Invalid> {
    if raw.is_empty()
        || raw.len() > 64
        || !raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(Invalid::new(
            "invalid_notice",
            "notice must be the id of a notice (1-64 letters, digits or dashes)",
        ));
    }
    Ok(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(
        en: Option<&str>,
        fr: Option<&str>,
        link: Option<&str>,
    ) -> Result<Announcement, Invalid> {
        ValidAnnouncement::try_from(Announcement {
            en: en.map(str::to_owned),
            fr: fr.map(str::to_owned),
            link: link.map(str::to_owned),
        })
        .map(|v| v.0)
    }

    #[test]
    fn an_announcement_needs_a_short_one_line_text_and_an_http_link() {
        let ok = parse(
            Some("  CSV export is fast now "),
            None,
            Some("https://example.com/x"),
        )
        .unwrap();
        assert_eq!(ok.en.as_deref(), Some("CSV export is fast now"), "trimmed");
        for (en, fr, link, case) in [
            (None, None, None, "no text"),
            (Some(""), None, None, "empty"),
            (Some("a\nb"), None, None, "two lines"),
            (Some(&*"x".repeat(MAX_TEXT + 1)), None, None, "too long"),
            (Some("ok"), Some("a\u{202e}b"), None, "bidi override"),
            (Some("ok"), None, Some("javascript:alert(1)"), "not http"),
            (Some("ok"), None, Some("/relative"), "relative"),
        ] {
            assert!(parse(en, fr, link).is_err(), "{case}");
        }
    }

    #[test]
    fn the_text_follows_the_language_and_falls_back_to_english() {
        let both = parse(Some("Shipped"), Some("Livré"), None).unwrap();
        assert_eq!(text_for(&both, Some("fr-CA")), "Livré");
        assert_eq!(text_for(&both, Some("de")), "Shipped");
        assert_eq!(text_for(&both, None), "Shipped");
        let french = parse(None, Some("Livré"), None).unwrap();
        assert_eq!(text_for(&french, Some("en")), "Livré", "whichever there is");
    }

    #[test]
    fn a_notice_id_is_short_and_plain() {
        assert!(notice_id("0f3a-b2").is_ok());
        for bad in ["", "a b", "x'--", &"a".repeat(65)] {
            assert!(notice_id(bad).is_err(), "{bad:?}");
        }
    }
}
