//! A misspelt setting is refused with a 422 naming it, never answered 200
//! while nothing changes. The public ingest stays lenient, so a newer
//! widget's answers still reach an older collector.

use serde_json::{json, Value};

use crate::helpers::{new_id, problem_code, spawn_app, ADMIN_TOKEN};

#[tokio::test]
async fn admin_writes_refuse_unknown_fields_and_name_them() {
    let app = spawn_app().await;
    let cases = [
        (
            "PUT",
            "/api/v1/projects/demo/config",
            json!({"days_after_responce": 5}),
        ),
        ("PATCH", "/api/v1/projects/demo", json!({"nmae": "Renamed"})),
        (
            "POST",
            "/api/v1/projects",
            json!({"key": "other", "name": "Other", "retention_dayz": 3}),
        ),
    ];
    for (method, path, body) in cases {
        let r = app
            .client
            .request(method.parse().unwrap(), app.url(path))
            .bearer_auth(ADMIN_TOKEN)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{method} {path}");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["code"], "unknown_field", "{method} {path}");
        let field = body
            .as_object()
            .unwrap()
            .keys()
            .next_back()
            .unwrap()
            .clone();
        assert!(
            problem["message"].as_str().unwrap().contains(&field),
            "{method} {path}: {problem}"
        );
    }
    let project = app
        .admin_get("/api/v1/projects")
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(
        project["projects"][0]["name"], "Demo: Acme Analytics",
        "nothing changed"
    );
}

#[tokio::test]
async fn a_nested_unknown_field_is_named_with_its_path() {
    let app = spawn_app().await;
    let r = app
        .client
        .put(app.url("/api/v1/projects/demo/config"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"moments": [{"event": "x", "dealy_seconds": 3}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let problem: Value = r.json().await.unwrap();
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .contains("moments.0.dealy_seconds"),
        "{problem}"
    );
}

#[tokio::test]
async fn the_public_ingest_ignores_fields_it_does_not_know() {
    let app = spawn_app().await;
    let r = app
        .post_response(
            &json!({"id": new_id(), "key": "demo", "score": 9, "from_a_newer_widget": true}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let bad = app
        .post_response(&json!({"id": new_id(), "key": "demo", "score": 11}))
        .await;
    assert_eq!(bad.status(), 422);
    assert_eq!(problem_code(bad).await, "invalid_score");
}
