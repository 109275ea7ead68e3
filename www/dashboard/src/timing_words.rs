//! The Timing page's plain-words summary in every language, as templates
//! ([`crate::i18n::fill`]): `{0}`, `{1}`… are the rule's numbers and names
//! in the order [`crate::timing_sentences`] gives them.

use crate::i18n::Lang;

/// One language's sentences about the timing rules.
pub(crate) struct TimingWords {
    pub(crate) no_moment: &'static str,
    /// The share of users who may be asked.
    pub(crate) sampling: &'static str,
    /// Days between prompts; quiet days after an answer, after a decline.
    pub(crate) spacing: &'static str,
    /// Days before asking again; times in a row.
    pub(crate) snooze: &'static str,
    /// Hours; the event.
    pub(crate) quiet: &'static str,
    /// The date trait; days.
    pub(crate) exclude: &'static str,
    pub(crate) anonymous: &'static str,
    pub(crate) dnt: &'static str,
    /// A moment: its event; its conditions in parentheses, or nothing.
    pub(crate) asks_after: &'static str,
    pub(crate) min_count: &'static str,
    pub(crate) days_since_signup: &'static str,
    pub(crate) delay: &'static str,
    pub(crate) priority: &'static str,
    /// Between a moment's conditions.
    pub(crate) comma: &'static str,
}

impl TimingWords {
    /// The sentences in `lang`.
    pub(crate) fn of(lang: Lang) -> &'static Self {
        lang.pick([&EN, &FR, &DE, &ES, &IT, &PT, &NL, &AR])
    }
}

const EN: TimingWords = TimingWords {
    no_moment: "No moment is configured: the prompt shows only on nps('show').",
    sampling: "{0}% of users may be asked.",
    spacing:
        "Never two prompts within {0} days; {1} quiet days after an answer, {2} after a decline.",
    snooze: "“Ask me later” asks again after {0} days, at most {1} times in a row.",
    quiet: "No prompt for {0} h after {1}.",
    exclude: "No prompt while {0} is less than {1} days old.",
    anonymous: "Anonymous survey: no user id, URL or trait not allowed.",
    dnt: "Nothing shows or is sent in browsers that ask not to be tracked.",
    asks_after: "Asks after {0}{1}.",
    min_count: "from the {0}th time",
    days_since_signup: "{0} days after signup",
    delay: "after {0} s",
    priority: "priority {0}",
    comma: ", ",
};

const FR: TimingWords = TimingWords {
    no_moment: "Aucun moment n’est configuré : l’invitation ne s’affiche que sur nps('show').",
    sampling: "{0} % des utilisateurs peuvent être interrogés.",
    spacing: "Jamais deux invitations à moins de {0} jours d’écart ; {1} jours de calme après une réponse, {2} après un refus.",
    snooze: "« Plus tard » redemande après {0} jours, au plus {1} fois de suite.",
    quiet: "Pas d’invitation pendant {0} h après {1}.",
    exclude: "Pas d’invitation si {0} date de moins de {1} jours.",
    anonymous: "Enquête anonyme : ni identifiant, ni URL, ni trait non autorisé.",
    dnt: "Rien n’est affiché ni envoyé aux navigateurs qui demandent à ne pas être suivis.",
    asks_after: "Demande après {0}{1}.",
    min_count: "à partir de la {0}e fois",
    days_since_signup: "{0} jours après l’inscription",
    delay: "après {0} s",
    priority: "priorité {0}",
    comma: ", ",
};

const DE: TimingWords = TimingWords {
    no_moment: "Kein Moment eingerichtet: Die Umfrage erscheint nur bei nps('show').",
    sampling: "{0}\u{a0}% der Nutzer können befragt werden.",
    spacing: "Nie zwei Umfragen innerhalb von {0} Tagen; {1} ruhige Tage nach einer Antwort, {2} nach einer Ablehnung.",
    snooze: "„Später fragen“ fragt nach {0} Tagen erneut, höchstens {1}-mal in Folge.",
    quiet: "Keine Umfrage für {0} h nach {1}.",
    exclude: "Keine Umfrage, solange {0} weniger als {1} Tage zurückliegt.",
    anonymous: "Anonyme Umfrage: keine Nutzer-ID, keine URL, kein nicht erlaubtes Merkmal.",
    dnt: "Browser, die nicht verfolgt werden wollen, zeigen nichts an und senden nichts.",
    asks_after: "Fragt nach {0}{1}.",
    min_count: "ab dem {0}. Mal",
    days_since_signup: "{0} Tage nach der Registrierung",
    delay: "nach {0} s",
    priority: "Priorität {0}",
    comma: ", ",
};

const ES: TimingWords = TimingWords {
    no_moment: "No hay ningún momento configurado: la encuesta solo aparece con nps('show').",
    sampling: "Se puede preguntar al {0}\u{a0}% de los usuarios.",
    spacing: "Nunca dos encuestas en menos de {0} días; {1} días sin preguntar tras una respuesta, {2} tras un rechazo.",
    snooze: "«Preguntar más tarde» vuelve a preguntar tras {0} días, como mucho {1} veces seguidas.",
    quiet: "Sin encuesta durante {0} h tras {1}.",
    exclude: "Sin encuesta mientras {0} tenga menos de {1} días.",
    anonymous: "Encuesta anónima: sin id de usuario, sin URL y sin atributos no permitidos.",
    dnt: "No se muestra ni se envía nada en los navegadores que piden no ser rastreados.",
    asks_after: "Pregunta después de {0}{1}.",
    min_count: "a partir de la {0}.ª vez",
    days_since_signup: "{0} días después del registro",
    delay: "tras {0} s",
    priority: "prioridad {0}",
    comma: ", ",
};

