//! Signing in to the dashboard: sessions, CSRF, roles, rate limits, the CLI.

use serde_json::{json, Value};

use nps_collector::auth::{add_member, Role};
use nps_collector::store;

use crate::helpers::{problem_code, spawn_app, TestApp};

const PASSWORD: &str = "a long enough password";

/// A signed-in member: their cookie and CSRF token.
pub struct Signed {
    pub cookie: String,
    pub csrf: String,
}

async fn member(app: &TestApp, email: &str, role: Role) {
    let store = store::open(&app.database_url).await.unwrap();
    add_member(store.as_ref(), email, role, PASSWORD, true)
        .await
        .unwrap();
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
}

pub async fn signed(app: &TestApp, email: &str, role: Role) -> Signed {
    member(app, email, role).await;
    let r = sign_in(app, email, PASSWORD).await;
    assert_eq!(r.status(), 200);
    let set_cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"),
        "{set_cookie}"
    );
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let body: Value = r.json().await.unwrap();
    Signed {
        cookie,
        csrf: body["csrf_token"].as_str().unwrap().to_owned(),
    }
}

async fn call(
    app: &TestApp,
    s: &Signed,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
    csrf: bool,
) -> reqwest::Response {
    let mut r = app
        .client
        .request(method, app.url(path))
        .header("cookie", &s.cookie);
    if csrf {
        r = r.header("x-csrf-token", &s.csrf);
    }
    if let Some(b) = body {
        r = r.json(&b);
    }
    r.send().await.unwrap()
}

#[tokio::test]
async fn a_member_signs_in_reads_and_signs_out() {
    let app = spawn_app().await;
    let s = signed(&app, "Maria@Acme.example", Role::Admin).await;

    let me: Value = call(
        &app,
        &s,
        reqwest::Method::GET,
        "/api/v1/session",
        None,
        false,
    )
    .await
    .json()
    .await
    .unwrap();
    let stats = call(
        &app,
        &s,
        reqwest::Method::GET,
        "/api/v1/stats?project=demo",
        None,
        false,
    )
    .await;
    let out = call(
        &app,
        &s,
        reqwest::Method::DELETE,
        "/api/v1/session",
        None,
        true,
    )
    .await;
    let after = call(
        &app,
        &s,
        reqwest::Method::GET,
        "/api/v1/stats?project=demo",
        None,
        false,
    )
    .await;

    assert_eq!(me["email"], "maria@acme.example");
    assert_eq!(me["role"], "admin");
    assert_eq!(stats.status(), 200);
    assert_eq!(out.status(), 204);
    assert_eq!(after.status(), 401, "the session is gone");
}

#[tokio::test]
async fn a_write_with_a_session_needs_its_csrf_token() {
    let app = spawn_app().await;
    let s = signed(&app, "admin@acme.example", Role::Admin).await;
    let body = json!({"key": "acme", "name": "Acme", "verify_identity": false});

    let without = call(
        &app,
        &s,
        reqwest::Method::POST,
        "/api/v1/projects",
        Some(body.clone()),
        false,
    )
    .await;
    let with = call(
        &app,
        &s,
        reqwest::Method::POST,
        "/api/v1/projects",
        Some(body),
        true,
    )
    .await;

    assert_eq!(without.status(), 403);
    assert_eq!(problem_code(without).await, "csrf");
    assert_eq!(with.status(), 201);
}

