//! The body limit: no request body over [`MAX_BODY_BYTES`], refused from
//! its announced `Content-Length` before a byte of it is read.

use axum::http::header;

use crate::http::error::{Error, Result};

/// Largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Largest file `POST /api/v1/projects/{key}/import` takes, in bytes: its
/// body is streamed to disk, never held in memory (bigger files: the
/// command line's `nps-collector import`, which has no limit).
pub(crate) const MAX_IMPORT_BYTES: u64 = 1 << 30;

/// Whether `path` is an import's, whose body may be a whole file.
pub(in crate::http) fn is_import(path: &str) -> bool {
    path.strip_prefix("/api/v1/projects/")
        .and_then(|rest| rest.strip_suffix("/import"))
        .is_some_and(|key| !key.is_empty() && !key.contains('/'))
}

/// A `Content-Length` over the limit is refused before a byte of the body
/// is read: a client announcing 10¹² bytes gets its 413 at once.
pub(in crate::http) async fn refuse_oversized_bodies(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Result<axum::response::Response> {
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let limit = if is_import(request.uri().path()) {
        MAX_IMPORT_BYTES
    } else {
        MAX_BODY_BYTES as u64
    };
    if announced.is_some_and(|n| n > limit) {
        return Err(Error::PayloadTooLarge(limit as usize));
    }
    Ok(next.run(request).await)
}
