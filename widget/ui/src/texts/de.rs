//! The prompt's texts in German.

use crate::i18n::Texts;

// The formal "Sie", as German business software addresses its users.
pub(crate) const DE: Texts = Texts {
    question: "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?",
    not_likely: "Überhaupt nicht wahrscheinlich",
    very_likely: "Äußerst wahrscheinlich",
    follow_up_detractor: "Was hat Sie enttäuscht, und was sollten wir zuerst verbessern?",
    follow_up_passive: "Was müssten wir tun, damit Sie uns eine 10 geben?",
    follow_up_promoter: "Was gefällt Ihnen an uns am besten?",
    placeholder: "Ihre Antwort (optional)",
    send: "Senden",
    close: "Schließen",
    thanks: "Vielen Dank für Ihr Feedback!",
    failed: "Leider konnte Ihre Antwort nicht gespeichert werden.",
    later: "Später fragen",
    never: "Nicht mehr fragen",
    notice_heading: "Ihr Wunsch ist umgesetzt",
};
