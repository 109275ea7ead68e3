//! Metrics: the process's Prometheus recorder, and the layer that counts
//! and times every API request by route and status (the store adds ingest
//! latency, batch sizes and the writer's queue depth). `GET /metrics`
//! serves them (`routes::metrics`).

use std::collections::HashMap;
use std::sync::{OnceLock, PoisonError, RwLock};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use metrics::{Counter, Histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Latency buckets in seconds: the interesting range is 0.1 ms to 100 ms.
const SECONDS_BUCKETS: &[f64] = &[
    0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0,
];
/// Batch-size buckets of the group commit.
const BATCH_BUCKETS: &[f64] = &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0];

/// The process-wide recorder, installed on first use (tests start many apps
/// in one process; a recorder can be installed only once).
pub(in crate::http) fn prometheus() -> &'static PrometheusHandle {
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
        spawn_upkeep(handle.clone());
        // Fails only if another recorder is installed, e.g. by an embedding
        // program; its metrics then go there.
        let _ = metrics::set_global_recorder(recorder);
        count_panics();
        handle
    })
}

/// Counts every panic of the process in `nps_panics_total`, wherever it
/// happens (a handler, a response body's stream, a background loop), then
/// lets the hook that was there report it as before. A panic in a body
/// stream truncates a download without any error status: only this count
/// and the log tell an operator it happened.
fn count_panics() {
    metrics::describe_counter!("nps_panics_total", "Panics anywhere in the process");
    // Shown at 0 from the start, so an alert can watch it before it moves.
    metrics::counter!("nps_panics_total").absolute(0);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        metrics::counter!("nps_panics_total").increment(1);
        previous(info);
    }));
}

/// How often histograms' samples are folded into their buckets.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// The recorder keeps every histogram sample until its upkeep folds them
/// into the buckets, and only `render` did that: a collector nobody
/// scraped grew by about 30 bytes a request (measured: +10 MB over a 10 s
/// load run of 343k answers, 1 MB a second) and its first scrape then had
/// hours of samples to sort.
/// A thread of its own, not a tokio task: [`prometheus`] may run before or
/// outside a runtime (tests build apps on many).
fn spawn_upkeep(handle: PrometheusHandle) {
    let spawned = std::thread::Builder::new()
        .name("nps-metrics".into())
        .spawn(move || loop {
            std::thread::sleep(UPKEEP_EVERY);
            handle.run_upkeep();
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "metrics upkeep thread not started: histograms grow until scraped");
    }
}

/// Middleware: counts and times each request by route pattern and status.
pub(in crate::http) async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().cloned();
    let response = next.run(request).await;
    let route = route.as_ref().map_or("unmatched", MatchedPath::as_str);
    record(&method, route, response.status(), started);
    response
}

/// A request's counter and latency histogram.
type Handles = (Counter, Histogram);

/// [`Handles`] by route pattern, then method and status.
type HandlesByRoute = RwLock<HashMap<String, HashMap<(Method, u16), Handles>>>;

/// Handles by route pattern (`/api/v1/responses/{id}`, never the raw path,
/// so ids don't explode the label set), then method and status. Looking a
/// labelled metric up in the recorder builds its key (three label strings
/// and a vector, hashed) on every request; the handles of the few dozen
/// combinations in use are kept here instead, read under a shared lock.
fn handles() -> &'static HandlesByRoute {
    static HANDLES: OnceLock<HandlesByRoute> = OnceLock::new();
    HANDLES.get_or_init(RwLock::default)
}

fn record(method: &Method, route: &str, status: StatusCode, started: Instant) {
    let key = (method.clone(), status.as_u16());
    let seconds = started.elapsed().as_secs_f64();
    let count = |(counter, histogram): &Handles| {
        counter.increment(1);
        histogram.record(seconds);
    };
    let cached = handles().read().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = cached.get(route).and_then(|by| by.get(&key)) {
        return count(found);
    }
    drop(cached);
    let labels = [
        ("method", method.to_string()),
        ("route", route.to_owned()),
        ("status", status.as_str().to_owned()),
    ];
    let new = (
        metrics::counter!("nps_http_requests_total", &labels),
        metrics::histogram!("nps_http_request_duration_seconds", &labels),
    );
    count(&new);
    handles()
        .write()
        .unwrap_or_else(PoisonError::into_inner)
        .entry(route.to_owned())
        .or_default()
        .insert(key, new);
}