#[tokio::test]
async fn a_member_reads_and_follows_up_but_configures_nothing() {
    let app = spawn_app().await;
    let s = signed(&app, "support@acme.example", Role::Member).await;
    let id = app.answer(2).await;
    let writes = [
        (
            reqwest::Method::POST,
            "/api/v1/projects",
            json!({"key": "x", "name": "X"}),
        ),
        (
            reqwest::Method::PATCH,
            "/api/v1/projects/demo",
            json!({"name": "Renamed"}),
        ),
        (
            reqwest::Method::PUT,
            "/api/v1/projects/demo/config",
            json!({"moments": []}),
        ),
        (
            reqwest::Method::POST,
            "/api/v1/webhooks",
            json!({"project": "demo", "url": "http://127.0.0.1:9/x"}),
        ),
        (
            reqwest::Method::POST,
            "/api/v1/tag-rules",
            json!({"project": "demo", "tag": "t", "keywords": ["a"]}),
        ),
        (
            reqwest::Method::POST,
            "/api/v1/members",
            json!({"email": "new@acme.example", "role": "admin", "password": PASSWORD}),
        ),
        (
            reqwest::Method::DELETE,
            "/api/v1/users/someone?project=demo",
            json!({}),
        ),
        (
            reqwest::Method::POST,
            "/api/v1/projects/demo/config/versions/1/revert",
            json!({}),
        ),
    ];
    for (method, path, body) in writes {
        let r = call(&app, &s, method.clone(), path, Some(body), true).await;
        assert_eq!(r.status(), 403, "{method} {path}");
        assert_eq!(problem_code(r).await, "forbidden", "{method} {path}");
    }

    let read = call(
        &app,
        &s,
        reqwest::Method::GET,
        "/api/v1/responses?project=demo",
        None,
        false,
    )
    .await;
    let follow_up = call(
        &app,
        &s,
        reqwest::Method::PATCH,
        &format!("/api/v1/followups/{id}?project=demo"),
        Some(json!({"status": "contacted", "note": "Called"})),
        true,
    )
    .await;
    let projects = call(
        &app,
        &s,
        reqwest::Method::GET,
        "/api/v1/projects",
        None,
        false,
    )
    .await;
    assert_eq!(projects.status(), 200);
    let projects: Value = projects.json().await.unwrap();

    assert_eq!(read.status(), 200);
    assert_eq!(follow_up.status(), 200);
    let history = follow_up.json::<Value>().await.unwrap()["history"].clone();
    assert_eq!(
        history[0]["actor"], "support@acme.example",
        "the history names who did it"
    );
    assert!(projects["projects"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["identity_secret"].is_null()));
}

#[tokio::test]
async fn wrong_passwords_are_refused_then_rate_limited() {
    let app = spawn_app().await;
    member(&app, "maria@acme.example", Role::Admin).await;

    let wrong = sign_in(&app, "maria@acme.example", "not the password").await;
    let unknown = sign_in(&app, "nobody@acme.example", "not the password").await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(problem_code(wrong).await, "invalid_credentials");
    assert_eq!(
        problem_code(unknown).await,
        "invalid_credentials",
        "the same answer for an unknown e-mail"
    );
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(
            sign_in(&app, "maria@acme.example", "still wrong")
                .await
                .status()
                .as_u16(),
        );
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    let locked = sign_in(&app, "maria@acme.example", PASSWORD).await;
    assert_eq!(locked.status(), 429, "even the right password waits");
    assert!(locked.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn sessions_can_be_revoked_and_the_last_admin_stays() {
    let app = spawn_app().await;
    let admin = signed(&app, "admin@acme.example", Role::Admin).await;
    let laptop = signed(&app, "support@acme.example", Role::Member).await;

    // The demo's admin goes first: then admin@acme.example is the last one.
    let demo = call(
        &app,
        &admin,
        reqwest::Method::DELETE,
        "/api/v1/members/admin@demo.example",
        None,
        true,
    )
    .await;
    assert_eq!(demo.status(), 204);
    let revoked = call(
        &app,
        &admin,
        reqwest::Method::DELETE,
        "/api/v1/members/support@acme.example/sessions",
        None,
        true,
    )
    .await;
    let demote_last = call(
        &app,
        &admin,
        reqwest::Method::PATCH,
        "/api/v1/members/admin@acme.example",
        Some(json!({"role": "member"})),
        true,
    )
    .await;
    let still = call(
        &app,
        &laptop,
        reqwest::Method::GET,
        "/api/v1/session",
        None,
        false,
    )
    .await;

    assert_eq!(revoked.json::<Value>().await.unwrap()["sessions"], 1);
    assert_eq!(still.status(), 401);
    assert_eq!(demote_last.status(), 409);
}

#[tokio::test]
async fn the_cli_adds_a_member_with_the_password_from_the_environment_or_stdin() {
    use std::io::Write;
    let app = spawn_app().await;
    let bin = env!("CARGO_BIN_EXE_nps-collector");
    let from_env = std::process::Command::new(bin)
        .args([
            "member",
            "add",
            "--email",
            "env@acme.example",
            "--role",
            "admin",
            "--database-url",
            &app.database_url,
        ])
        .env("NPS_MEMBER_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    let mut child = std::process::Command::new(bin)
        .args([
            "member",
            "add",
            "--email",
            "stdin@acme.example",
            "--role",
            "member",
            "--database-url",
            &app.database_url,
        ])
        .env_remove("NPS_MEMBER_PASSWORD")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    let from_stdin = child.wait_with_output().unwrap();

    assert!(
        from_env.status.success(),
        "{}",
        String::from_utf8_lossy(&from_env.stderr)
    );
    assert!(from_stdin.status.success());
    assert_eq!(
        sign_in(&app, "env@acme.example", PASSWORD).await.status(),
        200
    );
    let member: Value = sign_in(&app, "stdin@acme.example", PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(member["role"], "member");
}
