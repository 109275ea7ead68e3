//! Allowed origins: a project that lists them refuses its public key from
//! any other website (the browser's `Origin`, or for a same-origin GET,
//! which carries none, the collector's own origin), and lets requests
//! from outside a browser through (a server sends neither).

use serde_json::{json, Value};

use crate::helpers::{new_id, problem_code, spawn_app, TestApp, ADMIN_TOKEN};

async fn allow(app: &TestApp, origins: Value) -> reqwest::Response {
    app.client
        .patch(app.url("/api/v1/projects/demo"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({ "allowed_origins": origins }))
        .send()
        .await
        .unwrap()
}

async fn answer_from(app: &TestApp, origin: Option<&str>) -> reqwest::Response {
    let mut r = app
        .client
        .post(app.url("/api/v1/responses"))
        .json(&json!({"id": new_id(), "key": "demo", "score": 9}));
    if let Some(o) = origin {
        r = r.header("origin", o);
    }
    r.send().await.unwrap()
}

async fn config_from(app: &TestApp, origin: &str) -> reqwest::Response {
    app.client
        .get(app.url("/api/v1/config?key=demo"))
        .header("origin", origin)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn without_a_list_any_origin_may_use_the_key() {
    let app = spawn_app().await;
    assert_eq!(
        answer_from(&app, Some("https://anywhere.example"))
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn a_listed_origin_and_its_subdomains_pass_and_others_are_refused() {
    let app = spawn_app().await;
    let r = allow(
        &app,
        json!(["HTTPS://app.acme.example/", "https://*.acme.dev"]),
    )
    .await;
    assert_eq!(r.status(), 200);
    let project: Value = r.json().await.unwrap();
    assert_eq!(
        project["allowed_origins"],
        json!(["https://app.acme.example", "https://*.acme.dev"])
    );

    assert_eq!(
        answer_from(&app, Some("https://app.acme.example"))
            .await
            .status(),
        201
    );
    assert_eq!(
        answer_from(&app, Some("https://eu.acme.dev"))
            .await
            .status(),
        201
    );
    assert_eq!(
        answer_from(&app, None).await.status(),
        201,
        "no Origin: a server"
    );
    let refused = answer_from(&app, Some("https://copycat.example")).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(problem_code(refused).await, "origin_not_allowed");
    let refused = config_from(&app, "http://app.acme.example").await;
    assert_eq!(refused.status(), 403, "the scheme is part of the origin");
    assert_eq!(
        config_from(&app, "https://app.acme.example").await.status(),
        200
    );

    // An empty list opens the key again.
    assert_eq!(allow(&app, json!([])).await.status(), 200);
    assert_eq!(
        answer_from(&app, Some("https://copycat.example"))
            .await
            .status(),
        201
    );
}

#[tokio::test]
async fn an_origin_with_a_path_or_another_scheme_is_a_422() {
    let app = spawn_app().await;
    for bad in [
        "https://app.acme.example/settings",
        "app.acme.example",
        "ftp://acme.example",
    ] {
        let r = allow(&app, json!([bad])).await;
        assert_eq!(r.status(), 422, "{bad}");
        assert_eq!(problem_code(r).await, "invalid_origin", "{bad}");
    }
}

#[tokio::test]
async fn a_page_on_the_collectors_own_origin_is_judged_by_it() {
    let app = spawn_app().await;
    assert_eq!(
        allow(&app, json!(["https://app.example.com"]))
            .await
            .status(),
        200
    );
    // What Chromium sends for a same-origin GET: no Origin header.
    let same_origin = app
        .client
        .get(app.url("/api/v1/config?key=demo"))
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    let server = app
        .client
        .get(app.url("/api/v1/config?key=demo"))
        .send()
        .await
        .unwrap();

    assert_eq!(same_origin.status(), 403);
    assert_eq!(problem_code(same_origin).await, "origin_not_allowed");
    assert_eq!(
        server.status(),
        200,
        "outside a browser there is no page to judge"
    );

    let host = app.address.trim_start_matches("http://").to_owned();
    assert_eq!(
        allow(&app, json!([format!("http://{host}")]))
            .await
            .status(),
        200
    );
    let allowed = app
        .client
        .get(app.url("/api/v1/config?key=demo"))
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(allowed.status(), 200);
}
