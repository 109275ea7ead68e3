//! Storing scores and comments, and replaying them.

use serde_json::json;

use crate::helpers::{new_id, spawn_app};

#[tokio::test]
async fn a_valid_score_is_stored_with_201() {
    let app = spawn_app().await;
    let id = new_id();

    let r = app
        .post_response(&json!({
            "id": id, "key": "demo", "score": 9, "user_id": "u-1",
            "moment": "onboarding_completed", "traits": {"plan": "pro", "seats": 3},
            "locale": "fr", "url": "https://app.example/welcome"
        }))
        .await;

    assert_eq!(r.status(), 201);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body, json!({"id": id, "created": true}));
    let list: serde_json::Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    let stored = &list["items"][0];
    assert_eq!(stored["score"], 9);
    assert_eq!(stored["category"], "promoter");
    assert_eq!(stored["user_id"], "u-1");
    assert_eq!(stored["moment"], "onboarding_completed");
    assert_eq!(stored["traits"]["plan"], "pro");
    assert_eq!(stored["locale"], "fr");
}

#[tokio::test]
async fn replaying_the_same_id_answers_200_and_stores_nothing_new() {
    let app = spawn_app().await;
    let body = json!({"id": new_id(), "key": "demo", "score": 4});

    let first = app.post_response(&body).await;
    let second = app.post_response(&body).await;

    assert_eq!(first.status(), 201);
    assert_eq!(second.status(), 200);
    let receipt: serde_json::Value = second.json().await.unwrap();
    assert_eq!(receipt["created"], false);
    assert_eq!(app.stats().await["responses"], 1);
}

#[tokio::test]
async fn copies_of_one_answer_sent_at_once_are_stored_and_counted_once() {
    // Copies arriving together may land in one write batch: the first is
    // stored, the others are replays, and the roll-ups count it once.
    let app = spawn_app().await;
    let body = json!({
        "id": new_id(), "key": "demo", "score": 10, "traits": {"plan": "pro"},
        "moment": "onboarding_completed", "locale": "fr"
    });
    let other = json!({"id": new_id(), "key": "demo", "score": 3, "traits": {"plan": "pro"}});

    let (copies, other) = tokio::join!(
        futures_util::future::join_all((0..48).map(|_| app.post_response(&body))),
        app.post_response(&other),
    );

    let mut statuses: Vec<u16> = copies.iter().map(|r| r.status().as_u16()).collect();
    statuses.sort_unstable();
    assert_eq!(statuses[0], 200);
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        47,
        "{statuses:?}"
    );
    assert_eq!(other.status(), 201);
    let stats = app.stats().await;
    assert_eq!(
        (stats["responses"].as_u64(), stats["promoters"].as_u64()),
        (Some(2), Some(1))
    );
    let segments: serde_json::Value = app
        .admin_get("/api/v1/stats/segments?project=demo&by=trait.plan")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(segments["segments"][0]["value"], "pro");
    assert_eq!(segments["segments"][0]["responses"], 2);
}

#[tokio::test]
async fn a_replay_with_another_score_keeps_the_original() {
    let app = spawn_app().await;
    let id = new_id();
    app.post_response(&json!({"id": id, "key": "demo", "score": 10}))
        .await;

    app.post_response(&json!({"id": id, "key": "demo", "score": 0}))
        .await;

    let stats = app.stats().await;
    assert_eq!(
        (stats["responses"].as_u64(), stats["promoters"].as_u64()),
        (Some(1), Some(1))
    );
}

#[tokio::test]
async fn a_comment_follows_as_an_update_of_the_same_response() {
    let app = spawn_app().await;
    let (id, secret) = app.answer_with_secret(6).await;

    let r = app
        .comment(&id, "demo", &secret, "  Too slow on big reports  ")
        .await;

    assert_eq!(r.status(), 200);
    let list: serde_json::Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["comment"], "Too slow on big reports");
    assert_eq!(
        app.stats().await["responses"],
        1,
        "an update is not a new response"
    );
}

#[tokio::test]
async fn a_comment_for_an_unknown_response_is_404() {
    let app = spawn_app().await;

    let r = app
        .comment(&new_id(), "demo", &crate::helpers::new_secret(), "hello")
        .await;

    assert_eq!(r.status(), 404);
    assert_eq!(crate::helpers::problem_code(r).await, "not_found");
}

#[tokio::test]
async fn a_score_sent_with_its_comment_keeps_both() {
    let app = spawn_app().await;

    let r = app
        .post_response(&json!({"id": new_id(), "key": "demo", "score": 8, "comment": "Solid"}))
        .await;

    assert_eq!(r.status(), 201);
    let list: serde_json::Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["comment"], "Solid");
}

#[tokio::test]
async fn the_widget_can_post_from_any_origin() {
    let app = spawn_app().await;

    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/responses"))
        .header("origin", "https://customer.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();

    assert!(
        preflight.status().is_success(),
        "preflight status {}",
        preflight.status()
    );
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn a_dry_run_validates_but_stores_nothing() {
    let app = spawn_app().await;
    let post = |body: serde_json::Value| {
        app.client
            .post(app.url("/api/v1/responses?dry_run=true"))
            .json(&body)
            .send()
    };

    let ok = post(json!({"id": new_id(), "key": "demo", "score": 9}))
        .await
        .unwrap();
    let bad = post(json!({"id": new_id(), "key": "demo", "score": 11}))
        .await
        .unwrap();

    assert_eq!(ok.status(), 200);
    assert_eq!(bad.status(), 422);
    assert_eq!(app.stats().await["responses"], 0);
}

#[tokio::test]
async fn a_replay_carrying_a_comment_fills_a_missing_comment_but_never_overwrites() {
    // The widget may merge a comment into a POST whose first attempt was
    // stored but whose answer was lost; the replay must not lose it.
    let app = spawn_app().await;
    let (id, secret) = (new_id(), crate::helpers::new_secret());
    app.post_response(&json!({"id": id, "key": "demo", "score": 3, "secret": secret}))
        .await;

    let replay = app
        .post_response(
            &json!({"id": id, "key": "demo", "score": 3, "comment": "Too slow", "secret": secret}),
        )
        .await;
    let another = app
        .post_response(&json!({"id": id, "key": "demo", "score": 3, "comment": "Overwrite?", "secret": secret}))
        .await;

    assert_eq!(replay.status(), 200);
    assert_eq!(another.status(), 200);
    let list: serde_json::Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["comment"], "Too slow");
    assert_eq!(app.stats().await["responses"], 1);
}
