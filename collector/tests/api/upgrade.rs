//! Upgrading: a SQLite database written by release 0.1
//! (`tests/fixtures/v0.1-sqlite.db`, made by `make-v0.1-sqlite.sh` from
//! commit c05827f) is migrated by today's code and keeps every answer, its
//! roll-ups and the team's records. What 0.1's API said about it is kept
//! beside it (`v0.1-sqlite.expected.json`).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::helpers::{new_id, spawn_app_on, TestApp};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v0.1-sqlite.db");
const EXPECTED: &str = include_str!("../fixtures/v0.1-sqlite.expected.json");

/// A copy of the fixture, opened (and so migrated) by today's collector.
async fn upgraded() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nps.db");
    std::fs::copy(FIXTURE, &path).unwrap();
    spawn_app_on(format!("sqlite://{}", path.display()), dir).await
}

async fn get(app: &TestApp, path: &str) -> Value {
    let r = app.admin_get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    r.json().await.unwrap()
}

/// Numbers as f64: jq wrote `-50.0` as `-50` into the expected file.
fn numbers(v: Value) -> Value {
    match v {
        Value::Number(n) => json!(n.as_f64()),
        Value::Array(a) => a.into_iter().map(numbers).collect(),
        Value::Object(o) => o.into_iter().map(|(k, v)| (k, numbers(v))).collect(),
        other => other,
    }
}

/// What must not change in a statistic.
fn figures(stats: &Value) -> Value {
    numbers(json!({
        "responses": stats["responses"], "nps": stats["nps"], "ci95": stats["ci95"],
        "promoters": stats["promoters"], "passives": stats["passives"],
        "detractors": stats["detractors"], "distribution": stats["distribution"],
    }))
}

/// Segments by value, with their figures.
fn segments(list: &Value) -> BTreeMap<String, Value> {
    let items = list["segments"].as_array().or(list["tags"].as_array());
    items
        .into_iter()
        .flatten()
        .map(|s| {
            let v =
                numbers(json!({"responses": s["responses"], "nps": s["nps"], "ci95": s["ci95"]}));
            (s["value"].as_str().unwrap().to_owned(), v)
        })
        .collect()
}

/// An answer as stored, without what a later release may add to the view.
fn answer(a: &Value) -> (String, Value) {
    // Without its tags: release 0.1's JSON-lines export, which recorded
    // the fixture, wrote every answer's tags as `[]` (fixed since); the
    // tags themselves are held to the fixture by the per-tag statistics.
    let fields = [
        "score",
        "comment",
        "user_id",
        "moment",
        "locale",
        "traits",
        "created_at",
    ];
    let kept: BTreeMap<&str, Value> = fields.iter().map(|f| (*f, a[*f].clone())).collect();
    (a["id"].as_str().unwrap().to_owned(), numbers(json!(kept)))
}

#[tokio::test]
async fn a_database_made_by_release_0_1_migrates_and_keeps_every_answer_and_roll_up() {
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();

    let app = upgraded().await;

    for (project, was) in expected["projects"].as_object().unwrap() {
        // Whole days read the roll-ups; a period starting mid-day, the rows.
        for from in ["2000-01-01T00:00:00Z", "2000-01-01T00:00:01Z"] {
            let period = format!("project={project}&from={from}&to=2100-01-01T00:00:00Z");
            let stats = get(&app, &format!("/api/v1/stats?{period}")).await;
            assert_eq!(
                figures(&stats),
                figures(&was["stats"]),
                "{project} from {from}"
            );
            for by in ["moment", "locale", "trait.plan"] {
                let now = get(&app, &format!("/api/v1/stats/segments?{period}&by={by}")).await;
                assert_eq!(
                    segments(&now),
                    segments(&was["segments"][by]),
                    "{project} by {by} from {from}"
                );
            }
            let tenure = get(&app, &format!("/api/v1/stats/tenure?{period}")).await;
            assert_eq!(
                segments(&tenure),
                segments(&was["tenure"]),
                "{project} tenure"
            );
        }
        let tags = get(&app, &format!("/api/v1/stats/tags?project={project}")).await;
        assert_eq!(segments(&tags), segments(&was["tags"]), "{project} tags");
        let export = app
            .admin_get(&format!(
                "/api/v1/responses/export?project={project}&format=jsonl"
            ))
            .await
            .text()
            .await
            .unwrap();
        // The export carries each answer's tags: as many (answer, tag)
        // pairs as the per-tag statistics count.
        let pairs: usize = export
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["tags"]
                    .as_array()
                    .unwrap()
                    .len()
            })
            .sum();
        let counted: u64 = tags["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["responses"].as_u64().unwrap())
            .sum();
        assert_eq!(pairs as u64, counted, "{project}: the export's tags");
        let now: BTreeMap<_, _> = export
            .lines()
            .map(|l| answer(&serde_json::from_str(l).unwrap()))
            .collect();
        let then: BTreeMap<_, _> = was["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(answer)
            .collect();
        assert_eq!(now.len(), then.len(), "{project}: every answer");
        assert_eq!(now, then, "{project}: each answer as it was");
    }
}

#[tokio::test]
async fn a_database_made_by_release_0_1_keeps_its_team_and_takes_new_answers() {
    let app = upgraded().await;

    let sign_in = app
        .client
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": "support@acme.example", "password": "fixture password v0.1"}))
        .send()
        .await
        .unwrap();
    let versions = get(&app, "/api/v1/projects/acme/config/versions").await;
    let log = get(&app, "/api/v1/privacy/log?project=acme").await;
    let before = get(&app, "/api/v1/stats?project=acme").await;
    let new = app
        .post_response(&json!({"id": new_id(), "key": "acme", "score": 10}))
        .await;
    let after = get(&app, "/api/v1/stats?project=acme").await;

    assert_eq!(
        sign_in.status(),
        200,
        "the member's argon2 hash still verifies"
    );
    assert!(!versions["versions"].as_array().unwrap().is_empty());
    assert!(log.to_string().contains("delete_user"), "{log}");
    assert_eq!(new.status(), 201);
    assert_eq!(
        after["responses"].as_u64(),
        before["responses"].as_u64().map(|n| n + 1),
        "a new answer counts on top of the old roll-ups"
    );
    assert_eq!(
        after["promoters"].as_u64(),
        before["promoters"].as_u64().map(|n| n + 1)
    );
}
