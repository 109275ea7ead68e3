//! A moment's `delay_seconds`: the prompt waits, and is cancelled if the
//! user moves on first. Single-page apps navigate without unloading, so
//! the page's address is compared when the timer fires (which catches
//! `history.pushState`, `replaceState` and `popstate` without wrapping the
//! host's `history`); `reset()` and the page being hidden cancel it too.
//! When it fires, the decision is made again, without counting the event
//! twice.

use super::{Controller, Later, Waiting};
use crate::browser::{self, log};

impl Controller {
    /// Prompts for `moment` in `seconds`, if the page is still the same.
    pub(super) fn delay(&self, moment: String, seconds: u32) {
        let job = Later::Delayed(moment, browser::page_url());
        let timer = self.later(seconds.saturating_mul(1_000), job);
        // Dropping an earlier delayed prompt cancels it.
        self.state.borrow_mut().delayed = Some(timer);
    }

    /// The delay is over: prompt if the page is still `href` and visible.
    pub(super) fn delay_over(&self, moment: String, href: &Option<String>) {
        if browser::page_url() != *href || browser::page_hidden() {
            return log::debug("delayed prompt cancelled: the page changed");
        }
        self.trigger(Waiting::Due(moment));
    }

    /// Cancels a delayed prompt (`reset()`, the page hidden).
    pub(super) fn cancel_delayed(&self) {
        let timer = self.state.borrow_mut().delayed.take();
        drop(timer);
    }
}
