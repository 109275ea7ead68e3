//! Middleware: every API request counted against its client's address
//! (the limits themselves are `state::rate_limits`'), and how that address
//! is read.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::http::error::Error;
use crate::http::state::rate_limits::RateLimits;

/// Middleware: counts the request against its client IP.
pub(in crate::http) async fn per_ip(
    State(limits): State<Arc<RateLimits>>,
    request: Request,
    next: Next,
) -> Result<Response, Error> {
    if let Some(ip) = client_ip(&request, limits.trusts_forwarded_for()) {
        limits.check_ip(ip)?;
    }
    Ok(next.run(request).await)
}

/// The client's address: the socket peer, or the last `X-Forwarded-For`
/// hop when the operator's proxy is trusted. `None` without ConnectInfo
/// (tests driving the router directly): nothing to count.
pub(in crate::http) fn client_ip(request: &Request, trust_forwarded_for: bool) -> Option<IpAddr> {
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
