//! A prompt carried to the next page view (a pause's `carry`): a moment
//! waiting for the user to pause when the page is hidden or left is
//! stored with the visitor's day (`rules::pause::local_day`); the next
//! page view of that day decides it again once the config is read, like a
//! `track` but without counting it, if the config still has the moment,
//! and waits as the moment says, from this page view. It is forgotten once
//! decided, so that it is carried to one page view.

use super::{Step, Waiting};
use crate::rules::pause::local_day;

impl Step<'_> {
    /// The page is hidden or left: a prompt waiting for a pause of a moment
    /// with `carry` is kept for the next page view; any delayed prompt is
    /// cancelled.
    pub(super) fn leave(&mut self) {
        let carry = self
            .state
            .delayed
            .as_ref()
            .filter(|d| d.idle.is_some_and(|i| i.carry == Some(true)));
        if let Some(d) = carry {
            self.history.carried = Some(d.moment.clone());
            self.history.carried_day = self.today();
            self.save_history();
        }
        self.cancel_delayed();
    }

    /// The config is read: a carried moment queues after what waited, so
    /// that privacy and the user's history hold it as they hold a `track`.
    pub(super) fn queue_carried(&mut self) {
        if let Some(moment) = &self.history.carried {
            self.state.waiting.push(Waiting::Carried(moment.clone()));
        }
    }

    /// Forgets the carried moment, and says whether it still stands:
    /// carried today, and not taken by another tab since. (One gone from
    /// the config is then skipped as any unknown moment.)
    pub(super) fn take_carried(&mut self) -> bool {
        let stands =
            self.history.carried.take().is_some() && self.history.carried_day == self.today();
        self.save_history();
        if !stands {
            self.explain("not prompting: carried from another day".into());
        }
        stands
    }

    /// The visitor's day now.
    fn today(&self) -> f64 {
        local_day(self.now, self.world.tz_offset)
    }
}
