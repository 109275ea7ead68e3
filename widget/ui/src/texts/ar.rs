//! The prompt's texts in Arabic.

use crate::i18n::Texts;

// Modern Standard Arabic, read right to left; the 10 stays in Western
// digits like the scale's.
pub(crate) const AR: Texts = Texts {
    question: "ما مدى احتمال أن توصي بنا لصديق أو زميل؟",
    not_likely: "غير محتمل إطلاقًا",
    very_likely: "محتمل جدًا",
    follow_up_detractor: "ما الذي خيّب ظنك، وما أول ما يجب أن نصلحه؟",
    follow_up_passive: "ما الذي يجعلك تمنحنا 10؟",
    follow_up_promoter: "ما أكثر ما يعجبك فينا؟",
    placeholder: "إجابتك (اختياري)",
    send: "إرسال",
    close: "إغلاق",
    thanks: "شكرًا على ملاحظاتك!",
    failed: "عذرًا، تعذّر تسجيل إجابتك.",
    later: "اسألني لاحقًا",
    never: "لا تسألني مرة أخرى",
    notice_heading: "طلبتم ذلك، وقد نفّذناه",
};
