//! Every kind of bad input gets a 4xx problem `{code, message}` and stores
//! nothing.

use serde_json::{json, Value};

use crate::helpers::{new_id, problem_code, spawn_app, TestApp};

async fn assert_rejected(app: &TestApp, body: Value, status: u16, code: &str, case: &str) {
    let r = app.post_response(&body).await;
    assert_eq!(r.status(), status, "case: {case}");
    assert_eq!(problem_code(r).await, code, "case: {case}");
}

#[tokio::test]
async fn out_of_range_and_mistyped_scores_are_rejected_and_nothing_is_stored() {
    let app = spawn_app().await;
    let cases = [
        (json!(11), 422, "invalid_score", "score 11"),
        (json!(-1), 400, "malformed_json", "score -1"),
        (json!(9.5), 400, "malformed_json", "score 9.5"),
        (json!("9"), 400, "malformed_json", "score \"9\""),
        (json!(null), 400, "malformed_json", "score null"),
        (json!(1000), 400, "malformed_json", "score 1000"),
    ];
    for (score, status, code, case) in cases {
        let body = json!({"id": new_id(), "key": "demo", "score": score});
        assert_rejected(&app, body, status, code, case).await;
    }
    assert_eq!(app.stats().await["responses"], 0);
}

#[tokio::test]
async fn a_missing_score_is_rejected() {
    let app = spawn_app().await;
    assert_rejected(
        &app,
        json!({"id": new_id(), "key": "demo"}),
        400,
        "malformed_json",
        "no score",
    )
    .await;
}

#[tokio::test]
async fn an_unknown_key_is_rejected_with_404() {
    let app = spawn_app().await;
    let body = json!({"id": new_id(), "key": "nope", "score": 9});
    assert_rejected(&app, body, 404, "unknown_key", "unknown key").await;
}

#[tokio::test]
async fn a_comment_over_5000_characters_is_rejected() {
    let app = spawn_app().await;
    let long = "é".repeat(5_001);

    assert_rejected(
        &app,
        json!({"id": new_id(), "key": "demo", "score": 5, "comment": long}),
        422,
        "comment_too_long",
        "long comment on create",
    )
    .await;
    let (id, secret) = app.answer_with_secret(5).await;
    let r = app.comment(&id, "demo", &secret, &"x".repeat(5_001)).await;
    assert_eq!(r.status(), 422);
    assert_eq!(problem_code(r).await, "comment_too_long");
    assert_eq!(app.stats().await["responses"], 1);
}

#[tokio::test]
async fn a_body_over_64_kib_is_rejected_with_413() {
    let app = spawn_app().await;
    let padding = "a".repeat(70 * 1024);
    let body = format!(
        r#"{{"id":"{}","key":"demo","score":9,"url":"https://x/{padding}"}}"#,
        new_id()
    );

    let r = app.post_raw(body).await;

    assert_eq!(r.status(), 413);
    assert_eq!(problem_code(r).await, "payload_too_large");
    assert_eq!(app.stats().await["responses"], 0);
}

#[tokio::test]
async fn malformed_json_is_rejected_with_400() {
    let app = spawn_app().await;
    for (body, case) in [
        ("{not json", "broken syntax"),
        ("", "empty"),
        ("[1,2]", "array"),
    ] {
        let r = app.post_raw(body).await;
        assert_eq!(r.status(), 400, "case: {case}");
        assert_eq!(problem_code(r).await, "malformed_json", "case: {case}");
    }
}

#[tokio::test]
async fn a_body_without_json_content_type_is_rejected_with_415() {
    let app = spawn_app().await;
    let r = app
        .client
        .post(app.url("/api/v1/responses"))
        .body(json!({"id": new_id(), "key": "demo", "score": 9}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    assert_eq!(problem_code(r).await, "unsupported_media_type");
}

#[tokio::test]
async fn every_other_field_is_validated() {
    let app = spawn_app().await;
    let many_traits: serde_json::Map<String, Value> =
        (0..51).map(|i| (format!("t{i}"), json!(1))).collect();
    let cases = [
        (
            json!({"id": "not-a-uuid", "key": "demo", "score": 9}),
            "invalid_id",
            "bad id",
        ),
        (
            json!({"id": new_id(), "key": "demo", "score": 9, "moment": "has space"}),
            "invalid_event_name",
            "bad moment",
        ),
        (
            json!({"id": new_id(), "key": "demo", "score": 9, "user_id": ""}),
            "invalid_field",
            "empty user id",
        ),
        (
            json!({"id": new_id(), "key": "demo", "score": 9, "locale": "x"}),
            "invalid_field",
            "bad locale",
        ),
        (
            json!({"id": new_id(), "key": "demo", "score": 9, "url": "javascript:1"}),
            "invalid_field",
            "bad url",
        ),
        (
            json!({"id": new_id(), "key": "demo", "score": 9, "traits": many_traits}),
            "invalid_traits",
            "51 traits",
        ),
        (
            json!({"id": new_id(), "key": "bad key", "score": 9}),
            "invalid_key",
            "bad key",
        ),
    ];
    for (body, code, case) in cases {
        assert_rejected(&app, body, 422, code, case).await;
    }
    assert_rejected(
        &app,
        json!({"id": new_id(), "key": "demo", "score": 9, "traits": {"nested": {"a": 1}}}),
        400,
        "malformed_json",
        "nested trait",
    )
    .await;
    assert_eq!(app.stats().await["responses"], 0);
}
