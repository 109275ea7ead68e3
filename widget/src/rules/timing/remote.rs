//! Cross-device history: what the collector remembers of an identified
//! user (`GET /api/v1/eligibility`), merged into this browser's
//! [`History`] before deciding, so a user who answered on one device is
//! not asked again on another.
//!
//! The same read carries the moments the host app's server sent for the
//! user that have not prompted yet (`pending`): merged as occurrences seen
//! now, so a pending moment is decided like a `track` of it, and a
//! quiet-period moment keeps every device of hers quiet (the collector
//! lists one only while its quiet period runs, so its own time is not
//! needed here).

use super::{History, Outcome};

/// The collector's record of one user, from every device (Unix ms).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RemoteHistory {
    /// When a prompt was last shown to them.
    pub shown: Option<f64>,
    /// When they last answered.
    pub answered: Option<f64>,
    /// When they last closed or ignored a prompt.
    pub declined: Option<f64>,
    /// When they last chose "Ask me later".
    pub snoozed: Option<f64>,
    /// When they chose "Don't ask me again", if ever.
    pub opted_out: Option<f64>,
    /// Moments sent by the server, not prompted yet.
    pub pending: Vec<String>,
    /// A notice ("you asked, we delivered") waits for them: the lazy
    /// module reads it afresh, in the page's language, and shows it.
    pub notice: bool,
}

impl RemoteHistory {
    /// The latest outcome and its time; on a tie an answer wins, then a
    /// decline (the longer wait).
    fn latest_outcome(&self) -> Option<(f64, Outcome)> {
        let mut best: Option<(f64, Outcome)> = None;
        for (at, outcome) in [
            (self.answered, Outcome::Answered),
            (self.declined, Outcome::Declined),
            (self.snoozed, Outcome::Snoozed),
        ] {
            if let Some(at) = at {
                if best.is_none_or(|(b, _)| at > b) {
                    best = Some((at, outcome));
                }
            }
        }
        best
    }
}

