//! Experiments as the widget applies them: which variant of a moment a
//! person sees, and what that variant changes in when the prompt opens
//! (its delay, waiting for a pause). Its texts and position are read by
//! the lazily loaded module when the prompt opens.
//!
//! Assignment is sticky without storing anything: the person's id (the
//! user id, else this browser's anonymous id) hashed with the experiment's
//! id picks a point on the variants' weights, so she sees the same variant
//! on every page and, identified, on every device; a new experiment id
//! reshuffles everyone.

use nps_protocol::{Idle, Moment};

use super::timing::fnv1a;

/// How finely the weights are cut: a point is one of this many.
const POINTS: u32 = 10_000;

/// The index of the variant of `moment` that `person` sees; `None` if the
/// moment has no variants.
pub fn assign(moment: &Moment, person: &str) -> Option<usize> {
    let last = moment.variants.len().checked_sub(1)?;
    let experiment = moment.experiment.as_ref().map_or("", |e| e.id.as_str());
    let total: f64 = moment.variants.iter().map(|v| v.weight.max(0.0)).sum();
    let point = f64::from(fnv1a(&[experiment, person]) % POINTS) / f64::from(POINTS) * total;
    let mut below = 0.0;
    for (i, v) in moment.variants.iter().enumerate() {
        below += v.weight.max(0.0);
        if point < below {
            return Some(i);
        }
    }
    Some(last)
}

/// What a prompt for `moment` waits for, with `variant`'s settings over
/// the moment's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wait {
    /// Before the prompt (or before the pause starts to count), in ms.
    pub delay_ms: u32,
    /// Wait for the user to pause.
    pub idle: Option<Idle>,
}

impl Wait {
    /// The wait of `moment` as `variant` (an index from [`assign`]) sets it.
    pub fn of(moment: &Moment, variant: Option<usize>) -> Self {
        let v = variant.and_then(|i| moment.variants.get(i));
        Self {
            delay_ms: v
                .and_then(|v| v.delay_ms)
                .unwrap_or(moment.delay_seconds.unwrap_or(0).saturating_mul(1_000)),
            idle: v.and_then(|v| v.idle).or(moment.idle),
        }
    }

    /// Whether the prompt does not open at once.
    pub fn waits(self) -> bool {
        self.delay_ms > 0 || self.idle.is_some()
    }
}

/// The variant's id to record with the prompt's events and answer: only
/// while its experiment runs (a served config whose experiment ended
/// carries the winner alone, and no experiment).
pub fn recorded(moment: &Moment, variant: Option<usize>) -> Option<String> {
    moment.experiment.as_ref()?;
    Some(moment.variants.get(variant?)?.id.clone())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
