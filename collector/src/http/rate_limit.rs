//! Per-IP and per-key rate limits on the API, answered with 429 and
//! `Retry-After`. The widget's endpoints are public (the key is in every
//! page), so a bot must not be able to flood them or the database.
//!
//! GCRA limiters from `governor`, keyed by client IP (the socket's peer
//! address) and by project key; a limit of 0 turns it off (benchmarks).

use std::hash::Hash;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::error::Error;
use super::AppState;
use crate::domain::ProjectKey;

/// The two limiters; `None` where a limit is off.
#[derive(Debug, Default)]
pub struct RateLimits {
    per_ip: Option<DefaultKeyedRateLimiter<IpAddr>>,
    per_key: Option<DefaultKeyedRateLimiter<String>>,
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
    /// Limits in requests per second; 0 turns one off. With
    /// `trust_forwarded_for`, the client IP is the last `X-Forwarded-For`
    /// address (set by the operator's proxy).
    pub fn new(per_ip: u32, per_key: u32, trust_forwarded_for: bool) -> Arc<Self> {
        let limits = Arc::new(Self {
            per_ip: limiter(per_ip),
            per_key: limiter(per_key),
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
                if let Some(l) = &limits.per_key {
                    l.retain_recent();
                }
            }
        });
        limits
    }

    /// Counts one request for a project key.
    pub(crate) fn check_key(&self, key: &ProjectKey) -> Result<(), Error> {
        check(self.per_key.as_ref(), &key.as_str().to_owned())
    }
}

/// Middleware: counts the request against its client IP.
pub(super) async fn per_ip(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, Error> {
    if let Some(ip) = client_ip(&request, state.limits.trust_forwarded_for) {
        check(state.limits.per_ip.as_ref(), &ip)?;
    }
    Ok(next.run(request).await)
}

/// The client's address: the socket peer, or the last `X-Forwarded-For`
/// hop when the operator's proxy is trusted. `None` without ConnectInfo
/// (tests driving the router directly): nothing to count.
fn client_ip(request: &Request, trust_forwarded_for: bool) -> Option<IpAddr> {
    let forwarded = trust_forwarded_for
        .then(|| {
            request
                .headers()
                .get("x-forwarded-for")?
                .to_str()
                .ok()?
                .rsplit(',')
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .flatten();
    forwarded.or_else(|| {
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| peer.ip())
    })
}
