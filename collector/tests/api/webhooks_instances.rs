//! Two collectors on one PostgreSQL, with their real loops: a webhook
//! whose receiver answers after 14 s is delivered once, and does not
//! delay another project's delivery. (SQLite has one collector per file:
//! skipped there.)

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_on, TestApp};
use crate::receiver::Receiver;
use crate::webhooks_delivery::{answer, create_project, create_webhook, log};

fn on_postgres() -> bool {
    std::env::var("NPS_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres"))
}

/// Polls the endpoint's log until it holds `n` deliveries, all
/// `delivered`, up to `limit`; whether it got there.
async fn delivered_within(app: &TestApp, hook: &Value, n: usize, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        let log = log(app, hook).await;
        if log.len() == n && log.iter().all(|d| d["status"] == "delivered") {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test]
async fn two_collectors_on_one_postgres_deliver_slow_webhooks_once_without_delaying_another_project(
) {
    if !on_postgres() {
        eprintln!("skipped: two collectors need NPS_TEST_DATABASE_URL=postgres://…");
        return;
    }
    let a = spawn_app().await;
    let b = spawn_app_on(a.database_url.clone(), tempfile::tempdir().unwrap()).await;
    create_project(&a, "other").await;
    let slow = Receiver::slow(Duration::from_secs(14)).await;
    let fast = Receiver::start().await;
    let slow_hook = create_webhook(&a, "demo", &slow.url, json!({})).await;
    let fast_hook = create_webhook(&b, "other", &fast.url, json!({})).await;

    // The slow project's answers first, so their deliveries are under way
    // when the other project's becomes due (all wait out the 10 s grace):
    // two of them, enough to keep both instances busy were each sending
    // one delivery at a time.
    answer(&a, "demo", "u-1", 2, "Slow receiver").await;
    answer(&b, "demo", "u-3", 3, "Slow receiver again").await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    answer(&b, "other", "u-2", 1, "Fast receiver").await;
    let fast_arrived = fast.wait_for(1, Duration::from_secs(40)).await;
    let slow_answered = slow.answered();
    let slow_done = delivered_within(&a, &slow_hook, 2, Duration::from_secs(40)).await;
    // Room for a second instance's duplicate, were there one.
    tokio::time::sleep(Duration::from_secs(3)).await;

    assert!(fast_arrived, "the other project's alert arrived");
    assert!(
        slow_answered.is_empty() || fast.seen()[0].at < slow_answered[0],
        "the other project's alert arrived before the slow receiver answered"
    );
    let mut ids: Vec<String> = slow
        .seen()
        .iter()
        .map(|s| s.headers["webhook-id"].to_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(
        slow.seen().len(),
        2,
        "the slow receiver was asked once per alert"
    );
    assert_eq!(ids.len(), 2, "two alerts, not one twice: {ids:?}");
    assert!(slow_done, "the slow deliveries are recorded as delivered");
    for entry in log(&b, &slow_hook).await {
        assert_eq!(entry["attempts"], 1, "{entry}");
    }
    assert_eq!(fast.seen().len(), 1, "the fast receiver was asked once");
    assert_eq!(log(&a, &fast_hook).await[0]["status"], "delivered");
}
