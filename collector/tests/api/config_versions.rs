//! The history of a project's config: every save is a version (who, when,
//! what changed), and an old version can be saved again.

use serde_json::{json, Value};

use crate::helpers::{problem_code, spawn_app, TestApp, ADMIN_TOKEN};

async fn put_config(app: &TestApp, config: Value) -> reqwest::Response {
    app.client
        .put(app.url("/api/v1/projects/demo/config"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&config)
        .send()
        .await
        .unwrap()
}

async fn versions(app: &TestApp) -> Vec<Value> {
    let r = app.admin_get("/api/v1/projects/demo/config/versions").await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    body["versions"].as_array().unwrap().clone()
}

async fn revert(app: &TestApp, version: i64) -> reqwest::Response {
    app.client
        .post(app.url(&format!(
            "/api/v1/projects/demo/config/versions/{version}/revert"
        )))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn every_save_is_a_version_with_who_when_and_what_changed() {
    let app = spawn_app().await;
    // The demo's rules as they are: no change, no version.
    let same = json!({"moments": [{"event": "onboarding_completed"}]});
    assert_eq!(put_config(&app, same).await.status(), 200);
    assert!(versions(&app).await.is_empty());
    let first = json!({"moments": [{"event": "onboarding_completed", "days_since_signup": 7}]});
    assert_eq!(put_config(&app, first.clone()).await.status(), 200);
    assert_eq!(
        put_config(&app, first).await.status(),
        200,
        "same rules again"
    );
    let second = json!({"moments": [{"event": "onboarding_completed", "days_since_signup": 7}],
                        "days_after_response": 30, "appearance": {"theme": "dark"}});
    assert_eq!(put_config(&app, second).await.status(), 200);

    let v = versions(&app).await;

    assert_eq!(
        v.len(),
        3,
        "the rules replaced first, then two changes: {v:?}"
    );
    let numbers: Vec<i64> = v.iter().map(|x| x["version"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [3, 2, 1]);
    assert_eq!(v[0]["actor"], "admin-token");
    assert!(v[0]["created_at"].as_i64().unwrap() > 1_700_000_000_000);
    assert_eq!(
        v[0]["changed"],
        json!(["appearance", "days_after_response"])
    );
    assert_eq!(v[0]["config"]["days_after_response"], 30);
    assert_eq!(v[1]["changed"], json!(["moments"]));
    assert_eq!(v[2]["note"], "as it was before the first recorded change");
    assert_eq!(v[2]["changed"], json!([]));
    assert_eq!(
        v[2]["config"]["moments"][0],
        json!({"event": "onboarding_completed"})
    );
}

#[tokio::test]
async fn an_old_version_is_saved_again_as_a_new_one() {
    let app = spawn_app().await;
    put_config(
        &app,
        json!({"moments": [{"event": "a_moment"}], "sampling_percent": 50}),
    )
    .await;
    put_config(
        &app,
        json!({"moments": [{"event": "b_moment"}], "sampling_percent": 10}),
    )
    .await;
    let before = versions(&app).await;
    assert_eq!(before.len(), 3, "the demo's rules, then two changes");
    let old = before[1]["version"].as_i64().unwrap();

    let r = revert(&app, old).await;

    assert_eq!(r.status(), 200);
    let config: Value = r.json().await.unwrap();
    assert_eq!(config["moments"][0]["event"], "a_moment");
    let live: Value = app
        .client
        .get(app.url("/api/v1/config?key=demo"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        live["sampling_percent"], 50.0,
        "the widget reads the reverted rules"
    );
    let after = versions(&app).await;
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after[0]["note"], format!("reverted to version {old}"));
    assert_eq!(after[0]["changed"], json!(["moments", "sampling_percent"]));
}

#[tokio::test]
async fn an_unknown_version_or_project_is_404_and_the_token_is_needed() {
    let app = spawn_app().await;
    let r = revert(&app, 9_999).await;
    assert_eq!(r.status(), 404);
    assert_eq!(problem_code(r).await, "not_found");
    let r = app.admin_get("/api/v1/projects/nope/config/versions").await;
    assert_eq!(r.status(), 404);
    let r = app
        .client
        .get(app.url("/api/v1/projects/demo/config/versions"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn a_version_that_is_not_a_number_is_a_404_problem() {
    let app = spawn_app().await;
    for version in ["9223372036854775808", "abc", "-"] {
        let r = app
            .client
            .post(app.url(&format!(
                "/api/v1/projects/demo/config/versions/{version}/revert"
            )))
            .bearer_auth(ADMIN_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{version}");
        assert_eq!(problem_code(r).await, "not_found", "{version}");
    }
}

#[tokio::test]
async fn the_legacy_floor_name_is_not_listed_as_a_change_of_its_own() {
    // Arrange: `days_after_prompt` (the floor's first name) follows
    // `min_days_between_prompts`; it is never set on its own.
    let app = spawn_app().await;
    let moments = json!([{"event": "onboarding_completed"}]);
    let floor = json!({"moments": moments, "min_days_between_prompts": 45});
    let sampling = json!({"moments": moments, "min_days_between_prompts": 45,
                          "sampling_percent": 50.0});

    // Act
    assert_eq!(put_config(&app, floor).await.status(), 200);
    assert_eq!(put_config(&app, sampling).await.status(), 200);
    let v = versions(&app).await;

    // Assert
    assert_eq!(v[0]["changed"], json!(["sampling_percent"]), "{v:?}");
    assert_eq!(
        v[1]["changed"],
        json!(["min_days_between_prompts"]),
        "{v:?}"
    );
    assert_eq!(
        v[1]["config"]["days_after_prompt"], 45,
        "the widget of the first release still reads it"
    );
}