const IT: TimingWords = TimingWords {
    no_moment: "Nessun momento configurato: il sondaggio compare solo con nps('show').",
    sampling: "Può essere interpellato il {0}% degli utenti.",
    spacing: "Mai due sondaggi a meno di {0} giorni; {1} giorni di pausa dopo una risposta, {2} dopo un rifiuto.",
    snooze: "«Chiedimelo più tardi» richiede dopo {0} giorni, al massimo {1} volte di fila.",
    quiet: "Nessun sondaggio per {0} h dopo {1}.",
    exclude: "Nessun sondaggio finché {0} risale a meno di {1} giorni fa.",
    anonymous: "Sondaggio anonimo: niente id utente, URL o attributi non consentiti.",
    dnt: "Niente viene mostrato o inviato nei browser che chiedono di non essere tracciati.",
    asks_after: "Chiede dopo {0}{1}.",
    min_count: "dalla {0}ª volta",
    days_since_signup: "{0} giorni dopo la registrazione",
    delay: "dopo {0} s",
    priority: "priorità {0}",
    comma: ", ",
};

const PT: TimingWords = TimingWords {
    no_moment: "Nenhum momento configurado: o inquérito só aparece com nps('show').",
    sampling: "{0}% dos utilizadores podem ser inquiridos.",
    spacing: "Nunca dois inquéritos com menos de {0} dias de intervalo; {1} dias de pausa após uma resposta, {2} após uma recusa.",
    snooze: "«Perguntar mais tarde» volta a perguntar após {0} dias, no máximo {1} vezes seguidas.",
    quiet: "Sem inquérito durante {0} h após {1}.",
    exclude: "Sem inquérito enquanto {0} tiver menos de {1} dias.",
    anonymous: "Inquérito anónimo: sem id de utilizador, URL nem atributos não permitidos.",
    dnt: "Nada é mostrado nem enviado nos navegadores que pedem para não ser seguidos.",
    asks_after: "Pergunta após {0}{1}.",
    min_count: "a partir da {0}.ª vez",
    days_since_signup: "{0} dias após o registo",
    delay: "após {0} s",
    priority: "prioridade {0}",
    comma: ", ",
};

const NL: TimingWords = TimingWords {
    no_moment: "Geen moment ingesteld: de enquête verschijnt alleen bij nps('show').",
    sampling: "{0}% van de gebruikers kan gevraagd worden.",
    spacing: "Nooit twee enquêtes binnen {0} dagen; {1} rustige dagen na een antwoord, {2} na een weigering.",
    snooze: "‘Later vragen’ vraagt na {0} dagen opnieuw, hooguit {1} keer op rij.",
    quiet: "Geen enquête gedurende {0} uur na {1}.",
    exclude: "Geen enquête zolang {0} minder dan {1} dagen geleden is.",
    anonymous: "Anonieme enquête: geen gebruikers-id, URL of niet-toegestaan kenmerk.",
    dnt: "Browsers die vragen niet gevolgd te worden, tonen en versturen niets.",
    asks_after: "Vraagt na {0}{1}.",
    min_count: "vanaf de {0}e keer",
    days_since_signup: "{0} dagen na aanmelding",
    delay: "na {0} s",
    priority: "prioriteit {0}",
    comma: ", ",
};

// Counts of days follow a colon or stand as "N يوم", the form interfaces
// use, so that no noun has to agree with a number it does not know.
const AR: TimingWords = TimingWords {
    no_moment: "لم تُضبط أي لحظة: لا يظهر الاستطلاع إلا عند nps('show').",
    sampling: "يمكن سؤال {0}% من المستخدمين.",
    spacing: "أدنى مدة بين استطلاعين: {0} يوم؛ الهدوء بعد إجابة: {1} يوم، وبعد رفض: {2} يوم.",
    snooze: "«اسألني لاحقًا» يعيد السؤال بعد {0} يوم؛ أقصى عدد للمرات المتتالية: {1}.",
    quiet: "لا استطلاع لمدة {0} ساعة بعد {1}.",
    exclude: "لا استطلاع ما دام عمر {0} أقل من {1} يوم.",
    anonymous: "استطلاع مجهول الهوية: بلا معرّف مستخدم ولا URL ولا سمات غير مسموح بها.",
    dnt: "لا يُعرض شيء ولا يُرسل شيء في المتصفحات التي تطلب عدم التتبع.",
    asks_after: "يسأل بعد {0}{1}.",
    min_count: "بدءًا من المرة {0}",
    days_since_signup: "بعد {0} يوم من التسجيل",
    delay: "بعد {0} ثانية",
    priority: "الأولوية {0}",
    comma: "، ",
};
