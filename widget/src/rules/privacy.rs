//! What the widget may do at all, before any timing rule: the host's
//! consent (`init({consent: false})`, `nps('consent', …)`) and the
//! browser's Do Not Track / Global Privacy Control signal, respected when
//! `init({respect_dnt: true})` or the project's `respect_dnt` asks for it.
//!
//! Three levels of activity, from least to most:
//! - fetching the project's config ([`Privacy::fetches_config`]);
//! - delivering answers already in the outbox ([`Privacy::delivers`]);
//! - everything else: storing, prompting, queuing new writes, fetching a
//!   user's history ([`Privacy::gate`]).
//!
//! The project's `respect_dnt` is only known once its config has loaded,
//! so with a signal and only the project flag the config is fetched and
//! then nothing else happens; `init({respect_dnt: true})` sends nothing at
//! all.

/// Where the host's consent stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Consent {
    /// Not asked for (no `consent: false` at `init`), or given.
    #[default]
    Given,
    /// `init({consent: false})` and no `consent(true)` yet on this page:
    /// nothing is stored or sent, not even left-over answers.
    Awaited,
    /// `consent(false)` after the widget ran on this page: nothing new is
    /// stored or sent, but answers already in the outbox are delivered.
    Withdrawn,
}

impl Consent {
    /// After `consent(given)`. Withdrawing before anything ran on this page
    /// (`ran: false`) leaves the widget waiting, as `init({consent: false})`
    /// does: there is nothing of this page's to deliver.
    pub fn after(self, given: bool, ran: bool) -> Self {
        match (given, self) {
            (true, _) => Self::Given,
            (false, Self::Given) if ran => Self::Withdrawn,
            (false, Self::Withdrawn) => Self::Withdrawn,
            (false, _) => Self::Awaited,
        }
    }
}

/// What a `track` or `show` may do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Decide by the timing rules.
    Open,
    /// Keep it in memory until consent is given or the config says whether
    /// the project respects Do Not Track.
    Hold,
    /// Drop it: the browser asks not to be tracked and that is respected.
    Closed,
}

/// The host's and the browser's privacy choices for this page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Privacy {
    /// The host's consent.
    pub consent: Consent,
    /// The browser sends Do Not Track or Global Privacy Control.
    pub signal: bool,
    /// `init({respect_dnt: true})`.
    pub respect_dnt: bool,
}

impl Privacy {
    /// Whether the browser's signal silences the widget, given the
    /// project's `respect_dnt` (`None`: not known yet). `None` when it is
    /// not known yet whether it does.
    fn silenced(&self, project_dnt: Option<bool>) -> Option<bool> {
        if !self.signal || self.respect_dnt {
            return Some(self.signal);
        }
        project_dnt
    }

    /// Whether the project's config may be fetched.
    pub fn fetches_config(&self) -> bool {
        self.consent == Consent::Given && self.silenced(None) != Some(true)
    }

    /// Whether answers already in the outbox may be sent.
    pub fn delivers(&self, project_dnt: Option<bool>) -> bool {
        self.consent != Consent::Awaited && self.silenced(project_dnt) == Some(false)
    }

    /// What a `track` or `show` may do; also whether anything may be
    /// stored or fetched for the user.
    pub fn gate(&self, project_dnt: Option<bool>) -> Gate {
        match self.silenced(project_dnt) {
            Some(true) => Gate::Closed,
            Some(false) if self.consent == Consent::Given => Gate::Open,
            _ => Gate::Hold,
        }
    }
}

