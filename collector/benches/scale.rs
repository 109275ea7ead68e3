//! `cargo bench -p nps-collector --bench scale`: the statistics at scale,
//! through the HTTP API. Seeds a SQLite database with N synthetic answers
//! (1M and 10M by default; `NPS_SCALE_ROWS=1000000,10000000`), builds the
//! roll-ups as the migration does, starts the collector on it, and times
//! each question the dashboard asks (median of 15 calls; 3 for the scans), answered from the
//! roll-ups, against the same question forced onto the rows (a `from` one
//! millisecond past a whole day, which no roll-up covers), in the same run.
//!
//! `NPS_SCALE_ONLY=search` runs only the questions whose label contains
//! the text. `NPS_SCALE_KEEP=1` keeps each seeded database in
//! `target/scale/` and measures it again on the next run instead of
//! seeding anew (10M answers take 10-18 minutes to seed); the collector
//! applies any newer migration to it when it opens it.
//!
//! Synthetic data: one project, answers spread over 400 days, 4 moments,
//! 2 locales, a `plan` trait of 4 values, signups up to 2 years earlier,
//! a comment on 30% of answers (5% of them mention "export").

use std::time::{Duration, Instant};

use rusqlite::{params, Connection};

const DAY_MS: i64 = 86_400_000;
const TOKEN: &str = "scale-benchmark-admin-token";

fn main() {
    let rows: Vec<u64> = std::env::var("NPS_SCALE_ROWS")
        .unwrap_or_else(|_| "1000000,10000000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    println!(
        "statistics at scale, through HTTP, SQLite, {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("| rows | question | roll-up (median ms) | rows scan (median ms) | speed-up |");
    println!("|---:|---|---:|---:|---:|");
    let keep = std::env::var_os("NPS_SCALE_KEEP").is_some();
    for n in rows {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = if keep {
            let kept = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/scale");
            std::fs::create_dir_all(&kept).expect("target/scale");
            kept.join(format!("scale-{n}.db"))
        } else {
            dir.path().join("scale.db")
        };
        let url = format!("sqlite://{}", path.display());
        // Written once seeding is done: a run stopped halfway leaves no
        // marker, and its database is seeded again rather than measured.
        let seeded = path.with_extension("seeded");
        if keep && seeded.exists() {
            eprintln!("measuring the kept {}", path.display());
        } else {
            for stale in [
                path.clone(),
                path.with_extension("db-wal"),
                path.with_extension("db-shm"),
            ] {
                let _ = std::fs::remove_file(stale);
            }
            let started = Instant::now();
            runtime.block_on(async { nps_collector::store::open(&url).await.expect("schema") });
            seed(&path, n);
            eprintln!(
                "seeded {n} rows in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            if keep {
                std::fs::write(&seeded, b"").expect("seeded marker");
            }
        }
        runtime.block_on(measure(&url, n));
    }
}

/// Inserts `n` answers and rebuilds the roll-ups from them, as the
/// migration that introduced them does.
fn seed(path: &std::path::Path, n: u64) {
    let mut db = Connection::open(path).expect("open");
    db.pragma_update(None, "journal_mode", "WAL").expect("wal");
    db.pragma_update(None, "synchronous", "OFF")
        .expect("sync off for seeding");
    let now = time::OffsetDateTime::now_utc().unix_timestamp() * 1000;
    let today = now - now.rem_euclid(DAY_MS);
    let tx = db.transaction().expect("tx");
    tx.execute(
        "INSERT INTO projects (key, name, settings, created_at) VALUES ('bench', 'Bench', '{}', 0)",
        [],
    )
    .expect("project");
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO responses (id, project_key, score, comment, user_id, moment, traits, locale,
                   created_at, updated_at, identity_unverified, tenure_days)
                 VALUES (?1, 'bench', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 0, ?9)",
            )
            .expect("prepare");
        let moments = [
            "onboarding_completed",
            "feature_used",
            "support_resolved",
            "upgraded",
        ];
        let plans = ["free", "starter", "pro", "enterprise"];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in 0..n {
            // xorshift: deterministic, cheap.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let at = today - ((x % 400) as i64) * DAY_MS - ((x >> 20) % DAY_MS as u64) as i64;
            let score = ((x >> 9) % 11) as i64;
            let comment = ((x >> 30) % 10 < 3).then(|| {
                if (x >> 40) % 20 == 0 {
                    "The CSV export is too slow".to_owned()
                } else {
                    format!("Answer number {i}")
                }
            });
            let tenure = ((x >> 45) % 730) as i64;
            insert
                .execute(params![
                    format!("{:08x}-0000-7000-8000-{:012x}", i >> 16, i),
                    score,
                    comment,
                    format!("user-{}", x % 200_000),
                    moments[((x >> 50) % 4) as usize],
                    format!(r#"{{"plan":"{}"}}"#, plans[((x >> 55) % 4) as usize]),
                    if (x >> 60) % 3 == 0 { "fr" } else { "en" },
                    at,
                    tenure,
                ])
                .expect("insert");
        }
    }
    let migration = include_str!("../migrations/sqlite/0010_rollups.sql");
    let backfill = &migration[migration
        .find("INSERT INTO rollup_daily")
        .expect("backfill")..];
    tx.execute_batch(backfill).expect("roll-ups");
    tx.commit().expect("commit");
    db.execute_batch("ANALYZE").expect("analyze");
}

