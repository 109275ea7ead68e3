//! Cross-origin rules. The widget runs on the customers' origins, so any
//! origin may call the API. The admin API is safe under the same rule: the
//! answers allow no credentials (no `Access-Control-Allow-Credentials`), so
//! a foreign page's script cannot read an answer made with the dashboard's
//! session cookie, and that cookie is `SameSite=Strict`, so a browser does
//! not send it with another site's requests at all. The bearer token is
//! never in a browser's keeping, and every write made with the session
//! cookie must echo its CSRF token (`middleware::extract`).

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::cors::{Any, CorsLayer};

/// The layer answering preflights and marking every response shareable.
/// (A layer on the public routes alone would not see preflights: axum
/// answers 405 to OPTIONS before route middleware runs.)
pub(in crate::http) fn layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([header::CONTENT_TYPE])
        // `Origin` alone: an allowed-origins project answers by it, while
        // the preflight's answer is the same whatever it asks (tower-http's
        // default also names the two request headers: 64 bytes on every
        // response).
        .vary([header::ORIGIN])
        .max_age(std::time::Duration::from_secs(86_400))
}

/// Middleware: exposes `Retry-After` to scripts on the responses that carry
/// one (429 and 503 problems), which the widget's outbox honours from any
/// origin. Only there: on every response it was 46 of the bytes each of the
/// widget's first-view requests costs.
pub(in crate::http) async fn expose_retry_after(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if response.headers().contains_key(header::RETRY_AFTER) {
        response.headers_mut().insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("retry-after"),
        );
    }
    response
}
