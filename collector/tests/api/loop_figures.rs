//! One person's timeline, the loop's figures against a hand count, and the
//! signed `tag.shipped` webhook.

use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

use nps_collector::alerts::{send_once, Alerts};
use nps_collector::stats::{compare, Distribution};
use nps_collector::store;

use crate::helpers::{new_id, spawn_app, TestApp};
use crate::loop_support::{
    admin, announced, answer, eligibility, event, set_tag, verified_project,
};
use crate::receiver::Receiver;
use crate::seeding::execute;

async fn follow_up(app: &TestApp, id: &str, change: Value) {
    let r = admin(
        app,
        "PATCH",
        &format!("/api/v1/followups/{id}?project=secure"),
        Some(change),
    )
    .await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn the_timeline_tells_a_persons_story_oldest_first() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    let shown = json!({"id": new_id(), "kind": "shown", "moment": "upgraded"});
    assert_eq!(event(&app, &secret, "alice", shown).await.status(), 201);
    let id = answer(&app, &secret, Some("alice"), 3, &["export"]).await;
    follow_up(
        &app,
        &id,
        json!({"status": "contacted", "note": "Called her"}),
    )
    .await;
    set_tag(&app, "secure", "export", announced()).await;
    let notice = eligibility(&app, &secret, "alice", None).await["notices"][0]["id"].clone();
    let seen = json!({"id": new_id(), "kind": "notice_seen", "notice": notice});
    assert_eq!(event(&app, &secret, "alice", seen).await.status(), 201);
    let later = json!({"id": new_id(), "kind": "declined"});
    assert_eq!(event(&app, &secret, "alice", later).await.status(), 201);
    answer(&app, &secret, Some("bob"), 9, &["export"]).await;

    let story: Value = app
        .admin_get("/api/v1/users/alice/timeline?project=secure")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(story["user_id"], "alice");
    let items = story["items"].as_array().unwrap();
    let kinds: Vec<&str> = items.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "shown",
            "response",
            "tag",
            "followup",
            "note",
            "notice",
            "notice_seen",
            "declined"
        ],
        "{story:#}"
    );
    let at: Vec<&str> = items.iter().map(|i| i["at"].as_str().unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] <= w[1]), "oldest first: {at:?}");
    assert_eq!(
        (items[0]["moment"].as_str(), items[1]["score"].as_u64()),
        (Some("upgraded"), Some(3))
    );
    assert_eq!(
        (items[2]["tag"].as_str(), items[3]["value"].as_str()),
        (Some("export"), Some("contacted"))
    );
    assert_eq!(items[4]["value"], "Called her");
    assert_eq!(items[5]["value"], "CSV export is ten times faster now.");
    assert_eq!(items[6]["notice"], items[5]["notice"]);
}

