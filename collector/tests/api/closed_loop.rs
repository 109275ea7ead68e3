//! Tags and rules, follow-ups, webhooks: the closed loop, on both backends.

use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

use nps_collector::alerts::{dispatch_once, send_once, Alerts};
use nps_collector::store;

use crate::helpers::{
    new_id, new_secret, problem_code, spawn_app, spawn_app_on, spawn_app_with, TestApp, ADMIN_TOKEN,
};
use crate::receiver::Receiver;

async fn admin(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut r = app
        .client
        .request(method, app.url(path))
        .bearer_auth(ADMIN_TOKEN);
    if let Some(body) = body {
        r = r.json(&body);
    }
    r.send().await.unwrap()
}

async fn answer(app: &TestApp, score: u8, comment: Option<&str>) -> String {
    let (id, secret) = (new_id(), new_secret());
    let r = app
        .post_response(
            &json!({"id": id, "key": "demo", "score": score, "secret": secret, "user_id": "u-1"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    if let Some(c) = comment {
        assert_eq!(app.comment(&id, "demo", &secret, c).await.status(), 200);
    }
    id
}

#[tokio::test]
async fn tags_by_hand_and_by_rule_with_nps_per_tag() {
    let app = spawn_app().await;
    let early = answer(&app, 2, Some("The CSV export times out")).await;
    let r = admin(
        &app,
        reqwest::Method::POST,
        "/api/v1/tag-rules",
        Some(json!({"project": "demo", "tag": "export", "keywords": ["export"]})),
    )
    .await;
    assert_eq!(r.status(), 201);
    let later = answer(&app, 3, Some("EXPORT is broken again")).await;
    let praise = answer(&app, 10, Some("Love the dashboards")).await;

    let feed: Value = app
        .admin_get("/api/v1/responses?project=demo&tag=export")
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [later.as_str()],
        "the rule tags on arrival, not the past"
    );

    let applied: Value = admin(
        &app,
        reqwest::Method::POST,
        "/api/v1/tag-rules/apply?project=demo",
        None,
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(applied["tagged"], 1, "re-applied to history");
    let manual = admin(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/responses/{praise}/tags?project=demo"),
        Some(json!({"tag": "dashboards"})),
    )
    .await;
    assert_eq!(manual.status(), 200);
    assert_eq!(
        manual.json::<Value>().await.unwrap()["tags"],
        json!(["dashboards"])
    );

    let per_tag: Value = app
        .admin_get("/api/v1/stats/tags?project=demo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(per_tag["tags"][0]["value"], "export");
    assert_eq!(per_tag["tags"][0]["responses"], 2);
    assert_eq!(per_tag["tags"][0]["nps"], -100.0);
    let removed = admin(
        &app,
        reqwest::Method::DELETE,
        &format!("/api/v1/responses/{early}/tags/export?project=demo"),
        None,
    )
    .await;
    assert_eq!(removed.json::<Value>().await.unwrap()["tags"], json!([]));
    let bad = admin(
        &app,
        reqwest::Method::POST,
        "/api/v1/tag-rules",
        Some(json!({"project": "demo", "tag": "x", "regex": "(open"})),
    )
    .await;
    assert_eq!(bad.status(), 422);
}

#[tokio::test]
async fn a_detractor_is_assigned_contacted_and_resolved_with_its_history() {
    let app = spawn_app().await;
    let first = answer(&app, 1, Some("Support never answers")).await;
    let second = answer(&app, 5, None).await;
    answer(&app, 10, None).await;

    let inbox: Value = app
        .admin_get("/api/v1/followups?project=demo&status=open")
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["response"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [first.as_str(), second.as_str()],
        "detractors only, oldest first"
    );
    assert_eq!(inbox["items"][0]["status"], "new");
    assert_eq!(inbox["items"][0]["overdue"], false);

    let path = format!("/api/v1/followups/{first}?project=demo");
    for (body, status) in [
        (json!({"assignee": "maria@acme.example"}), "new"),
        (
            json!({"status": "contacted", "note": "Called, will fix the SLA"}),
            "contacted",
        ),
        (json!({"status": "resolved"}), "resolved"),
    ] {
        let r = admin(&app, reqwest::Method::PATCH, &path, Some(body)).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.json::<Value>().await.unwrap()["status"], status);
    }
    let wrong = admin(
        &app,
        reqwest::Method::PATCH,
        &path,
        Some(json!({"status": "ignored"})),
    )
    .await;
    assert_eq!(wrong.status(), 409);

    let one: Value = app.admin_get(&path).await.json().await.unwrap();
    let kinds: Vec<&str> = one["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["assignee", "status", "note", "status"]);
    assert_eq!(one["assignee"], "maria@acme.example");
    let open: Value = app
        .admin_get("/api/v1/followups?project=demo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        open["items"].as_array().unwrap().len(),
        1,
        "resolved leaves the inbox"
    );
    let resolved: Value = app
        .admin_get("/api/v1/responses?project=demo&status=resolved")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(resolved["items"][0]["id"], first.as_str());
}

/// A webhook on `receiver` for detractors; returns its id and secret.
async fn webhook(app: &TestApp, receiver: &Receiver, extra: Value) -> (String, String) {
    let mut body = json!({"project": "demo", "url": receiver.url, "categories": ["detractor"]});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let r = admin(app, reqwest::Method::POST, "/api/v1/webhooks", Some(body)).await;
    assert_eq!(r.status(), 201);
    let w: Value = r.json().await.unwrap();
    let secret = w["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    (w["id"].as_str().unwrap().to_owned(), secret)
}

/// The alert loops of a collector on `url`, driven by the test's clock.
async fn loops(url: &str) -> Alerts {
    let store = store::open(url).await.unwrap();
    Alerts::new(store, "http://nps.test".into(), true)
}

#[tokio::test]
async fn an_alert_survives_a_receiver_outage_and_a_restart_and_arrives_once() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    let (hook, secret) = webhook(&app, &receiver, json!({})).await;
    let detractor = answer(&app, 2, Some("Too slow")).await;
    answer(&app, 9, None).await;
    receiver.answer(503, None);
    let t0 = OffsetDateTime::now_utc() + Duration::seconds(30);
    let a = loops(&app.database_url).await;
    assert_eq!(
        dispatch_once(&a, t0).await.unwrap(),
        1,
        "the detractor only"
    );
    assert_eq!(send_once(&a, t0).await.unwrap(), 0, "the receiver is down");

    let (url, dir) = app.stop().await;
    let app = spawn_app_on(url.clone(), dir).await;
    receiver.answer(200, None);
    let b = loops(&url).await;
    assert_eq!(
        dispatch_once(&b, t0 + Duration::seconds(10)).await.unwrap(),
        0,
        "not enqueued twice"
    );
    assert_eq!(
        send_once(&b, t0 + Duration::seconds(10)).await.unwrap(),
        1,
        "retried after the restart"
    );
    assert_eq!(
        send_once(&b, t0 + Duration::hours(30)).await.unwrap(),
        0,
        "and never again"
    );

    let seen = receiver.seen();
    assert_eq!(seen.len(), 2, "one failed attempt, one delivery");
    let ids: Vec<_> = seen
        .iter()
        .map(|s| s.headers["webhook-id"].clone())
        .collect();
    assert_eq!(ids[0], ids[1], "the same event id on every attempt");
    let delivered = &seen[1];
    standardwebhooks::Webhook::new(&secret)
        .unwrap()
        .verify(delivered.body.as_bytes(), &delivered.headers)
        .expect("the signature verifies with the Standard Webhooks library");
    let body: Value = serde_json::from_str(&delivered.body).unwrap();
    assert_eq!(body["type"], "response.created");
    assert_eq!(body["data"]["response"]["id"], detractor.as_str());
    assert_eq!(body["data"]["response"]["comment"], "Too slow");
    assert_eq!(body["data"]["response"]["user_id"], "u-1");
    assert!(body["data"]["link"].as_str().unwrap().contains(&detractor));
    let log: Value = app
        .admin_get(&format!("/api/v1/webhooks/{hook}/deliveries"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(log["deliveries"][0]["status"], "delivered");
    assert_eq!(log["deliveries"][0]["attempts"], 2);
}

#[tokio::test]
async fn retry_after_is_honoured_and_410_disables_the_endpoint() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    let (hook, _) = webhook(&app, &receiver, json!({})).await;
    answer(&app, 0, None).await;
    let t0 = OffsetDateTime::now_utc() + Duration::seconds(30);
    let a = loops(&app.database_url).await;
    dispatch_once(&a, t0).await.unwrap();

    receiver.answer(503, Some(600));
    send_once(&a, t0).await.unwrap();
    assert_eq!(
        send_once(&a, t0 + Duration::seconds(300)).await.unwrap(),
        0,
        "waits as asked"
    );
    assert_eq!(receiver.seen().len(), 1);
    receiver.answer(410, None);
    send_once(&a, t0 + Duration::seconds(601)).await.unwrap();

    let list: Value = app
        .admin_get("/api/v1/webhooks?project=demo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["webhooks"][0]["id"], hook.as_str());
    assert_eq!(list["webhooks"][0]["enabled"], false);
    answer(&app, 1, None).await;
    dispatch_once(&a, t0 + Duration::seconds(700))
        .await
        .unwrap();
    send_once(&a, t0 + Duration::seconds(700)).await.unwrap();
    assert_eq!(receiver.seen().len(), 2, "nothing more after 410");
}

#[tokio::test]
async fn a_test_event_and_the_slack_format() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    let (hook, _) = webhook(
        &app,
        &receiver,
        json!({"format": "slack", "categories": ["promoter"], "score_min": 10}),
    )
    .await;
    let r = admin(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/webhooks/{hook}/test"),
        None,
    )
    .await;
    assert_eq!(r.status(), 202);
    answer(&app, 9, None).await;
    answer(&app, 10, Some("Best tool ever")).await;
    let t0 = OffsetDateTime::now_utc() + Duration::seconds(30);
    let a = loops(&app.database_url).await;

    dispatch_once(&a, t0).await.unwrap();
    send_once(&a, t0).await.unwrap();

    let bodies: Vec<Value> = receiver
        .seen()
        .iter()
        .map(|s| serde_json::from_str(&s.body).unwrap())
        .collect();
    assert_eq!(bodies.len(), 2, "the test and the 10 (not the 9)");
    let texts: Vec<&str> = bodies.iter().map(|b| b["text"].as_str().unwrap()).collect();
    assert!(texts.iter().any(|t| t.contains("Test alert")), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("10/10") && t.contains("Best tool ever")),
        "{texts:?}"
    );
}

#[tokio::test]
async fn webhooks_to_private_addresses_are_refused_unless_allowed() {
    let app = spawn_app_with(|s| s.webhook_allow_private = false).await;
    for url in [
        "http://127.0.0.1:9/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "ftp://example.com/x",
    ] {
        let r = admin(
            &app,
            reqwest::Method::POST,
            "/api/v1/webhooks",
            Some(json!({"project": "demo", "url": url})),
        )
        .await;
        assert_eq!(r.status(), 422, "{url}");
        assert_eq!(problem_code(r).await, "invalid_webhook");
    }
}
