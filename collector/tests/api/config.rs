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

#[tokio::test]
async fn a_team_changes_timing_rules_without_redeploying() {
    let app = spawn_app().await;
    let rules = serde_json::json!({
        "moments": [
            {"event": "onboarding_completed", "days_since_signup": 7, "priority": 2},
            {"event": "support_ticket_resolved", "delay_seconds": 5,
             "texts": {"fr": {"question": "Ce ticket a-t-il été bien traité ?"}}},
            {"event": "plan_upgraded", "traits": {"plan": ["pro", "team"]}, "days_after_response": 120}
        ],
        "sampling_percent": 25,
        "days_after_snooze": 7,
        "max_snoozes": 3,
        "quiet_after": [{"event": "support_contacted", "hours": 24}],
        "exclude_if_recent": [{"trait": "churned_at", "days": 30}]
    });

    let put = app
        .client
        .put(app.url("/api/v1/projects/demo/config"))
        .bearer_auth(crate::helpers::ADMIN_TOKEN)
        .json(&rules)
        .send()
        .await
        .unwrap();
    let config: serde_json::Value = app
        .client
        .get(app.url("/api/v1/config?key=demo"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    assert_eq!(put.status(), 200);
    assert_eq!(config["key"], "demo");
    assert_eq!(config["moments"].as_array().unwrap().len(), 3);
    assert_eq!(config["moments"][0]["days_since_signup"], 7);
    assert_eq!(config["moments"][2]["traits"]["plan"][1], "team");
    assert_eq!(config["sampling_percent"], 25.0);
    assert_eq!(config["quiet_after"][0]["hours"], 24);
    assert_eq!(config["exclude_if_recent"][0]["trait"], "churned_at");
    assert_eq!(
        config["days_after_response"], 90,
        "unset fields keep their defaults"
    );
    assert_eq!(config["min_days_between_prompts"], 30);
}

#[tokio::test]
async fn invalid_timing_rules_are_a_422_naming_the_rule() {
    let app = spawn_app().await;
    let cases = [
        (
            serde_json::json!({"sampling_percent": 101}),
            "sampling_percent",
        ),
        (serde_json::json!({"moments": [{"event": "a b"}]}), "event"),
        (
            serde_json::json!({"moments": [{"event": "x", "days_after_decline": 3}]}),
            "min_days_between_prompts",
        ),
    ];
    for (body, mentioned) in cases {
        let r = app
            .client
            .put(app.url("/api/v1/projects/demo/config"))
            .bearer_auth(crate::helpers::ADMIN_TOKEN)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{body}");
        let problem: serde_json::Value = r.json().await.unwrap();
        assert_eq!(problem["code"], "invalid_config");
        assert!(
            problem["message"].as_str().unwrap().contains(mentioned),
            "{problem}"
        );
    }
    let unchanged: serde_json::Value = app
        .client
        .get(app.url("/api/v1/config?key=demo"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(unchanged["moments"][0]["event"], "onboarding_completed");
}

#[tokio::test]
async fn timing_rules_need_the_admin_token() {
    let app = spawn_app().await;
    let r = app
        .client
        .put(app.url("/api/v1/projects/demo/config"))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}
