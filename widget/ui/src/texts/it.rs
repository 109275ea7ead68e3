//! The prompt's texts in Italian.

use crate::i18n::Texts;

// "Tu", as Italian software products usually address their users.
pub(crate) const IT: Texts = Texts {
    question: "Con quale probabilità ci consiglieresti a un amico o a un collega?",
    not_likely: "Per niente probabile",
    very_likely: "Estremamente probabile",
    follow_up_detractor: "Che cosa ti ha deluso e che cosa dovremmo migliorare per prima cosa?",
    follow_up_passive: "Che cosa ci servirebbe per meritare un 10?",
    follow_up_promoter: "Che cosa apprezzi di più di noi?",
    placeholder: "La tua risposta (facoltativa)",
    send: "Invia",
    close: "Chiudi",
    thanks: "Grazie per il tuo feedback!",
    failed: "Spiacenti, non è stato possibile registrare la tua risposta.",
    later: "Chiedimelo più tardi",
    never: "Non chiedermelo più",
    notice_heading: "L’hai chiesto, l’abbiamo fatto",
};
