//! The words of the person page (one user's story: answers, prompts,
//! tags, follow-ups, notices) and of the follow-up page's "Closing the
//! loop" card, in English and French: a table of their own, so they stay
//! beside each other.

use super::Lang;

/// Fixed texts of the person page in one language.
#[derive(Debug)]
pub(crate) struct PersonTexts {
    pub(crate) title: &'static str,
    pub(crate) intro: &'static str,
    pub(crate) empty: &'static str,
    pub(crate) open: &'static str,
    pub(crate) erase: &'static str,
    pub(crate) erase_confirm: &'static str,
    pub(crate) erased: &'static str,
    pub(crate) response: &'static str,
    pub(crate) shown: &'static str,
    pub(crate) declined: &'static str,
    pub(crate) snoozed: &'static str,
    pub(crate) opted_out: &'static str,
    pub(crate) tag: &'static str,
    pub(crate) followup: &'static str,
    pub(crate) note: &'static str,
    pub(crate) notice: &'static str,
    pub(crate) notice_seen: &'static str,
    pub(crate) loop_title: &'static str,
    pub(crate) loop_detractors: &'static str,
    pub(crate) loop_in_time: &'static str,
    pub(crate) loop_median: &'static str,
    pub(crate) loop_resolved: &'static str,
    pub(crate) loop_recovery: &'static str,
    pub(crate) loop_notices: &'static str,
}

const EN: PersonTexts = PersonTexts {
    title: "Person",
    intro: "Everything that happened to this person and everything the team did about it, oldest first.",
    empty: "Nothing is stored about this person in this project.",
    open: "See this person's story",
    erase: "Erase this person",
    erase_confirm: "Erase everything stored about this person in this project? This cannot be undone.",
    erased: "Erased.",
    response: "Answered",
    shown: "Was shown the prompt",
    declined: "Closed the prompt",
    snoozed: "Chose “Ask me later”",
    opted_out: "Chose “Don't ask me again”",
    tag: "Tagged",
    followup: "Follow-up",
    note: "Note",
    notice: "Told it shipped",
    notice_seen: "Saw the notice",
    loop_title: "Closing the loop",
    loop_detractors: "Detractors",
    loop_in_time: "Contacted within the follow-up window",
    loop_median: "Median time to first contact",
    loop_resolved: "Resolved",
    loop_recovery: "Reached and answered again: NPS before → after",
    loop_notices: "Notices told / seen",
};

const FR: PersonTexts = PersonTexts {
    title: "Personne",
    intro: "Tout ce qui est arrivé à cette personne et tout ce que l'équipe en a fait, du plus ancien au plus récent.",
    empty: "Rien n'est conservé sur cette personne dans ce projet.",
    open: "Voir l'histoire de cette personne",
    erase: "Effacer cette personne",
    erase_confirm: "Effacer tout ce qui est conservé sur cette personne dans ce projet ? C'est définitif.",
    erased: "Effacée.",
    response: "A répondu",
    shown: "A vu la question",
    declined: "A fermé la question",
    snoozed: "A choisi « Plus tard »",
    opted_out: "A choisi « Ne plus me demander »",
    tag: "Tag",
    followup: "Suivi",
    note: "Note",
    notice: "Prévenue de la livraison",
    notice_seen: "A vu l'annonce",
    loop_title: "Boucler la boucle",
    loop_detractors: "Détracteurs",
    loop_in_time: "Contactés dans le délai de suivi",
    loop_median: "Délai médian avant le premier contact",
    loop_resolved: "Résolus",
    loop_recovery: "Contactés ou prévenus, qui ont répondu à nouveau : NPS avant → après",
    loop_notices: "Annonces envoyées / vues",
};

impl Lang {
    /// The person page's texts (English where they are not translated
    /// yet, as the other tables do).
    pub(crate) fn person(self) -> &'static PersonTexts {
        match self {
            Self::Fr => &FR,
            _ => &EN,
        }
    }
}

impl PersonTexts {
    /// The label of a timeline item's kind (the kind itself if unknown).
    pub(crate) fn kind<'a>(&'static self, kind: &'a str) -> &'a str {
        match kind {
            "response" => self.response,
            "shown" => self.shown,
            "declined" => self.declined,
            "snoozed" => self.snoozed,
            "opted_out" => self.opted_out,
            "tag" => self.tag,
            "followup" => self.followup,
            "note" => self.note,
            "notice" => self.notice,
            "notice_seen" => self.notice_seen,
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_the_timeline_has_a_label_in_each_language() {
        let kinds = [
            "response",
            "shown",
            "declined",
            "snoozed",
            "opted_out",
            "tag",
            "followup",
            "note",
            "notice",
            "notice_seen",
        ];
        for lang in [Lang::En, Lang::Fr] {
            for kind in kinds {
                assert_ne!(lang.person().kind(kind), kind, "{kind} in {lang:?}");
            }
        }
    }
}
