//! Moments sent by the host app's backend: validation, and pending moments in
//! the verified eligibility read (expiry, consumption by a prompt shown on
//! any device, quiet periods, erasure, retention).

use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

use crate::helpers::{new_id, spawn_app, TestApp, ADMIN_TOKEN};

/// Project `secure` (identities verified) with moment `ticket_solved` and a
/// quiet period after `support_contacted`; its identity secret and server
/// key.
pub async fn project(app: &TestApp) -> (String, String) {
    let r = app
        .client
        .post(app.url("/api/v1/projects"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"key": "secure", "name": "Secure", "config": {
            "moments": [{"event": "ticket_solved"}, {"event": "invoice_paid"}],
            "quiet_after": [{"event": "support_contacted", "hours": 120}]}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    (
        created["identity_secret"].as_str().unwrap().to_owned(),
        created["server_key"].as_str().unwrap().to_owned(),
    )
}

pub async fn send(app: &TestApp, key: &str, body: &Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/moments"))
        .bearer_auth(key)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn sent(app: &TestApp, key: &str, body: Value) {
    let r = send(app, key, &body).await;
    assert_eq!(r.status(), 201, "{body}");
    let receipt: Value = r.json().await.unwrap();
    assert!(receipt["id"].as_str().is_some_and(|id| !id.is_empty()));
}

fn ago(days: i64) -> String {
    (OffsetDateTime::now_utc() - Duration::days(days))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// The moments' names in `user`'s verified eligibility read.
pub async fn pending(app: &TestApp, secret: &str, user: &str) -> Vec<String> {
    let hash = nps_collector::domain::user_hash(secret, user);
    let r = app
        .client
        .get(app.url(&format!(
            "/api/v1/eligibility?key=secure&user_id={user}&user_hash={hash}"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let history: Value = r.json().await.unwrap();
    history["pending"]
        .as_array()
        .expect("pending is a list")
        .iter()
        .map(|p| {
            assert!(p["at"].as_f64().is_some(), "{p}");
            p["moment"].as_str().unwrap().to_owned()
        })
        .collect()
}

async fn shown(app: &TestApp, secret: &str, user: &str, moment: &str) {
    let hash = nps_collector::domain::user_hash(secret, user);
    let r = app
        .client
        .post(app.url("/api/v1/events"))
        .json(
            &json!({"id": new_id(), "key": "secure", "kind": "shown", "moment": moment,
            "user_id": user, "user_hash": hash}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn a_moment_sent_with_the_server_key_is_pending_for_its_user_only() {
    let app = spawn_app().await;
    let (secret, key) = project(&app).await;

    sent(
        &app,
        &key,
        json!({"user_id": "u-1", "moment": "ticket_solved",
        "at": ago(1), "props": {"ticket": "T-42", "priority": 2}}),
    )
    .await;

    assert_eq!(pending(&app, &secret, "u-1").await, ["ticket_solved"]);
    assert!(pending(&app, &secret, "u-2").await.is_empty());
    let export: Value = app
        .admin_get("/api/v1/users/u-1/export?project=secure")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(export["moments"][0]["moment"], "ticket_solved");
    assert_eq!(
        export["moments"][0]["props"],
        json!({"ticket": "T-42", "priority": 2.0})
    );
}

#[tokio::test]
async fn each_bad_field_is_a_422_naming_it() {
    let app = spawn_app().await;
    let (_, key) = project(&app).await;
    let in_a_week = (OffsetDateTime::now_utc() + Duration::days(7))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let cases = [
        (
            "empty user id",
            json!({"user_id": "", "moment": "m"}),
            "user_id",
        ),
        (
            "moment with a space",
            json!({"user_id": "u", "moment": "a b"}),
            "moment",
        ),
        (
            "time not RFC 3339",
            json!({"user_id": "u", "moment": "m", "at": "yesterday"}),
            "at",
        ),
        (
            "time next week",
            json!({"user_id": "u", "moment": "m", "at": in_a_week}),
            "at",
        ),
        (
            "a prop too long",
            json!({"user_id": "u", "moment": "m", "props": {"a": "x".repeat(2_000)}}),
            "props",
        ),
        (
            "unknown field",
            json!({"user_id": "u", "moment": "m", "score": 9}),
            "score",
        ),
    ];
    for (case, body, field) in cases {
        let r = send(&app, &key, &body).await;
        // (A nested property is a 400 like a nested trait: not JSON of the
        // expected shape.)
        let status = r.status();
        let problem: Value = r.json().await.unwrap();
        let message = problem["message"].as_str().unwrap_or_default();
        assert_eq!(status, 422, "{case}");
        assert!(message.contains(field), "{case}: {message}");
    }
}

#[tokio::test]
async fn a_moment_expires_after_the_projects_pending_days() {
    let app = spawn_app().await;
    let (secret, key) = project(&app).await;
    sent(
        &app,
        &key,
        json!({"user_id": "u-1", "moment": "ticket_solved", "at": ago(6)}),
    )
    .await;
    sent(
        &app,
        &key,
        json!({"user_id": "u-1", "moment": "invoice_paid", "at": ago(8)}),
    )
    .await;

    let by_default = pending(&app, &secret, "u-1").await;
    let r = app
        .client
        .put(app.url("/api/v1/projects/secure/config"))
        .bearer_auth(ADMIN_TOKEN)
        .json(
            &json!({"moments": [{"event": "ticket_solved"}, {"event": "invoice_paid"}],
            "pending_moment_days": 10}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let longer = pending(&app, &secret, "u-1").await;

    assert_eq!(by_default, ["ticket_solved"], "7 days by default");
    assert_eq!(longer, ["ticket_solved", "invoice_paid"], "10 days");
    for days in [0, 91] {
        let r = app
            .client
            .put(app.url("/api/v1/projects/secure/config"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&json!({"pending_moment_days": days}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{days} days");
        assert!(r.text().await.unwrap().contains("pending_moment_days"));
    }
}

#[tokio::test]
async fn a_prompt_shown_for_the_moment_on_any_device_consumes_it() {
    let app = spawn_app().await;
    let (secret, key) = project(&app).await;
    sent(
        &app,
        &key,
        json!({"user_id": "u-1", "moment": "ticket_solved"}),
    )
    .await;
    sent(
        &app,
        &key,
        json!({"user_id": "u-1", "moment": "invoice_paid"}),
    )
    .await;

    shown(&app, &secret, "u-1", "ticket_solved").await;
    let after_one = pending(&app, &secret, "u-1").await;
    sent(
        &app,
        &key,
        json!({"user_id": "u-1", "moment": "ticket_solved"}),
    )
    .await;
    let after_another = pending(&app, &secret, "u-1").await;

    assert_eq!(after_one, ["invoice_paid"]);
    assert_eq!(
        after_another.len(),
        2,
        "a later moment is pending again: {after_another:?}"
    );
}

#[tokio::test]
async fn a_quiet_period_moment_stays_listed_while_the_quiet_period_lasts() {
    let app = spawn_app().await;
    let (secret, key) = project(&app).await;
    let r = app
        .client
        .put(app.url("/api/v1/projects/secure/config"))
        .bearer_auth(ADMIN_TOKEN)
        .json(
            &json!({"moments": [{"event": "ticket_solved"}], "pending_moment_days": 1,
            "quiet_after": [{"event": "support_contacted", "hours": 120}]}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    sent(
        &app,
        &key,
        json!({"user_id": "u-1", "moment": "support_contacted", "at": ago(3)}),
    )
    .await;
    sent(
        &app,
        &key,
        json!({"user_id": "u-1", "moment": "ticket_solved", "at": ago(3)}),
    )
    .await;
    sent(
        &app,
        &key,
        json!({"user_id": "u-1", "moment": "support_contacted", "at": ago(6)}),
    )
    .await;

    assert_eq!(pending(&app, &secret, "u-1").await, ["support_contacted"]);
}

#[tokio::test]
async fn without_the_proof_no_pending_moment_is_revealed() {
    let app = spawn_app().await;
    let (_, key) = project(&app).await;
    sent(
        &app,
        &key,
        json!({"user_id": "u-1", "moment": "ticket_solved"}),
    )
    .await;

    let r = app
        .client
        .get(app.url("/api/v1/eligibility?key=secure&user_id=u-1"))
        .send()
        .await
        .unwrap();

    assert_eq!(r.status(), 403);
    assert!(!r.text().await.unwrap().contains("ticket_solved"));
}

#[tokio::test]
async fn erasing_a_user_removes_her_moments() {
    let app = spawn_app().await;
    let (secret, key) = project(&app).await;
    sent(
        &app,
        &key,
        json!({"user_id": "u-1", "moment": "ticket_solved"}),
    )
    .await;
    sent(
        &app,
        &key,
        json!({"user_id": "u-2", "moment": "ticket_solved"}),
    )
    .await;

    let r = app
        .client
        .delete(app.url("/api/v1/users/u-1?project=secure"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();

    assert_eq!(r.status(), 200);
    let deleted: Value = r.json().await.unwrap();
    assert_eq!(deleted["deleted"]["moments"], 1);
    let export: Value = app
        .admin_get("/api/v1/users/u-1/export?project=secure")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(export["moments"], json!([]));
    assert!(pending(&app, &secret, "u-1").await.is_empty());
    assert_eq!(pending(&app, &secret, "u-2").await, ["ticket_solved"]);
}

#[tokio::test]
async fn retention_removes_moments_older_than_the_period() {
    let app = spawn_app().await;
    let (_, key) = project(&app).await;
    sent(
        &app,
        &key,
        json!({"user_id": "u-1", "moment": "ticket_solved"}),
    )
    .await;
    let r = app
        .client
        .patch(app.url("/api/v1/projects/secure"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"retention_days": 30}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let store = nps_collector::store::open(&app.database_url).await.unwrap();

    let today = nps_collector::retention::run_once(store.as_ref(), OffsetDateTime::now_utc())
        .await
        .unwrap();
    let later = OffsetDateTime::now_utc() + Duration::days(32);
    let in_a_month = nps_collector::retention::run_once(store.as_ref(), later)
        .await
        .unwrap();

    assert_eq!((today, in_a_month), (0, 1));
    let rows = nps_collector::store::moments::pending(store.pool(), "secure", "u-1", 0)
        .await
        .unwrap();
    assert!(rows.is_empty());
}
