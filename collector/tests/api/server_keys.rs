//! The server key that sends moments from the host app's backend: shown
//! once, never listed, rotatable, and the only key accepted.

use serde_json::{json, Value};

use crate::helpers::{problem_code, spawn_app, ADMIN_TOKEN};
use crate::moments::{pending, project, send};

#[tokio::test]
async fn the_server_key_is_shown_once_and_never_listed() {
    let app = spawn_app().await;
    let (_, key) = project(&app).await;

    let listed = app
        .admin_get("/api/v1/projects")
        .await
        .text()
        .await
        .unwrap();

    assert!(key.starts_with("nps_sk_") && key.len() > 60, "{key}");
    assert!(!listed.contains(&key));
    assert!(!listed.contains("server_key"), "{listed}");
}

#[tokio::test]
async fn the_public_key_a_wrong_key_or_none_gets_401() {
    let app = spawn_app().await;
    let (secret, key) = project(&app).await;
    let body = json!({"user_id": "u-1", "moment": "ticket_solved"});
    let cases = [
        ("the public key", "secure".to_owned()),
        ("the admin token", ADMIN_TOKEN.to_owned()),
        ("a made-up server key", format!("nps_sk_{}", "0".repeat(64))),
        (
            "the key with a character changed",
            format!("{}x", &key[..key.len() - 1]),
        ),
    ];
    for (case, bearer) in cases {
        let r = send(&app, &bearer, &body).await;
        assert_eq!(r.status(), 401, "{case}");
        assert_eq!(problem_code(r).await, "invalid_server_key", "{case}");
    }
    let none = app
        .client
        .post(app.url("/api/v1/moments"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(none.status(), 401, "no key");
    assert!(pending(&app, &secret, "u-1").await.is_empty());
}

#[tokio::test]
async fn rotating_the_key_stops_the_old_one() {
    let app = spawn_app().await;
    let (_, old) = project(&app).await;
    let rotate = |path: &'static str| {
        app.client
            .post(app.url(path))
            .bearer_auth(ADMIN_TOKEN)
            .send()
    };

    let r = rotate("/api/v1/projects/secure/server-key").await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let rotated: Value = r.json().await.unwrap();
    let new = rotated["server_key"].as_str().unwrap();

    assert_ne!(new, old);
    let body = json!({"user_id": "u-1", "moment": "ticket_solved"});
    assert_eq!(send(&app, &old, &body).await.status(), 401);
    assert_eq!(send(&app, new, &body).await.status(), 201);
    let missing = rotate("/api/v1/projects/nope/server-key").await.unwrap();
    assert_eq!(missing.status(), 404);
    let anonymous = app
        .client
        .post(app.url("/api/v1/projects/secure/server-key"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401, "rotation needs an admin");
}
