//! Impressions and outcomes of prompts.

use serde_json::json;

use crate::helpers::{new_id, problem_code, spawn_app};

#[tokio::test]
async fn an_event_is_stored_once() {
    let app = spawn_app().await;
    let body = json!({"id": new_id(), "key": "demo", "kind": "shown", "moment": "onboarding_completed", "user_id": "u-1"});
    let post = || {
        app.client
            .post(app.url("/api/v1/events"))
            .json(&body)
            .send()
    };

    let first = post().await.unwrap();
    let again = post().await.unwrap();

    assert_eq!(first.status(), 201);
    assert_eq!(again.status(), 200);
}

#[tokio::test]
async fn an_unknown_kind_is_rejected() {
    let app = spawn_app().await;
    for (kind, case) in [
        (json!("clicked"), "unknown kind"),
        (json!(null), "null kind"),
    ] {
        let r = app
            .client
            .post(app.url("/api/v1/events"))
            .json(&json!({"id": new_id(), "key": "demo", "kind": kind}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "case: {case}");
        assert_eq!(problem_code(r).await, "malformed_json", "case: {case}");
    }
}
