//! `GET /metrics` (admin token): Prometheus text format. Counts and times
//! every API request by route and status; the store adds ingest latency,
//! batch sizes and the writer's queue depth.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use super::extract::Admin;
use super::AppState;

/// Latency buckets in seconds: the interesting range is 0.1 ms to 100 ms.
const SECONDS_BUCKETS: &[f64] = &[
    0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0,
];
/// Batch-size buckets of the group commit.
const BATCH_BUCKETS: &[f64] = &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0];

/// The process-wide recorder, installed on first use (tests start many apps
/// in one process; a recorder can be installed only once).
pub(crate) fn prometheus() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), SECONDS_BUCKETS)
            .and_then(|b| {
                b.set_buckets_for_metric(
                    Matcher::Full("nps_store_batch_size".into()),
                    BATCH_BUCKETS,
                )
            })
            .expect("bucket lists are not empty")
            .build_recorder();
        let handle = recorder.handle();
        // Fails only if another recorder is installed, e.g. by an embedding
        // program; its metrics then go there.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// The metrics route.
pub(super) fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(render))
}

async fn render(_: Admin) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        prometheus().render(),
    )
        .into_response()
}

/// Middleware: counts and times each request by route pattern and status.
pub(super) async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    // The pattern (`/api/v1/responses/{id}`), never the raw path, so ids
    // don't explode the label set.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    let labels = [
        ("method", method),
        ("route", route),
        ("status", response.status().as_u16().to_string()),
    ];
    metrics::counter!("nps_http_requests_total", &labels).increment(1);
    metrics::histogram!("nps_http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    response
}
