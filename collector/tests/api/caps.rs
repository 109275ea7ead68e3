//! What one request or one project may ask of the collector: at most 20
//! trait filters per request, at most 200 tag rules of at most 1 KB per
//! project, compiled once per change.

use serde_json::{json, Value};

use crate::helpers::{problem_code, spawn_app, TestApp, ADMIN_TOKEN};

/// Every reader of filters, with `n` trait filters.
fn readers(n: usize) -> Vec<String> {
    let traits: String = (0..n).map(|i| format!("&trait.t{i}=x")).collect();
    [
        "/api/v1/responses?project=demo",
        "/api/v1/stats?project=demo",
        "/api/v1/stats/segments?project=demo&by=moment",
        "/api/v1/stats/trend?project=demo",
        "/api/v1/responses/export?project=demo&format=csv",
    ]
    .iter()
    .map(|path| format!("{path}{traits}"))
    .collect()
}

#[tokio::test]
async fn more_than_20_trait_filters_are_refused_with_422_by_every_reader() {
    let app = spawn_app().await;
    app.answer(9).await;

    for path in readers(21).into_iter().chain(readers(996)) {
        let r = app.admin_get(&path).await;
        assert_eq!(r.status(), 422, "{}", &path[..60]);
        assert_eq!(problem_code(r).await, "invalid_filter");
    }
    for path in readers(20) {
        let r = app.admin_get(&path).await;
        assert_eq!(r.status(), 200, "20 filters are fine: {}", &path[..60]);
    }
}

async fn new_rule(app: &TestApp, body: Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/tag-rules"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_project_has_at_most_200_tag_rules() {
    let app = spawn_app().await;
    for i in 0..200 {
        let r = new_rule(
            &app,
            json!({"project": "demo", "tag": format!("t{i}"), "keywords": [format!("w{i}")]}),
        )
        .await;
        assert_eq!(r.status(), 201, "rule {i}");
    }

    let one_more = new_rule(
        &app,
        json!({"project": "demo", "tag": "x", "keywords": ["x"]}),
    )
    .await;

    assert_eq!(one_more.status(), 422);
    assert_eq!(problem_code(one_more).await, "too_many_rules");
}

#[tokio::test]
async fn a_regex_over_1_kb_or_compiling_too_large_is_refused() {
    let app = spawn_app().await;
    let cases = [
        ("a".repeat(1025), "1025 bytes"),
        (r"\w{1000}".to_owned(), "a short pattern that compiles huge"),
        (
            "(a|b){5000}".to_owned(),
            "a repetition past the program bound",
        ),
    ];
    for (regex, case) in cases {
        let r = new_rule(&app, json!({"project": "demo", "tag": "x", "regex": regex})).await;
        assert_eq!(r.status(), 422, "{case}");
        assert_eq!(problem_code(r).await, "invalid_rule", "{case}");
    }
    let fine = new_rule(
        &app,
        json!({"project": "demo", "tag": "x", "regex": "a".repeat(1024)}),
    )
    .await;
    assert_eq!(fine.status(), 201);
}

/// Posts an answer with `comment` and returns its tags.
async fn tags_of_new_answer(app: &TestApp, comment: &str) -> Value {
    let (id, secret) = app.answer_with_secret(3).await;
    assert_eq!(
        app.comment(&id, "demo", &secret, comment).await.status(),
        200
    );
    let feed: Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    let answer = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id.as_str())
        .unwrap();
    answer["tags"].clone()
}

#[tokio::test]
async fn compiled_rules_are_forgotten_as_soon_as_a_rule_changes() {
    let app = spawn_app().await;
    let slow: Value = new_rule(
        &app,
        json!({"project": "demo", "tag": "slow", "keywords": ["slow"]}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(tags_of_new_answer(&app, "slow app").await, json!(["slow"]));

    new_rule(
        &app,
        json!({"project": "demo", "tag": "price", "regex": r"\bpric(e|ing)\b"}),
    )
    .await;
    let both = tags_of_new_answer(&app, "Slow, and the pricing").await;
    let deleted = app
        .client
        .delete(app.url(&format!(
            "/api/v1/tag-rules/{}?project=demo",
            slow["id"].as_str().unwrap()
        )))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    let after = tags_of_new_answer(&app, "slow again").await;

    assert_eq!(
        both,
        json!(["price", "slow"]),
        "the new rule applies at once"
    );
    assert_eq!(deleted.status(), 204);
    assert_eq!(after, json!([]), "the deleted rule no longer applies");
}
