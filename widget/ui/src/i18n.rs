//! Every word the prompt shows, as one table per language (the tables are
//! in `texts/`, one file per language).
//!
//! Plain `&'static str` tables: no formatting at run time, nothing to parse,
//! and a missing translation is a compile error rather than a blank label.
//! They live in the lazy module only: the widget's core decides the
//! language ([`Locale`], shared through `nps-protocol`) and carries none of
//! its words.

pub use nps_protocol::Locale;

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
    /// Heading of the notice telling users that what they asked for is
    /// done (the notice's Close button is [`Texts::close`]).
    pub notice_heading: &'static str,
}

/// The keys of a [`Texts`], as the language files the widget fetches name
/// them (`lang-<hash>-<code>.json`).
pub const KEYS: [&str; 14] = [
    "question",
    "not_likely",
    "very_likely",
    "follow_up_detractor",
    "follow_up_passive",
    "follow_up_promoter",
    "placeholder",
    "send",
    "close",
    "thanks",
    "failed",
    "later",
    "never",
    "notice_heading",
];

impl Texts {
    /// A table from a lookup by key (a fetched language file); `None` if a
    /// key is missing. The strings live for the page: a table is built once
    /// per language.
    pub fn from_lookup(mut get: impl FnMut(&str) -> Option<String>) -> Option<Self> {
        // One loop rather than a call per field: this is in the lazy
        // module, whose bytes every prompt downloads.
        let mut values = [""; KEYS.len()];
        for (value, key) in values.iter_mut().zip(KEYS) {
            *value = get(key)?.leak();
        }
        let [question, not_likely, very_likely, follow_up_detractor, follow_up_passive, follow_up_promoter, placeholder, send, close, thanks, failed, later, never, notice_heading] =
            values;
        Some(Self {
            question,
            not_likely,
            very_likely,
            follow_up_detractor,
            follow_up_passive,
            follow_up_promoter,
            placeholder,
            send,
            close,
            thanks,
            failed,
            later,
            never,
            notice_heading,
        })
    }

    /// Every string with its key, in [`KEYS`] order.
    pub fn entries(&self) -> [(&'static str, &'static str); 14] {
        let values = [
            self.question,
            self.not_likely,
            self.very_likely,
            self.follow_up_detractor,
            self.follow_up_passive,
            self.follow_up_promoter,
            self.placeholder,
            self.send,
            self.close,
            self.thanks,
            self.failed,
            self.later,
            self.never,
            self.notice_heading,
        ];
        let mut i = 0;
        values.map(|v| {
            i += 1;
            (KEYS[i - 1], v)
        })
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
    fn the_opt_out_button_has_the_names_integrators_look_for() {
        assert_eq!(Texts::of(Locale::En).never, "Don't ask me again");
        assert_eq!(Texts::of(Locale::Fr).never, "Ne plus me demander");
    }
}
