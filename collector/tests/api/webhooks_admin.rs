//! Managing webhooks: the secret is shown once, and endpoints that would
//! leak credentials, reach the collector's network or match nothing are
//! refused with 422.

use serde_json::{json, Value};

use crate::helpers::{problem_code, spawn_app, spawn_app_with};
use crate::receiver::Receiver;
use crate::webhooks_delivery::{admin, create_webhook};

async fn refused(app: &crate::helpers::TestApp, body: Value) -> (u16, String) {
    let r = admin(app, reqwest::Method::POST, "/api/v1/webhooks", Some(body)).await;
    let status = r.status().as_u16();
    (status, problem_code(r).await)
}

#[tokio::test]
async fn the_secret_is_shown_at_creation_only() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    let created = create_webhook(&app, "demo", &receiver.url, json!({})).await;
    let secret = created["secret"].as_str().unwrap();

    let list: Value = app
        .admin_get("/api/v1/webhooks?project=demo")
        .await
        .json()
        .await
        .unwrap();

    assert!(secret.starts_with("whsec_"));
    let listed = &list["webhooks"][0];
    assert_eq!(listed["id"], created["id"]);
    assert!(listed.get("secret").is_none(), "no secret in {listed}");
    assert!(!list.to_string().contains(secret));
    let hint = listed["secret_hint"].as_str().unwrap();
    assert!(hint.ends_with(&secret[secret.len() - 4..]), "{hint}");
    assert!(hint.len() < 16, "a hint, not the secret: {hint}");
}

#[tokio::test]
async fn urls_with_credentials_are_refused_with_422() {
    let app = spawn_app().await;
    for url in [
        "https://user:pass@hooks.example.com/x",
        "https://token@hooks.example.com/x",
        "http://:secret@127.0.0.1:9/x",
    ] {
        let (status, code) = refused(&app, json!({"project": "demo", "url": url})).await;
        assert_eq!((status, code.as_str()), (422, "invalid_webhook"), "{url}");
    }
    let list: Value = app
        .admin_get("/api/v1/webhooks?project=demo")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["webhooks"], json!([]), "none was stored");
}

#[tokio::test]
async fn score_ranges_that_match_nothing_are_refused_with_422() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    for (filter, case) in [
        (json!({"score_min": 9, "score_max": 2}), "min above max"),
        (json!({"score_min": 9}), "detractors never score 9"),
        (
            json!({"categories": ["promoter"], "score_max": 8}),
            "promoters never score 8",
        ),
        (json!({"score_max": 11}), "above 10"),
    ] {
        let mut body = json!({"project": "demo", "url": receiver.url});
        body.as_object_mut()
            .unwrap()
            .extend(filter.as_object().unwrap().clone());
        let (status, code) = refused(&app, body).await;
        assert_eq!((status, code.as_str()), (422, "invalid_webhook"), "{case}");
    }
}

#[tokio::test]
async fn control_characters_in_filters_are_refused_with_422() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    for (filter, case) in [
        (json!({"moments": ["signup\u{7}"]}), "bell in a moment"),
        (
            json!({"moments": ["signup\ninjected"]}),
            "newline in a moment",
        ),
        (
            json!({"tags": ["export\u{1b}[31m"]}),
            "terminal escape in a tag",
        ),
        (json!({"tags": ["a\u{0}b"]}), "NUL in a tag"),
    ] {
        let mut body = json!({"project": "demo", "url": receiver.url});
        body.as_object_mut()
            .unwrap()
            .extend(filter.as_object().unwrap().clone());
        let (status, _) = refused(&app, body).await;
        assert_eq!(status, 422, "{case}");
    }
}

#[tokio::test]
async fn webhooks_to_special_addresses_are_refused_unless_allowed() {
    let app = spawn_app_with(|s| s.webhook_allow_private = false).await;
    for url in [
        "http://[::127.0.0.1]/x",
        "http://[::ffff:127.0.0.1]/x",
        "http://[64:ff9b::7f00:1]/x",
        "http://[64:ff9b::a9fe:a9fe]/latest/meta-data",
        "http://[2002:7f00:1::1]/x",
        "http://[fec0::1]/x",
        "http://[fd12::1]/x",
        "http://[fe80::1]/x",
        "http://[ff02::1]/x",
        "http://192.0.0.1/x",
        "http://100.64.0.1/x",
        "http://0.0.0.0/x",
        "http://255.255.255.255/x",
        "http://224.0.0.1/x",
        "http://192.0.2.1/x",
        "http://198.18.0.1/x",
        "http://10.0.0.1/x",
    ] {
        let (status, code) = refused(&app, json!({"project": "demo", "url": url})).await;
        assert_eq!((status, code.as_str()), (422, "invalid_webhook"), "{url}");
    }
}
