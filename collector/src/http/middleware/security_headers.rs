//! Security headers on every response: no sniffing, no framing, no
//! referrer, and a Content-Security-Policy for the pages.
//!
//! A page (HTML) gets the whole policy, `X-Frame-Options` and
//! `Referrer-Policy`. Everything else (the API's JSON,
//! scripts, wasm) gets the short one the OWASP REST guidance gives, which
//! keeps a response from being framed or running anything if opened as a
//! document: a page's policy, `X-Frame-Options` and `Referrer-Policy`
//! govern only the document they come with, and on the widget's three
//! first-view responses they were ~970 of its bytes on the wire (README,
//! "Measured").
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

/// The policy of anything that is not a page.
const NOT_A_PAGE: &str = "default-src 'none'; frame-ancestors 'none'";

/// Middleware: adds the headers unless a handler set its own.
pub(in crate::http) async fn add(request: Request, next: Next) -> Response {
    let demo = request.uri().path().starts_with("/demo/");
    let mut response = next.run(request).await;
    // A 304's headers replace the stored response's: it has no body type
    // to tell a page by, and the page's own policy must stay (a short one
    // here once blocked every script of a revalidated page).
    if response.status() == axum::http::StatusCode::NOT_MODIFIED {
        return response;
    }
    let headers = response.headers_mut();
    let page = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let csp = match (page, demo) {
        (false, _) => NOT_A_PAGE,
        (true, true) => DEMO,
        (true, false) => PAGES,
    };
    let mut add = |name: HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    add(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    add(header::CONTENT_SECURITY_POLICY, csp);
    if page {
        // For browsers older than `frame-ancestors`; only a document can
        // be framed, so only pages need it.
        add(header::X_FRAME_OPTIONS, "DENY");
        add(header::REFERRER_POLICY, "no-referrer");
    }
    response
}
