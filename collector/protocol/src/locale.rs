//! The languages the prompt speaks, and which one a language tag asks for.
//!
//! Shared by the widget's core (which decides the language and sends its
//! code as the answer's `locale`), the prompt's ui (which shows its texts)
//! and the dashboard's preview, so the three agree on the codes.

/// A language the prompt is translated into.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Locale {
    /// English, the last fallback.
    #[default]
    En,
    /// French (any region).
    Fr,
    /// German.
    De,
    /// Spanish.
    Es,
    /// Italian.
    It,
    /// European Portuguese, and Portuguese of any region but Brazil.
    Pt,
    /// Brazilian Portuguese, where its wording differs from Portugal's.
    PtBr,
    /// Dutch.
    Nl,
    /// Arabic, written right to left.
    Ar,
}

impl Locale {
    /// Every language, in the order menus list them.
    pub const ALL: [Self; 9] = [
        Self::En,
        Self::Fr,
        Self::De,
        Self::Es,
        Self::It,
        Self::Pt,
        Self::PtBr,
        Self::Nl,
        Self::Ar,
    ];

    /// The language a BCP 47 tag asks for (`de-AT` → German, `pt-BR` →
    /// Brazilian Portuguese, `pt-AO` → Portuguese); `None` for a language we
    /// do not speak. The region counts only where the language has regional
    /// texts.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let mut parts = tag.trim().split(['-', '_']);
        let primary = parts.next().unwrap_or_default();
        let region = parts.next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("pt") && region.eq_ignore_ascii_case("br") {
            return Some(Self::PtBr);
        }
        // `pt-BR` is never a primary subtag, so only whole languages match.
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// Its code, sent as the answer's `locale`: `en`, `fr`, `de`, `es`,
    /// `it`, `pt`, `pt-BR`, `nl`, `ar`.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
            Self::De => "de",
            Self::Es => "es",
            Self::It => "it",
            Self::Pt => "pt",
            Self::PtBr => "pt-BR",
            Self::Nl => "nl",
            Self::Ar => "ar",
        }
    }

    /// Whether it is written right to left (the prompt is mirrored).
    pub fn is_rtl(self) -> bool {
        self == Self::Ar
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_is_stripped_where_only_the_language_has_texts() {
        let cases = [
            ("de", Some(Locale::De)),
            ("de-AT", Some(Locale::De)),
            ("DE_ch", Some(Locale::De)),
            ("fr-CA", Some(Locale::Fr)),
            (" fr ", Some(Locale::Fr)),
            ("en-GB", Some(Locale::En)),
            ("es-MX", Some(Locale::Es)),
            ("it", Some(Locale::It)),
            ("nl-BE", Some(Locale::Nl)),
            ("ar-EG", Some(Locale::Ar)),
            ("pt", Some(Locale::Pt)),
            ("pt-PT", Some(Locale::Pt)),
            ("pt-AO", Some(Locale::Pt)),
            ("pt-BR", Some(Locale::PtBr)),
            ("pt_br", Some(Locale::PtBr)),
            ("fy", None),
            ("frr", None),
            ("ja-JP", None),
            ("", None),
        ];
        for (tag, want) in cases {
            assert_eq!(Locale::from_tag(tag), want, "{tag:?}");
        }
    }

    #[test]
    fn every_code_reads_back_as_its_language() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.code()), Some(locale), "{locale:?}");
        }
    }

    #[test]
    fn only_arabic_is_right_to_left() {
        let rtl: Vec<_> = Locale::ALL.into_iter().filter(|l| l.is_rtl()).collect();
        assert_eq!(rtl, [Locale::Ar]);
    }
}