async fn measure(url: &str, n: u64) {
    let settings = nps_collector::Settings {
        listen: "127.0.0.1:0".parse().expect("addr"),
        database_url: url.to_owned(),
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
    let now = time::OffsetDateTime::now_utc();
    let today = now.date().midnight().assume_utc();
    let rfc = |t: time::OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .expect("rfc3339")
    };
    let year_ago = rfc(today - time::Duration::weeks(52));
    let tomorrow = rfc(today + time::Duration::days(1));
    let questions = [
        ("overall NPS", "/api/v1/stats?project=bench".to_owned()),
        (
            "52-week trend",
            format!(
                "/api/v1/stats/trend?project=bench&interval=week&from={year_ago}&to={tomorrow}"
            ),
        ),
        (
            "segments by trait",
            "/api/v1/stats/segments?project=bench&by=trait.plan".to_owned(),
        ),
        (
            "tenure curve",
            "/api/v1/stats/tenure?project=bench".to_owned(),
        ),
        (
            "verbatim search",
            "/api/v1/responses?project=bench&q=export&limit=50".to_owned(),
        ),
        (
            // "number" is in 95% of comments, "4242" starts a handful.
            "verbatim search, rare word",
            "/api/v1/responses?project=bench&q=number%204242&limit=50".to_owned(),
        ),
    ];
    // `NPS_SCALE_ONLY=search`: only the questions whose label contains it.
    let only = std::env::var("NPS_SCALE_ONLY").unwrap_or_default();
    for (label, path) in questions {
        if !label.contains(only.as_str()) {
            continue;
        }
        let fast = median(&client, &format!("{base}{path}"), 15).await;
        // The trend already has `from`: shift it by a millisecond instead.
        let raw_path = if path.contains("from=") {
            path.replace("T00:00:00Z&to", "T00:00:00.001Z&to")
        } else {
            format!("{path}&from=1970-01-01T00:00:00.001Z")
        };
        // The scans take seconds each: three are enough for a median.
        let slow = median(&client, &format!("{base}{raw_path}"), 3).await;
        println!(
            "| {n} | {label} | {:.1} | {:.1} | {:.0}× |",
            fast.as_secs_f64() * 1e3,
            slow.as_secs_f64() * 1e3,
            slow.as_secs_f64() / fast.as_secs_f64().max(1e-6)
        );
    }
    server.abort();
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
