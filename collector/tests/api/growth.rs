//! What the public key can make the collector keep: a trait's first 1,000
//! values are counted under their own name in the trait roll-ups, later
//! ones under `(other)` (the answers keep their real values), and erasing
//! an answer takes it out of the row it was counted in.

use serde_json::{json, Value};

use crate::helpers::{new_id, spawn_app, TestApp, ADMIN_TOKEN};

/// (distinct values, answers counted under `(other)`) of trait `company`
/// in a roll-up table, read from the database.
async fn rolled_up(app: &TestApp, table: &str) -> (i64, i64) {
    let sql = format!(
        "SELECT COUNT(DISTINCT value), CAST(COALESCE(SUM(CASE WHEN value = '(other)' THEN n ELSE 0 END), 0) AS BIGINT)
         FROM {table} WHERE project_key = 'demo' AND name = 'company'"
    );
    if app.database_url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
        sqlx::query_as(&sql).fetch_one(&pool).await.unwrap()
    } else {
        let pool = sqlx::SqlitePool::connect(&app.database_url).await.unwrap();
        sqlx::query_as(&sql).fetch_one(&pool).await.unwrap()
    }
}

/// 1,005 answers, each from its own user with its own `company`.
async fn answers_with_distinct_companies(app: &TestApp) {
    let mut sent = tokio::task::JoinSet::new();
    for chunk in 0..15 {
        let (client, url) = (app.client.clone(), app.url("/api/v1/responses"));
        sent.spawn(async move {
            for i in (chunk * 67)..(chunk * 67 + 67) {
                let r = client
                    .post(&url)
                    .json(&json!({"id": new_id(), "key": "demo", "score": 9,
                        "user_id": format!("u{i}"), "traits": {"company": format!("c{i:04}")}}))
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
}

async fn erase(app: &TestApp, user: &str) {
    let r = app
        .client
        .delete(app.url(&format!("/api/v1/users/{user}?project=demo")))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn trait_values_past_1000_per_trait_are_rolled_up_under_other_and_erased_from_there() {
    let app = spawn_app().await;
    answers_with_distinct_companies(&app).await;

    let daily = rolled_up(&app, "rollup_traits").await;
    let quarter = rolled_up(&app, "rollup_traits_quarter").await;
    assert_eq!(daily, (1_001, 5), "1,000 values and (other) for 5 answers");
    assert_eq!(quarter, (1_001, 5));

    let by_company: Value = app
        .admin_get("/api/v1/stats/segments?project=demo&by=trait.company")
        .await
        .json()
        .await
        .unwrap();
    let segments = by_company["segments"].as_array().unwrap();
    assert_eq!(
        segments.len(),
        1_005,
        "the readers still see every real value"
    );
    let listed = listed_values(&app).await;
    let over_cap: Vec<usize> = (0..1_005)
        .filter(|i| !listed.contains(&format!("c{i:04}")))
        .collect();
    assert_eq!(over_cap.len(), 5, "which five depends on arrival order");
    let over_cap = over_cap[0];
    for value in [format!("c{over_cap:04}"), "c0000".to_owned()] {
        let path = format!("/api/v1/stats?project=demo&trait.company={value}");
        let stats: Value = app.admin_get(&path).await.json().await.unwrap();
        assert_eq!(stats["responses"], 1, "{value} is counted exactly");
    }

    erase(&app, &format!("u{over_cap}")).await;
    erase(&app, "u0").await;

    assert_eq!(
        rolled_up(&app, "rollup_traits").await.1,
        4,
        "(other) lost one"
    );
    assert_eq!(rolled_up(&app, "rollup_traits_quarter").await.1, 4);
    let stats: Value = app
        .admin_get("/api/v1/stats?project=demo&trait.company=c0000")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stats["responses"], 0, "u0's own row went down");
    assert_eq!(app.stats().await["responses"], 1_003);
}

/// The values of `company` counted under their own name.
async fn listed_values(app: &TestApp) -> Vec<String> {
    let sql =
        "SELECT value FROM rollup_trait_values WHERE project_key = 'demo' AND name = 'company'";
    if app.database_url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
        sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap()
    } else {
        let pool = sqlx::SqlitePool::connect(&app.database_url).await.unwrap();
        sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap()
    }
}
