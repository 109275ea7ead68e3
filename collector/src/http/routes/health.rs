//! `GET /healthz`: liveness for load balancers and orchestrators.

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::http::state::AppState;

/// The health route.
pub(in crate::http) fn router() -> Router<AppState> {
    Router::new().route(
        "/healthz",
        get(|| async { Json::<Value>(json!({"status": "ok"})) }),
    )
}
