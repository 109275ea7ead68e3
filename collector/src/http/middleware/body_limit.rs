//! The body limit: no request body over [`MAX_BODY_BYTES`], refused from
//! its announced `Content-Length` before a byte of it is read.

use axum::http::header;

use crate::http::error::{Error, Result};

/// Largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

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
    if announced.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(Error::PayloadTooLarge(MAX_BODY_BYTES));
    }
    Ok(next.run(request).await)
}
