//! What an attacker holding only the public key tried, and what happens
//! now: ids scoped to their project, comments only by their author,
//! invented moments bucketed, strict JSON, fair budgets, security headers.

use serde_json::{json, Value};

use crate::eligibility::verified_project;
use crate::helpers::{
    new_id, new_secret, problem_code, spawn_app, spawn_app_with, TestApp, ADMIN_TOKEN,
};

async fn create_project(app: &TestApp, body: Value) {
    let r = app
        .client
        .post(app.url("/api/v1/projects"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

async fn stats_of(app: &TestApp, key: &str) -> Value {
    app.admin_get(&format!("/api/v1/stats?project={key}"))
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_same_uuid_in_two_projects_is_two_responses() {
    let app = spawn_app().await;
    create_project(
        &app,
        json!({"key": "other", "name": "Other", "verify_identity": false}),
    )
    .await;
    let id = new_id();

    let a = app
        .post_response(&json!({"id": id, "key": "demo", "score": 9}))
        .await;
    let b = app
        .post_response(&json!({"id": id, "key": "other", "score": 2}))
        .await;

    assert_eq!(a.status(), 201);
    assert_eq!(b.status(), 201, "not a false 'already stored'");
    assert_eq!(b.json::<Value>().await.unwrap()["created"], true);
    assert_eq!(stats_of(&app, "demo").await["promoters"], 1);
    assert_eq!(stats_of(&app, "other").await["detractors"], 1);
}

#[tokio::test]
async fn a_comment_needs_the_secret_sent_with_its_score() {
    let app = spawn_app().await;
    let (id, secret) = app.answer_with_secret(4).await;
    let bare = app.answer(4).await;

    let cases = [
        (&id, json!({"key": "demo", "comment": "pwned"}), "no secret"),
        (
            &id,
            json!({"key": "demo", "comment": "pwned", "secret": new_secret()}),
            "another secret",
        ),
        (
            &bare,
            json!({"key": "demo", "comment": "pwned", "secret": new_secret()}),
            "a response sent without a secret",
        ),
    ];
    for (target, body, case) in cases {
        let r = app.patch_comment(target, &body).await;
        assert_eq!(r.status(), 403, "case: {case}");
        assert_eq!(problem_code(r).await, "wrong_secret", "case: {case}");
    }
    let own = app.comment(&id, "demo", &secret, "Too slow").await;

    assert_eq!(own.status(), 200);
    let list: Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    let comments: Vec<_> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["comment"].clone())
        .collect();
    assert!(comments.contains(&json!("Too slow")));
    assert!(!comments.contains(&json!("pwned")));
}

#[tokio::test]
async fn a_verified_users_comment_also_needs_her_user_hash() {
    let app = spawn_app().await;
    let identity = verified_project(&app).await;
    let hash = nps_collector::domain::user_hash(&identity, "alice");
    let (id, secret) = (new_id(), new_secret());
    let r = app
        .post_response(&json!({"id": id, "key": "secure", "score": 3, "user_id": "alice", "user_hash": hash, "secret": secret}))
        .await;
    assert_eq!(r.status(), 201);

    let without = app
        .patch_comment(
            &id,
            &json!({"key": "secure", "comment": "x", "secret": secret}),
        )
        .await;
    let with = app
        .patch_comment(
            &id,
            &json!({"key": "secure", "comment": "Support was slow", "secret": secret, "user_hash": hash}),
        )
        .await;

    assert_eq!(without.status(), 403);
    assert_eq!(problem_code(without).await, "unverified_user");
    assert_eq!(with.status(), 200);
}

#[tokio::test]
async fn a_replayed_post_fills_the_comment_only_with_the_authors_secret() {
    let app = spawn_app().await;
    let (id, secret) = (new_id(), new_secret());
    app.post_response(&json!({"id": id, "key": "demo", "score": 5, "secret": secret}))
        .await;

    app.post_response(&json!({"id": id, "key": "demo", "score": 5, "comment": "forged"}))
        .await;
    let after_forgery: Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();
    app.post_response(
        &json!({"id": id, "key": "demo", "score": 5, "comment": "real", "secret": secret}),
    )
    .await;
    let after_replay: Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();

    assert_eq!(after_forgery["items"][0]["comment"], Value::Null);
    assert_eq!(after_replay["items"][0]["comment"], "real");
}

#[tokio::test]
async fn invented_moments_are_counted_under_one_bucket_and_answers_kept() {
    let app = spawn_app().await;

    for i in 0..20 {
        let r = app
            .post_response(&json!({"id": new_id(), "key": "demo", "score": 7, "moment": format!("forged_{i}")}))
            .await;
        assert_eq!(r.status(), 201, "an answer is never refused for its moment");
        let e = app
            .client
            .post(app.url("/api/v1/events"))
            .json(&json!({"id": new_id(), "key": "demo", "kind": "shown", "moment": format!("forged_{i}")}))
            .send()
            .await
            .unwrap();
        assert_eq!(e.status(), 201);
    }
    app.post_response(
        &json!({"id": new_id(), "key": "demo", "score": 9, "moment": "onboarding_completed"}),
    )
    .await;

    let stats = stats_of(&app, "demo").await;
    let moments: Vec<&str> = stats["moments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["moment"].as_str().unwrap())
        .collect();
    assert_eq!(moments, ["(other)", "onboarding_completed"]);
    assert_eq!(stats["moments"][0]["answered"], 20);
    assert_eq!(stats["moments"][0]["shown"], 20);
    assert_eq!(stats["responses"], 21);
}

#[tokio::test]
async fn a_key_named_twice_is_refused_wherever_it_is() {
    let app = spawn_app().await;
    let id = new_id();
    let cases = [
        format!(r#"{{"id":"{id}","key":"demo","score":9,"score":0}}"#),
        format!(
            r#"{{"id":"{id}","key":"demo","score":9,"traits":{{"plan":"pro","plan":"free"}}}}"#
        ),
    ];

    for body in cases {
        let r = app.post_raw(body.clone()).await;
        assert_eq!(r.status(), 400, "body: {body}");
        assert_eq!(problem_code(r).await, "malformed_json");
    }
    assert_eq!(stats_of(&app, "demo").await["responses"], 0);
}

#[tokio::test]
async fn control_characters_are_refused_in_trait_values_too() {
    let app = spawn_app().await;
    for value in ["nul\u{0}", "esc\u{1b}[2J", "new\nline"] {
        let r = app
            .post_response(
                &json!({"id": new_id(), "key": "demo", "score": 9, "traits": {"plan": value}}),
            )
            .await;
        assert_eq!(r.status(), 422, "value {value:?}");
        assert_eq!(problem_code(r).await, "invalid_traits");
    }
}

#[tokio::test]
async fn config_reads_and_the_admin_api_do_not_use_up_the_answers_budget() {
    // 5 writes/s (burst 10) and 20 reads/s (burst 40) for the key.
    let app = spawn_app_with(|s| s.rate_limit_per_key = 5).await;
    let mut throttled = 0;
    for _ in 0..60 {
        let r = app
            .client
            .get(app.url("/api/v1/config?key=demo"))
            .send()
            .await
            .unwrap();
        throttled += usize::from(r.status() == 429);
    }
    for _ in 0..30 {
        assert_eq!(
            app.admin_get("/api/v1/stats?project=demo").await.status(),
            200
        );
    }

    let answer = app
        .post_response(&json!({"id": new_id(), "key": "demo", "score": 9}))
        .await;

    assert!(throttled > 0, "the read budget is finite");
    assert_eq!(answer.status(), 201, "answers have their own budget");
}

#[tokio::test]
async fn every_page_and_answer_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/dashboard/", "/demo/"] {
        let r = app.client.get(app.url(path)).send().await.unwrap();
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("object-src 'none'"), "{path}: {csp}");
    }
    // A page revalidated (304) keeps its stored policy: none is sent.
    let first = app.client.get(app.url("/demo/")).send().await.unwrap();
    let etag = first.headers()["etag"].clone();
    let again = app
        .client
        .get(app.url("/demo/"))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.headers().get("content-security-policy").is_none());
    // Not pages: nothing may load or frame them if opened as a document.
    for path in [
        "/api/v1/config?key=demo",
        "/healthz",
        "/api/v1/config?key=nope",
    ] {
        let r = app.client.get(app.url(path)).send().await.unwrap();
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            h["content-security-policy"], "default-src 'none'; frame-ancestors 'none'",
            "{path}"
        );
        // Bytes every widget request would pay for nothing: only a page
        // can be framed, and only a 429/503 has a Retry-After to expose.
        assert!(h.get("x-frame-options").is_none(), "{path}");
        assert!(h.get("access-control-expose-headers").is_none(), "{path}");
    }
    let dashboard = app.client.get(app.url("/dashboard/")).send().await.unwrap();
    let csp = dashboard.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(
        !csp.contains("'unsafe-inline' 'wasm"),
        "no inline scripts on the dashboard: {csp}"
    );
}

#[tokio::test]
async fn an_empty_or_short_admin_token_is_refused_at_start_up() {
    for token in ["", "short", "fifteen-chars!!"] {
        let dir = tempfile::tempdir().unwrap();
        let settings = nps_collector::Settings {
            listen: "127.0.0.1:0".parse().unwrap(),
            database: nps_collector::settings::DatabaseSettings {
                url: format!("sqlite://{}", dir.path().join("nps.db").display()),
            },
            admin_token: Some(secrecy::SecretString::from(token)),
            demo: false,
            rate_limit_per_ip: 0,
            rate_limit_per_key: 0,
            trust_forwarded_for: false,
            transport: Default::default(),
            public_url: None,
            webhook_allow_private: true,
        };
        let refused = nps_collector::Application::build(settings).await;
        let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.contains("at least 16 characters"),
            "token {token:?}: {message}"
        );
    }
}
