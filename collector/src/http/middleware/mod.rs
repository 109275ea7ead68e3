//! What every request goes through, around the routes: request limits
//! (body size, deadlines, rate), CORS, security headers, caching headers,
//! metrics, and the extractors that read bodies, query strings and the
//! signed-in principal, failing with the API's own problems.

pub(super) mod body_limit;
pub(super) mod caching;
pub(super) mod cors;
pub(super) mod deadlines;
pub(super) mod extract;
pub(super) mod metrics;
pub(super) mod rate_limit;
pub(super) mod security_headers;
mod strict_json;
