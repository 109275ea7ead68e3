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
        // Byte matching rather than a search of `ALL`: this runs in the
        // widget's always-loaded core, where every byte counts.
        let t = tag.trim().as_bytes();
        let subtag_end = |i: usize| matches!(t.get(i), None | Some(b'-' | b'_'));
        if !subtag_end(2) {
            return None;
        }
        let lower = |i: usize| t.get(i).map(u8::to_ascii_lowercase);
        Some(match (lower(0)?, lower(1)?) {
            (b'e', b'n') => Self::En,
            (b'f', b'r') => Self::Fr,
            (b'd', b'e') => Self::De,
            (b'e', b's') => Self::Es,
            (b'i', b't') => Self::It,
            (b'p', b't') if (lower(3), lower(4)) == (Some(b'b'), Some(b'r')) && subtag_end(5) => {
                Self::PtBr
            }
            (b'p', b't') => Self::Pt,
            (b'n', b'l') => Self::Nl,
            (b'a', b'r') => Self::Ar,
            _ => return None,
        })
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
            ("pt-BRA", Some(Locale::Pt)),
            ("de-", Some(Locale::De)),
            ("d", None),
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
