//! `cargo bench -p nps-collector --bench scale`: every statistic at scale,
//! through the HTTP API, on SQLite and (when `NPS_SCALE_PG_URL` names a
//! server) PostgreSQL, for the periods teams and API clients ask about:
//!
//! - **aligned**: the last 365 whole UTC days (midnight to midnight);
//! - **last 365 d from now**: `from = now − 365 days` to `now`, to the
//!   millisecond, what an API client naturally sends;
//! - **plain dates, Paris**: `from=YYYY-MM-DD&to=YYYY-MM-DD` in a project
//!   whose zone is `Europe/Paris` (every day and week starts at 23:00 or
//!   22:00 UTC);
//! - **rows**: the "now" period forced onto the rows (`score_min=0`, a
//!   filter that keeps every answer but no roll-up covers), the full scan
//!   the roll-ups replace.
//!
//! Median of 9 calls (3 for the scans; `NPS_SCALE_SCAN_RUNS=1` for one, 0 for none,
//! as a 10M scan takes tens of seconds). Seeds N synthetic answers (1M and
//! 10M by default; `NPS_SCALE_ROWS=1000000,10000000`) and builds the
//! roll-ups as the migrations do. `NPS_SCALE_ONLY=trend` runs only the
//! statistics whose label contains the text (`themes` runs the themes and
//! the drivers), `NPS_SCALE_BACKENDS=postgres` only that backend;
//! `NPS_SCALE_KEEP=1` keeps the
//! SQLite databases in `target/scale/` (and the PostgreSQL databases) and
//! measures them again next time
//! (10M answers take 10-18 minutes to seed).
//!
//! Synthetic data: one project, answers spread over 400 days, 4 moments,
//! 2 locales, a `plan` trait of 4 values, signups up to 2 years earlier,
//! a comment on 30% of answers, a tag on 1% of them.

use std::time::{Duration, Instant};

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

mod seed;

use seed::{postgres_database, sqlite_database};

const DAY_MS: i64 = 86_400_000;
const TOKEN: &str = "scale-benchmark-admin-token";

