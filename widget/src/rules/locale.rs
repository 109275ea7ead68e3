//! Which language the prompt speaks.

/// A language the prompt is translated into.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Locale {
    /// English, the fallback.
    #[default]
    En,
    /// French (any region: `fr`, `fr-FR`, `fr-CA`…).
    Fr,
}

impl Locale {
    /// The supported locale a BCP 47 tag asks for, by its primary language
    /// subtag (`fr-CA` → French); `None` for languages we do not speak.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("fr") {
            Some(Self::Fr)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Self::En)
        } else {
            None
        }
    }

    /// The tag sent with responses (`en`, `fr`).
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }
}

/// Picks the prompt's language.
///
/// The most deliberate choice wins: the host app's `init({locale})`, which
/// usually mirrors its own UI language, then the user's `locale` trait from
/// `identify`, then the browser's language. A candidate in a language we do
/// not speak falls through to the next one; English is the last resort.
pub fn pick_locale(
    init_locale: Option<&str>,
    trait_locale: Option<&str>,
    navigator_language: Option<&str>,
) -> Locale {
    [init_locale, trait_locale, navigator_language]
        .into_iter()
        .flatten()
        .find_map(Locale::from_tag)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_french_is_french() {
        for tag in ["fr", "fr-CA", "fr_FR", "FR-ch", " fr "] {
            assert_eq!(Locale::from_tag(tag), Some(Locale::Fr), "{tag:?}");
        }
        assert_eq!(Locale::from_tag("fy"), None);
        assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
    }

    #[test]
    fn init_beats_trait_beats_navigator() {
        let cases = [
            (Some("fr"), Some("en"), Some("en"), Locale::Fr, "init wins"),
            (
                Some("en"),
                Some("fr"),
                Some("fr"),
                Locale::En,
                "init wins over fr",
            ),
            (
                None,
                Some("fr-CA"),
                Some("en-US"),
                Locale::Fr,
                "trait beats navigator",
            ),
            (None, None, Some("fr-CA"), Locale::Fr, "navigator"),
            (
                Some("de"),
                None,
                Some("fr"),
                Locale::Fr,
                "unsupported falls through",
            ),
            (None, None, Some("es"), Locale::En, "english fallback"),
            (None, None, None, Locale::En, "nothing known"),
        ];
        for (init, tr, nav, want, case) in cases {
            assert_eq!(pick_locale(init, tr, nav), want, "{case}");
        }
    }
}
