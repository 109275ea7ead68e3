//! The export streams in constant memory: 1,000,000 answers leave as CSV
//! (well over 100 MB) and as JSON lines while the process's resident memory
//! grows by a few megabytes at most. A binary of its own, so the memory
//! measured is this test's alone; driven with `oneshot`, no socket.
//!
//! Linux only (it reads `/proc/self/status`). `NPS_EXPORT_ROWS` changes the
//! number of rows (e.g. 100000 for a quick run).

use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use nps_collector::http::RateLimits;
use nps_collector::{app, AppState};
use rusqlite::{params, Connection};
use secrecy::SecretString;
use tower::ServiceExt;

const TOKEN: &str = "export-scale-token";

/// A CSV row is ~150 bytes, so the export is 150 MB: buffered, it could
/// not fit under this bound.
const MAX_GROWTH_KB: u64 = 64 * 1024;

#[tokio::test]
async fn a_million_answers_export_in_constant_memory() {
    let rows: u64 = std::env::var("NPS_EXPORT_ROWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scale.db");
    let store = nps_collector::store::open(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let started = Instant::now();
    seed(&path, rows);
    eprintln!(
        "seeded {rows} rows in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let state = AppState::new(
        store,
        SecretString::from(TOKEN),
        false,
        RateLimits::new(0, 0, false),
    );

    for (format, header_lines) in [("csv", 1), ("jsonl", 0)] {
        let started = Instant::now();
        let baseline = reset_peak_kb();
        let (lines, bytes) = stream(&state, format).await;
        let growth = peak_kb().saturating_sub(baseline);
        eprintln!(
            "{format}: {lines} lines, {} MB in {:.1} s, peak RSS growth {} MB",
            bytes >> 20,
            started.elapsed().as_secs_f64(),
            growth >> 10
        );

        assert_eq!(lines, rows + header_lines, "{format}: every row once");
        assert!(
            growth < MAX_GROWTH_KB,
            "{format}: resident memory grew by {growth} kB exporting {bytes} bytes"
        );
    }
}

/// Streams the export frame by frame; counts lines and bytes.
async fn stream(state: &AppState, format: &str) -> (u64, u64) {
    let request = Request::get(format!(
        "/api/v1/responses/export?project=scale&format={format}"
    ))
    .header("authorization", format!("Bearer {TOKEN}"))
    .body(Body::empty())
    .unwrap();
    let response = app(state.clone()).oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200, "{format}");
    let mut body = response.into_body();
    let (mut lines, mut bytes) = (0, 0);
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame.unwrap().into_data() {
            bytes += data.len() as u64;
            lines += data.iter().filter(|b| **b == b'\n').count() as u64;
        }
    }
    (lines, bytes)
}

/// Inserts `n` answers in one statement, straight into the file: the HTTP
/// path would take minutes, and a loop in this (unoptimised) test binary
/// half a minute. The export reads rows, not roll-ups. Every tenth answer
/// has a comment that needs quoting and neutralising in CSV.
fn seed(path: &std::path::Path, n: u64) {
    let db = Connection::open(path).unwrap();
    db.pragma_update(None, "synchronous", "OFF").unwrap();
    db.pragma_update(None, "cache_size", -256_000).unwrap();
    db.execute(
        "INSERT INTO projects (key, name, settings, created_at) VALUES ('scale', 'Scale', '{}', 0)",
        [],
    )
    .unwrap();
    db.execute(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1)
         INSERT INTO responses (id, project_key, score, comment, user_id, moment, traits,
           locale, created_at, updated_at, identity_unverified)
         SELECT printf('00000000-0000-4000-8000-%012x', i), 'scale', i % 11,
                CASE WHEN i % 10 = 0 THEN printf('=Too \"slow\", answer %d', i) END,
                'user-' || (i % 50000), 'feature_used', '{\"plan\":\"pro\"}', 'en',
                1700000000000 + i * 1000, 1700000000000 + i * 1000, 0
         FROM n",
        params![n as i64],
    )
    .unwrap();
    // Leave no WAL behind to be mapped during the export.
    db.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
}

/// A field of `/proc/self/status`, in kB.
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{field} in /proc/self/status"))
}

/// Resets the peak (`VmHWM`) to the current resident size, which it
/// returns; if the kernel refuses, the peak so far serves as the baseline.
fn reset_peak_kb() -> u64 {
    if std::fs::write("/proc/self/clear_refs", "5").is_ok() {
        status_kb("VmRSS:")
    } else {
        status_kb("VmHWM:")
    }
}

/// The peak resident size since the last reset.
fn peak_kb() -> u64 {
    status_kb("VmHWM:")
}
