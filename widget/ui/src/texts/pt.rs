//! The prompt's texts in European Portuguese.

use crate::i18n::Texts;

// Portugal's wording ("registar", "desiludiu"); Brazil's is in `pt_br.rs`.
pub(crate) const PT: Texts = Texts {
    question: "Qual a probabilidade de nos recomendar a um amigo ou colega?",
    not_likely: "Nada provável",
    very_likely: "Extremamente provável",
    follow_up_detractor: "O que o desiludiu e o que devemos corrigir primeiro?",
    follow_up_passive: "O que nos faltaria para merecermos um 10?",
    follow_up_promoter: "O que mais aprecia em nós?",
    placeholder: "A sua resposta (opcional)",
    send: "Enviar",
    close: "Fechar",
    thanks: "Obrigado pela sua opinião!",
    failed: "Lamentamos, não foi possível registar a sua resposta.",
    later: "Perguntar mais tarde",
    never: "Não voltar a perguntar",
    notice_heading: "Pediu, e nós fizemos",
};
