//! When a `track` or `show` call may open the prompt: the project's timing
//! rules, as one pure function.
//!
//! Asking too often is the fastest way to ruin an NPS programme, so a
//! prompt shows only if every applicable rule allows it, and every clock
//! starts when a prompt was *shown*. [`decide`] takes the config, this
//! browser's [`History`], the [`User`], the trigger and the time, and
//! returns a [`Decision`] whose [`Reason`] says why in a sentence (logged
//! in debug mode). `show()` is the host app's explicit override and skips
//! every timing rule, but not the user's "Don't ask me again".

mod checks;
mod dates;
mod history;
mod reason;
mod remote;
mod sampling;
mod soon;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use nps_protocol::{Traits, WidgetConfig};

use self::checks::{global_rules, moment_rules};

pub use dates::trait_ms;
pub use history::{History, MomentHistory, Outcome};
pub use reason::Reason;
pub use remote::RemoteHistory;
pub(crate) use sampling::fnv1a;
pub use sampling::{bucket, sampled};
pub use soon::prompts_when_counted;

/// Milliseconds in a day; the clocks are configured in days.
pub const DAY_MS: f64 = 86_400_000.0;

/// What asked for the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger<'a> {
    /// `nps('track', moment)`: prompt only if the rules allow it.
    Track(&'a str),
    /// `nps('show')`: prompt now, whatever the timing rules say.
    Show,
}

/// Who is on the page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct User {
    /// From `identify`.
    pub id: Option<String>,
    /// This browser's anonymous id, used for sampling when `id` is unset.
    pub anon_id: Option<String>,
    /// From `identify`.
    pub traits: Traits,
}

/// This page view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Page {
    /// Whether a prompt already appeared during this page view.
    pub shown: bool,
    /// Whether a prompt is on screen right now, in this tab or, per the
    /// cross-tab lock (`rules::stored_lock`), in another.
    pub open: bool,
}

/// The outcome of [`decide`].
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Open the prompt.
    Prompt {
        /// The winning moment's event; `None` for `show()`.
        moment: Option<String>,
        /// Its index in `config.moments` (for its texts); `None` for
        /// `show()`.
        index: Option<usize>,
        /// Why it may show (e.g. a due snooze re-ask).
        reason: Reason,
    },
    /// Stay quiet, and why.
    Skip(Reason),
}

/// Decides whether `trigger` opens the prompt at `now_ms`. For `track`,
/// `history` must already include this occurrence
/// ([`History::record_occurrence`]).
pub fn decide(
    config: &WidgetConfig,
    history: &History,
    user: &User,
    page: Page,
    trigger: Trigger<'_>,
    now_ms: f64,
) -> Decision {
    if page.open {
        return Decision::Skip(Reason::AlreadyOpen);
    }
    // The user's own wish outranks the host's `show()`.
    if history.opted_out_ms.is_some() {
        return Decision::Skip(Reason::OptedOut);
    }
    let event = match trigger {
        Trigger::Show => {
            return Decision::Prompt {
                moment: None,
                index: None,
                reason: Reason::Show,
            }
        }
        Trigger::Track(event) => event,
    };
    if !config.moments.iter().any(|m| m.event == event) {
        return Decision::Skip(Reason::UnknownMoment(event.to_owned()));
    }
    if page.shown {
        return Decision::Skip(Reason::AlreadyShownThisPage);
    }
    let global = match global_rules(config, history, user, now_ms) {
        Ok(reason) => reason,
        Err(reason) => return Decision::Skip(reason),
    };
    // The highest priority wins; on a tie, the first in the config. (A
    // scan, not a sort: the sort's code would weigh kilobytes in the wasm.)
    let mut best: Option<(usize, i32)> = None;
    let mut refusal: Option<(Reason, i32)> = None;
    for (i, m) in config.moments.iter().enumerate() {
        if m.event != event {
            continue;
        }
        let priority = m.priority.unwrap_or(0);
        match moment_rules(config, m, history, user, now_ms) {
            Ok(()) if best.is_none_or(|(_, p)| priority > p) => best = Some((i, priority)),
            Ok(()) => {}
            Err(r) if refusal.as_ref().is_none_or(|(_, p)| priority > *p) => {
                refusal = Some((r, priority));
            }
            Err(_) => {}
        }
    }
    match (best, refusal) {
        (Some((i, _)), _) => Decision::Prompt {
            moment: Some(event.to_owned()),
            index: Some(i),
            reason: global,
        },
        (None, Some((r, _))) => Decision::Skip(r),
        (None, None) => Decision::Skip(Reason::UnknownMoment(event.to_owned())),
    }
}
