//! The scale benchmark's databases: SQLite files and PostgreSQL databases
//! seeded with `n` synthetic answers and their roll-ups, kept between runs
//! with `NPS_SCALE_KEEP`.

use std::time::Instant;

use rusqlite::{params, Connection};
use sqlx::Connection as _;
use time::OffsetDateTime;

use crate::DAY_MS;

/// A SQLite file with `n` answers (kept between runs with `NPS_SCALE_KEEP`).
pub(crate) fn sqlite_database(
    runtime: &tokio::runtime::Runtime,
    dir: &std::path::Path,
    n: u64,
) -> String {
    let keep = std::env::var_os("NPS_SCALE_KEEP").is_some();
    let path = if keep {
        let kept = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/scale");
        std::fs::create_dir_all(&kept).expect("target/scale");
        kept.join(format!("scale-{n}.db"))
    } else {
        dir.join("scale.db")
    };
    let url = format!("sqlite://{}", path.display());
    // Written once seeding is done: a run stopped halfway leaves no
    // marker, and its database is seeded again rather than measured.
    let seeded = path.with_extension("seeded");
    if keep && seeded.exists() {
        eprintln!("measuring the kept {}", path.display());
        return url;
    }
    for stale in [
        path.clone(),
        path.with_extension("db-wal"),
        path.with_extension("db-shm"),
    ] {
        let _ = std::fs::remove_file(stale);
    }
    let started = Instant::now();
    runtime.block_on(async { nps_collector::store::open(&url).await.expect("schema") });
    seed_sqlite(&path, n);
    eprintln!(
        "SQLite: seeded {n} rows in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if keep {
        std::fs::write(&seeded, b"").expect("seeded marker");
    }
    url
}

/// The roll-ups' backfill of a migration: its statements from the first
/// `INSERT INTO rollup_`.
fn backfill(migration: &str) -> &str {
    &migration[migration.find("INSERT INTO rollup_").expect("backfill")..]
}

/// Midnight UTC of today, in ms.
fn today_ms() -> i64 {
    let now = OffsetDateTime::now_utc().unix_timestamp() * 1000;
    now - now.rem_euclid(DAY_MS)
}

/// Inserts `n` answers and rebuilds the roll-ups from them, as the
/// migrations that introduced them do.
fn seed_sqlite(path: &std::path::Path, n: u64) {
    let mut db = Connection::open(path).expect("open");
    db.pragma_update(None, "journal_mode", "WAL").expect("wal");
    db.pragma_update(None, "synchronous", "OFF")
        .expect("sync off for seeding");
    // The answers arrive in random time order, so every index takes them
    // at random places: with SQLite's 2 MB default cache, 10M answers took
    // most of an hour, mostly in page cache misses.
    db.pragma_update(None, "cache_size", -4_000_000)
        .expect("a 4 GB cache for seeding");
    let today = today_ms();
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
        let mut tag = tx
            .prepare("INSERT INTO tags (project_key, response_id, tag, source, created_at) VALUES ('bench', ?1, ?2, 'rule', 0)")
            .expect("prepare tag");
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
            let id = format!("{:08x}-0000-7000-8000-{:012x}", i >> 16, i);
            insert
                .execute(params![
                    id,
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
            if comment.is_some() && (x >> 35) % 30 == 0 {
                tag.execute(params![
                    id,
                    ["billing", "export", "speed"][(x % 3) as usize]
                ])
                .expect("tag");
            }
        }
    }
    tx.execute_batch(backfill(include_str!(
        "../../migrations/sqlite/0010_rollups.sql"
    )))
    .expect("daily roll-ups");
    tx.execute_batch(backfill(include_str!(
        "../../migrations/sqlite/0020_quarter_hour_rollups.sql"
    )))
    .expect("quarter-hour roll-ups");
    tx.execute_batch(backfill(include_str!(
        "../../migrations/sqlite/0028_score_rollups.sql"
    )))
    .expect("score roll-ups");
    tx.commit().expect("commit");
    db.execute_batch("ANALYZE").expect("analyze");
}

