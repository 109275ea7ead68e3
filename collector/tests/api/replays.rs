//! A replayed `POST /api/v1/responses` is an edit: it passes the checks of
//! `PATCH` (the response's secret, the identity proof, the edit window)
//! before anything about the answer changes, tags included.

use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

use nps_collector::domain::ValidResponse;
use nps_collector::store;

use crate::eligibility::verified_project;
use crate::helpers::{new_id, new_secret, problem_code, spawn_app, TestApp, ADMIN_TOKEN};

/// A rule tagging every comment that says "refund".
async fn refund_rule(app: &TestApp, project: &str) {
    let r = app
        .client
        .post(app.url("/api/v1/tag-rules"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"project": project, "tag": "refund", "keywords": ["refund"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

/// The only answer of `project`, as the feed shows it.
async fn the_answer(app: &TestApp, project: &str) -> Value {
    let feed: Value = app
        .admin_get(&format!("/api/v1/responses?project={project}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(feed["items"].as_array().unwrap().len(), 1, "{feed}");
    feed["items"][0].clone()
}

#[tokio::test]
async fn a_strangers_replay_with_a_comment_is_refused_and_tags_nothing() {
    let app = spawn_app().await;
    refund_rule(&app, "demo").await;
    let (id, _author_secret) = app.answer_with_secret(4).await;

    let forged = app
        .post_response(&json!({"id": id, "key": "demo", "score": 4, "comment": "refund me"}))
        .await;
    let wrong = app
        .post_response(&json!({"id": id, "key": "demo", "score": 4, "comment": "refund", "secret": new_secret()}))
        .await;

    assert_eq!(forged.status(), 403);
    assert_eq!(problem_code(forged).await, "wrong_secret");
    assert_eq!(wrong.status(), 403);
    let answer = the_answer(&app, "demo").await;
    assert_eq!(answer["comment"], Value::Null, "no comment stored");
    assert_eq!(answer["tags"], json!([]), "the rules did not run");
}

#[tokio::test]
async fn a_replay_without_the_identity_proof_is_refused_like_a_patch() {
    let app = spawn_app().await;
    let identity = verified_project(&app).await;
    let hash = nps_collector::domain::user_hash(&identity, "alice");
    let (id, secret) = (new_id(), new_secret());
    let first = app
        .post_response(&json!({"id": id, "key": "secure", "score": 3, "user_id": "alice", "user_hash": hash, "secret": secret}))
        .await;
    assert_eq!(first.status(), 201);

    let replay = app
        .post_response(
            &json!({"id": id, "key": "secure", "score": 3, "comment": "x", "secret": secret}),
        )
        .await;
    let patch = app
        .patch_comment(
            &id,
            &json!({"key": "secure", "comment": "x", "secret": secret}),
        )
        .await;

    assert_eq!(replay.status(), 403);
    assert_eq!(problem_code(replay).await, "unverified_user");
    assert_eq!(patch.status(), 403, "the same answer as PATCH");
    assert_eq!(the_answer(&app, "secure").await["comment"], Value::Null);
}

#[tokio::test]
async fn a_replay_after_the_edit_window_is_refused_like_a_patch() {
    let app = spawn_app().await;
    refund_rule(&app, "demo").await;
    let (id, secret) = (new_id(), new_secret());
    let wire: nps_protocol::NewResponse =
        serde_json::from_value(json!({"id": id, "key": "demo", "score": 2, "secret": secret}))
            .unwrap();
    let store = store::open(&app.database_url).await.unwrap();
    let eight_days_ago = OffsetDateTime::now_utc() - Duration::days(8);
    store
        .insert_response(ValidResponse::try_from(wire).unwrap(), eight_days_ago)
        .await
        .unwrap();

    let replay = app
        .post_response(
            &json!({"id": id, "key": "demo", "score": 2, "comment": "refund", "secret": secret}),
        )
        .await;
    let patch = app.comment(&id, "demo", &secret, "refund").await;

    assert_eq!(replay.status(), 403);
    assert_eq!(problem_code(replay).await, "edit_window_closed");
    assert_eq!(patch.status(), 403, "the same answer as PATCH");
    let answer = the_answer(&app, "demo").await;
    assert_eq!(answer["comment"], Value::Null);
    assert_eq!(answer["tags"], json!([]));
}

#[tokio::test]
async fn the_authors_replay_fills_a_missing_comment_and_tags_it_once() {
    // The widget folds a comment typed while the score was queued into the
    // queued POST and sends it again when the first answer was lost.
    let app = spawn_app().await;
    refund_rule(&app, "demo").await;
    let (id, secret) = app.answer_with_secret(1).await;
    let body = json!({"id": id, "key": "demo", "score": 1, "comment": "I want a refund", "secret": secret});

    let replay = app.post_response(&body).await;
    let again = app.post_response(&body).await;
    let bare = app
        .post_response(&json!({"id": id, "key": "demo", "score": 1}))
        .await;

    assert_eq!(replay.status(), 200);
    assert_eq!(replay.json::<Value>().await.unwrap()["created"], false);
    assert_eq!(again.status(), 200, "nothing to fill: nothing changes");
    assert_eq!(
        bare.status(),
        200,
        "a replay without a comment needs no proof"
    );
    let answer = the_answer(&app, "demo").await;
    assert_eq!(answer["comment"], "I want a refund");
    assert_eq!(answer["tags"], json!(["refund"]));
}
