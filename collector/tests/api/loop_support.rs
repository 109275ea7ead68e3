//! What the closing-the-loop tests share: a project that verifies
//! identities, proven answers and events, tags, shipping, and reads.

use serde_json::{json, Value};

use crate::helpers::{new_id, new_secret, TestApp, ADMIN_TOKEN};

pub use crate::eligibility::verified_project;

/// Sends an admin request to `path` and returns the answer.
pub async fn admin(
    app: &TestApp,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut r = app
        .client
        .request(method.parse().unwrap(), app.url(path))
        .bearer_auth(ADMIN_TOKEN);
    if let Some(body) = body {
        r = r.json(&body);
    }
    r.send().await.unwrap()
}

/// `user`'s proof in project `secure`.
pub fn proof(secret: &str, user: &str) -> String {
    nps_collector::domain::user_hash(secret, user)
}

/// A proven answer of `user` (anonymous when `None`) in project `secure`,
/// tagged with `tags`; returns its id.
pub async fn answer(
    app: &TestApp,
    secret: &str,
    user: Option<&str>,
    score: u8,
    tags: &[&str],
) -> String {
    let id = new_id();
    let mut body = json!({"id": id, "key": "secure", "score": score, "secret": new_secret()});
    if let Some(user) = user {
        body["user_id"] = json!(user);
        body["user_hash"] = json!(proof(secret, user));
    }
    assert_eq!(app.post_response(&body).await.status(), 201);
    for tag in tags {
        let path = format!("/api/v1/responses/{id}/tags?project=secure");
        let r = admin(app, "POST", &path, Some(json!({ "tag": tag }))).await;
        assert_eq!(r.status(), 200, "tagged {tag}");
    }
    id
}

/// A proven event of `user` in project `secure`.
pub async fn event(app: &TestApp, secret: &str, user: &str, body: Value) -> reqwest::Response {
    let mut body = body;
    body["key"] = json!("secure");
    body["user_id"] = json!(user);
    body["user_hash"] = json!(proof(secret, user));
    app.client
        .post(app.url("/api/v1/events"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// Moves `tag` of project `project` to `status` with `announcement`.
pub async fn set_tag(app: &TestApp, project: &str, tag: &str, body: Value) -> Value {
    let r = admin(
        app,
        "PATCH",
        &format!("/api/v1/tags/{tag}?project={project}"),
        Some(body),
    )
    .await;
    assert_eq!(r.status(), 200, "PATCH {tag}");
    r.json().await.unwrap()
}

/// The announcement the tests ship with.
pub fn announced() -> Value {
    json!({"status": "shipped", "announcement": {
        "en": "CSV export is ten times faster now.",
        "fr": "L'export CSV est dix fois plus rapide.",
        "link": "https://example.com/changelog#export"}})
}

/// The eligibility read of a proven `user`, in `locale` if given.
pub async fn eligibility(app: &TestApp, secret: &str, user: &str, locale: Option<&str>) -> Value {
    let locale = locale.map(|l| format!("&locale={l}")).unwrap_or_default();
    let path = format!(
        "/api/v1/eligibility?key=secure&user_id={user}&user_hash={}{locale}",
        proof(secret, user)
    );
    let r = app.client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// The tag object of `tag` in `GET /api/v1/tags`.
pub async fn listed(app: &TestApp, project: &str, tag: &str) -> Value {
    let all: Value = app
        .admin_get(&format!("/api/v1/tags?project={project}"))
        .await
        .json()
        .await
        .unwrap();
    all["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tag"] == tag)
        .cloned()
        .unwrap_or(Value::Null)
}