impl History {
    /// Takes the later of this browser's and the collector's last prompt:
    /// when the collector's is later (shown on another device), its time
    /// and how it ended replace the local ones; when both are the same
    /// prompt, an outcome recorded only by the collector (answered
    /// elsewhere, or before storage was cleared) replaces "ignored".
    ///
    /// "Don't ask me again" on any device holds here too (the earliest
    /// opt-out is kept).
    ///
    /// Each pending moment counts as one occurrence seen at `now_ms` (on
    /// this merged copy only: the stored history never counts it).
    pub fn merge_remote(&mut self, remote: &RemoteHistory, now_ms: f64) {
        for moment in &remote.pending {
            self.record_occurrence(moment, now_ms);
        }
        if let Some(at) = remote.opted_out {
            self.opted_out_ms = Some(self.opted_out_ms.map_or(at, |l| l.min(at)));
        }
        let outcome = remote.latest_outcome();
        // An outcome implies a showing, even if `shown` was not reported.
        let shown = match (remote.shown, outcome) {
            (Some(s), Some((at, _))) => Some(s.max(at)),
            (s, o) => s.or(o.map(|(at, _)| at)),
        };
        let Some(shown) = shown else { return };
        let remote_outcome = match outcome {
            // The outcome belongs to the latest showing only if it came
            // after it; otherwise that showing was left untouched.
            Some((at, o)) if at >= remote.shown.unwrap_or(at) => o,
            _ => Outcome::Ignored,
        };
        let local = self.last_shown_ms;
        if local.is_none_or(|l| shown > l) {
            self.last_shown_ms = Some(shown);
            self.last_outcome = Some(remote_outcome);
            self.snoozes_in_row = match remote_outcome {
                Outcome::Snoozed => self.snoozes_in_row.max(1),
                _ => 0,
            };
        } else if outcome.is_some_and(|(at, _)| local.is_some_and(|l| at >= l))
            && matches!(self.last_outcome, None | Some(Outcome::Ignored))
        {
            self.last_outcome = Some(remote_outcome);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::history::lookup;
    use super::*;

    const T: f64 = 1_767_225_600_000.0;

    impl History {
        /// The merge as of `T` (only pending moments use the time).
        fn merge_remote_at(&mut self, remote: &RemoteHistory) {
            self.merge_remote(remote, T);
        }
    }

    fn remote(shown: f64, answered: Option<f64>) -> RemoteHistory {
        RemoteHistory {
            shown: Some(shown),
            answered,
            ..RemoteHistory::default()
        }
    }

    #[test]
    fn an_answer_on_another_device_becomes_the_last_outcome_here() {
        let mut h = History::default();
        h.merge_remote_at(&remote(T, Some(T + 5_000.0)));
        assert_eq!(h.last_shown_ms, Some(T + 5_000.0));
        assert_eq!(h.last_outcome, Some(Outcome::Answered));
    }

    #[test]
    fn an_empty_remote_history_changes_nothing() {
        let mut h = History::default();
        h.record_shown(None, T);
        h.record_outcome(None, Outcome::Declined);
        let before = h.clone();
        h.merge_remote_at(&RemoteHistory::default());
        assert_eq!(h, before);
    }

    #[test]
    fn a_later_local_prompt_wins_over_an_older_remote_one() {
        let mut h = History::default();
        h.record_shown(None, T + 1_000.0);
        h.record_outcome(None, Outcome::Snoozed);
        let before = h.clone();
        h.merge_remote_at(&remote(T, Some(T + 10.0)));
        assert_eq!(
            h, before,
            "the local snooze is newer than the remote answer"
        );
    }

    #[test]
    fn a_remote_showing_after_its_last_outcome_counts_as_ignored() {
        let mut h = History::default();
        h.merge_remote_at(&remote(T + 1_000.0, Some(T)));
        assert_eq!(h.last_shown_ms, Some(T + 1_000.0));
        assert_eq!(h.last_outcome, Some(Outcome::Ignored));
    }

    #[test]
    fn the_same_prompt_answered_per_the_collector_is_answered_here() {
        let mut h = History::default();
        h.record_shown(None, T);
        h.merge_remote_at(&remote(T, Some(T + 2_000.0)));
        assert_eq!(h.last_outcome, Some(Outcome::Answered));
        assert_eq!(h.last_shown_ms, Some(T + 2_000.0));
    }

    #[test]
    fn a_remote_snooze_starts_a_snooze_run_and_a_decline_ends_it() {
        let mut h = History::default();
        h.merge_remote_at(&RemoteHistory {
            shown: Some(T),
            snoozed: Some(T + 1.0),
            ..RemoteHistory::default()
        });
        assert_eq!(
            (h.last_outcome, h.snoozes_in_row),
            (Some(Outcome::Snoozed), 1)
        );
        h.merge_remote_at(&RemoteHistory {
            shown: Some(T + 10.0),
            declined: Some(T + 20.0),
            ..RemoteHistory::default()
        });
        assert_eq!(
            (h.last_outcome, h.snoozes_in_row),
            (Some(Outcome::Declined), 0)
        );
    }

    #[test]
    fn an_opt_out_on_another_device_holds_here_and_the_earliest_is_kept() {
        let mut h = History::default();
        h.merge_remote_at(&RemoteHistory {
            opted_out: Some(T + 5.0),
            ..RemoteHistory::default()
        });
        assert_eq!(h.opted_out_ms, Some(T + 5.0));
        assert_eq!(h.last_shown_ms, None, "an opt-out alone is no showing");
        h.merge_remote_at(&RemoteHistory {
            opted_out: Some(T),
            ..RemoteHistory::default()
        });
        assert_eq!(h.opted_out_ms, Some(T));
        h.merge_remote_at(&RemoteHistory::default());
        assert_eq!(
            h.opted_out_ms,
            Some(T),
            "no remote opt-out undoes a local one"
        );
    }

    #[test]
    fn on_a_tie_an_answer_beats_a_decline() {
        let r = RemoteHistory {
            shown: Some(T),
            answered: Some(T + 1.0),
            declined: Some(T + 1.0),
            snoozed: None,
            opted_out: None,
            pending: Vec::new(),
            notice: false,
        };
        assert_eq!(r.latest_outcome(), Some((T + 1.0, Outcome::Answered)));
    }

    #[test]
    fn a_pending_moment_counts_once_and_is_seen_at_its_time() {
        let mut h = History::default();
        h.record_occurrence("ticket_solved", T - 10.0);
        let remote = RemoteHistory {
            pending: vec!["ticket_solved".into(), "support_contacted".into()],
            ..RemoteHistory::default()
        };
        h.merge_remote(&remote, T);
        let moment = lookup(&h.moments, "ticket_solved");
        assert_eq!(moment.map(|m| m.count), Some(2));
        assert_eq!(lookup(&h.last_seen_ms, "support_contacted"), Some(&T));
        assert_eq!(lookup(&h.last_seen_ms, "ticket_solved"), Some(&T));
        assert_eq!(h.last_shown_ms, None, "a pending moment is no showing");
    }
}
