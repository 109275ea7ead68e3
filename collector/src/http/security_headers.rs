//! Security headers on every response: no sniffing, no framing, no
//! referrer, and a Content-Security-Policy for the pages.
//!
//! The dashboard runs only its own scripts (and wasm, hence
//! `'wasm-unsafe-eval'`); styles may be inline because the widget and the
//! live preview put a `<style>` in their shadow root. The demo page stands
//! for a customer's host page, whose snippet is an inline script, so only
//! it allows inline scripts. Customers' own pages keep their own CSP: the
//! widget needs `script-src` and `connect-src` for the collector's origin.

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

const PAGES: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

const DEMO: &str = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; \
style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/// Middleware: adds the headers unless a handler set its own.
pub(super) async fn add(request: Request, next: Next) -> Response {
    let demo = request.uri().path().starts_with("/demo/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let csp = if demo { DEMO } else { PAGES };
    let pairs: [(HeaderName, &'static str); 4] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CONTENT_SECURITY_POLICY, csp),
    ];
    for (name, value) in pairs {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}
