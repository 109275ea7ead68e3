//! Identity verification: a user id must be proven with an HMAC when the
//! project asks for it.

use serde_json::{json, Value};

use crate::helpers::{new_id, problem_code, spawn_app, TestApp, ADMIN_TOKEN};

async fn verified_project(app: &TestApp) -> String {
    let created: Value = app
        .client
        .post(app.url("/api/v1/projects"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"key": "secure", "name": "Secure", "verify_identity": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    created["identity_secret"]
        .as_str()
        .expect("a secret is generated")
        .to_owned()
}

#[tokio::test]
async fn a_response_with_a_valid_user_hash_is_stored() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    let hash = nps_collector::domain::user_hash(&secret, "u-7");

    let r = app
        .post_response(&json!({"id": new_id(), "key": "secure", "score": 9, "user_id": "u-7", "user_hash": hash}))
        .await;

    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn a_forged_or_missing_user_hash_is_403_and_nothing_is_stored() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    let someone_elses = nps_collector::domain::user_hash(&secret, "u-8");
    let cases = [
        (
            json!({"id": new_id(), "key": "secure", "score": 0, "user_id": "u-7"}),
            "no hash",
        ),
        (
            json!({"id": new_id(), "key": "secure", "score": 0, "user_id": "u-7", "user_hash": someone_elses}),
            "another user's hash",
        ),
        (
            json!({"id": new_id(), "key": "secure", "score": 0, "user_id": "u-7", "user_hash": "00ff"}),
            "garbage",
        ),
    ];
    for (body, case) in cases {
        let r = app.post_response(&body).await;
        assert_eq!(r.status(), 403, "case: {case}");
        assert_eq!(problem_code(r).await, "unverified_user", "case: {case}");
    }
    let event = app
        .client
        .post(app.url("/api/v1/events"))
        .json(&json!({"id": new_id(), "key": "secure", "kind": "shown", "user_id": "u-7"}))
        .send()
        .await
        .unwrap();
    assert_eq!(event.status(), 403, "events are verified too");
    let stats: Value = app
        .admin_get("/api/v1/stats?project=secure")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stats["responses"], 0);
}

#[tokio::test]
async fn anonymous_answers_need_no_hash() {
    let app = spawn_app().await;
    verified_project(&app).await;

    let r = app
        .post_response(&json!({"id": new_id(), "key": "secure", "score": 8}))
        .await;

    assert_eq!(r.status(), 201);
}
