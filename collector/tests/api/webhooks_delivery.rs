//! Delivering webhooks: concurrently (a slow receiver delays only itself),
//! each delivery leased once across instances, signed at the moment it is
//! sent, retried counting from the failure, and Slack text escaped. On
//! both backends; two collectors are in `webhooks_instances`.

use std::time::Duration;

use serde_json::{json, Value};
use time::OffsetDateTime;

use nps_collector::alerts::{dispatch_once, send_once, Alerts, Limits};
use nps_collector::store;

use crate::helpers::{new_id, new_secret, spawn_app, TestApp, ADMIN_TOKEN};
use crate::receiver::Receiver;

/// An admin request with an optional JSON body.
pub async fn admin(
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

/// Creates project `key` (no identity verification).
pub async fn create_project(app: &TestApp, key: &str) {
    let body = json!({"key": key, "name": key, "verify_identity": false});
    let r = admin(app, reqwest::Method::POST, "/api/v1/projects", Some(body)).await;
    assert_eq!(r.status(), 201, "project {key}");
}

/// A detractor webhook of `project` on `url`; returns the created endpoint.
pub async fn create_webhook(app: &TestApp, project: &str, url: &str, extra: Value) -> Value {
    let mut body = json!({"project": project, "url": url, "categories": ["detractor"]});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let r = admin(app, reqwest::Method::POST, "/api/v1/webhooks", Some(body)).await;
    assert_eq!(r.status(), 201);
    r.json().await.unwrap()
}

/// Stores a score (with a comment) from `user` in `project`; its id.
pub async fn answer(app: &TestApp, project: &str, user: &str, score: u8, comment: &str) -> String {
    let id = new_id();
    let r = app
        .post_response(
            &json!({"id": id, "key": project, "score": score, "secret": new_secret(),
                               "user_id": user, "comment": comment, "traits": {"plan": "pro"}}),
        )
        .await;
    assert_eq!(r.status(), 201);
    id
}

/// The alert loops of a collector on `url`, driven by the test's clock.
pub async fn loops(url: &str) -> Alerts {
    Alerts::new(
        store::open(url).await.unwrap(),
        "http://nps.test".into(),
        true,
    )
}

/// The endpoint's delivery log.
pub async fn log(app: &TestApp, hook: &Value) -> Vec<Value> {
    let path = format!(
        "/api/v1/webhooks/{}/deliveries",
        hook["id"].as_str().unwrap()
    );
    let log: Value = app.admin_get(&path).await.json().await.unwrap();
    log["deliveries"].as_array().unwrap().clone()
}

/// A moment past the dispatcher's grace period for answers stored now.
fn soon() -> OffsetDateTime {
    OffsetDateTime::now_utc() + time::Duration::seconds(30)
}

#[tokio::test]
async fn a_slow_receiver_does_not_delay_another_endpoints_delivery() {
    let app = spawn_app().await;
    create_project(&app, "other").await;
    let slow = Receiver::slow(Duration::from_secs(3)).await;
    let fast = Receiver::start().await;
    create_webhook(&app, "demo", &slow.url, json!({})).await;
    create_webhook(&app, "other", &fast.url, json!({})).await;
    answer(&app, "demo", "u-1", 2, "Slow").await;
    answer(&app, "other", "u-2", 1, "Fast").await;
    let a = loops(&app.database_url).await;
    let t0 = soon();
    assert_eq!(dispatch_once(&a, t0).await.unwrap(), 2);

    let pass = tokio::spawn(async move { send_once(&a, t0).await.unwrap() });
    let fast_arrived = fast.wait_for(1, Duration::from_secs(10)).await;

    assert!(fast_arrived, "the fast receiver got its alert");
    assert!(
        slow.answered().is_empty(),
        "before the slow receiver answered"
    );
    assert_eq!(pass.await.unwrap(), 2, "both delivered in one pass");
}

#[tokio::test]
async fn two_senders_on_one_database_send_a_slow_delivery_once() {
    let app = spawn_app().await;
    let slow = Receiver::slow(Duration::from_secs(2)).await;
    let hook = create_webhook(&app, "demo", &slow.url, json!({})).await;
    answer(&app, "demo", "u-1", 3, "Once please").await;
    let (a, b) = (
        loops(&app.database_url).await,
        loops(&app.database_url).await,
    );
    let t0 = soon();
    dispatch_once(&a, t0).await.unwrap();

    let (by_a, by_b) = tokio::join!(send_once(&a, t0), send_once(&b, t0));
    let later = send_once(&b, t0 + time::Duration::seconds(90))
        .await
        .unwrap();

    assert_eq!(by_a.unwrap() + by_b.unwrap(), 1, "one sender won the lease");
    assert_eq!(later, 0, "and the delivery is done");
    assert_eq!(slow.seen().len(), 1, "the receiver got it once");
    let log = log(&app, &hook).await;
    assert_eq!(log[0]["status"], "delivered");
    assert_eq!(log[0]["attempts"], 1);
}

#[tokio::test]
async fn the_signature_timestamp_is_the_time_of_sending() {
    let app = spawn_app().await;
    let slow = Receiver::slow(Duration::from_secs(2)).await;
    let hook = create_webhook(&app, "demo", &slow.url, json!({})).await;
    answer(&app, "demo", "u-1", 1, "First").await;
    answer(&app, "demo", "u-2", 2, "Second").await;
    // One at a time to this endpoint: the second waits for the first.
    let a = loops(&app.database_url).await.with_limits(Limits {
        per_endpoint: 1,
        ..Limits::default()
    });
    // The simulated pass is a minute ahead; the signature is not.
    let t0 = soon() + time::Duration::seconds(30);
    dispatch_once(&a, t0).await.unwrap();
    let before = OffsetDateTime::now_utc().unix_timestamp();

    assert_eq!(send_once(&a, t0).await.unwrap(), 2);

    let after = OffsetDateTime::now_utc().unix_timestamp();
    let seen = slow.seen();
    let stamps: Vec<i64> = seen
        .iter()
        .map(|s| {
            s.headers["webhook-timestamp"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(
        stamps.iter().all(|t| (before..=after).contains(t)),
        "real time of sending: {stamps:?} in {before}..={after}"
    );
    assert!(
        stamps[1] > stamps[0],
        "the second one's own time: {stamps:?}"
    );
    let secret = hook["secret"].as_str().unwrap();
    for s in &seen {
        standardwebhooks::Webhook::new(secret)
            .unwrap()
            .verify(s.body.as_bytes(), &s.headers)
            .expect("fresh enough for the reference library");
    }
}

#[tokio::test]
async fn backoff_counts_from_the_end_of_a_timed_out_attempt() {
    let app = spawn_app().await;
    let slow = Receiver::slow(Duration::from_secs(4)).await;
    let hook = create_webhook(&app, "demo", &slow.url, json!({})).await;
    answer(&app, "demo", "u-1", 0, "Timeout").await;
    let a = loops(&app.database_url).await.with_limits(Limits {
        send_timeout: Duration::from_secs(1),
        ..Limits::default()
    });
    let t0 = soon();
    dispatch_once(&a, t0).await.unwrap();

    assert_eq!(send_once(&a, t0).await.unwrap(), 0, "timed out");
    let early = send_once(&a, t0 + time::Duration::milliseconds(5_500))
        .await
        .unwrap();

    assert_eq!(early, 0);
    assert_eq!(slow.seen().len(), 1, "5 s after the start is too early");
    let entry = &log(&app, &hook).await[0];
    assert_eq!(entry["status"], "pending");
    assert!(
        entry["last_error"].as_str().unwrap().contains("timed out"),
        "{entry}"
    );
    let start = t0.unix_timestamp() * 1_000;
    let next_at = entry["next_at"].as_i64().unwrap();
    assert!(
        (start + 6_000..=start + 9_000).contains(&next_at),
        "5 s (+ jitter) after the 1 s timeout ended: {}",
        next_at - start
    );
}

#[tokio::test]
async fn slack_messages_escape_what_respondents_wrote() {
    let app = spawn_app().await;
    let slack = Receiver::start().await;
    create_webhook(&app, "demo", &slack.url, json!({"format": "slack"})).await;
    answer(
        &app,
        "demo",
        "<!here>",
        1,
        "<!channel> read <https://evil.example/x|https://nps.acme.example/ok> & <@U024BE7LH>",
    )
    .await;
    let a = loops(&app.database_url).await;
    dispatch_once(&a, soon()).await.unwrap();
    send_once(&a, soon()).await.unwrap();

    let body: Value = serde_json::from_str(&slack.seen()[0].body).unwrap();
    let text = body["text"].as_str().unwrap();
    assert!(text.contains("&lt;!channel&gt; read &lt;https://evil.example/x|https://nps.acme.example/ok&gt; &amp; &lt;@U024BE7LH&gt;"), "{text}");
    assert!(text.contains("from &lt;!here&gt;"), "{text}");
    assert_eq!(text.matches('<').count(), 1, "only our own link: {text}");
    assert!(text.ends_with("|Open>"), "{text}");
}

#[tokio::test]
async fn a_private_ip_literal_is_refused_when_sending_too() {
    // Created while private targets were allowed, sent by a collector
    // that no longer allows them: the connector would not ask the
    // resolver about an IP literal, so the sender checks it itself.
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    let hook = create_webhook(&app, "demo", &receiver.url, json!({})).await;
    answer(&app, "demo", "u-1", 2, "Hello").await;
    let strict = Alerts::new(
        store::open(&app.database_url).await.unwrap(),
        "http://nps.test".into(),
        false,
    );
    dispatch_once(&strict, soon()).await.unwrap();

    send_once(&strict, soon()).await.unwrap();

    assert!(receiver.seen().is_empty());
    let entry = &log(&app, &hook).await[0];
    assert!(
        entry["last_error"].as_str().unwrap().contains("loopback"),
        "{entry}"
    );
}
