//! The words of asking smarter on the Timing page, in every language: the
//! cooldowns per segment (`cadence_overrides`) and sampling that stops at
//! a precision (`sampling`), their form, their sentences among the rules
//! in words (templates for [`crate::i18n::fill`]) and the month's status.

mod tables;

use super::Lang;

/// Asking smarter's texts in one language.
#[derive(Debug)]
pub(crate) struct AskingTexts {
    pub(crate) cadence_title: &'static str,
    pub(crate) cadence_intro: &'static str,
    pub(crate) trait_name: &'static str,
    pub(crate) trait_value: &'static str,
    pub(crate) after_answer: &'static str,
    pub(crate) after_close: &'static str,
    pub(crate) after_snooze: &'static str,
    pub(crate) add_segment: &'static str,
    pub(crate) remove_segment: &'static str,
    pub(crate) precision_title: &'static str,
    pub(crate) precision_intro: &'static str,
    pub(crate) target_margin: &'static str,
    pub(crate) per_moment: &'static str,
    pub(crate) month_title: &'static str,
    pub(crate) not_sampling: &'static str,
    pub(crate) all_moments: &'static str,
    /// The trait; its value; the days, joined.
    pub(crate) segment_rule: &'static str,
    /// Days.
    pub(crate) days_answer: &'static str,
    /// Days.
    pub(crate) days_close: &'static str,
    /// Days.
    pub(crate) days_snooze: &'static str,
    /// The target margin in points.
    pub(crate) stops_at: &'static str,
    /// The target margin in points.
    pub(crate) stops_at_per_moment: &'static str,
    /// The group; its answers; its margin in points.
    pub(crate) margin_so_far: &'static str,
    /// The group.
    pub(crate) no_answer_yet: &'static str,
    /// The day prompting resumes.
    pub(crate) paused_until: &'static str,
    /// Prompts.
    pub(crate) saved: &'static str,
    pub(crate) estimate_note: &'static str,
}

impl Lang {
    /// Asking smarter's texts.
    pub(crate) fn asking(self) -> &'static AskingTexts {
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
