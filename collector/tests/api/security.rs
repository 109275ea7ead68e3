//! The admin API needs the admin token.

use crate::helpers::{problem_code, spawn_app};

#[tokio::test]
async fn admin_endpoints_without_the_token_are_401() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/stats?project=demo",
        "/api/v1/responses?project=demo",
        "/api/v1/projects",
    ] {
        let none = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(none.status(), 401, "no token: {path}");
        assert_eq!(problem_code(none).await, "unauthorized");

        let wrong = app
            .client
            .get(app.url(path))
            .bearer_auth("nope")
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), 401, "wrong token: {path}");

        let public_key = app
            .client
            .get(app.url(path))
            .bearer_auth("demo")
            .send()
            .await
            .unwrap();
        assert_eq!(public_key.status(), 401, "public key as token: {path}");
    }
}

#[tokio::test]
async fn stats_of_an_unknown_project_are_404() {
    let app = spawn_app().await;
    let r = app.admin_get("/api/v1/stats?project=ghost").await;
    assert_eq!(r.status(), 404);
    assert_eq!(problem_code(r).await, "unknown_key");
}

#[tokio::test]
async fn stats_without_a_project_are_400() {
    let app = spawn_app().await;
    let r = app.admin_get("/api/v1/stats").await;
    assert_eq!(r.status(), 400);
    assert_eq!(problem_code(r).await, "bad_query");
}
