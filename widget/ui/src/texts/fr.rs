//! The prompt's texts in French.

use crate::i18n::Texts;

// French punctuation wants a space before `?` and `!`; it is a plain space
// here so the accessible names match exactly what integrators search for.
pub(crate) const FR: Texts = Texts {
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
    notice_heading: "Vous l'avez demandé, c'est fait",
};
