//! Per-person rights, retention, anonymous projects: what a privacy review
//! asks for, on both backends.

use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

use nps_collector::domain::ValidResponse;
use nps_collector::store;

use crate::helpers::{new_id, new_secret, spawn_app, TestApp, ADMIN_TOKEN};

async fn answer(app: &TestApp, user: &str, score: u8, comment: Option<&str>) {
    let mut body = json!({"id": new_id(), "key": "demo", "score": score, "user_id": user, "secret": new_secret(),
                          "traits": {"plan": "pro"}, "url": "https://app.example/x"});
    if let Some(c) = comment {
        body["comment"] = json!(c);
    }
    assert_eq!(app.post_response(&body).await.status(), 201);
}

async fn event(app: &TestApp, user: &str, kind: &str) {
    let r = app
        .client
        .post(app.url("/api/v1/events"))
        .json(&json!({"id": new_id(), "key": "demo", "kind": kind, "moment": "onboarding_completed", "user_id": user}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "event {kind}");
}

async fn export(app: &TestApp, user: &str) -> Value {
    let r = app
        .admin_get(&format!("/api/v1/users/{user}/export?project=demo"))
        .await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

#[tokio::test]
async fn an_export_holds_all_of_a_users_data_and_nobody_elses() {
    let app = spawn_app().await;
    answer(&app, "alice@example.com", 3, Some("Too slow")).await;
    answer(&app, "alice@example.com", 9, None).await;
    event(&app, "alice@example.com", "shown").await;
    event(&app, "alice@example.com", "opted_out").await;
    answer(&app, "bob@example.com", 10, Some("Great")).await;

    let data = export(&app, "alice@example.com").await;

    assert_eq!(data["user_id"], "alice@example.com");
    assert_eq!(data["responses"].as_array().unwrap().len(), 2);
    assert_eq!(data["events"].as_array().unwrap().len(), 2);
    assert!(data.to_string().contains("Too slow"));
    assert!(!data.to_string().contains("Great"));
}

#[tokio::test]
async fn after_deletion_no_row_mentions_the_user_and_the_stats_follow() {
    let app = spawn_app().await;
    answer(&app, "alice@example.com", 0, Some("Awful")).await;
    answer(&app, "alice@example.com", 1, None).await;
    event(&app, "alice@example.com", "declined").await;
    answer(&app, "bob@example.com", 10, None).await;
    answer(&app, "carol@example.com", 8, None).await;

    let r = app
        .client
        .delete(app.url("/api/v1/users/alice@example.com?project=demo"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();

    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body["deleted"],
        json!({"responses": 2, "events": 1, "moments": 0})
    );
    let after = export(&app, "alice@example.com").await;
    assert_eq!(after["responses"], json!([]));
    assert_eq!(after["events"], json!([]));
    let feed: Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    assert!(!feed.to_string().contains("alice"), "no row mentions her");
    let stats = app.stats().await;
    // Recomputed from what remains: one promoter, one passive.
    assert_eq!(
        (stats["responses"].as_u64(), stats["nps"].as_f64()),
        (Some(2), Some(50.0))
    );
    let log: Value = app
        .admin_get("/api/v1/privacy/log?project=demo")
        .await
        .json()
        .await
        .unwrap();
    let deletion = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "delete_user")
        .unwrap();
    assert_eq!(deletion["rows"], 3);
    assert_eq!(deletion["actor"], "admin-token");
    assert!(
        !log.to_string().contains("alice"),
        "the log keeps counts, not the person"
    );
}

/// A response stored directly, as received at `at`.
async fn stored_at(store: &dyn store::Store, user: &str, comment: &str, at: OffsetDateTime) {
    let wire: nps_protocol::NewResponse = serde_json::from_value(json!({
        "id": new_id(), "key": "demo", "score": 9, "user_id": user, "comment": comment, "traits": {"plan": "pro"}
    }))
    .unwrap();
    store
        .insert_response(ValidResponse::try_from(wire).unwrap(), at)
        .await
        .unwrap();
}

async fn set_retention(app: &TestApp, body: Value) {
    let r = app
        .client
        .patch(app.url("/api/v1/projects/demo"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let view: Value = r.json().await.unwrap();
    assert_eq!(view["retention_days"], body["retention_days"]);
}

#[tokio::test]
async fn retention_deletes_exactly_what_is_older_than_the_period() {
    let app = spawn_app().await;
    set_retention(&app, json!({"retention_days": 30})).await;
    let store = store::open(&app.database_url).await.unwrap();
    let now = OffsetDateTime::now_utc();
    stored_at(store.as_ref(), "old", "old one", now - Duration::days(31)).await;
    stored_at(
        store.as_ref(),
        "edge",
        "just inside",
        now - Duration::days(29),
    )
    .await;
    stored_at(store.as_ref(), "new", "new one", now).await;

    let removed = nps_collector::retention::run_once(store.as_ref(), now)
        .await
        .unwrap();

    assert_eq!(removed, 1);
    let feed: Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    let users: Vec<&str> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["user_id"].as_str().unwrap())
        .collect();
    assert_eq!(users, ["new", "edge"]);
    let log: Value = app
        .admin_get("/api/v1/privacy/log?project=demo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(log["entries"][0]["action"], "retention_delete");
}

#[tokio::test]
async fn retention_may_anonymise_instead_keeping_the_score() {
    let app = spawn_app().await;
    set_retention(
        &app,
        json!({"retention_days": 7, "retention_mode": "anonymise"}),
    )
    .await;
    let store = store::open(&app.database_url).await.unwrap();
    let now = OffsetDateTime::now_utc();
    stored_at(
        store.as_ref(),
        "old",
        "private words",
        now - Duration::days(8),
    )
    .await;

    nps_collector::retention::run_once(store.as_ref(), now)
        .await
        .unwrap();

    let feed: Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    let row = &feed["items"][0];
    assert_eq!(row["score"], 9, "the score stays for the statistics");
    assert_eq!(row["user_id"], Value::Null);
    assert_eq!(row["comment"], Value::Null);
    assert_eq!(row["traits"], json!({}));
}

#[tokio::test]
async fn an_anonymous_project_keeps_no_identity_even_when_sent() {
    let app = spawn_app().await;
    let r = app
        .client
        .post(app.url("/api/v1/projects"))
        .bearer_auth(ADMIN_TOKEN)
        .json(
            &json!({"key": "enps", "name": "eNPS", "anonymous": true, "verify_identity": false,
                      "config": {"allowed_traits": ["team"]}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let project: Value = r.json().await.unwrap();
    assert_eq!(project["anonymous"], true);

    let r = app
        .post_response(&json!({"id": new_id(), "key": "enps", "score": 6, "user_id": "eve@corp.example",
                               "traits": {"team": "sales", "email": "eve@corp.example"}, "url": "https://intranet.example/x"}))
        .await;

    assert_eq!(r.status(), 201);
    let feed: Value = app
        .admin_get("/api/v1/responses?project=enps")
        .await
        .json()
        .await
        .unwrap();
    let row = &feed["items"][0];
    assert_eq!(row["user_id"], Value::Null);
    assert_eq!(row["url"], Value::Null);
    assert_eq!(
        row["traits"],
        json!({"team": "sales"}),
        "only the allowed, coarse trait"
    );
    assert_eq!(row["identity_unverified"], false);
    let config: Value = app
        .client
        .get(app.url("/api/v1/config?key=enps"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(config["anonymous"], true, "the widget is told");
}

#[tokio::test]
async fn no_table_has_a_column_for_addresses_or_user_agents() {
    let app = spawn_app().await;
    answer(&app, "u", 9, None).await;
    let columns: Vec<String> = if app.database_url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
        sqlx::query_scalar("SELECT column_name::text FROM information_schema.columns WHERE table_schema = 'public'")
            .fetch_all(&pool)
            .await
            .unwrap()
    } else {
        let pool = sqlx::SqlitePool::connect(&app.database_url).await.unwrap();
        sqlx::query_scalar(
            "SELECT p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'",
        )
        .fetch_all(&pool)
        .await
        .unwrap()
    };

    assert!(
        columns.iter().any(|c| c == "score"),
        "the schema was read: {columns:?}"
    );
    for c in &columns {
        let c = c.to_lowercase();
        assert!(
            !(c == "ip" || c.contains("ip_") || c.contains("addr") || c.contains("agent")),
            "column {c}"
        );
    }
}

#[tokio::test]
async fn the_cli_exports_and_deletes_a_person() {
    let app = spawn_app().await;
    answer(&app, "dana@example.com", 4, Some("Meh")).await;
    let cli = |action: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_nps-collector"))
            .args([
                "user",
                action,
                "--project",
                "demo",
                "dana@example.com",
                "--database-url",
                &app.database_url,
            ])
            .output()
            .unwrap()
    };

    let exported = cli("export");
    let deleted = cli("delete");

    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let data: Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert_eq!(data["responses"][0]["comment"], "Meh");
    assert!(deleted.status.success());
    let counts: Value = serde_json::from_slice(&deleted.stdout).unwrap();
    assert_eq!(counts["deleted"]["responses"], 1);
    assert_eq!(
        export(&app, "dana@example.com").await["responses"],
        json!([])
    );
}
