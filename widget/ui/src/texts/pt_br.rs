//! The prompt's texts in Brazilian Portuguese.

use crate::i18n::Texts;

// Brazil's wording: "você", "registrar", no article before "sua".
pub(crate) const PT_BR: Texts = Texts {
    question: "Qual a probabilidade de você nos recomendar a um amigo ou colega?",
    not_likely: "Nada provável",
    very_likely: "Extremamente provável",
    follow_up_detractor: "O que decepcionou você e o que devemos corrigir primeiro?",
    follow_up_passive: "O que falta para merecermos um 10?",
    follow_up_promoter: "Do que você mais gosta em nós?",
    placeholder: "Sua resposta (opcional)",
    send: "Enviar",
    close: "Fechar",
    thanks: "Obrigado pelo seu feedback!",
    failed: "Desculpe, não foi possível registrar sua resposta.",
    later: "Perguntar mais tarde",
    never: "Não perguntar novamente",
    notice_heading: "Você pediu, nós fizemos",
};
