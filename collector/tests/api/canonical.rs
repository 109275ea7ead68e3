//! One spelling per input: project keys unique whatever their case, one
//! rule for repeated query parameters, no control characters in the admin
//! API's texts, no invisible formatting in user ids and traits, page URLs
//! without credentials, HTTPS recognised in any case.

use serde_json::{json, Value};

use nps_collector::auth::Role;

use crate::helpers::{new_id, problem_code, spawn_app, spawn_app_with, ADMIN_TOKEN};

#[tokio::test]
async fn a_key_differing_only_in_case_from_an_existing_one_is_refused_with_409() {
    let app = spawn_app().await;
    let create = |key: &'static str| {
        app.client
            .post(app.url("/api/v1/projects"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&json!({"key": key, "name": "Look-alike"}))
            .send()
    };

    let upper = create("DEMO").await.unwrap();
    let mixed = create("Demo").await.unwrap();

    assert_eq!(upper.status(), 409);
    assert_eq!(problem_code(upper).await, "conflict");
    assert_eq!(mixed.status(), 409);
    let projects: Value = app
        .admin_get("/api/v1/projects")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        projects["projects"].as_array().map(Vec::len),
        Some(1),
        "{projects}"
    );
}

#[tokio::test]
async fn a_repeated_query_parameter_is_refused_with_400_naming_it() {
    let app = spawn_app().await;
    let cases = [
        ("/api/v1/responses?project=demo&project=other", "project"),
        ("/api/v1/stats?project=demo&moment=a&moment=b", "moment"),
        (
            "/api/v1/stats/segments?project=demo&by=moment&by=locale",
            "by",
        ),
        (
            "/api/v1/responses?project=demo&trait.plan=pro&trait.plan=free",
            "trait.plan",
        ),
        (
            "/api/v1/responses/export?project=demo&format=csv&format=jsonl",
            "format",
        ),
        ("/api/v1/tag-rules?project=demo&project=demo", "project"),
        (
            "/api/v1/stats?project=demo&%66rom=2026-01-01&from=2026-02-01",
            "from",
        ),
    ];
    for (path, name) in cases {
        let r = app.admin_get(path).await;
        assert_eq!(r.status(), 400, "{path}");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["code"], "bad_query", "{path}");
        let message = problem["message"].as_str().unwrap();
        assert!(message.contains(&format!("{name:?}")), "{path}: {message}");
    }
    let several_traits = app
        .admin_get("/api/v1/responses?project=demo&trait.plan=pro&trait.region=eu")
        .await;
    assert_eq!(several_traits.status(), 200, "several traits, each once");
}

#[tokio::test]
async fn control_characters_are_refused_in_the_admin_apis_texts() {
    let app = spawn_app().await;
    let send = |method: reqwest::Method, path: &str, body: Value| {
        app.client
            .request(method, app.url(path))
            .bearer_auth(ADMIN_TOKEN)
            .json(&body)
            .send()
    };
    let texts =
        json!({"moments": [{"event": "x", "texts": {"en": {"question": "How likely\u{1b}[2J?"}}}]});
    let cases = [
        (
            reqwest::Method::POST,
            "/api/v1/projects",
            json!({"key": "p", "name": "Two\nlines"}),
            "project name",
        ),
        (
            reqwest::Method::PATCH,
            "/api/v1/projects/demo",
            json!({"name": "Bell\u{7}"}),
            "renamed",
        ),
        (
            reqwest::Method::PUT,
            "/api/v1/projects/demo/config",
            texts,
            "moment question",
        ),
        (
            reqwest::Method::POST,
            "/api/v1/tag-rules",
            json!({"project": "demo", "tag": "t", "keywords": ["a\u{0}b"]}),
            "keyword",
        ),
        (
            reqwest::Method::POST,
            "/api/v1/tag-rules",
            json!({"project": "demo", "tag": "t", "keywords": ["line\r\nbreak"]}),
            "keyword CRLF",
        ),
        (
            reqwest::Method::POST,
            "/api/v1/tag-rules",
            json!({"project": "demo", "tag": "t", "regex": "a\u{8}b"}),
            "regex",
        ),
    ];
    for (method, path, body, case) in cases {
        let r = send(method, path, body).await.unwrap();
        assert_eq!(r.status(), 422, "{case}");
    }
}

#[tokio::test]
async fn invisible_formatting_is_refused_in_user_ids_and_trait_values() {
    let app = spawn_app().await;
    let cases = [
        (json!({"user_id": "admin\u{202E}nimda"}), "RLO in a user id"),
        (
            json!({"user_id": "\u{2066}alice\u{2069}"}),
            "isolates in a user id",
        ),
        (
            json!({"user_id": "al\u{200B}ice"}),
            "zero-width space in a user id",
        ),
        (
            json!({"traits": {"plan": "pro\u{202D}"}}),
            "LRO in a trait value",
        ),
        (
            json!({"traits": {"plan": "\u{FEFF}pro"}}),
            "BOM in a trait value",
        ),
        (
            json!({"traits": {"pl\u{200B}an": "pro"}}),
            "zero-width space in a trait name",
        ),
    ];
    for (extra, case) in cases {
        let mut body = json!({"id": new_id(), "key": "demo", "score": 8});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        let r = app.post_response(&body).await;
        assert_eq!(r.status(), 422, "{case}");
    }
    assert_eq!(app.stats().await["responses"], 0);
}

#[tokio::test]
async fn an_answers_url_is_kept_without_credentials_or_path_parameters() {
    let app = spawn_app().await;
    let r = app
        .post_response(&json!({"id": new_id(), "key": "demo", "score": 8,
            "url": "https://bob:hunter2@app.example:8443/cart;jsessionid=S3CRET/pay?token=x#y"}))
        .await;
    assert_eq!(r.status(), 201);

    let feed: Value = app
        .admin_get("/api/v1/responses?project=demo")
        .await
        .json()
        .await
        .unwrap();

    assert_eq!(feed["items"][0]["url"], "https://app.example:8443/cart/pay");
}

#[tokio::test]
async fn an_upper_case_https_public_url_still_makes_the_cookie_secure() {
    let app = spawn_app_with(|s| s.public_url = Some("HTTPS://nps.example.com".into())).await;
    let store = nps_collector::store::open(&app.database_url).await.unwrap();
    nps_collector::auth::add_member(
        store.as_ref(),
        "a@example.com",
        Role::Admin,
        "a long enough password",
        true,
    )
    .await
    .unwrap();

    let r = app
        .client
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": "a@example.com", "password": "a long enough password"}))
        .send()
        .await
        .unwrap();

    assert_eq!(r.status(), 200);
    let cookie = r.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
}
