//! A shipped tag and a person's rights: her export lists what she was told
//! and the `tag.shipped` alerts that name her; her erasure takes her out of
//! those alerts' bodies and leaves the others told in them.

use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp};
use crate::loop_support::{admin, announced, answer, set_tag, verified_project};
use crate::receiver::Receiver;

async fn export(app: &TestApp, user: &str) -> Value {
    let r = admin(
        app,
        "POST",
        &format!("/api/v1/users/{user}/export?project=secure"),
        None,
    )
    .await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

fn shipped_people(export: &Value) -> Vec<Value> {
    export["webhook_deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["event_type"] == "tag.shipped")
        .map(|d| d["payload"]["data"]["people"].clone())
        .collect()
}

#[tokio::test]
async fn an_export_lists_the_notices_and_shipped_alerts_and_an_erasure_takes_her_out_of_them() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    let receiver = Receiver::start().await;
    let body = json!({"project": "secure", "url": receiver.url, "types": ["tag.shipped"]});
    assert_eq!(
        admin(&app, "POST", "/api/v1/webhooks", Some(body))
            .await
            .status(),
        201
    );
    answer(&app, &secret, Some("alice"), 2, &["export"]).await;
    answer(&app, &secret, Some("bob"), 3, &["export"]).await;
    answer(&app, &secret, Some("carol"), 4, &["speed"]).await;
    set_tag(&app, "secure", "export", announced()).await;

    let alice = export(&app, "alice").await;
    let notices = alice["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 1, "{alice}");
    assert_eq!(notices[0]["tag"], "export");
    assert_eq!(notices[0]["seen_at"], Value::Null);
    assert_eq!(shipped_people(&alice), [json!(["alice", "bob"])]);
    let carol = export(&app, "carol").await;
    assert_eq!(carol["notices"], json!([]));
    assert!(
        shipped_people(&carol).is_empty(),
        "carol was not told: {carol}"
    );

    let r = admin(&app, "DELETE", "/api/v1/users/alice?project=secure", None).await;
    assert_eq!(r.status(), 200);
    let alice = export(&app, "alice").await;
    assert_eq!(alice["notices"], json!([]));
    assert!(shipped_people(&alice).is_empty(), "{alice}");
    assert_eq!(
        shipped_people(&export(&app, "bob").await),
        [json!(["bob"])],
        "bob still hears of it, without alice in the body"
    );
}

/// Shipping and erasing at once, many times over: whichever commits first,
/// the erased person is in no notice and in no queued body, and everyone
/// else is told. (Without one transaction holding the people read until
/// the bodies are queued, an erasure committing between the two left her
/// name in the body.)
#[tokio::test]
async fn an_erasure_racing_a_shipping_leaves_her_name_in_no_body() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    let receiver = Receiver::start().await;
    let body = json!({"project": "secure", "url": receiver.url, "types": ["tag.shipped"]});
    let r = admin(&app, "POST", "/api/v1/webhooks", Some(body)).await;
    assert_eq!(r.status(), 201);
    const ROUNDS: usize = 12;
    for i in 0..ROUNDS {
        let tag = format!("ship{i}");
        answer(&app, &secret, Some(&format!("gone{i}")), 2, &[&tag]).await;
        answer(&app, &secret, Some(&format!("kept{i}")), 3, &[&tag]).await;
    }
    for i in 0..ROUNDS {
        let (gone, tag) = (
            format!("/api/v1/users/gone{i}?project=secure"),
            format!("ship{i}"),
        );
        let erase = admin(&app, "DELETE", &gone, None);
        let ship = set_tag(&app, "secure", &tag, announced());
        let (erased, _) = tokio::join!(erase, ship);
        assert_eq!(erased.status(), 200);
    }
    for i in 0..ROUNDS {
        let gone = export(&app, &format!("gone{i}")).await;
        assert_eq!(gone["notices"], json!([]), "round {i}: {gone}");
        assert!(shipped_people(&gone).is_empty(), "round {i}: {gone}");
        let kept = export(&app, &format!("kept{i}")).await;
        assert_eq!(kept["notices"].as_array().unwrap().len(), 1, "{kept}");
        for people in shipped_people(&kept) {
            assert!(
                !people
                    .as_array()
                    .unwrap()
                    .contains(&json!(format!("gone{i}"))),
                "round {i}: the body still names her: {people}"
            );
        }
    }
}
