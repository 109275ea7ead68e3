//! "Ask when the user pauses": once a moment wants a prompt, wait until
//! the user has sent no key, pointer, wheel, scroll or touch input for
//! `idle_ms`, if that happens within `max_wait_ms` of the moment.
//!
//! The quiet time counts from the later of the moment and the last input,
//! so the prompt never opens sooner than `idle_ms` after the moment, and a
//! pause that began before the deadline but ends after it does not count.

use nps_protocol::Idle;

/// What to do about a prompt waiting for a pause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// The user paused: prompt.
    Now,
    /// Look again in this many ms.
    Wait(u32),
    /// No pause can come before the deadline: give up.
    Never,
}

/// Where a wait for a pause that started at `since_ms` stands at `now_ms`,
/// the last input having come at `last_input_ms` (if any since the page
/// loaded).
pub fn pause(idle: Idle, since_ms: f64, last_input_ms: Option<f64>, now_ms: f64) -> Pause {
    let quiet_from = last_input_ms.map_or(since_ms, |at| at.max(since_ms));
    let paused_at = quiet_from + f64::from(idle.idle_ms);
    let deadline = since_ms + f64::from(idle.max_wait_ms);
    if paused_at > deadline {
        Pause::Never
    } else if now_ms >= paused_at {
        Pause::Now
    } else {
        // At least 1 ms, so that a timer is armed.
        Pause::Wait(((paused_at - now_ms).ceil() as u32).max(1))
    }
}

/// The visitor's calendar day at `now_ms` (days since 1970-01-01 in her
/// time zone), `tz_offset_min` being `Date.getTimezoneOffset()`: a carried
/// prompt keeps only until the day ends where she is.
pub fn local_day(now_ms: f64, tz_offset_min: f64) -> f64 {
    ((now_ms - tz_offset_min * 60_000.0) / 86_400_000.0).floor()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
