//! Sign-in that strangers cannot block: limits per address and per
//! (e-mail, address), a slow-down but never a refusal per e-mail, new
//! passwords ending sessions, and e-mails normalised (NFKC, case-folded)
//! with invisible and direction characters refused.

use serde_json::{json, Value};
use tokio::task::JoinSet;

use nps_collector::auth::{add_member, Role};
use nps_collector::startup::DEMO_ADMIN;
use nps_collector::store;

use crate::helpers::{problem_code, spawn_app, spawn_app_on, spawn_app_with, TestApp, ADMIN_TOKEN};

const PASSWORD: &str = "a long enough password";
const MARIA: &str = "maria@acme.example";

/// A collector that reads the client address from `X-Forwarded-For`, so
/// one test can be many clients.
async fn behind_proxy() -> TestApp {
    let app = spawn_app_with(|s| s.trust_forwarded_for = true).await;
    set_password(&app, MARIA, PASSWORD).await;
    app
}

async fn set_password(app: &TestApp, email: &str, password: &str) {
    let store = store::open(&app.database_url).await.unwrap();
    add_member(store.as_ref(), email, Role::Admin, password, true)
        .await
        .unwrap();
}

fn attempt(app: &TestApp, from: &str, email: &str, password: &str) -> reqwest::RequestBuilder {
    app.client
        .post(app.url("/api/v1/session"))
        .header("x-forwarded-for", from)
        .json(&json!({"email": email, "password": password}))
}

async fn sign_in(app: &TestApp, from: &str, email: &str, password: &str) -> reqwest::Response {
    attempt(app, from, email, password).send().await.unwrap()
}

