//! Every word the dashboard shows, in eight languages.
//!
//! One complete [`Texts`] table per language, with no fallback: a missing
//! translation is a compile error, not a blank label or an English one
//! (the tests below also catch a field left in English). The themes views,
//! the person page, the experiments page and asking smarter on the Timing
//! page have tables of their own ([`themes`], [`person`], [`experiments`],
//! [`asking`]).
//! Sentences that hold numbers are small functions on [`Lang`] in
//! [`numbers`], next to the number formatting they need; the longer ones
//! composed in `charts`, `timing_sentences` and `reading` are per-language
//! templates ([`fill`]) or `match`es on [`Lang`]. Dates are written by
//! the browser's `Intl.DateTimeFormat` with the options [`dates`] picks.

mod ar;
mod asking;
#[cfg(test)]
mod coverage;
mod dates;
mod de;
mod en;
mod es;
mod experiments;
mod fr;
mod it;
mod nl;
mod numbers;
mod person;
mod pt;
mod template;
mod themes;
mod words;

// Only the browser binding (`web::clock`) writes dates.
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub(crate) use dates::{iso_fallback, Shown};
pub(crate) use template::fill;
pub(crate) use words::Texts;

/// The languages of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    /// English, the default.
    En,
    /// French.
    Fr,
    /// German.
    De,
    /// Spanish.
    Es,
    /// Italian.
    It,
    /// Portuguese.
    Pt,
    /// Dutch.
    Nl,
    /// Arabic, laid out right to left.
    Ar,
}

impl Lang {
    /// Every language, in the order the menu lists them.
    pub(crate) const ALL: [Self; 8] = [
        Self::En,
        Self::Fr,
        Self::De,
        Self::Es,
        Self::It,
        Self::Pt,
        Self::Nl,
        Self::Ar,
    ];

    /// The first supported language among the browser's preferences
    /// (`navigator.languages`), English otherwise.
    pub(crate) fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Self {
        tags.into_iter()
            .find_map(Self::from_code)
            .unwrap_or(Self::En)
    }

