//! Alerts are personal data too: their payloads hold the answer (comment,
//! user id, traits). A person's export lists them, their erasure and
//! retention remove them, whether sent or not. On both backends.

use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

use nps_collector::alerts::{dispatch_once, send_once};
use nps_collector::store;

use crate::helpers::{spawn_app, TestApp, ADMIN_TOKEN};
use crate::receiver::Receiver;
use crate::webhooks_delivery::{answer, create_webhook, log, loops};

/// A webhook with one delivered alert about alice and one about bob.
async fn delivered_alerts(app: &TestApp, receiver: &Receiver) -> Value {
    let hook = create_webhook(app, "demo", &receiver.url, json!({})).await;
    answer(app, "demo", "alice@example.com", 2, "Alice's words").await;
    answer(app, "demo", "bob@example.com", 1, "Bob's words").await;
    let a = loops(&app.database_url).await;
    let t0 = OffsetDateTime::now_utc() + Duration::seconds(30);
    dispatch_once(&a, t0).await.unwrap();
    assert_eq!(send_once(&a, t0).await.unwrap(), 2);
    hook
}

async fn export(app: &TestApp, user: &str) -> Value {
    let r = app
        .admin_get(&format!("/api/v1/users/{user}/export?project=demo"))
        .await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

#[tokio::test]
async fn a_persons_export_lists_the_alerts_about_them() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    delivered_alerts(&app, &receiver).await;

    let data = export(&app, "alice@example.com").await;

    let alerts = data["webhook_deliveries"].as_array().unwrap();
    assert_eq!(alerts.len(), 1, "hers only: {alerts:?}");
    assert_eq!(alerts[0]["status"], "delivered");
    assert_eq!(alerts[0]["event_type"], "response.created");
    let origin = receiver.url.trim_end_matches("/hook");
    assert_eq!(alerts[0]["receiver"], origin, "who received it");
    let response = &alerts[0]["payload"]["data"]["response"];
    assert_eq!(response["comment"], "Alice's words");
    assert_eq!(response["traits"]["plan"], "pro");
    assert!(!data.to_string().contains("Bob's words"));
}

#[tokio::test]
async fn erasing_a_person_removes_the_alerts_sent_about_them() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    let hook = delivered_alerts(&app, &receiver).await;

    let r = app
        .client
        .delete(app.url("/api/v1/users/alice@example.com?project=demo"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();

    assert_eq!(r.status(), 200);
    let left = log(&app, &hook).await;
    assert_eq!(left.len(), 1, "bob's alert stays");
    assert_eq!(
        export(&app, "alice@example.com").await["webhook_deliveries"],
        json!([])
    );
    assert_eq!(
        export(&app, "bob@example.com").await["webhook_deliveries"][0]["payload"]["data"]
            ["response"]["comment"],
        "Bob's words"
    );
}

#[tokio::test]
async fn retention_removes_sent_alerts_in_either_mode() {
    for mode in ["delete", "anonymise"] {
        let app = spawn_app().await;
        let receiver = Receiver::start().await;
        let hook = delivered_alerts(&app, &receiver).await;
        let r = app
            .client
            .patch(app.url("/api/v1/projects/demo"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&json!({"retention_days": 1, "retention_mode": mode}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let store = store::open(&app.database_url).await.unwrap();

        nps_collector::retention::run_once(
            store.as_ref(),
            OffsetDateTime::now_utc() + Duration::days(2),
        )
        .await
        .unwrap();

        assert_eq!(log(&app, &hook).await, Vec::<Value>::new(), "{mode}");
    }
}

#[tokio::test]
async fn the_cli_export_lists_the_alerts_too() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    delivered_alerts(&app, &receiver).await;

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nps-collector"))
        .args(["user", "export", "--project", "demo", "--database-url"])
        .arg(&app.database_url)
        .arg("alice@example.com")
        .output()
        .unwrap();

    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let data: Value = serde_json::from_slice(&out.stdout).unwrap();
    let alerts = data["webhook_deliveries"].as_array().unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(
        alerts[0]["payload"]["data"]["response"]["user_id"],
        "alice@example.com"
    );
}