/// A new PostgreSQL database on `server` with `n` answers seeded by SQL
/// (same shape as SQLite's, another pseudo-random draw).
pub(crate) async fn postgres_database(server: &str, n: u64) -> String {
    let name = format!("nps_scale_{n}");
    let base = server.rsplit_once('/').map_or(server, |(base, _)| base);
    let url = format!("{base}/{name}");
    if std::env::var_os("NPS_SCALE_KEEP").is_some() && holds(&url, n).await {
        eprintln!("measuring the kept {name}");
        nps_collector::store::open(&url).await.expect("schema");
        return url;
    }
    let mut admin = sqlx::PgConnection::connect(server)
        .await
        .expect("PostgreSQL");
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&mut admin)
        .await
        .expect("drop");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("create");
    let started = Instant::now();
    nps_collector::store::open(&url).await.expect("schema");
    let mut db = sqlx::PgConnection::connect(&url).await.expect("database");
    let today = today_ms();
    let statements = [
        "SET synchronous_commit = off".to_owned(),
        "INSERT INTO projects (key, name, settings, created_at) VALUES ('bench', 'Bench', '{}', 0)".to_owned(),
        format!(
            "INSERT INTO responses (id, project_key, score, comment, user_id, moment, traits, locale,
               created_at, updated_at, identity_unverified, tenure_days)
             SELECT lpad(to_hex(i), 32, '0'), 'bench', h % 11,
                    CASE WHEN (h / 11) % 10 < 3 THEN
                      CASE WHEN (h / 110) % 20 = 0 THEN 'The CSV export is too slow' ELSE 'Answer number ' || i END END,
                    'user-' || (h / 7) % 200000,
                    (ARRAY['onboarding_completed', 'feature_used', 'support_resolved', 'upgraded'])[1 + (h / 13) % 4],
                    '{{\"plan\":\"' || (ARRAY['free', 'starter', 'pro', 'enterprise'])[1 + (h / 17) % 4] || '\"}}',
                    CASE WHEN (h / 19) % 3 = 0 THEN 'fr' ELSE 'en' END,
                    {today} - ((h / 23) % 400) * {DAY_MS} - (h / 9203) % {DAY_MS},
                    {today} - ((h / 23) % 400) * {DAY_MS} - (h / 9203) % {DAY_MS},
                    false, (h / 29) % 730
             FROM (SELECT i, abs(hashint8extended(i, 7)) AS h FROM generate_series(1, {n}) i) s"
        ),
        "INSERT INTO tags (project_key, response_id, tag, source, created_at)
         SELECT 'bench', id, (ARRAY['billing', 'export', 'speed'])[1 + abs(hashtext(id)) % 3], 'rule', 0
         FROM responses WHERE comment IS NOT NULL AND abs(hashtext(id)) % 30 = 0".to_owned(),
        backfill(include_str!("../../migrations/postgres/0010_rollups.sql")).to_owned(),
        backfill(include_str!("../../migrations/postgres/0020_quarter_hour_rollups.sql")).to_owned(),
        backfill(include_str!("../../migrations/postgres/0028_score_rollups.sql")).to_owned(),
        "ANALYZE".to_owned(),
    ];
    for statement in statements {
        sqlx::raw_sql(&statement)
            .execute(&mut db)
            .await
            .unwrap_or_else(|e| panic!("{e}: {statement}"));
    }
    eprintln!(
        "PostgreSQL: seeded {n} rows in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    url
}

/// Whether the database at `url` exists and holds the `n` answers a
/// finished seeding leaves (`NPS_SCALE_KEEP` measures it again).
async fn holds(url: &str, n: u64) -> bool {
    let Ok(mut db) = sqlx::PgConnection::connect(url).await else {
        return false;
    };
    let count: Result<i64, _> = sqlx::query_scalar("SELECT COUNT(*) FROM responses")
        .fetch_one(&mut db)
        .await;
    count.is_ok_and(|c| c.unsigned_abs() == n)
}
