//! Cross-device history of an identified user.

use serde_json::{json, Value};

use crate::helpers::{new_id, problem_code, spawn_app, TestApp};

async fn event(app: &TestApp, kind: &str, user: &str) {
    let r = app
        .client
        .post(app.url("/api/v1/events"))
        .json(&json!({"id": new_id(), "key": "demo", "kind": kind, "user_id": user}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

async fn history(app: &TestApp, user: &str) -> Value {
    let r = app
        .client
        .get(app.url(&format!("/api/v1/eligibility?key=demo&user_id={user}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

#[tokio::test]
async fn an_answer_on_one_device_is_known_to_the_others() {
    let app = spawn_app().await;
    event(&app, "shown", "u-1").await;
    app.post_response(&json!({"id": new_id(), "key": "demo", "score": 9, "user_id": "u-1"}))
        .await;
    event(&app, "snoozed", "u-2").await;

    let u1 = history(&app, "u-1").await;
    let u2 = history(&app, "u-2").await;
    let stranger = history(&app, "u-3").await;

    assert!(u1["last_shown_at"].as_f64().is_some());
    assert!(u1["last_answered_at"].as_f64().is_some());
    assert_eq!(u1["last_snoozed_at"], Value::Null);
    assert!(u2["last_snoozed_at"].as_f64().is_some());
    assert_eq!(u2["last_answered_at"], Value::Null);
    assert_eq!(stranger["last_shown_at"], Value::Null);
}

#[tokio::test]
async fn with_identity_verification_a_history_needs_the_user_hash() {
    let app = spawn_app().await;
    let created: Value = app
        .client
        .post(app.url("/api/v1/projects"))
        .bearer_auth(crate::helpers::ADMIN_TOKEN)
        .json(&json!({"key": "secure", "name": "Secure", "verify_identity": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let secret = created["identity_secret"].as_str().unwrap();
    let hash = nps_collector::domain::user_hash(secret, "u-7");

    let without = app
        .client
        .get(app.url("/api/v1/eligibility?key=secure&user_id=u-7"))
        .send()
        .await
        .unwrap();
    let with = app
        .client
        .get(app.url(&format!(
            "/api/v1/eligibility?key=secure&user_id=u-7&user_hash={hash}"
        )))
        .send()
        .await
        .unwrap();

    assert_eq!(without.status(), 403);
    assert_eq!(problem_code(without).await, "unverified_user");
    assert_eq!(with.status(), 200);
}
