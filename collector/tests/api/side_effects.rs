//! Reads that write need more than a cookie, and answers that carry
//! personal data or a session's secrets are never cached.

use serde_json::{json, Value};

use nps_collector::auth::Role;

use crate::auth::signed;
use crate::helpers::{new_id, problem_code, spawn_app, TestApp, ADMIN_TOKEN};

async fn exports_logged(app: &TestApp) -> usize {
    let log: Value = app
        .admin_get("/api/v1/privacy/log?project=demo")
        .await
        .json()
        .await
        .unwrap();
    log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "export_user")
        .count()
}

#[tokio::test]
async fn a_persons_export_from_a_cookie_alone_is_refused_and_logs_nothing() {
    // What an <img src> on a sibling port or subdomain sends: SameSite
    // counts those as the same site, so the cookie goes along.
    let app = spawn_app().await;
    let admin = signed(&app, "admin@example.com", Role::Admin).await;
    let path = "/api/v1/users/alice/export?project=demo";
    let with_cookie = |method: reqwest::Method| {
        app.client
            .request(method, app.url(path))
            .header("cookie", &admin.cookie)
    };

    let img = with_cookie(reqwest::Method::GET).send().await.unwrap();
    let post_without_csrf = with_cookie(reqwest::Method::POST).send().await.unwrap();
    assert_eq!(img.status(), 403);
    assert_eq!(problem_code(img).await, "csrf");
    assert_eq!(post_without_csrf.status(), 403);
    assert_eq!(exports_logged(&app).await, 0, "nothing logged");

    let post = with_cookie(reqwest::Method::POST)
        .header("x-csrf-token", &admin.csrf)
        .send()
        .await
        .unwrap();
    let get_with_csrf = with_cookie(reqwest::Method::GET)
        .header("x-csrf-token", &admin.csrf)
        .send()
        .await
        .unwrap();
    let script = app.admin_get(path).await;
    assert_eq!(post.status(), 200, "the dashboard's way");
    assert_eq!(get_with_csrf.status(), 200);
    assert_eq!(script.status(), 200, "the admin token's GET still works");
    assert_eq!(exports_logged(&app).await, 3);
}

#[tokio::test]
async fn the_session_the_feed_and_the_exports_are_never_cached() {
    let app = spawn_app().await;
    app.post_response(&json!({"id": new_id(), "key": "demo", "score": 4, "user_id": "alice", "comment": "private"}))
        .await;
    let member = signed(&app, "m@example.com", Role::Member).await;

    let whoami = app
        .client
        .get(app.url("/api/v1/session"))
        .header("cookie", &member.cookie)
        .send()
        .await
        .unwrap();
    let feed = app.admin_get("/api/v1/responses?project=demo").await;
    let export = app
        .admin_get("/api/v1/responses/export?project=demo&format=csv")
        .await;
    let person = app
        .client
        .post(app.url("/api/v1/users/alice/export?project=demo"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();

    for (name, r) in [
        ("session", whoami),
        ("feed", feed),
        ("export", export),
        ("person", person),
    ] {
        assert_eq!(r.status(), 200, "{name}");
        assert_eq!(r.headers()["cache-control"], "no-store", "{name}");
    }
}
