//! When a failed delivery is tried again: an exponential schedule spanning
//! about a day, with jitter, stretched by the receiver's `Retry-After`;
//! what each answer means (2xx delivered, 410 the endpoint is gone, the
//! rest retried until the schedule runs out).

/// Delays after each failed attempt, in seconds (about 24 h in all).
pub const DELAYS: [u64; 9] = [5, 30, 120, 600, 1_800, 3_600, 7_200, 21_600, 50_400];

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// The receiver has it.
    Delivered,
    /// Try again in that many seconds.
    RetryIn(u64),
    /// Give up on this delivery (the schedule ran out).
    GiveUp,
    /// 410 Gone: the receiver wants no more; disable the endpoint.
    Disable,
}

/// The decision after attempt number `attempts` (1 for the first) got
/// `status` (`None`: no answer at all), with the receiver's `Retry-After`
/// in seconds if any. `jitter` in [0, 1) spreads retries of many
/// deliveries so they don't arrive in a burst.
pub fn next(attempts: u32, status: Option<u16>, retry_after: Option<u64>, jitter: f64) -> Next {
    match status {
        Some(200..=299) => return Next::Delivered,
        Some(410) => return Next::Disable,
        _ => {}
    }
    let Some(base) = DELAYS.get(attempts.saturating_sub(1) as usize) else {
        return Next::GiveUp;
    };
    let jittered = base + (*base as f64 * 0.2 * jitter.clamp(0.0, 1.0)) as u64;
    // A receiver asking for more time gets it, within a day.
    let wanted = retry_after.unwrap_or(0).min(86_400);
    Next::RetryIn(jittered.max(wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_gone_and_failures_are_told_apart() {
        assert_eq!(next(1, Some(204), None, 0.0), Next::Delivered);
        assert_eq!(next(1, Some(410), None, 0.0), Next::Disable);
        assert_eq!(next(1, Some(500), None, 0.0), Next::RetryIn(5));
        assert_eq!(next(1, None, None, 0.0), Next::RetryIn(5), "no answer");
        assert_eq!(
            next(2, Some(302), None, 0.0),
            Next::RetryIn(30),
            "redirects are failures"
        );
    }

    #[test]
    fn retry_after_stretches_the_delay_and_the_schedule_ends() {
        assert_eq!(next(1, Some(503), Some(120), 0.0), Next::RetryIn(120));
        assert_eq!(
            next(3, Some(429), Some(1), 0.0),
            Next::RetryIn(120),
            "never shorter"
        );
        assert_eq!(
            next(DELAYS.len() as u32 + 1, Some(500), None, 0.0),
            Next::GiveUp
        );
        let total: u64 = DELAYS.iter().sum();
        assert!((80_000..=100_000).contains(&total), "about a day: {total}");
    }

    #[test]
    fn jitter_adds_at_most_a_fifth() {
        assert_eq!(next(4, Some(500), None, 0.999), Next::RetryIn(719));
    }
}
