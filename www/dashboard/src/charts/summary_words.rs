//! The charts' summary sentences in every language, as templates: `{0}`,
//! `{1}`… stand for the numbers and names in the order [`super::summary`]
//! gives them, so each language can place them where its grammar wants.

use crate::i18n::Lang;

/// One language's summary sentences.
pub(super) struct Words {
    /// Shares of promoters, passives, detractors; the count of answers.
    pub(super) split: &'static str,
    /// The most frequent score, its count; the share of 9s and 10s.
    pub(super) distribution: &'static str,
    /// A value marked as provisional.
    pub(super) provisional_value: &'static str,
    /// The value of the only period, its first day.
    pub(super) one_period: &'static str,
    /// Periods; first value and day; last value and day; lowest; highest.
    pub(super) periods: &'static str,
    /// Appended: how many periods had no answer.
    pub(super) without_answers: &'static str,
    /// Appended: how many are provisional, singular and plural.
    pub(super) provisional: [&'static str; 2],
    /// Segments; the highest and its value; the lowest and its value.
    pub(super) segments: &'static str,
}

impl Words {
    /// The sentences in `lang`.
    pub(super) fn of(lang: Lang) -> &'static Self {
        lang.pick([&EN, &FR, &DE, &ES, &IT, &PT, &NL, &AR])
    }
}

const EN: Words = Words {
    split: "{0} promoters, {1} passives, {2} detractors, of {3}.",
    distribution: "The most frequent score is {0} ({1}). {2} of answers are 9 or 10.",
    provisional_value: "{0} (provisional)",
    one_period: "One period: NPS {0} in the period of {1}.",
    periods: "{0} periods. NPS {1} in the period of {2}, {3} in the period of {4}; lowest {5}, highest {6}.",
    without_answers: " {0} without answers.",
    provisional: [" {0} provisional.", " {0} provisional."],
    segments: "{0} segments. Highest: {1} at {2}; lowest: {3} at {4}.",
};

const FR: Words = Words {
    split: "{0} de promoteurs, {1} de passifs, {2} de détracteurs, sur {3}.",
    distribution: "La note la plus fréquente est {0} ({1}). {2} des réponses sont 9 ou 10.",
    provisional_value: "{0} (provisoire)",
    one_period: "Une période : NPS de {0} pour la période du {1}.",
    periods: "{0} périodes. NPS de {1} pour la période du {2}, {3} pour celle du {4} ; minimum {5}, maximum {6}.",
    without_answers: " {0} sans réponse.",
    provisional: [" {0} provisoire.", " {0} provisoires."],
    segments: "{0} segments. Le plus haut : {1} à {2} ; le plus bas : {3} à {4}.",
};

const DE: Words = Words {
    split: "{0} Promotoren, {1} Passive, {2} Kritiker, von {3}.",
    distribution: "Die häufigste Bewertung ist {0} ({1}). {2} der Antworten sind 9 oder 10.",
    provisional_value: "{0} (vorläufig)",
    one_period: "Ein Zeitraum: NPS {0} im Zeitraum ab {1}.",
    periods: "{0} Zeiträume. NPS {1} im Zeitraum ab {2}, {3} im Zeitraum ab {4}; niedrigster Wert {5}, höchster {6}.",
    without_answers: " {0} ohne Antworten.",
    provisional: [" {0} vorläufig.", " {0} vorläufig."],
    segments: "{0} Segmente. Am höchsten: {1} mit {2}; am niedrigsten: {3} mit {4}.",
};

const ES: Words = Words {
    split: "{0} promotores, {1} pasivos, {2} detractores, de {3}.",
    distribution: "La puntuación más frecuente es {0} ({1}). El {2} de las respuestas son 9 o 10.",
    provisional_value: "{0} (provisional)",
    one_period: "Un periodo: NPS de {0} en el periodo del {1}.",
    periods:
        "{0} periodos. NPS de {1} en el periodo del {2}, {3} en el del {4}; mínimo {5}, máximo {6}.",
    without_answers: " {0} sin respuestas.",
    provisional: [" {0} provisional.", " {0} provisionales."],
    segments: "{0} segmentos. El más alto: {1} con {2}; el más bajo: {3} con {4}.",
};

const IT: Words = Words {
    split: "{0} promotori, {1} passivi, {2} detrattori, su {3}.",
    distribution: "Il punteggio più frequente è {0} ({1}). Il {2} delle risposte è 9 o 10.",
    provisional_value: "{0} (provvisorio)",
    one_period: "Un periodo: NPS {0} nel periodo dal {1}.",
    periods:
        "{0} periodi. NPS {1} nel periodo dal {2}, {3} in quello dal {4}; minimo {5}, massimo {6}.",
    without_answers: " {0} senza risposte.",
    provisional: [" {0} provvisorio.", " {0} provvisori."],
    segments: "{0} segmenti. Il più alto: {1} con {2}; il più basso: {3} con {4}.",
};

const PT: Words = Words {
    split: "{0} promotores, {1} neutros, {2} detratores, de {3}.",
    distribution: "A pontuação mais frequente é {0} ({1}). {2} das respostas são 9 ou 10.",
    provisional_value: "{0} (provisório)",
    one_period: "Um período: NPS {0} no período de {1}.",
    periods: "{0} períodos. NPS {1} no período de {2}, {3} no de {4}; mínimo {5}, máximo {6}.",
    without_answers: " {0} sem respostas.",
    provisional: [" {0} provisório.", " {0} provisórios."],
    segments: "{0} segmentos. O mais alto: {1} com {2}; o mais baixo: {3} com {4}.",
};

const NL: Words = Words {
    split: "{0} promotors, {1} passives, {2} criticasters, van {3}.",
    distribution: "De vaakst gegeven score is {0} ({1}). {2} van de antwoorden is een 9 of 10.",
    provisional_value: "{0} (voorlopig)",
    one_period: "Eén periode: NPS {0} in de periode vanaf {1}.",
    periods: "{0} periodes. NPS {1} in de periode vanaf {2}, {3} in de periode vanaf {4}; laagste {5}, hoogste {6}.",
    without_answers: " {0} zonder antwoorden.",
    provisional: [" {0} voorlopig.", " {0} voorlopig."],
    segments: "{0} segmenten. Hoogste: {1} met {2}; laagste: {3} met {4}.",
};

// The counts come after a colon ("عدد الفترات: 4") so that no noun has to
// agree with a number it does not know.
const AR: Words = Words {
    split: "المروّجون {0}، والمحايدون {1}، والمنتقدون {2}، من أصل {3}.",
    distribution: "الدرجة الأكثر تكرارًا هي {0} ({1}). {2} من الإجابات 9 أو 10.",
    provisional_value: "{0} (مؤقت)",
    one_period: "فترة واحدة: NPS {0} في الفترة التي تبدأ في {1}.",
    periods: "عدد الفترات: {0}. NPS {1} في الفترة التي تبدأ في {2}، و{3} في الفترة التي تبدأ في {4}؛ الأدنى {5}، والأعلى {6}.",
    without_answers: " فترات بلا إجابات: {0}.",
    provisional: [" المؤقتة: {0}.", " المؤقتة: {0}."],
    segments: "عدد الشرائح: {0}. الأعلى: {1} بقيمة {2}؛ الأدنى: {3} بقيمة {4}.",
};
