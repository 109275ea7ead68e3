//! The daily digest counts the project's days (its time zone), and reads a
//! provisional score interval first, as the dashboard does.

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::helpers::{spawn_app, ADMIN_TOKEN};
use crate::receiver::Receiver;
use crate::seeding::{at, seed};
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
