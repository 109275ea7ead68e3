//! `GET /metrics` (admin token): Prometheus text format, as the recorder
//! of `middleware::metrics` holds it.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::http::middleware::extract::Admin;
use crate::http::middleware::metrics::prometheus;
use crate::http::state::AppState;

/// The metrics route.
pub(in crate::http) fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(render))
}

async fn render(_: Admin) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        prometheus().render(),
    )
        .into_response()
}
