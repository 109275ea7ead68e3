//! Several collector instances on one database behave as one service.

use serde_json::json;

use crate::helpers::{new_id, spawn_app, spawn_app_on};

#[tokio::test]
async fn two_instances_share_idempotency_and_stats() {
    let a = spawn_app().await;
    let b = spawn_app_on(a.database_url.clone(), tempfile::tempdir().unwrap()).await;
    let body = json!({"id": new_id(), "key": "demo", "score": 10});

    let first = a.post_response(&body).await;
    let replay = b.post_response(&body).await;
    b.answer(2).await;

    assert_eq!(first.status(), 201);
    assert_eq!(
        replay.status(),
        200,
        "the replay on the other instance is known"
    );
    for app in [&a, &b] {
        let stats = app.stats().await;
        assert_eq!(stats["responses"], 2);
        assert_eq!(stats["nps"], 0.0);
    }
}

#[tokio::test]
async fn a_comment_may_land_on_another_instance_than_its_score() {
    let a = spawn_app().await;
    let b = spawn_app_on(a.database_url.clone(), tempfile::tempdir().unwrap()).await;
    let (id, secret) = a.answer_with_secret(3).await;

    let r = b.comment(&id, "demo", &secret, "Pricing").await;

    assert_eq!(r.status(), 200);
    let list: serde_json::Value = a
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["comment"], "Pricing");
}
