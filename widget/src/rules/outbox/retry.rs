//! When to try a failed write again, and when to give up on it.

/// The first retry waits up to this long (ms).
pub const BASE_MS: f64 = 1_000.0;
/// No retry waits longer than this (ms), `Retry-After` aside.
pub const MAX_BACKOFF_MS: f64 = 300_000.0;
/// A `Retry-After` beyond this (ms) is clamped to it.
pub const MAX_RETRY_AFTER_MS: f64 = 3_600_000.0;

/// What the collector's answer means for an entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// 2xx: stored (or already stored).
    Stored,
    /// A 4xx other than 408/429: refused for good.
    Refused,
    /// Network error, 5xx, 408 or 429: try again, not before `retry_after`
    /// ms if the server said so.
    Retry {
        /// The server's `Retry-After`, in ms.
        retry_after: Option<f64>,
    },
}

impl Outcome {
    /// Classifies an HTTP status; `None` is a network error (no answer).
    pub fn of(status: Option<u16>, retry_after: Option<f64>) -> Self {
        match status {
            Some(200..=299) => Self::Stored,
            Some(408 | 429) | None => Self::Retry { retry_after },
            Some(400..=499) => Self::Refused,
            // 5xx, and anything odd (1xx, 3xx after redirects): transient.
            Some(_) => Self::Retry { retry_after },
        }
    }
}

/// The delay before retry number `attempts` (1 for the first retry), given a
/// uniform random number in `[0, 1)`.
pub fn backoff(attempts: u32, random: f64) -> f64 {
    let exp = attempts.saturating_sub(1).min(30);
    let ceiling = (BASE_MS * f64::from(1u32 << exp)).min(MAX_BACKOFF_MS);
    ceiling * random.clamp(0.0, 1.0)
}
