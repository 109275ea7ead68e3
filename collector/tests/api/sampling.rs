//! Sampling that stops at the precision a team needs (issue 25): once the
//! month's answers give an adjusted-Wald margin at or below the target,
//! the public config carries `paused_until` (the next month's start in the
//! project's time zone), and not before.

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::helpers::{new_id, spawn_app, TestApp, ADMIN_TOKEN};

async fn config(app: &TestApp) -> Value {
    let r = app
        .client
        .get(app.url("/api/v1/config?key=demo"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn promoters(app: &TestApp, moment: &str, n: usize) {
    for _ in 0..n {
        let body = json!({"id": new_id(), "key": "demo", "score": 10, "moment": moment});
        assert_eq!(app.post_response(&body).await.status(), 201);
    }
}

async fn sampled(app: &TestApp, per_moment: bool) {
    let rules = json!({
        "moments": [{"event": "onboarding_completed"}, {"event": "invoice_paid"}],
        "sampling": {"target_margin": 30, "per_moment": per_moment}
    });
    let r = app
        .client
        .put(app.url("/api/v1/projects/demo/config"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&rules)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn paused_until_appears_once_the_months_margin_is_reached_and_not_before() {
    let app = spawn_app().await;
    sampled(&app, false).await;
    // Five promoters: a margin of 45.0 points; ten: 29.4, within 30.
    promoters(&app, "onboarding_completed", 5).await;

    let before = config(&app).await;
    promoters(&app, "onboarding_completed", 5).await;
    let after = config(&app).await;

    for m in before["moments"].as_array().unwrap() {
        assert!(m.get("paused_until").is_none(), "{m}");
    }
    let until = after["moments"][0]["paused_until"].as_str().unwrap();
    let until = OffsetDateTime::parse(until, &Rfc3339).unwrap();
    let now = OffsetDateTime::now_utc();
    assert!(until > now && until.day() == 1, "{until}");
    assert_eq!(
        (until.hour(), until.minute()),
        (0, 0),
        "the demo's zone is UTC"
    );
    assert_eq!(
        after["moments"][1]["paused_until"], after["moments"][0]["paused_until"],
        "the project's answers pause every moment"
    );
}

#[tokio::test]
async fn per_moment_sampling_pauses_only_the_moment_that_reached_the_margin() {
    let app = spawn_app().await;
    sampled(&app, true).await;

    promoters(&app, "onboarding_completed", 10).await;
    promoters(&app, "invoice_paid", 3).await;
    let after = config(&app).await;

    assert!(after["moments"][0]["paused_until"].is_string(), "{after}");
    assert!(after["moments"][1].get("paused_until").is_none(), "{after}");
}