#[tokio::test]
async fn the_loop_figures_match_a_hand_count() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    // Four answers 100 hours ago: three detractors and a promoter.
    let alice = answer(&app, &secret, Some("alice"), 3, &[]).await;
    let bob = answer(&app, &secret, Some("bob"), 2, &[]).await;
    answer(&app, &secret, Some("carol"), 5, &["export"]).await;
    answer(&app, &secret, Some("dan"), 9, &[]).await;
    execute(
        &app,
        "UPDATE responses SET created_at = created_at - 360000000",
    )
    .await;
    // Alice is contacted 10 hours after her answer (within 48), Bob 60
    // hours after (late), then resolved; Carol is never contacted.
    follow_up(
        &app,
        &alice,
        json!({"status": "contacted", "assignee": "ana"}),
    )
    .await;
    follow_up(
        &app,
        &bob,
        json!({"status": "contacted", "assignee": "sam"}),
    )
    .await;
    follow_up(&app, &bob, json!({"status": "resolved"})).await;
    for (id, hours) in [(&alice, 10), (&bob, 60)] {
        execute(&app, &format!(
            "UPDATE followup_history SET created_at = (SELECT r.created_at FROM responses r
               WHERE r.project_key = followup_history.project_key AND r.id = followup_history.response_id)
               + {} WHERE response_id = '{id}'", hours * 3_600_000)).await;
    }
    // Alice answers again, 9, after her follow-up; Carol is told.
    answer(&app, &secret, Some("alice"), 9, &[]).await;
    set_tag(&app, "secure", "export", announced()).await;
    let notice = eligibility(&app, &secret, "carol", None).await["notices"][0]["id"].clone();
    let seen = json!({"id": new_id(), "kind": "notice_seen", "notice": notice});
    assert_eq!(event(&app, &secret, "carol", seen).await.status(), 201);

    let figures: Value = app
        .admin_get("/api/v1/stats/loop?project=secure")
        .await
        .json()
        .await
        .unwrap();
    let f = &figures["followups"];
    assert_eq!(f["detractors"], 3, "{figures:#}");
    assert_eq!(f["contacted_in_time"], 1);
    assert_eq!(f["contacted_in_time_rate"], 0.333);
    assert_eq!(f["median_hours_to_contact"], (10.0 + 60.0) / 2.0);
    assert_eq!(f["resolved"], 1);
    let by: Vec<(Value, u64, u64)> = f["by_assignee"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["assignee"].clone(),
                a["contacted_in_time"].as_u64().unwrap(),
                a["resolved"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        by,
        [
            (Value::Null, 0, 0),
            (json!("ana"), 1, 0),
            (json!("sam"), 0, 1)
        ]
    );
    let r = &figures["recovery"];
    let (before, after) = (
        Distribution::from_scores([3]),
        Distribution::from_scores([9]),
    );
    let expected = compare(&after, &before);
    assert_eq!(r["people"], 1, "alice; bob never answered again");
    assert_eq!(
        (r["before_nps"].as_f64(), r["after_nps"].as_f64()),
        (Some(-100.0), Some(100.0))
    );
    assert_eq!(r["difference"], 200.0);
    assert_eq!(r["p_value"], expected.p_value);
    assert_eq!(r["significant"], expected.significant);
    assert_eq!(figures["notices"], json!({"told": 1, "seen": 1}));

    let later: Value = app
        .admin_get("/api/v1/stats/loop?project=secure&from=2000-01-01&to=2000-01-02")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(later["followups"]["detractors"], 0, "the period applies");
    assert_eq!(later["recovery"]["people"], 0);
    assert_eq!(later["notices"], json!({"told": 0, "seen": 0}));
}

#[tokio::test]
async fn shipping_sends_a_signed_tag_shipped_event_to_the_endpoints_that_asked() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    let receiver = Receiver::start().await;
    let mut hooks = Vec::new();
    for types in [json!(["tag.shipped"]), json!(null)] {
        let body = json!({"project": "secure", "url": receiver.url, "types": types});
        let r = admin(&app, "POST", "/api/v1/webhooks", Some(body)).await;
        assert_eq!(r.status(), 201);
        hooks.push(r.json::<Value>().await.unwrap());
    }
    assert_eq!(
        hooks[1]["filter"]["types"],
        json!(["response.created"]),
        "the default"
    );
    answer(&app, &secret, Some("bob"), 2, &["export"]).await;
    answer(&app, &secret, Some("alice"), 3, &["export"]).await;
    set_tag(&app, "secure", "export", announced()).await;

    let alerts = Alerts::new(
        store::open(&app.database_url).await.unwrap(),
        "http://nps.test".into(),
        true,
    );
    send_once(&alerts, OffsetDateTime::now_utc() + Duration::seconds(1))
        .await
        .unwrap();
    let seen = receiver.seen();
    assert_eq!(
        seen.len(),
        1,
        "only the endpoint that asked for tag.shipped"
    );
    standardwebhooks::Webhook::new(hooks[0]["secret"].as_str().unwrap())
        .unwrap()
        .verify(seen[0].body.as_bytes(), &seen[0].headers)
        .expect("the signature verifies with the Standard Webhooks library");
    let body: Value = serde_json::from_str(&seen[0].body).unwrap();
    assert_eq!(body["type"], "tag.shipped");
    assert!(body["timestamp"].is_string());
    assert_eq!(body["data"]["project"], "secure");
    assert_eq!(body["data"]["tag"], "export");
    assert_eq!(
        body["data"]["announcement"]["en"],
        "CSV export is ten times faster now."
    );
    assert_eq!(body["data"]["people"], json!(["alice", "bob"]));
}
