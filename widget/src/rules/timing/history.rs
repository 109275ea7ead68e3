//! What a browser remembers of past prompts, and how events update it.
//!
//! Every clock starts when a prompt was *shown*: showing records the time
//! and a provisional outcome, [`Outcome::Ignored`], that the user's answer,
//! Close or "Ask me later" then overwrites. A prompt left untouched (page
//! closed, tab discarded) therefore counts as ignored without the widget
//! having to notice the page leaving.
//!
//! "Don't ask me again" is not an outcome with a clock: it is a state,
//! [`History::opted_out_ms`], that stops every prompt until `reset()`
//! forgets the history.

/// How a prompt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A score was sent.
    Answered,
    /// Closed (Close, Escape) without a score.
    Declined,
    /// "Ask me later".
    Snoozed,
    /// Shown and left untouched; treated as a decline.
    Ignored,
}

impl Outcome {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Answered => "answered",
            Self::Declined => "declined",
            Self::Snoozed => "snoozed",
            Self::Ignored => "ignored",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "answered" => Self::Answered,
            "declined" => Self::Declined,
            "snoozed" => Self::Snoozed,
            "ignored" => Self::Ignored,
            _ => return None,
        })
    }
}

/// One moment's record in this browser.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MomentHistory {
    /// How many times the event was tracked.
    pub count: u32,
    /// When this moment last showed a prompt (ms).
    pub last_shown_ms: Option<f64>,
    /// How that prompt ended.
    pub last_outcome: Option<Outcome>,
}

/// The per-browser record the rules depend on (`nps:<key>:history`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Per moment (by event name). A short list rather than a map: a few
    /// moments per project, and a map's code weighs more in the wasm.
    pub moments: Vec<(String, MomentHistory)>,
    /// When any prompt was last shown (ms), `show()` included.
    pub last_shown_ms: Option<f64>,
    /// How the last prompt ended.
    pub last_outcome: Option<Outcome>,
    /// "Ask me later" answers in a row (reset by an answer or a decline).
    pub snoozes_in_row: u32,
    /// When each tracked event was last seen (ms), for quiet periods.
    pub last_seen_ms: Vec<(String, f64)>,
    /// When the user chose "Don't ask me again" (ms): no prompt ever
    /// again, `show()` included.
    pub opted_out_ms: Option<f64>,
    /// A moment with `carry` whose wait for a pause the page was hidden or
    /// left during: it waits again on the next page view of the same day.
    pub carried: Option<String>,
    /// The visitor's day then
    /// ([`local_day`](crate::rules::pause::local_day)).
    pub carried_day: f64,
}

/// The value under `key` in a short association list, created if absent.
pub(super) fn slot<'a, T: Default>(list: &'a mut Vec<(String, T)>, key: &str) -> &'a mut T {
    let i = match list.iter().position(|(k, _)| k == key) {
        Some(i) => i,
        None => {
            list.push((key.to_owned(), T::default()));
            list.len() - 1
        }
    };
    &mut list[i].1
}

/// The value under `key` in a short association list.
pub(crate) fn lookup<'a, T>(list: &'a [(String, T)], key: &str) -> Option<&'a T> {
    list.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

impl History {
    /// `track(event)` at `now_ms`: one more occurrence. Call it before
    /// deciding, so `min_count` counts the current occurrence. The latest
    /// time seen is kept: an occurrence the server reports (a pending
    /// moment) may be older than one this browser saw.
    pub fn record_occurrence(&mut self, event: &str, now_ms: f64) {
        let m = slot(&mut self.moments, event);
        m.count = m.count.saturating_add(1);
        let seen = slot(&mut self.last_seen_ms, event);
        *seen = seen.max(now_ms);
    }

    /// A prompt (of `moment`, or `None` for `show()`) appeared at `now_ms`.
    pub fn record_shown(&mut self, moment: Option<&str>, now_ms: f64) {
        self.last_shown_ms = Some(now_ms);
        self.last_outcome = Some(Outcome::Ignored);
        if let Some(event) = moment {
            let m = slot(&mut self.moments, event);
            m.last_shown_ms = Some(now_ms);
            m.last_outcome = Some(Outcome::Ignored);
        }
    }

    /// How the prompt shown last (of `moment`) ended.
    pub fn record_outcome(&mut self, moment: Option<&str>, outcome: Outcome) {
        self.last_outcome = Some(outcome);
        self.snoozes_in_row = match outcome {
            Outcome::Snoozed => self.snoozes_in_row.saturating_add(1),
            _ => 0,
        };
        if let Some(event) = moment {
            slot(&mut self.moments, event).last_outcome = Some(outcome);
        }
    }

    /// "Don't ask me again" at `now_ms`: nothing prompts any more. The
    /// first opt-out's time is kept. (How the prompt itself ended is
    /// recorded as usual: a decline, or the answer if a score was sent.)
    pub fn opt_out(&mut self, now_ms: f64) {
        self.opted_out_ms.get_or_insert(now_ms);
    }
}
