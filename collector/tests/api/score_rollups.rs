//! The score-only roll-ups (`rollup_scores` and its quarter-hour twin),
//! which answer every statistic asked without a moment or locale, hold
//! exactly the rows' counts: after answers stored one by one and in
//! batches by concurrent clients, and after an erasure takes some out.

use serde_json::json;

use crate::helpers::{new_id, spawn_app, TestApp, ADMIN_TOKEN};

/// (unit, score, n) rows, sorted, with the zero counts an erasure leaves
/// dropped.
type Counts = Vec<(i64, i64, i64)>;

async fn read(app: &TestApp, sql: &str) -> Counts {
    if app.database_url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
        sqlx::query_as(sql).fetch_all(&pool).await.unwrap()
    } else {
        let pool = sqlx::SqlitePool::connect(&app.database_url).await.unwrap();
        sqlx::query_as(sql).fetch_all(&pool).await.unwrap()
    }
}

/// The roll-up's counts beside the same counts taken from the rows.
async fn both(app: &TestApp, table: &str, unit: &str, ms: i64) -> (Counts, Counts) {
    let rolled = read(
        app,
        &format!(
            "SELECT {unit}, score, CAST(n AS BIGINT) FROM {table}
             WHERE project_key = 'demo' AND n <> 0 ORDER BY 1, 2"
        ),
    )
    .await;
    let rows = read(
        app,
        &format!(
            "SELECT created_at / {ms} AS t, score, CAST(COUNT(*) AS BIGINT) FROM responses
             WHERE project_key = 'demo' GROUP BY 1, 2 ORDER BY 1, 2"
        ),
    )
    .await;
    (rolled, rows)
}

async fn assert_counted(app: &TestApp) {
    for (table, unit, ms) in [
        ("rollup_scores", "day", 86_400_000),
        ("rollup_scores_quarter", "quarter", 900_000),
    ] {
        let (rolled, rows) = both(app, table, unit, ms).await;
        assert!(!rows.is_empty(), "answers stored");
        assert_eq!(rolled, rows, "{table} against the rows");
    }
}

#[tokio::test]
async fn score_rollups_hold_the_rows_counts_through_ingest_and_erasure() {
    let app = spawn_app().await;
    let mut sent = tokio::task::JoinSet::new();
    for client_no in 0..6 {
        let (client, url) = (app.client.clone(), app.url("/api/v1/responses"));
        sent.spawn(async move {
            for i in 0..15 {
                let n = client_no * 15 + i;
                let locale = ["en", "fr"][n % 2];
                let r = client
                    .post(&url)
                    .json(&json!({"id": new_id(), "key": "demo", "score": n % 11,
                        "user_id": format!("u{}", n % 9),
                        "moment": "onboarding_completed", "locale": locale}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 201);
            }
        });
    }
    while let Some(done) = sent.join_next().await {
        done.unwrap();
    }
    assert_counted(&app).await;

    let r = app
        .client
        .delete(app.url("/api/v1/users/u3?project=demo"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_counted(&app).await;

    // The overall score (read from the score roll-ups) is the sum of the
    // two locales' (read from the daily ones).
    let stats = |q: &str| {
        let url = app.url(&format!("/api/v1/stats?project=demo{q}"));
        let client = app.client.clone();
        async move {
            let body: serde_json::Value = client
                .get(url)
                .bearer_auth(ADMIN_TOKEN)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            body["responses"].as_i64().expect("a count of responses")
        }
    };
    let all = stats("").await;
    let parts = stats("&locale=en").await + stats("&locale=fr").await;
    assert_eq!(all, parts);
    assert_eq!(all, 90 - 10, "u3's ten answers erased");
}
