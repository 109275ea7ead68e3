//! HTTP caching shared by the config endpoint and the static files: an ETag
//! from a content digest, `Cache-Control`, and 304 when the client already
//! holds that version; and `no-store` for answers that must not be kept.

use axum::body::Body;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// For answers that carry personal data or a session's secrets: no cache,
/// the browser's or a proxy's, keeps a copy (a shared computer's back
/// button, a disk cache read later).
pub(in crate::http) const NO_STORE: [(header::HeaderName, &str); 1] =
    [(header::CACHE_CONTROL, "no-store")];

/// Answers `body` (of `content_type`) with an ETag made from `digest` and
/// the given `Cache-Control`, or a bodiless 304 when `If-None-Match`
/// already names that ETag.
pub(in crate::http) fn cached(
    headers: &HeaderMap,
    digest: &[u8],
    cache_control: &'static str,
    content_type: &str,
    body: impl Into<Body>,
) -> Response {
    let etag = format!("\"{}\"", hex::encode(&digest[..digest.len().min(8)]));
    let common = [
        (header::ETAG, etag.clone()),
        (header::CACHE_CONTROL, cache_control.to_owned()),
    ];
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    (
        common,
        [(header::CONTENT_TYPE, content_type.to_owned())],
        body.into(),
    )
        .into_response()
}