/// Whether the browser asks not to be tracked: `navigator.doNotTrack` or
/// `window.doNotTrack` is `"1"` (`"yes"` in old Firefox), or
/// `navigator.globalPrivacyControl` is `true`.
pub fn dnt_signal(navigator_dnt: Option<&str>, window_dnt: Option<&str>, gpc: bool) -> bool {
    gpc || [navigator_dnt, window_dnt]
        .into_iter()
        .flatten()
        .any(|v| v == "1" || v == "yes")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn privacy(consent: Consent, signal: bool, respect_dnt: bool) -> Privacy {
        Privacy {
            consent,
            signal,
            respect_dnt,
        }
    }

    #[test]
    fn do_not_track_and_global_privacy_control_are_read_strictly() {
        let cases = [
            (Some("1"), None, false, true, "navigator.doNotTrack = 1"),
            (None, Some("1"), false, true, "window.doNotTrack = 1"),
            (Some("yes"), None, false, true, "old Firefox"),
            (None, None, true, true, "GPC"),
            (Some("0"), Some("unspecified"), false, false, "DNT off"),
            (None, None, false, false, "nothing"),
        ];
        for (nav, win, gpc, expected, case) in cases {
            assert_eq!(dnt_signal(nav, win, gpc), expected, "{case}");
        }
    }

    #[test]
    fn without_consent_nothing_happens_not_even_the_config_fetch() {
        let p = privacy(Consent::Awaited, false, false);
        assert!(!p.fetches_config());
        assert!(!p.delivers(Some(false)), "not even left-over answers");
        assert_eq!(p.gate(Some(false)), Gate::Hold, "calls wait for consent");
    }

    #[test]
    fn once_consent_is_given_the_widget_runs() {
        let p = privacy(Consent::Awaited.after(true, false), false, false);
        assert!(p.fetches_config());
        assert!(p.delivers(None));
        assert_eq!(p.gate(Some(false)), Gate::Open);
        assert_eq!(p.gate(None), Gate::Open, "show() before the config");
    }

    #[test]
    fn withdrawn_consent_still_delivers_what_was_answered_but_nothing_new() {
        let p = privacy(Consent::Given.after(false, true), false, false);
        assert_eq!(p.consent, Consent::Withdrawn);
        assert!(p.delivers(Some(false)));
        assert!(!p.fetches_config());
        assert_eq!(p.gate(Some(false)), Gate::Hold);
    }

    #[test]
    fn withdrawing_before_anything_ran_keeps_waiting() {
        assert_eq!(Consent::Given.after(false, false), Consent::Awaited);
        assert_eq!(Consent::Awaited.after(false, true), Consent::Awaited);
        assert_eq!(Consent::Withdrawn.after(false, true), Consent::Withdrawn);
        assert_eq!(Consent::Withdrawn.after(true, true), Consent::Given);
    }

    #[test]
    fn respect_dnt_at_init_with_a_signal_silences_everything_at_once() {
        let p = privacy(Consent::Given, true, true);
        assert!(!p.fetches_config());
        assert!(!p.delivers(Some(false)), "whatever the project says");
        assert_eq!(p.gate(Some(false)), Gate::Closed);
        assert_eq!(p.gate(None), Gate::Closed);
        let p = privacy(Consent::Awaited.after(true, false), true, true);
        assert_eq!(p.gate(None), Gate::Closed, "consent does not override it");
    }

    #[test]
    fn the_project_flag_lets_the_config_load_then_silences_the_rest() {
        let p = privacy(Consent::Given, true, false);
        assert!(p.fetches_config());
        assert!(!p.delivers(None), "not before the config says");
        assert_eq!(p.gate(None), Gate::Hold);
        assert!(!p.delivers(Some(true)));
        assert_eq!(p.gate(Some(true)), Gate::Closed);
        assert!(p.delivers(Some(false)), "a project that ignores the signal");
        assert_eq!(p.gate(Some(false)), Gate::Open);
    }

    #[test]
    fn without_a_signal_respect_dnt_changes_nothing() {
        for (respect, project) in [(true, Some(true)), (false, Some(true)), (true, None)] {
            let p = privacy(Consent::Given, false, respect);
            assert!(p.fetches_config());
            assert!(p.delivers(project));
            assert_eq!(p.gate(project), Gate::Open, "{respect} {project:?}");
        }
    }
}
