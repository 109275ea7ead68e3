//! Answers written straight into the database at chosen times (the API
//! stamps them with the server's clock), and the roll-ups rebuilt from the
//! rows the way the migrations build them.

use serde_json::json;
use sqlx::Connection;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::helpers::{new_id, TestApp};

/// An answer at a time, with a moment, a plan trait and a tenure.
pub struct At<'a> {
    pub at: &'a str,
    pub score: u8,
    pub moment: &'a str,
    pub plan: &'a str,
    pub tenure_days: Option<i64>,
    pub user: Option<&'a str>,
}

pub fn at(at: &str, score: u8) -> At<'_> {
    At {
        at,
        score,
        moment: "onboarding_completed",
        plan: "pro",
        tenure_days: None,
        user: None,
    }
}

pub fn millis(rfc3339: &str) -> i64 {
    let t = OffsetDateTime::parse(rfc3339, &Rfc3339).expect("an RFC 3339 time");
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

const ROLLUPS_SQLITE: &[&str] = &[
    "INSERT INTO rollup_daily (project_key, day, moment, locale, score, n)
     SELECT project_key, created_at / 86400000, COALESCE(moment, ''), COALESCE(locale, ''), score, COUNT(*) FROM responses GROUP BY 1, 2, 3, 4, 5",
    "INSERT INTO rollup_quarter (project_key, quarter, moment, locale, score, n)
     SELECT project_key, created_at / 900000, COALESCE(moment, ''), COALESCE(locale, ''), score, COUNT(*) FROM responses GROUP BY 1, 2, 3, 4, 5",
    "INSERT INTO rollup_tenure (project_key, day, tenure, score, n)
     SELECT project_key, created_at / 86400000, CASE WHEN tenure_days IS NULL THEN '' WHEN tenure_days <= 7 THEN '0-7' WHEN tenure_days <= 30 THEN '8-30' WHEN tenure_days < 90 THEN '31-89' WHEN tenure_days = 90 THEN '90' WHEN tenure_days <= 180 THEN '91-180' WHEN tenure_days <= 365 THEN '181-365' ELSE '>365' END, score, COUNT(*) FROM responses GROUP BY 1, 2, 3, 4",
    "INSERT INTO rollup_tenure_quarter (project_key, quarter, tenure, score, n)
     SELECT project_key, created_at / 900000, CASE WHEN tenure_days IS NULL THEN '' WHEN tenure_days <= 7 THEN '0-7' WHEN tenure_days <= 30 THEN '8-30' WHEN tenure_days < 90 THEN '31-89' WHEN tenure_days = 90 THEN '90' WHEN tenure_days <= 180 THEN '91-180' WHEN tenure_days <= 365 THEN '181-365' ELSE '>365' END, score, COUNT(*) FROM responses GROUP BY 1, 2, 3, 4",
    "INSERT INTO rollup_traits (project_key, name, value, day, score, n)
     SELECT project_key, 'plan', moment_plan, created_at / 86400000, score, COUNT(*) FROM (SELECT *, json_extract(traits, '$.plan') AS moment_plan FROM responses) GROUP BY 1, 2, 3, 4, 5",
    "INSERT INTO rollup_traits_quarter (project_key, name, value, quarter, score, n)
     SELECT project_key, 'plan', moment_plan, created_at / 900000, score, COUNT(*) FROM (SELECT *, json_extract(traits, '$.plan') AS moment_plan FROM responses) GROUP BY 1, 2, 3, 4, 5",
    "INSERT INTO rollup_scores (project_key, day, score, n)
     SELECT project_key, day, score, SUM(n) FROM rollup_daily GROUP BY 1, 2, 3",
    "INSERT INTO rollup_scores_quarter (project_key, quarter, score, n)
     SELECT project_key, quarter, score, SUM(n) FROM rollup_quarter GROUP BY 1, 2, 3",
];

/// Writes the answers into the app's database and rebuilds its roll-ups
/// with the migrations' bucketing.
pub async fn seed(app: &TestApp, answers: &[At<'_>]) {
    let postgres = app.database_url.starts_with("postgres");
    let insert = "INSERT INTO responses (id, project_key, score, moment, traits, created_at, updated_at, tenure_days, user_id)
                  VALUES ($1, 'demo', $2, $3, $4, $5, $5, $6, $7)";
    let mut statements: Vec<String> = [
        "rollup_daily",
        "rollup_quarter",
        "rollup_tenure",
        "rollup_tenure_quarter",
        "rollup_traits",
        "rollup_traits_quarter",
        "rollup_scores",
        "rollup_scores_quarter",
    ]
    .iter()
    .map(|t| format!("DELETE FROM {t}"))
    .collect();
    statements.extend(ROLLUPS_SQLITE.iter().map(|s| {
        if postgres {
            s.replace(
                "json_extract(traits, '$.plan')",
                "(CAST(traits AS jsonb) ->> 'plan')",
            )
            .replace(" FROM responses) GROUP", " FROM responses) r GROUP")
        } else {
            (*s).to_owned()
        }
    }));
    macro_rules! run {
        ($conn:expr) => {{
            let mut conn = $conn;
            for a in answers {
                let id = new_id();
                sqlx::query(insert)
                    .bind(&id)
                    .bind(i64::from(a.score))
                    .bind(a.moment)
                    .bind(json!({"plan": a.plan}).to_string())
                    .bind(millis(a.at))
                    .bind(a.tenure_days)
                    .bind(a.user)
                    .execute(&mut conn)
                    .await
                    .expect("answer written");
            }
            for s in &statements {
                sqlx::query(s).execute(&mut conn).await.expect(s);
            }
        }};
    }
    if postgres {
        run!(sqlx::PgConnection::connect(&app.database_url)
            .await
            .unwrap());
    } else {
        run!(sqlx::SqliteConnection::connect(&app.database_url)
            .await
            .unwrap());
    }
}

/// Runs `sql` on the app's database, as it is (the backends share it).
pub async fn execute(app: &TestApp, sql: &str) {
    if app.database_url.starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(&app.database_url)
            .await
            .unwrap();
        sqlx::query(sql).execute(&mut conn).await.expect(sql);
    } else {
        let mut conn = sqlx::SqliteConnection::connect(&app.database_url)
            .await
            .unwrap();
        sqlx::query(sql).execute(&mut conn).await.expect(sql);
    }
}
