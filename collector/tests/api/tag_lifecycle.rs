//! A tag's lifecycle and its notices: shipping tells each proven person
//! whose answer carries the tag once, leaves out everyone it must, and
//! the widget's `notice_seen` counts each notice once.

use serde_json::{json, Value};

use crate::helpers::{new_id, problem_code, spawn_app};
use crate::loop_support::{
    admin, announced, answer, eligibility, event, listed, set_tag, verified_project,
};

#[tokio::test]
async fn a_tag_goes_open_planned_shipped_and_shipping_tells_each_person_once() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    answer(&app, &secret, Some("alice"), 2, &["export"]).await;
    answer(&app, &secret, Some("alice"), 4, &["export"]).await;
    answer(&app, &secret, Some("bob"), 6, &["export", "speed"]).await;
    answer(&app, &secret, None, 3, &["export"]).await;
    answer(&app, &secret, Some("dave"), 9, &[]).await;

    let open = listed(&app, "secure", "export").await;
    assert_eq!(open["status"], "open", "every tag starts open");
    assert_eq!(
        (open["responses"].as_u64(), open["people"].as_u64()),
        (Some(4), Some(2))
    );

    let planned = set_tag(&app, "secure", "export", json!({"status": "planned"})).await;
    assert_eq!(
        (planned["status"].as_str(), planned["told"].as_u64()),
        (Some("planned"), Some(0))
    );

    let shipped = set_tag(&app, "secure", "export", announced()).await;
    assert_eq!(shipped["status"], "shipped");
    assert_eq!(
        shipped["told"], 2,
        "alice once for her two answers, bob; not the anonymous answer"
    );
    assert_eq!(
        shipped["announcement"]["fr"],
        "L'export CSV est dix fois plus rapide."
    );
    let again = set_tag(&app, "secure", "export", json!({"status": "shipped"})).await;
    assert_eq!(again["told"], 2, "shipping again tells no one twice");
    assert_eq!(
        listed(&app, "secure", "export").await,
        again,
        "the list shows the same object"
    );

    let french = eligibility(&app, &secret, "alice", Some("fr-CA")).await;
    let notices = french["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 1, "{french}");
    assert_eq!(notices[0]["text"], "L'export CSV est dix fois plus rapide.");
    assert_eq!(notices[0]["tag"], "export");
    assert_eq!(notices[0]["link"], "https://example.com/changelog#export");
    let english = eligibility(&app, &secret, "bob", Some("de")).await;
    assert_eq!(
        english["notices"][0]["text"], "CSV export is ten times faster now.",
        "English otherwise"
    );
    let untagged = eligibility(&app, &secret, "dave", None).await;
    assert_eq!(untagged["notices"], json!([]));
}

#[tokio::test]
async fn no_one_is_told_who_opted_out_or_in_a_project_that_cannot_prove_people() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    answer(&app, &secret, Some("carol"), 3, &["export"]).await;
    let r = event(
        &app,
        &secret,
        "carol",
        json!({"id": new_id(), "kind": "opted_out"}),
    )
    .await;
    assert_eq!(r.status(), 201);
    assert_eq!(
        set_tag(&app, "secure", "export", announced()).await["told"],
        0,
        "carol opted out"
    );

    // The demo project does not verify identities: its user ids are claims.
    let body = json!({"id": new_id(), "key": "demo", "score": 2, "user_id": "eve", "secret": "0123456789abcdef0123456789abcdef"});
    assert_eq!(app.post_response(&body).await.status(), 201);
    let feed: Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    let id = feed["items"][0]["id"].as_str().unwrap().to_owned();
    let r = admin(
        &app,
        "POST",
        &format!("/api/v1/responses/{id}/tags?project=demo"),
        Some(json!({"tag": "export"})),
    )
    .await;
    assert_eq!(r.status(), 200);
    let demo = set_tag(&app, "demo", "export", announced()).await;
    assert_eq!(
        (demo["status"].as_str(), demo["told"].as_u64()),
        (Some("shipped"), Some(0))
    );
}

