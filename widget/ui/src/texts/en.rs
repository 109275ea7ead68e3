//! The prompt's texts in English.

use crate::i18n::Texts;

pub(crate) const EN: Texts = Texts {
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
    notice_heading: "You asked, we delivered",
};
