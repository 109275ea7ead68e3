//! The public configuration the widget reads.

use crate::helpers::{problem_code, spawn_app};

#[tokio::test]
async fn the_demo_project_prompts_on_onboarding_completed_with_a_30_day_cooldown() {
    let app = spawn_app().await;

    let r = app
        .client
        .get(app.url("/api/v1/config?key=demo"))
        .send()
        .await
        .unwrap();

    assert_eq!(r.status(), 200);
    let etag = r.headers()["etag"].clone();
    let config: serde_json::Value = r.json().await.unwrap();
    assert_eq!(config["moments"][0]["event"], "onboarding_completed");
    assert_eq!(config["days_after_prompt"], 30);
    let again = app
        .client
        .get(app.url("/api/v1/config?key=demo"))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}

#[tokio::test]
async fn config_of_an_unknown_key_is_404() {
    let app = spawn_app().await;
    let r = app
        .client
        .get(app.url("/api/v1/config?key=ghost"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(problem_code(r).await, "unknown_key");
}