#[tokio::test]
async fn a_bad_change_is_refused_naming_the_field() {
    let app = spawn_app().await;
    for (body, code, case) in [
        (
            json!({"status": "done"}),
            "malformed_json",
            "unknown status",
        ),
        (
            json!({"status": "shipped", "announcement": {}}),
            "invalid_announcement",
            "no text",
        ),
        (
            json!({"status": "shipped", "announcement": {"en": "x", "link": "javascript:alert(1)"}}),
            "invalid_announcement",
            "bad link",
        ),
        (
            json!({"status": "open", "colour": "red"}),
            "unknown_field",
            "unknown field",
        ),
    ] {
        let r = admin(
            &app,
            "PATCH",
            "/api/v1/tags/export?project=demo",
            Some(body),
        )
        .await;
        assert!(r.status().is_client_error(), "{case}: {}", r.status());
        assert_eq!(problem_code(r).await, code, "{case}");
    }
}

#[tokio::test]
async fn a_notice_is_seen_once_across_replays_and_only_by_its_person() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    answer(&app, &secret, Some("alice"), 2, &["export"]).await;
    answer(&app, &secret, Some("bob"), 2, &["export"]).await;
    set_tag(&app, "secure", "export", announced()).await;
    let notice = eligibility(&app, &secret, "alice", None).await["notices"][0]["id"].clone();
    let seen = |id: String| json!({"id": id, "kind": "notice_seen", "notice": notice});

    let not_hers = event(&app, &secret, "bob", seen(new_id())).await;
    assert_eq!(not_hers.status(), 404, "bob cannot mark alice's notice");
    let mut unproven = seen(new_id());
    unproven["key"] = json!("secure");
    unproven["user_id"] = json!("alice");
    let r = app
        .client
        .post(app.url("/api/v1/events"))
        .json(&unproven)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "the proof is needed");

    let id = new_id();
    assert_eq!(
        event(&app, &secret, "alice", seen(id.clone()))
            .await
            .status(),
        201
    );
    assert_eq!(
        event(&app, &secret, "alice", seen(id)).await.status(),
        200,
        "a replay"
    );
    assert_eq!(
        event(&app, &secret, "alice", seen(new_id())).await.status(),
        201,
        "another tab's event"
    );
    let tag = listed(&app, "secure", "export").await;
    assert_eq!(
        (tag["told"].as_u64(), tag["seen"].as_u64()),
        (Some(2), Some(1)),
        "seen once"
    );
    assert_eq!(
        eligibility(&app, &secret, "alice", None).await["notices"],
        json!([]),
        "not shown again"
    );
    assert_eq!(
        eligibility(&app, &secret, "bob", None).await["notices"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn erasing_a_person_removes_her_notices_and_their_events() {
    let app = spawn_app().await;
    let secret = verified_project(&app).await;
    answer(&app, &secret, Some("alice"), 2, &["export"]).await;
    answer(&app, &secret, Some("bob"), 2, &["export"]).await;
    set_tag(&app, "secure", "export", announced()).await;
    let notice = eligibility(&app, &secret, "alice", None).await["notices"][0]["id"].clone();
    let r = event(
        &app,
        &secret,
        "alice",
        json!({"id": new_id(), "kind": "notice_seen", "notice": notice}),
    )
    .await;
    assert_eq!(r.status(), 201);

    let r = admin(&app, "DELETE", "/api/v1/users/alice?project=secure", None).await;
    assert_eq!(r.status(), 200);
    let tag = listed(&app, "secure", "export").await;
    assert_eq!(
        (tag["told"].as_u64(), tag["seen"].as_u64()),
        (Some(1), Some(0)),
        "bob's notice stays"
    );
    let story: Value = app
        .admin_get("/api/v1/users/alice/timeline?project=secure")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(story["items"], json!([]), "nothing left of alice");
}
