//! Every word the prompt shows, in each supported language.
//!
//! Plain `&'static str` tables: no formatting at run time, nothing to parse,
//! and a missing translation is a compile error rather than a blank label.

/// A language the prompt speaks. Which one to use is the widget's
/// decision (`init({locale})`, the `locale` trait, the browser's); the
/// components are only told its code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Locale {
    /// English, the fallback.
    #[default]
    En,
    /// French.
    Fr,
}

impl Locale {
    /// The language of a code such as `fr` or `fr-CA`; English for any
    /// other.
    pub fn from_code(code: &str) -> Self {
        let primary = code.get(..2).unwrap_or_default();
        if primary.eq_ignore_ascii_case("fr")
            && matches!(code.as_bytes().get(2), None | Some(b'-' | b'_'))
        {
            Self::Fr
        } else {
            Self::En
        }
    }

    /// Its code, `en` or `fr`.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }
}

/// The prompt's texts in one language.
#[derive(Debug)]
pub struct Texts {
    /// The NPS question; also the dialog's and the scale's accessible name.
    pub question: &'static str,
    /// Label under 0.
    pub not_likely: &'static str,
    /// Label under 10.
    pub very_likely: &'static str,
    /// Follow-up question for scores 0–6.
    pub follow_up_detractor: &'static str,
    /// Follow-up question for scores 7–8.
    pub follow_up_passive: &'static str,
    /// Follow-up question for scores 9–10.
    pub follow_up_promoter: &'static str,
    /// Placeholder of the comment box.
    pub placeholder: &'static str,
    /// The button that sends the comment.
    pub send: &'static str,
    /// Accessible name of the × button.
    pub close: &'static str,
    /// Shown after Send, in a status region.
    pub thanks: &'static str,
    /// Shown instead when the collector refused the answer for good.
    pub failed: &'static str,
    /// The button that snoozes the prompt.
    pub later: &'static str,
    /// The button that stops every prompt for good.
    pub never: &'static str,
}

const EN: Texts = Texts {
    question: "How likely are you to recommend us to a friend or colleague?",
    not_likely: "Not at all likely",
    very_likely: "Extremely likely",
    follow_up_detractor: "What disappointed you, and what should we fix first?",
    follow_up_passive: "What would make us a 10 for you?",
    follow_up_promoter: "What do you love most about us?",
    placeholder: "Your answer (optional)",
    send: "Send",
    close: "Close",
    thanks: "Thank you for your feedback!",
    failed: "Sorry, your answer could not be recorded.",
    later: "Ask me later",
    never: "Don't ask me again",
};

// French punctuation wants a space before `?` and `!`; it is a plain space
// here so the accessible names match exactly what integrators search for.
const FR: Texts = Texts {
    question: "Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?",
    not_likely: "Pas du tout probable",
    very_likely: "Très probable",
    follow_up_detractor: "Qu’est-ce qui vous a déçu, et que devrions-nous corriger en priorité ?",
    follow_up_passive: "Que nous faudrait-il pour mériter un 10 à vos yeux ?",
    follow_up_promoter: "Qu’appréciez-vous le plus chez nous ?",
    placeholder: "Votre réponse (facultatif)",
    send: "Envoyer",
    close: "Fermer",
    thanks: "Merci pour votre retour !",
    failed: "Désolé, votre réponse n’a pas pu être enregistrée.",
    later: "Plus tard",
    never: "Ne plus me demander",
};

impl Texts {
    /// The texts for `locale`.
    pub fn of(locale: Locale) -> &'static Self {
        match locale {
            Locale::En => &EN,
            Locale::Fr => &FR,
        }
    }

    /// The follow-up question fitting a score: detractors are asked what to
    /// fix, passives what is missing, promoters what to keep.
    pub fn follow_up(&self, score: u8) -> &'static str {
        match score {
            9 | 10 => self.follow_up_promoter,
            7 | 8 => self.follow_up_passive,
            // Out-of-range scores cannot be chosen; treat them like a low one.
            _ => self.follow_up_detractor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_follow_up_depends_on_the_category() {
        let en = Texts::of(Locale::En);
        assert_eq!(en.follow_up(0), en.follow_up_detractor);
        assert_eq!(en.follow_up(6), en.follow_up_detractor);
        assert_eq!(en.follow_up(7), en.follow_up_passive);
        assert_eq!(en.follow_up(8), en.follow_up_passive);
        assert_eq!(en.follow_up(9), en.follow_up_promoter);
        assert_eq!(en.follow_up(10), en.follow_up_promoter);
    }

    #[test]
    fn french_buttons_are_named_envoyer_and_fermer() {
        let fr = Texts::of(Locale::Fr);
        assert_eq!((fr.send, fr.close), ("Envoyer", "Fermer"));

        assert!(fr.question.starts_with("Quelle est la probabilité"));
    }

    #[test]
    fn french_codes_give_french_and_everything_else_english() {
        for code in ["fr", "fr-CA", "FR", "fr_BE"] {
            assert_eq!(Locale::from_code(code), Locale::Fr, "{code}");
        }
        for code in ["en", "fy", "frr", "", "de-FR"] {
            assert_eq!(Locale::from_code(code), Locale::En, "{code}");
        }
        assert_eq!(Locale::from_code(Locale::Fr.code()), Locale::Fr);
    }

    #[test]
    fn the_opt_out_button_has_the_names_integrators_look_for() {
        assert_eq!(Texts::of(Locale::En).never, "Don't ask me again");
        assert_eq!(Texts::of(Locale::Fr).never, "Ne plus me demander");
    }
}
