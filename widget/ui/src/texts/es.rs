//! The prompt's texts in Spanish.

use crate::i18n::Texts;

// "Tú", as Spanish software products usually address their users.
pub(crate) const ES: Texts = Texts {
    question: "¿Con qué probabilidad nos recomendarías a un amigo o colega?",
    not_likely: "Nada probable",
    very_likely: "Muy probable",
    follow_up_detractor: "¿Qué te ha decepcionado y qué deberíamos mejorar primero?",
    follow_up_passive: "¿Qué nos faltaría para merecer un 10?",
    follow_up_promoter: "¿Qué es lo que más te gusta de nosotros?",
    placeholder: "Tu respuesta (opcional)",
    send: "Enviar",
    close: "Cerrar",
    thanks: "¡Gracias por tu opinión!",
    failed: "Lo sentimos, no se ha podido guardar tu respuesta.",
    later: "Preguntar más tarde",
    never: "No volver a preguntar",
    notice_heading: "Nos lo pediste y aquí lo tienes",
};
