//! `GET /healthz`: liveness for load balancers and orchestrators.

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::AppState;

/// The health route.
pub(super) fn router() -> Router<AppState> {
    Router::new().route(
        "/healthz",
        get(|| async { Json::<Value>(json!({"status": "ok"})) }),
    )
}