/// The session cookie of a successful sign-in.
async fn cookie(app: &TestApp, email: &str, password: &str) -> String {
    let r = sign_in(app, "198.51.100.1", email, password).await;
    assert_eq!(r.status(), 200, "{email} signs in");
    let set = r.headers()["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

async fn whoami(app: &TestApp, cookie: &str) -> u16 {
    app.client
        .get(app.url("/api/v1/session"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn strangers_guessing_from_many_addresses_cannot_lock_out_the_right_password() {
    let app = behind_proxy().await;
    // Arrange: 40 wrong guesses at once from 40 addresses (past the
    // e-mail's budget, so most are slowed).
    let mut guesses = JoinSet::new();
    for n in 0..40 {
        let request = attempt(&app, &format!("203.0.113.{n}"), MARIA, "a wrong password!");
        guesses.spawn(async move { request.send().await.unwrap().status().as_u16() });
    }
    let statuses: Vec<u16> = guesses.join_all().await;

    // Act: the member, from her own address.
    let hers = sign_in(&app, "198.51.100.7", MARIA, PASSWORD).await;

    // Assert
    assert!(statuses.iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(hers.status(), 200, "slowed, never refused");
}

#[tokio::test]
async fn one_address_is_refused_after_ten_attempts_whatever_the_emails() {
    let app = behind_proxy().await;
    let mut statuses = Vec::new();
    for n in 0..10 {
        let r = sign_in(
            &app,
            "203.0.113.9",
            &format!("guess{n}@acme.example"),
            "nope nope nope",
        )
        .await;
        statuses.push(r.status().as_u16());
    }

    let eleventh = sign_in(&app, "203.0.113.9", MARIA, PASSWORD).await;
    let elsewhere = sign_in(&app, "198.51.100.7", MARIA, PASSWORD).await;

    assert_eq!(statuses, [401; 10]);
    assert_eq!(eleventh.status(), 429);
    assert!(eleventh.headers().contains_key("retry-after"));
    assert_eq!(problem_code(eleventh).await, "rate_limited");
    assert_eq!(elsewhere.status(), 200);
}

#[tokio::test]
async fn one_address_guessing_one_email_is_refused_while_the_member_signs_in_elsewhere() {
    let app = behind_proxy().await;
    for _ in 0..5 {
        let r = sign_in(&app, "203.0.113.9", MARIA, "a wrong password!").await;
        assert_eq!(r.status(), 401);
    }

    let same_pair = sign_in(&app, "203.0.113.9", MARIA, PASSWORD).await;
    let other_email = sign_in(
        &app,
        "203.0.113.9",
        "joao@acme.example",
        "a wrong password!",
    )
    .await;
    let her_address = sign_in(&app, "198.51.100.7", MARIA, PASSWORD).await;

    assert_eq!(same_pair.status(), 429);
    assert_eq!(other_email.status(), 401, "the address has budget left");
    assert_eq!(her_address.status(), 200);
}

#[tokio::test]
async fn an_overlong_or_invisible_email_is_a_wrong_sign_in_not_an_error() {
    let app = behind_proxy().await;
    let long = format!("{}@acme.example", "m".repeat(60_000));

    let overlong = sign_in(&app, "203.0.113.9", &long, PASSWORD).await;
    let hidden = sign_in(&app, "203.0.113.9", "mar\u{200B}ia@acme.example", PASSWORD).await;

    assert_eq!(overlong.status(), 401);
    assert_eq!(problem_code(overlong).await, "invalid_credentials");
    assert_eq!(
        hidden.status(),
        401,
        "a look-alike of her address is not her"
    );
}

#[tokio::test]
async fn a_new_password_from_the_cli_ends_the_members_sessions() {
    let app = spawn_app().await;
    set_password(&app, MARIA, PASSWORD).await;
    let (laptop, phone) = (
        cookie(&app, MARIA, PASSWORD).await,
        cookie(&app, MARIA, PASSWORD).await,
    );

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nps-collector"))
        .args([
            "member",
            "add",
            "--email",
            "MARIA@Acme.example",
            "--role",
            "admin",
        ])
        .args(["--database-url", &app.database_url])
        .env("NPS_MEMBER_PASSWORD", "a brand new password")
        .output()
        .unwrap();

    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("updated maria@acme.example"));
    assert_eq!(whoami(&app, &laptop).await, 401);
    assert_eq!(whoami(&app, &phone).await, 401);
    assert_eq!(
        sign_in(&app, "198.51.100.2", MARIA, PASSWORD)
            .await
            .status(),
        401
    );
    assert_eq!(
        sign_in(&app, "198.51.100.2", MARIA, "a brand new password")
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn the_demo_admins_new_password_at_each_start_ends_her_sessions() {
    let app = spawn_app().await;
    set_password(&app, DEMO_ADMIN, PASSWORD).await;
    let session = cookie(&app, DEMO_ADMIN, PASSWORD).await;
    assert_eq!(whoami(&app, &session).await, 200);

    let (url, dir) = app.stop().await;
    let restarted = spawn_app_on(url, dir).await;

    assert_eq!(whoami(&restarted, &session).await, 401);
}

#[tokio::test]
async fn emails_differing_in_case_or_width_are_one_member() {
    let app = spawn_app().await;
    let add = |email: &str| {
        app.client
            .post(app.url("/api/v1/members"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&json!({"email": email, "role": "member", "password": PASSWORD}))
            .send()
    };

    let first = add("Maria@Acme.example").await.unwrap();
    let fullwidth = add("ＭＡＲＩＡ@acme.example").await.unwrap();
    let shouting = sign_in(&app, "198.51.100.3", "MARIA@ACME.EXAMPLE", PASSWORD).await;

    assert_eq!(first.status(), 201);
    assert_eq!(fullwidth.status(), 409, "the same person");
    assert_eq!(shouting.status(), 200);
    assert_eq!(shouting.json::<Value>().await.unwrap()["email"], MARIA);
}

#[tokio::test]
async fn emails_with_invisible_or_direction_characters_are_refused() {
    let app = spawn_app().await;
    let cases = [
        ("mar\u{200B}ia@acme.example", "zero-width space"),
        ("maria@acme.example\u{202E}", "right-to-left override"),
        ("mar\u{2066}ia@acme.example", "left-to-right isolate"),
    ];
    for (email, case) in cases {
        let r = app
            .client
            .post(app.url("/api/v1/members"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&json!({"email": email, "role": "admin", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{case}");
        assert_eq!(problem_code(r).await, "invalid_email", "{case}");
    }
}

#[tokio::test]
async fn revoking_sessions_with_a_differently_cased_email_ends_them() {
    let app = spawn_app().await;
    set_password(&app, MARIA, PASSWORD).await;
    let session = cookie(&app, MARIA, PASSWORD).await;

    let revoked = app
        .client
        .delete(app.url("/api/v1/members/MARIA@Acme.Example/sessions"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();

    assert_eq!(revoked.status(), 200);
    assert_eq!(revoked.json::<Value>().await.unwrap()["sessions"], 1);
    assert_eq!(whoami(&app, &session).await, 401);
}
