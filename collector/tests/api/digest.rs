//! The daily digest counts the project's days (its time zone), reads a
//! provisional score interval first, as the dashboard does, and lists the
//! themes of the comments that are emerging.

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::helpers::{new_id, new_secret, spawn_app, TestApp, ADMIN_TOKEN};
use crate::receiver::Receiver;
use crate::seeding::{at, execute, seed};
use crate::webhooks_delivery::{create_webhook, loops};
use nps_collector::alerts::{digest_once, send_once};

#[tokio::test]
async fn the_digest_reads_a_small_sample_interval_first_on_the_projects_days() {
    let app = spawn_app().await;
    let r = app
        .client
        .patch(app.url("/api/v1/projects/demo"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"timezone": "Pacific/Kiritimati"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // Kiritimati is UTC+14: "yesterday" there is not UTC's.
    let now = OffsetDateTime::now_utc();
    let local_yesterday_noon = (now + time::Duration::hours(14))
        .date()
        .midnight()
        .assume_utc()
        - time::Duration::hours(14 + 12);
    let when = local_yesterday_noon.format(&Rfc3339).unwrap();
    seed(&app, &[at(&when, 10)]).await;
    let receiver = Receiver::start().await;
    create_webhook(
        &app,
        "demo",
        &receiver.url,
        json!({"digest": true, "format": "slack"}),
    )
    .await;

    let a = loops(&app.database_url).await;
    assert_eq!(digest_once(&a, now).await.unwrap(), 1);
    send_once(&a, now).await.unwrap();
    assert!(
        receiver
            .wait_for(1, std::time::Duration::from_secs(10))
            .await
    );

    let body: Value = serde_json::from_str(&receiver.seen()[0].body).unwrap();
    let text = body["text"].as_str().unwrap();
    assert!(
        text.contains("1 answer: too few to estimate; between"),
        "{text}"
    );
    assert!(
        !text.contains("100"),
        "no bare 100 for one promoter: {text}"
    );
}

async fn comment(app: &TestApp, score: u8, text: &str) {
    let body = json!({"id": new_id(), "key": "demo", "score": score, "comment": text,
                      "locale": "en", "traits": {"plan": "pro"}, "secret": new_secret()});
    assert_eq!(app.post_response(&body).await.status(), 201, "{text}");
}

#[tokio::test]
async fn the_digest_lists_emerging_themes_with_their_share_before_and_now() {
    let app = spawn_app().await;
    // The 7 days before: 40 unrelated comments and one on a dark mode.
    for i in 0..40 {
        comment(&app, 8, &format!("Delta{i}q echo{i}w")).await;
    }
    comment(&app, 4, "Please add a dark mode").await;
    execute(
        &app,
        "UPDATE responses SET created_at = created_at - 604800000",
    )
    .await;
    // Then 40 others and 12 on the dark mode; yesterday, all of them.
    for i in 0..40 {
        comment(&app, 9, &format!("Foxtrot{i}q golf{i}w")).await;
    }
    for _ in 0..12 {
        comment(&app, 4, "Dark mode please, my eyes hurt").await;
    }
    execute(
        &app,
        "UPDATE responses SET created_at = created_at - 86400000",
    )
    .await;
    seed(&app, &[]).await;
    let receiver = Receiver::start().await;
    for format in ["standard", "slack"] {
        create_webhook(
            &app,
            "demo",
            &receiver.url,
            json!({"digest": true, "format": format}),
        )
        .await;
    }

    let now = OffsetDateTime::now_utc();
    let a = loops(&app.database_url).await;
    assert_eq!(digest_once(&a, now).await.unwrap(), 2);
    send_once(&a, now).await.unwrap();
    assert!(
        receiver
            .wait_for(2, std::time::Duration::from_secs(10))
            .await
    );

    let bodies: Vec<Value> = receiver
        .seen()
        .iter()
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect();
    let standard = bodies.iter().find(|b| b["type"] == "digest.daily").unwrap();
    let rising = standard["data"]["emerging_themes"].as_array().unwrap();
    assert_eq!(rising.len(), 1, "{rising:?}");
    assert_eq!(rising[0]["terms"][0], "dark");
    assert_eq!(rising[0]["responses"], 12);
    assert_eq!(
        (&rising[0]["share_before"], &rising[0]["share_now"]),
        (&json!(0.0244), &json!(0.2308)),
        "1 of 41 comments, then 12 of 52"
    );
    let label = rising[0]["label"].as_str().unwrap();
    let slack = bodies.iter().find_map(|b| b["text"].as_str()).unwrap();
    assert!(
        slack.ends_with(&format!("; emerging: “{label}” 2% → 23% of comments")),
        "{slack}"
    );
}
