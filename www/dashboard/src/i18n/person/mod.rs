//! The words of the person page (one user's story: answers, prompts,
//! tags, follow-ups, notices) and of the follow-up page's "Closing the
//! loop" card, in every language: a table of their own (in [`tables`]),
//! so they stay beside each other.

mod tables;

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

impl Lang {
    /// The person page's texts.
    pub(crate) fn person(self) -> &'static PersonTexts {
        self.pick([
            &tables::EN,
            &tables::FR,
            &tables::DE,
            &tables::ES,
            &tables::IT,
            &tables::PT,
            &tables::NL,
            &tables::AR,
        ])
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
        for lang in Lang::ALL {
            for kind in kinds {
                assert_ne!(lang.person().kind(kind), kind, "{kind} in {lang:?}");
            }
        }
    }
}
