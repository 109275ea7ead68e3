//! Every word the dashboard shows, in English and French.
//!
//! One [`Texts`] table per language: a missing translation is a compile
//! error, not a blank label. Sentences that hold numbers are small
//! functions on [`Lang`], next to the number formatting they need.

mod en;
mod fr;
mod person;
mod themes;
mod words;

pub(crate) use words::Texts;

/// The two languages of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    /// English, the default.
    En,
    /// French.
    Fr,
}

impl Lang {
    /// The first supported language among the browser's preferences
    /// (`navigator.languages`), English otherwise.
    pub(crate) fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Self {
        tags.into_iter()
            .find_map(Self::from_code)
            .unwrap_or(Self::En)
    }

    /// `fr`, `fr-CA`, `en-GB`… to a language; `None` for the others.
    pub(crate) fn from_code(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "fr" => Some(Self::Fr),
            _ => None,
        }
    }

    /// The BCP 47 code, for `<html lang>` and storage.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }

    /// The other language (the switch offers it).
    pub(crate) fn other(self) -> Self {
        match self {
            Self::En => Self::Fr,
            Self::Fr => Self::En,
        }
    }

    /// The language's own name, as the switch shows it.
    pub(crate) fn own_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Fr => "Français",
        }
    }

    /// The texts in this language.
    pub(crate) fn t(self) -> &'static Texts {
        match self {
            Self::En => &en::EN,
            Self::Fr => &fr::FR,
        }
    }

    /// A number with at most one decimal, in this language's notation
    /// (`12.5`, `12,5`); whole numbers have no decimals.
    pub(crate) fn num(self, value: f64) -> String {
        let rounded = (value * 10.0).round() / 10.0;
        let text = if rounded.fract() == 0.0 {
            format!("{rounded:.0}")
        } else {
            format!("{rounded:.1}")
        };
        // `-0` reads oddly: a tiny negative rounds to plain zero.
        let text = if text == "-0" { "0".to_owned() } else { text };
        match self {
            Self::En => text,
            Self::Fr => text.replace('.', ","),
        }
    }

    /// A share of 0–1 as a whole percentage (`42%`, `42 %`).
    pub(crate) fn percent(self, share: f64) -> String {
        let n = (share * 100.0).round();
        match self {
            Self::En => format!("{n:.0}%"),
            Self::Fr => format!("{n:.0}\u{a0}%"),
        }
    }

    /// "1 response", "12 responses".
    pub(crate) fn responses(self, n: u64) -> String {
        match (self, n) {
            (Self::En, 1) => "1 response".to_owned(),
            (Self::En, n) => format!("{n} responses"),
            (Self::Fr, 0 | 1) => format!("{n} réponse"),
            (Self::Fr, n) => format!("{n} réponses"),
        }
    }

    /// "95% interval: 12 to 38".
    pub(crate) fn interval(self, low: f64, high: f64) -> String {
        let (low, high) = (self.num(low), self.num(high));
        match self {
            Self::En => format!("95% interval: {low} to {high}"),
            Self::Fr => format!("Intervalle à 95\u{a0}% : de {low} à {high}"),
        }
    }

    /// How many more answers would narrow the interval.
    pub(crate) fn needed(self, for_5: u64, for_10: u64) -> String {
        match self {
            Self::En => {
                format!("About {for_10} more answers for a margin of ±10 points, {for_5} for ±5.")
            }
            Self::Fr => format!(
                "Environ {for_10} réponses de plus pour une marge de ±10 points, {for_5} pour ±5."
            ),
        }
    }

    /// Accessible name of a tag's remove button.
    pub(crate) fn remove_tag(self, tag: &str) -> String {
        match self {
            Self::En => format!("Remove tag {tag}"),
            Self::Fr => format!("Retirer l’étiquette {tag}"),
        }
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
    fn the_browser_preference_picks_the_first_supported_language() {
        assert_eq!(Lang::from_preferences(["de-DE", "fr-FR", "en"]), Lang::Fr);
        assert_eq!(Lang::from_preferences(["en-GB", "fr"]), Lang::En);
        assert_eq!(Lang::from_preferences(["de", "es"]), Lang::En, "fallback");
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
    fn counts_agree_with_their_number() {
        assert_eq!(Lang::En.responses(1), "1 response");
        assert_eq!(Lang::En.responses(0), "0 responses");
        assert_eq!(Lang::Fr.responses(1), "1 réponse");
        assert_eq!(Lang::Fr.responses(2), "2 réponses");
    }
}