    /// `fr`, `de-AT`, `pt-BR`… to a language (the region does not matter
    /// here); `None` for the others.
    pub(crate) fn from_code(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next()?;
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The BCP 47 code, for `<html lang>` and storage.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
            Self::De => "de",
            Self::Es => "es",
            Self::It => "it",
            Self::Pt => "pt",
            Self::Nl => "nl",
            Self::Ar => "ar",
        }
    }

    /// `rtl` for Arabic, `ltr` otherwise: `<html dir>`.
    pub(crate) fn dir(self) -> &'static str {
        if self == Self::Ar {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The language's own name, as the menu lists it.
    pub(crate) fn own_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Fr => "Français",
            Self::De => "Deutsch",
            Self::Es => "Español",
            Self::It => "Italiano",
            Self::Pt => "Português",
            Self::Nl => "Nederlands",
            Self::Ar => "العربية",
        }
    }

    /// The texts in this language.
    pub(crate) fn t(self) -> &'static Texts {
        self.pick([
            &en::EN,
            &fr::FR,
            &de::DE,
            &es::ES,
            &it::IT,
            &pt::PT,
            &nl::NL,
            &ar::AR,
        ])
    }

    /// This language's entry of a table given in [`Lang::ALL`]'s order:
    /// one entry per language, so a language without its table does not
    /// compile.
    pub(crate) fn pick<T: ?Sized>(self, tables: [&'static T; 8]) -> &'static T {
        // The variants are declared in `ALL`'s order (a test checks it).
        tables[self as usize]
    }

    /// A page's `<title>`.
    pub(crate) fn title(self, page: &str) -> String {
        format!("{page} · {}", self.t().app_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_picks_its_own_table() {
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(lang as usize, i, "{lang:?}");
            assert_eq!(lang.pick(Lang::ALL.map(Lang::own_name)), lang.own_name());
        }
    }

    #[test]
    fn the_browser_preference_picks_the_first_supported_language() {
        assert_eq!(Lang::from_preferences(["de-DE", "fr-FR", "en"]), Lang::De);
        assert_eq!(Lang::from_preferences(["ja-JP", "fr-FR", "en"]), Lang::Fr);
        assert_eq!(Lang::from_preferences(["en-GB", "fr"]), Lang::En);
        assert_eq!(Lang::from_preferences(["ja", "de"]), Lang::De);
        assert_eq!(Lang::from_preferences(["ja", "zh"]), Lang::En, "fallback");
        assert_eq!(Lang::from_preferences([]), Lang::En, "no preference");
    }

    #[test]
    fn numbers_follow_each_language_notation() {
        assert_eq!(Lang::En.num(12.54), "12.5");
        assert_eq!(Lang::Fr.num(12.54), "12,5");
        assert_eq!(Lang::En.num(30.0), "30");
        assert_eq!(Lang::En.num(-0.04), "0", "no negative zero");
        assert_eq!(Lang::En.num(-20.0), "-20");
        assert_eq!(Lang::Fr.percent(0.425), "43\u{a0}%");
        assert_eq!(Lang::En.percent(0.4), "40%");
    }

    #[test]
    fn every_language_writes_numbers_as_intl_does_in_western_digits() {
        let cases = [
            (Lang::De, "12,5", "43\u{a0}%"),
            (Lang::Es, "12,5", "43\u{a0}%"),
            (Lang::It, "12,5", "43%"),
            (Lang::Pt, "12,5", "43%"),
            (Lang::Nl, "12,5", "43%"),
            (Lang::Ar, "12.5", "43%"),
        ];
        for (lang, num, percent) in cases {
            assert_eq!(lang.num(12.54), num, "{lang:?}");
            assert_eq!(lang.percent(0.425), percent, "{lang:?}");
        }
    }

    #[test]
    fn every_language_has_its_plural_forms() {
        assert_eq!(Lang::De.responses(1), "1 Antwort");
        assert_eq!(Lang::De.responses(0), "0 Antworten");
        assert_eq!(Lang::Nl.responses(3), "3 antwoorden");
        assert_eq!(Lang::Nl.responses(1), "1 antwoord");
        assert_eq!(Lang::Es.responses(1), "1 respuesta");
        assert_eq!(Lang::Es.responses(0), "0 respuestas");
        assert_eq!(Lang::It.responses(1), "1 risposta");
        assert_eq!(Lang::It.responses(7), "7 risposte");
        assert_eq!(Lang::Pt.responses(1), "1 resposta");
        assert_eq!(Lang::Pt.responses(2), "2 respostas");
        assert_eq!(Lang::Ar.responses(1), "إجابة واحدة");
        assert_eq!(Lang::Ar.responses(2), "إجابتان");
        assert_eq!(Lang::Ar.responses(5), "5 إجابات");
        assert_eq!(Lang::Ar.responses(11), "11 إجابة");
        assert_eq!(Lang::Ar.responses(103), "103 إجابات");
    }

    #[test]
    fn every_language_names_its_menu_and_navigation_in_itself() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang), "{lang:?}");
            if lang != Lang::En {
                let (t, en) = (lang.t(), Lang::En.t());
                assert_ne!(t.language, en.language, "{lang:?} menu");
                assert_ne!(t.overview, en.overview, "{lang:?} navigation");
                assert_ne!(t.sign_out, en.sign_out, "{lang:?} sign out");
            }
        }
        assert_eq!(Lang::from_code("de-AT"), Some(Lang::De));
        assert_eq!(Lang::from_code("pt-BR"), Some(Lang::Pt));
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::De.dir(), "ltr");
    }

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(Lang::En.responses(1), "1 response");
        assert_eq!(Lang::En.responses(0), "0 responses");
        assert_eq!(Lang::Fr.responses(1), "1 réponse");
        assert_eq!(Lang::Fr.responses(2), "2 réponses");
    }
}
