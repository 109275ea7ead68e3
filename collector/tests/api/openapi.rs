//! The OpenAPI document describes every route.

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_openapi_document_lists_every_api_route() {
    let app = spawn_app().await;

    let r = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();

    assert_eq!(r.status(), 200);
    let doc: serde_json::Value = r.json().await.unwrap();
    for path in [
        "/api/v1/responses",
        "/api/v1/responses/{id}",
        "/api/v1/events",
        "/api/v1/config",
        "/api/v1/stats",
        "/api/v1/projects",
        "/api/v1/projects/{key}/config",
        "/api/v1/eligibility",
        "/api/v1/projects/{key}/import",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["components"]["schemas"]["NewResponse"].is_object());
    assert!(doc["components"]["schemas"]["ImportSummary"].is_object());
    assert!(doc["components"]["securitySchemes"]["admin_token"].is_object());
}
