//! Cross-device history of an identified user: served only with the
//! identity proof.

use serde_json::{json, Value};

use crate::helpers::{new_id, problem_code, spawn_app, TestApp, ADMIN_TOKEN};

/// Creates project `secure` (identity verification on); returns its secret.
pub async fn verified_project(app: &TestApp) -> String {
    let created: Value = app
        .client
        .post(app.url("/api/v1/projects"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"key": "secure", "name": "Secure", "moments": ["upgraded"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    created["identity_secret"].as_str().unwrap().to_owned()
}

async fn event(app: &TestApp, secret: &str, kind: &str, user: &str) {
    let hash = nps_collector::domain::user_hash(secret, user);
    let r = app
        .client
        .post(app.url("/api/v1/events"))
        .json(&json!({"id": new_id(), "key": "secure", "kind": kind, "user_id": user, "user_hash": hash}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

async fn history(app: &TestApp, key: &str, user: &str, hash: Option<&str>) -> reqwest::Response {
    let proof = hash.map(|h| format!("&user_hash={h}")).unwrap_or_default();
    app.client
        .get(app.url(&format!(
            "/api/v1/eligibility?key={key}&user_id={user}{proof}"
        )))
        .send()
        .await
        .unwrap()
}

async fn proven_history(app: &TestApp, secret: &str, user: &str) -> Value {
    let hash = nps_collector::domain::user_hash(secret, user);
    let r = history(app, "secure", user, Some(&hash)).await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

#[tokio::test]
async fn an_answer_on_one_device_is_known_to_the_others() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    event(&app, &secret, "shown", "u-1").await;
    let hash = nps_collector::domain::user_hash(&secret, "u-1");
    app.post_response(
        &json!({"id": new_id(), "key": "secure", "score": 9, "user_id": "u-1", "user_hash": hash}),
    )
    .await;
    event(&app, &secret, "snoozed", "u-2").await;

    let u1 = proven_history(&app, &secret, "u-1").await;
    let u2 = proven_history(&app, &secret, "u-2").await;
    let stranger = proven_history(&app, &secret, "u-3").await;

    assert!(u1["last_shown_at"].as_f64().is_some());
    assert!(u1["last_answered_at"].as_f64().is_some());
    assert_eq!(u1["last_snoozed_at"], Value::Null);
    assert!(u2["last_snoozed_at"].as_f64().is_some());
    assert_eq!(u2["last_answered_at"], Value::Null);
    assert_eq!(stranger["last_shown_at"], Value::Null);
}

#[tokio::test]
async fn without_the_proof_a_history_reveals_nothing() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    event(&app, &secret, "declined", "alice@example.com").await;
    // The demo project does not verify identities: nobody can prove anyone.
    app.post_response(
        &json!({"id": new_id(), "key": "demo", "score": 9, "user_id": "bob@example.com"}),
    )
    .await;
    let someone_elses = nps_collector::domain::user_hash(&secret, "mallory");

    let cases = [
        (
            history(&app, "secure", "alice@example.com", None).await,
            "no hash",
        ),
        (
            history(&app, "secure", "alice@example.com", Some(&someone_elses)).await,
            "another user's hash",
        ),
        (
            history(&app, "demo", "bob@example.com", None).await,
            "project without identity verification",
        ),
        (
            history(&app, "demo", "bob@example.com", Some("00ff")).await,
            "a hash where there is no secret",
        ),
    ];

    for (r, case) in cases {
        assert_eq!(r.status(), 403, "case: {case}");
        let body = r.text().await.unwrap();
        assert!(
            !body.contains("last_"),
            "case: {case}: no history in {body}"
        );
        let problem: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(problem["code"], "unverified_user", "case: {case}");
    }
}

#[tokio::test]
async fn an_event_for_a_user_needs_the_proof_when_the_project_verifies() {
    let app = spawn_app().await;
    verified_project(&app).await;

    let forged = app
        .client
        .post(app.url("/api/v1/events"))
        .json(&json!({"id": new_id(), "key": "secure", "kind": "declined", "user_id": "alice@example.com"}))
        .send()
        .await
        .unwrap();

    assert_eq!(forged.status(), 403);
    assert_eq!(problem_code(forged).await, "unverified_user");
}
