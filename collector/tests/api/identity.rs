//! Identity verification: a user id must be proven with an HMAC when the
//! project asks for it.

use serde_json::{json, Value};

use crate::helpers::{new_id, spawn_app, TestApp, ADMIN_TOKEN};

async fn verified_project(app: &TestApp) -> String {
    let created: Value = app
        .client
        .post(app.url("/api/v1/projects"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"key": "secure", "name": "Secure", "verify_identity": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    created["identity_secret"]
        .as_str()
        .expect("a secret is generated")
        .to_owned()
}

#[tokio::test]
async fn a_response_with_a_valid_user_hash_is_stored() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    let hash = nps_collector::domain::user_hash(&secret, "u-7");

    let r = app
        .post_response(&json!({"id": new_id(), "key": "secure", "score": 9, "user_id": "u-7", "user_hash": hash}))
        .await;

    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn an_answer_with_a_forged_or_missing_user_hash_is_kept_anonymous() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    let someone_elses = nps_collector::domain::user_hash(&secret, "u-8");
    let cases = [
        (
            json!({"id": new_id(), "key": "secure", "score": 0, "user_id": "u-7"}),
            "no hash",
        ),
        (
            json!({"id": new_id(), "key": "secure", "score": 0, "user_id": "u-7", "user_hash": someone_elses}),
            "another user's hash",
        ),
        (
            json!({"id": new_id(), "key": "secure", "score": 0, "user_id": "u-7", "user_hash": "00ff"}),
            "garbage",
        ),
    ];
    for (body, case) in cases {
        let r = app.post_response(&body).await;
        assert_eq!(r.status(), 201, "case: {case}: the answer is never lost");
    }
    let event = app
        .client
        .post(app.url("/api/v1/events"))
        .json(&json!({"id": new_id(), "key": "secure", "kind": "shown", "user_id": "u-7"}))
        .send()
        .await
        .unwrap();
    assert_eq!(event.status(), 403, "events are verified too");
    let stats: Value = app
        .admin_get("/api/v1/stats?project=secure")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stats["responses"], 3, "kept, without the claimed identity");
    let list: Value = app
        .admin_get("/api/v1/responses?project=secure")
        .await
        .json()
        .await
        .unwrap();
    for response in list["items"].as_array().unwrap() {
        assert_eq!(
            response["user_id"],
            Value::Null,
            "the unproven user id is dropped"
        );
        assert_eq!(response["identity_unverified"], true);
    }
}

#[tokio::test]
async fn a_failed_proof_is_flagged_on_every_read_and_the_claimed_id_kept_nowhere() {
    // Arrange: a proven answer, one whose proof is another user's, and one
    // without a user.
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    let proof = |user: &str| nps_collector::domain::user_hash(&secret, user);
    let answers = [
        json!({"id": new_id(), "key": "secure", "score": 9, "comment": "proven answer",
               "user_id": "u-7", "user_hash": proof("u-7")}),
        json!({"id": new_id(), "key": "secure", "score": 3, "comment": "unproven answer",
               "user_id": "u-9", "user_hash": proof("u-8")}),
        json!({"id": new_id(), "key": "secure", "score": 6, "comment": "nobody's answer"}),
    ];
    for body in &answers {
        assert_eq!(app.post_response(body).await.status(), 201);
    }

    // Act: the feed as the dashboard reads it, plain, searched and
    // filtered, and the JSON-lines export.
    let mut read = Vec::new();
    for query in ["", "&q=answer", "&category=detractor", "&has_comment=true"] {
        let page: Value = app
            .admin_get(&format!("/api/v1/responses?project=secure{query}"))
            .await
            .json()
            .await
            .unwrap();
        for item in page["items"].as_array().unwrap() {
            read.push((format!("feed{query}"), item.clone()));
        }
    }
    let export = app
        .admin_get("/api/v1/responses/export?project=secure&format=jsonl")
        .await
        .text()
        .await
        .unwrap();
    for line in export.lines() {
        read.push(("export".to_owned(), serde_json::from_str(line).unwrap()));
    }

    let of_claimed_user: Value = app
        .admin_get("/api/v1/responses?project=secure&user_id=u-9")
        .await
        .json()
        .await
        .unwrap();

    // Assert
    assert!(
        !export.contains("u-9"),
        "the unproven user id is not stored"
    );
    assert_eq!(
        of_claimed_user["items"],
        json!([]),
        "no answer is filed under the unproven user id"
    );
    let mut seen = std::collections::BTreeSet::new();
    for (place, answer) in read {
        let (user, flagged) = match answer["comment"].as_str().unwrap() {
            "proven answer" => (json!("u-7"), false),
            "unproven answer" => (Value::Null, true),
            "nobody's answer" => (Value::Null, false),
            other => panic!("{place}: unexpected answer {other}"),
        };
        let case = format!("{place}: {}", answer["comment"]);
        assert_eq!(answer["user_id"], user, "{case}");
        assert_eq!(answer["identity_unverified"], flagged, "{case}");
        seen.insert((place, answer["comment"].as_str().unwrap().to_owned()));
    }
    for place in [
        "feed",
        "feed&q=answer",
        "feed&category=detractor",
        "feed&has_comment=true",
        "export",
    ] {
        assert!(
            seen.contains(&(place.to_owned(), "unproven answer".to_owned())),
            "{place} shows the unproven answer"
        );
    }
}

#[tokio::test]
async fn new_projects_verify_identities_unless_told_not_to() {
    let app = spawn_app().await;
    let create = |key: &'static str, body: Value| {
        let app = &app;
        async move {
            let mut body = body;
            body["key"] = json!(key);
            body["name"] = json!(key);
            let r = app
                .client
                .post(app.url("/api/v1/projects"))
                .bearer_auth(ADMIN_TOKEN)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 201);
            r.json::<Value>().await.unwrap()
        }
    };

    let default = create("by-default", json!({})).await;
    let off = create("opted-out", json!({"verify_identity": false})).await;

    assert!(default["identity_secret"]
        .as_str()
        .is_some_and(|s| s.len() >= 32));
    assert_eq!(off["identity_secret"], Value::Null);
}

#[tokio::test]
async fn anonymous_answers_need_no_hash() {
    let app = spawn_app().await;
    verified_project(&app).await;

    let r = app
        .post_response(&json!({"id": new_id(), "key": "secure", "score": 8}))
        .await;

    assert_eq!(r.status(), 201);
}
