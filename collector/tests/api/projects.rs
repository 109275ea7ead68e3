//! Creating and listing projects.

use serde_json::json;

use crate::helpers::{new_id, problem_code, spawn_app, ADMIN_TOKEN};

#[tokio::test]
async fn a_created_project_accepts_responses() {
    let app = spawn_app().await;

    let created = app
        .client
        .post(app.url("/api/v1/projects"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"key": "acme", "name": "Acme", "moments": ["plan_upgraded"]}))
        .send()
        .await
        .unwrap();
    let posted = app
        .post_response(&json!({"id": new_id(), "key": "acme", "score": 7}))
        .await;

    assert_eq!(created.status(), 201);
    assert_eq!(posted.status(), 201);
    let list: serde_json::Value = app
        .admin_get("/api/v1/projects")
        .await
        .json()
        .await
        .unwrap();
    let keys: Vec<_> = list["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].clone())
        .collect();
    assert_eq!(keys, vec![json!("acme"), json!("demo")]);
}

#[tokio::test]
async fn a_duplicate_project_key_is_409() {
    let app = spawn_app().await;
    let r = app
        .client
        .post(app.url("/api/v1/projects"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"key": "demo", "name": "Again"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    assert_eq!(problem_code(r).await, "conflict");
}
