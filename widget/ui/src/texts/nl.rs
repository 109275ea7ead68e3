//! The prompt's texts in Dutch.

use crate::i18n::Texts;

// "Je", as Dutch software products usually address their users.
pub(crate) const NL: Texts = Texts {
    question: "Hoe waarschijnlijk is het dat je ons aanbeveelt aan een vriend of collega?",
    not_likely: "Helemaal niet waarschijnlijk",
    very_likely: "Zeer waarschijnlijk",
    follow_up_detractor: "Wat viel je tegen, en wat moeten we als eerste verbeteren?",
    follow_up_passive: "Wat zou ervoor zorgen dat je ons een 10 geeft?",
    follow_up_promoter: "Wat vind je het fijnst aan ons?",
    placeholder: "Je antwoord (optioneel)",
    send: "Verzenden",
    close: "Sluiten",
    thanks: "Bedankt voor je feedback!",
    failed: "Sorry, je antwoord kon niet worden opgeslagen.",
    later: "Later vragen",
    never: "Niet meer vragen",
    notice_heading: "Je vroeg erom, hier is het",
};
