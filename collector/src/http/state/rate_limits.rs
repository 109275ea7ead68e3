//! Per-client and per-key rate limits on the API, answered with 429 and
//! `Retry-After` (the per-client one counted by `middleware::rate_limit`,
//! a key's by the public routes as they look their project up). The widget's endpoints are public (the key is in every
//! page), so a bot must not be able to flood them or the database.
//!
//! GCRA limiters from `governor`; a limit of 0 turns it off (benchmarks).
//! - **Per client**: every API request, keyed by address (IPv6 by /64,
//!   the block one subscriber gets, so rotating addresses inside it gains
//!   nothing).
//! - **Per key, two budgets**: writes (responses, comments, events) and
//!   reads (config, eligibility) are counted apart, so a crowd hammering
//!   the cacheable config cannot use up the budget the answers need. The
//!   admin API is never charged to a key: a dashboard refreshing cannot
//!   block a customer's widget, nor the reverse.
//! - A key's budget is shared by its whole audience, so a crowd of many
//!   addresses can still exhaust it; the widget then keeps the answer in
//!   its outbox and retries after `Retry-After`, so nothing is lost, only
//!   delayed.

use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::domain::ProjectKey;
use crate::http::error::Error;
use crate::transport::client_prefix;

/// Which of a key's two budgets a public request draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Budget {
    /// Responses, comments and events.
    Writes,
    /// Config and eligibility.
    Reads,
}

/// The limiters; `None` where a limit is off.
#[derive(Debug, Default)]
pub struct RateLimits {
    per_ip: Option<DefaultKeyedRateLimiter<IpAddr>>,
    key_writes: Option<DefaultKeyedRateLimiter<String>>,
    key_reads: Option<DefaultKeyedRateLimiter<String>>,
    trust_forwarded_for: bool,
}

fn limiter<K: Hash + Eq + Clone>(per_second: u32) -> Option<DefaultKeyedRateLimiter<K>> {
    let rate = NonZeroU32::new(per_second)?;
    // A burst of twice the rate absorbs a page's few calls at once (config,
    // score, comment) without letting a sustained flood through.
    let burst = rate.saturating_mul(NonZeroU32::new(2).expect("2 is not zero"));
    Some(RateLimiter::keyed(
        Quota::per_second(rate).allow_burst(burst),
    ))
}

fn check<K: Hash + Eq + Clone>(
    limiter: Option<&DefaultKeyedRateLimiter<K>>,
    key: &K,
) -> Result<(), Error> {
    let Some(limiter) = limiter else {
        return Ok(());
    };
    limiter.check_key(key).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        Error::RateLimited(wait.as_secs() + 1)
    })
}

impl RateLimits {
    /// Limits in requests per second; 0 turns one off. A key's read
    /// budget is a multiple of its write budget ([`READS_PER_WRITE`]).
    /// With `trust_forwarded_for`, the client IP is the last
    /// `X-Forwarded-For` address (set by the operator's proxy).
    pub fn new(per_ip: u32, per_key: u32, trust_forwarded_for: bool) -> Arc<Self> {
        let limits = Arc::new(Self {
            per_ip: limiter(per_ip),
            key_writes: limiter(per_key),
            key_reads: limiter(per_key.saturating_mul(READS_PER_WRITE)),
            trust_forwarded_for,
        });
        // Forget idle clients now and then so memory stays bounded.
        let weak = Arc::downgrade(&limits);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                let Some(limits) = weak.upgrade() else { break };
                if let Some(l) = &limits.per_ip {
                    l.retain_recent();
                }
                for l in [&limits.key_writes, &limits.key_reads]
                    .into_iter()
                    .flatten()
                {
                    l.retain_recent();
                }
            }
        });
        limits
    }

    /// Whether the client address is read from `X-Forwarded-For`.
    pub(crate) fn trusts_forwarded_for(&self) -> bool {
        self.trust_forwarded_for
    }

    /// Counts one API request against its client's address (IPv6: its
    /// /64).
    pub(crate) fn check_ip(&self, ip: IpAddr) -> Result<(), Error> {
        check(self.per_ip.as_ref(), &client_prefix(ip))
    }

    /// Counts one public request against a project key's budget.
    pub(crate) fn check_key(&self, key: &ProjectKey, budget: Budget) -> Result<(), Error> {
        let limiter = match budget {
            Budget::Writes => self.key_writes.as_ref(),
            Budget::Reads => self.key_reads.as_ref(),
        };
        check(limiter, &key.as_str().to_owned())
    }
}

/// A key's read budget, as a multiple of its write budget: a page view
/// reads the config once and writes a few times a month at most.
pub(crate) const READS_PER_WRITE: u32 = 4;
