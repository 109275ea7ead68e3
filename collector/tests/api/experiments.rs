//! Experiments on a moment (issue 25): variants in the config, checked;
//! impressions and answers recording their variant; the figures per
//! variant against the control, on a seeded set computed by hand.

use serde_json::{json, Value};

use crate::helpers::{new_id, problem_code, spawn_app, TestApp, ADMIN_TOKEN};

/// The demo moment as a two-variant experiment.
fn two_variants() -> Value {
    json!({"moments": [{
        "event": "onboarding_completed",
        "experiment": {"id": "wording-1", "started_at": "2020-01-01T00:00:00Z"},
        "variants": [
            {"id": "control", "weight": 1},
            {"id": "short", "weight": 1, "delay_ms": 10000, "position": "bottom-left",
             "idle": {"idle_ms": 2000, "max_wait_ms": 30000, "carry": true},
             "texts": {"en": {"question": "Would you recommend us?", "why_detractor": "What went wrong?"},
                       "fr": {"question": "Vous nous recommanderiez ?"}}}
        ]
    }]})
}

async fn put_config(app: &TestApp, body: &Value) -> reqwest::Response {
    app.client
        .put(app.url("/api/v1/projects/demo/config"))
        .bearer_auth(ADMIN_TOKEN)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn public_config(app: &TestApp) -> Value {
    let r = app
        .client
        .get(app.url("/api/v1/config?key=demo"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn post(app: &TestApp, path: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn shown(app: &TestApp, variant: &str, times: usize) {
    for _ in 0..times {
        let body = json!({"id": new_id(), "key": "demo", "kind": "shown",
                          "moment": "onboarding_completed", "variant": variant});
        assert_eq!(post(app, "/api/v1/events", body).await.status(), 201);
    }
}

async fn answered(app: &TestApp, variant: &str, scores: &[(u8, usize)], comments: usize) {
    let mut commented = 0;
    for &(score, times) in scores {
        for _ in 0..times {
            let mut body = json!({"id": new_id(), "key": "demo", "score": score,
                                  "moment": "onboarding_completed", "variant": variant});
            if commented < comments {
                body["comment"] = json!("because");
                commented += 1;
            }
            assert_eq!(app.post_response(&body).await.status(), 201);
        }
    }
}

#[tokio::test]
async fn variants_an_experiment_and_the_asking_rules_are_stored_and_served() {
    let app = spawn_app().await;
    let mut body = two_variants();
    body["cadence_overrides"] =
        json!([{"trait": "plan", "value": "enterprise", "after_answer_days": 180}]);
    body["sampling"] = json!({"target_margin": 5, "per_moment": true});

    let put = put_config(&app, &body).await;
    let config = public_config(&app).await;

    assert_eq!(put.status(), 200);
    let moment = &config["moments"][0];
    assert_eq!(moment["experiment"]["id"], "wording-1");
    assert_eq!(
        moment["variants"][0],
        json!({"id": "control", "weight": 1.0})
    );
    assert_eq!(moment["variants"][1]["idle"]["carry"], true);
    assert_eq!(
        moment["variants"][1]["texts"]["fr"]["question"],
        "Vous nous recommanderiez ?"
    );
    assert_eq!(moment["variants"][1]["position"], "bottom-left");
    assert_eq!(config["cadence_overrides"][0]["after_answer_days"], 180);
    assert_eq!(config["sampling"]["target_margin"], 5.0);
    assert!(moment.get("paused_until").is_none(), "{moment}");
}

#[tokio::test]
async fn bad_variants_are_a_422_naming_the_mistake() {
    let app = spawn_app().await;
    let with = |f: &dyn Fn(&mut Value)| {
        let mut body = two_variants();
        f(&mut body["moments"][0]);
        body
    };
    let cases = [
        (
            with(&|m| m["variants"][1]["id"] = json!("control")),
            "twice",
        ),
        (with(&|m| m["variants"][0]["weight"] = json!(0)), "weight"),
        (
            with(&|m| m["variants"][1]["position"] = json!("top")),
            "position",
        ),
        (
            with(&|m| m["variants"][1]["idle"]["idle_ms"] = json!(10)),
            "idle_ms",
        ),
        (with(&|m| m["variants"] = json!([])), "needs variants"),
        (
            with(&|m| m["experiment"]["winner"] = json!("long")),
            "winner",
        ),
        (
            with(&|m| m["idle"] = json!({"idle_ms": 900000, "max_wait_ms": 1000000})),
            "idle_ms",
        ),
    ];
    for (body, mentioned) in cases {
        let r = put_config(&app, &body).await;
        assert_eq!(r.status(), 422, "case {mentioned}");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["code"], "invalid_config", "{problem}");
        let message = problem["message"].as_str().unwrap();
        assert!(
            message.contains(mentioned),
            "{message} should name {mentioned}"
        );
    }
    let typo = with(&|m| m["variants"][0]["wieght"] = json!(1));
    let r = put_config(&app, &typo).await;
    assert_eq!(r.status(), 422);
    assert_eq!(problem_code(r).await, "unknown_field");
}

#[tokio::test]
async fn impressions_and_answers_record_their_variant_for_the_feed_and_the_export() {
    let app = spawn_app().await;
    assert_eq!(put_config(&app, &two_variants()).await.status(), 200);
    shown(&app, "short", 1).await;
    answered(&app, "short", &[(9, 1)], 0).await;
    let bad = json!({"id": new_id(), "key": "demo", "kind": "shown", "variant": "a b"});

    let refused = post(&app, "/api/v1/events", bad).await;
    let feed: Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    let csv = app
        .admin_get("/api/v1/responses/export?project=demo&format=csv")
        .await
        .text()
        .await
        .unwrap();
    let jsonl = app
        .admin_get("/api/v1/responses/export?project=demo&format=jsonl")
        .await
        .text()
        .await
        .unwrap();

    assert_eq!(refused.status(), 422);
    assert_eq!(problem_code(refused).await, "invalid_variant");
    assert_eq!(feed["items"][0]["variant"], "short", "{feed}");
    assert!(csv.lines().next().unwrap().ends_with(",variant"), "{csv}");
    assert!(csv.lines().nth(1).unwrap().ends_with(",short"), "{csv}");
    let line: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(line["variant"], "short");
}

#[tokio::test]
async fn experiment_figures_match_the_hand_computed_ones() {
    let app = spawn_app().await;
    assert_eq!(put_config(&app, &two_variants()).await.status(), 200);
    // Control: 40 shown, 10 answered (6 promoters, 2 passives, 2
    // detractors), 4 comments. Short: 40 shown, 24 answered (12, 6, 6), 6
    // comments. Not counted: a variant the config does not list.
    shown(&app, "control", 40).await;
    shown(&app, "short", 40).await;
    shown(&app, "retired", 3).await;
    answered(&app, "control", &[(10, 6), (8, 2), (3, 2)], 4).await;
    answered(&app, "short", &[(9, 12), (7, 6), (0, 6)], 6).await;

    let r = app
        .admin_get("/api/v1/stats/experiments?project=demo&moment=onboarding_completed")
        .await;

    assert_eq!(r.status(), 200);
    let x: Value = r.json().await.unwrap();
    assert_eq!(x["experiment"]["id"], "wording-1");
    let (control, short) = (&x["variants"][0], &x["variants"][1]);
    assert_eq!(x["variants"].as_array().unwrap().len(), 2, "{x}");
    assert_eq!(
        (
            control["id"].clone(),
            control["shown"].clone(),
            control["answered"].clone()
        ),
        (json!("control"), json!(40), json!(10))
    );
    assert_eq!(control["response_rate"], 0.25);
    // Wilson: 10/40 → [0.142, 0.402]; 24/40 → [0.446, 0.737].
    assert_eq!(
        control["response_rate_ci95"],
        json!({"low": 0.142, "high": 0.402})
    );
    assert_eq!(
        short["response_rate_ci95"],
        json!({"low": 0.446, "high": 0.737})
    );
    assert_eq!(control["comment_rate"], 0.4);
    assert_eq!(short["comment_rate"], 0.25);
    assert_eq!(
        (control["nps"].clone(), short["nps"].clone()),
        (json!(40.0), json!(25.0))
    );
    // Adjusted Wald: (6.75 − 2.75)/13 ± 1.96·SE → [-12.59, 74.12].
    assert_eq!(control["ci95"], json!({"low": -12.59, "high": 74.12}));
    assert_eq!(control["responses"], 10);
    assert_eq!(control["vs_control"], Value::Null);
    let vs = &short["vs_control"];
    // Pooled z = 3.1663 → p = 0.0015; NPS z = −0.3145 → p = 0.7531.
    assert_eq!(vs["rate_difference"], 0.35);
    assert_eq!(vs["rate_p_value"], 0.0015);
    assert_eq!(vs["nps_difference"], -15.0);
    assert_eq!(vs["nps_p_value"], 0.7531);
    assert_eq!(vs["significant"], true);
    // 25% → 30% at α .05 two-sided, power .8: 1,251 per variant.
    assert_eq!(
        x["needed_for"],
        json!({"rate_points": 5, "impressions": 1251})
    );
}

#[tokio::test]
async fn a_persons_export_shows_her_variants_and_erasure_leaves_none() {
    let app = spawn_app().await;
    assert_eq!(put_config(&app, &two_variants()).await.status(), 200);
    let moment = "onboarding_completed";
    let event = json!({"id": new_id(), "key": "demo", "kind": "shown", "moment": moment,
                       "variant": "short", "user_id": "alice"});
    let answer = json!({"id": new_id(), "key": "demo", "score": 9, "moment": moment,
                        "variant": "short", "user_id": "alice"});
    assert_eq!(post(&app, "/api/v1/events", event).await.status(), 201);
    assert_eq!(app.post_response(&answer).await.status(), 201);
    let export: Value = app
        .admin_get("/api/v1/users/alice/export?project=demo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(export["responses"][0]["variant"], "short", "{export}");
    assert_eq!(export["events"][0]["variant"], "short", "{export}");

    let erased = app
        .client
        .delete(app.url("/api/v1/users/alice?project=demo"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    let x: Value = app
        .admin_get("/api/v1/stats/experiments?project=demo&moment=onboarding_completed")
        .await
        .json()
        .await
        .unwrap();

    assert_eq!(erased.status(), 200);
    assert_eq!(x["variants"][1]["shown"], 0, "{x}");
    assert_eq!(x["variants"][1]["answered"], 0, "{x}");
}

#[tokio::test]
async fn experiment_figures_need_a_member_and_a_configured_moment() {
    let app = spawn_app().await;
    let path = "/api/v1/stats/experiments?project=demo&moment=onboarding_completed";
    let anonymous = app.client.get(app.url(path)).send().await.unwrap();
    let unknown = app
        .admin_get("/api/v1/stats/experiments?project=demo&moment=nope")
        .await;
    let plain: Value = app.admin_get(path).await.json().await.unwrap();

    assert_eq!(anonymous.status(), 401);
    assert_eq!(unknown.status(), 404);
    assert_eq!(plain["variants"], json!([]), "a moment without variants");
    assert_eq!(plain["experiment"], Value::Null);
}

#[tokio::test]
async fn an_ended_experiment_serves_its_winner_alone_and_keeps_its_history() {
    let app = spawn_app().await;
    let mut body = two_variants();
    body["moments"][0]["experiment"]["ended_at"] = json!("2020-02-01T00:00:00Z");
    body["moments"][0]["experiment"]["winner"] = json!("short");

    assert_eq!(put_config(&app, &body).await.status(), 200);
    let served = public_config(&app).await;
    let projects: Value = app
        .client
        .get(app.url("/api/v1/projects"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    let moment = &served["moments"][0];
    assert!(moment.get("experiment").is_none(), "{moment}");
    assert_eq!(moment["variants"].as_array().unwrap().len(), 1);
    assert_eq!(moment["variants"][0]["id"], "short");
    assert_eq!(moment["variants"][0]["position"], "bottom-left");
    let demo = projects["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == "demo")
        .unwrap();
    let kept = &demo["config"]["moments"][0];
    assert_eq!(kept["experiment"]["winner"], "short", "{demo}");
    assert_eq!(kept["variants"].as_array().unwrap().len(), 2);
}