fn main() {
    let rows: Vec<u64> = std::env::var("NPS_SCALE_ROWS")
        .unwrap_or_else(|_| "1000000,10000000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let postgres = std::env::var("NPS_SCALE_PG_URL").ok();
    println!(
        "statistics at scale, through HTTP, {} cores; median ms",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("| backend | rows | statistic | aligned | last 365 d from now | plain dates, Paris | rows (scan) |");
    println!("|---|---:|---|---:|---:|---:|---:|");
    let backends = std::env::var("NPS_SCALE_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    for n in rows {
        let dir = tempfile::tempdir().expect("temp dir");
        if backends.contains("sqlite") {
            let url = sqlite_database(&runtime, dir.path(), n);
            runtime.block_on(measure("SQLite", &url, n));
        }
        if let Some(server) = postgres.as_ref().filter(|_| backends.contains("postgres")) {
            let url = runtime.block_on(postgres_database(server, n));
            runtime.block_on(measure("PostgreSQL", &url, n));
        }
    }
}

fn rfc(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).expect("rfc3339").replace('+', "%2B")
}

/// The statistics, each a path taking its period as `{P}`.
const STATISTICS: [(&str, &str); 10] = [
    (
        "overall (with response rates)",
        "/api/v1/stats?project=bench&{P}",
    ),
    (
        "overall, one trait value",
        "/api/v1/stats?project=bench&trait.plan=pro&{P}",
    ),
    (
        "trend by week",
        "/api/v1/stats/trend?project=bench&interval=week&{P}",
    ),
    (
        "trend by day",
        "/api/v1/stats/trend?project=bench&interval=day&{P}",
    ),
    (
        "segments by trait",
        "/api/v1/stats/segments?project=bench&by=trait.plan&{P}",
    ),
    ("tenure curve", "/api/v1/stats/tenure?project=bench&{P}"),
    ("tags", "/api/v1/stats/tags?project=bench&{P}"),
    (
        "compare two halves",
        "/api/v1/stats/compare?project=bench&{C}",
    ),
    // Themes read the period's comments (all, or a sample past 5,000) and
    // those of the period before; drivers add every segment's roll-ups.
    ("themes", "/api/v1/stats/themes?project=bench&{P}"),
    (
        "drivers (themes beside segments)",
        "/api/v1/stats/drivers?project=bench&{P}",
    ),
];

async fn measure(backend: &str, url: &str, n: u64) {
    let settings = nps_collector::Settings {
        listen: "127.0.0.1:0".parse().expect("addr"),
        database: nps_collector::settings::DatabaseSettings {
            url: url.to_owned(),
        },
        admin_token: Some(secrecy::SecretString::from(TOKEN)),
        demo: false,
        rate_limit_per_ip: 0,
        rate_limit_per_key: 0,
        trust_forwarded_for: false,
        // A scan of 10M rows can outlast the 30 s default.
        transport: nps_collector::settings::TransportSettings {
            request_timeout_secs: 3_600,
            ..Default::default()
        },
        public_url: None,
        webhook_allow_private: false,
    };
    let app = nps_collector::Application::build(settings)
        .await
        .expect("app");
    let base = format!("http://{}", app.local_addr().expect("addr"));
    let server = tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();
    let now = OffsetDateTime::now_utc();
    let today = now.date().midnight().assume_utc();
    let period = |from: OffsetDateTime, to: OffsetDateTime| (rfc(from), rfc(to));
    let aligned = period(
        today - time::Duration::days(364),
        today + time::Duration::days(1),
    );
    let rolling = period(now - time::Duration::days(365), now);
    let dates = (
        (today - time::Duration::days(364)).date().to_string(),
        (today + time::Duration::days(1)).date().to_string(),
    );
    let only = std::env::var("NPS_SCALE_ONLY").unwrap_or_default();
    let scan_runs: usize = std::env::var("NPS_SCALE_SCAN_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    zone(&client, &base, "UTC").await;
    for (label, template) in STATISTICS {
        if !label.contains(only.as_str()) {
            continue;
        }
        // The compare's two halves meet on the middle day.
        let middle = (today - time::Duration::days(182)).date().to_string();
        let path = |(from, to): &(String, String)| {
            template
                .replace("{P}", &format!("from={from}&to={to}"))
                .replace(
                    "{C}",
                    &format!("from1={from}&to1={middle}&from2={middle}&to2={to}"),
                )
        };
        let a = median(&client, &format!("{base}{}", path(&aligned)), 9).await;
        let r = median(&client, &format!("{base}{}", path(&rolling)), 9).await;
        let scan = if label.starts_with("tags") || scan_runs == 0 {
            None
        } else {
            Some(
                median(
                    &client,
                    &format!("{base}{}&score_min=0", path(&rolling)),
                    scan_runs,
                )
                .await,
            )
        };
        zone(&client, &base, "Europe/Paris").await;
        let d = median(&client, &format!("{base}{}", path(&dates)), 9).await;
        zone(&client, &base, "UTC").await;
        let ms = |t: Duration| format!("{:.1}", t.as_secs_f64() * 1e3);
        println!(
            "| {backend} | {n} | {label} | {} | {} | {} | {} |",
            ms(a),
            ms(r),
            ms(d),
            scan.map_or("—".to_owned(), ms)
        );
    }
    server.abort();
}

/// Sets the project's time zone.
async fn zone(client: &reqwest::Client, base: &str, name: &str) {
    let r = client
        .patch(format!("{base}/api/v1/projects/bench"))
        .bearer_auth(TOKEN)
        .json(&serde_json::json!({ "timezone": name }))
        .send()
        .await
        .expect("request");
    assert!(r.status().is_success(), "time zone: {}", r.status());
}

async fn median(client: &reqwest::Client, url: &str, runs: usize) -> Duration {
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let r = client
            .get(url)
            .bearer_auth(TOKEN)
            .send()
            .await
            .expect("request");
        assert!(r.status().is_success(), "{url}: {}", r.status());
        r.bytes().await.expect("body");
        times.push(started.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}
