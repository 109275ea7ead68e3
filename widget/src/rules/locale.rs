//! Which language the prompt speaks. The core carries only this decision
//! (the languages' codes); every word of them is in the lazy module.

pub use nps_protocol::Locale;

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
    fn regional_tags_pick_their_language() {
        let cases = [
            (Some("de-AT"), Locale::De),
            (Some("pt-BR"), Locale::PtBr),
            (Some("pt-PT"), Locale::Pt),
            (Some("ar"), Locale::Ar),
            (Some("fr-CA"), Locale::Fr),
        ];
        for (tag, want) in cases {
            assert_eq!(pick_locale(tag, None, None), want, "{tag:?}");
        }
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
                Some("ja"),
                None,
                Some("fr"),
                Locale::Fr,
                "unsupported falls through",
            ),
            (None, None, Some("es"), Locale::Es, "spanish browser"),
            (None, None, Some("zh-CN"), Locale::En, "english fallback"),
            (None, None, None, Locale::En, "nothing known"),
        ];
        for (init, tr, nav, want, case) in cases {
            assert_eq!(pick_locale(init, tr, nav), want, "{case}");
        }
    }
}
