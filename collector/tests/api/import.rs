//! Import (`nps-collector import` and `POST /api/v1/projects/{key}/import`)
//! on both backends: a Delighted export over 12 months gives the statistics,
//! weekly trend and tags computed by hand from the file; a second import
//! adds nothing; imported answers are marked, keep their notes, fire no
//! webhook, and are erased like any other. Bad rows: `import_errors`.

use std::process::{Command, Output};

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use nps_collector::alerts::dispatch_once;

use crate::helpers::{spawn_app, TestApp, ADMIN_TOKEN};
use crate::receiver::Receiver;
use crate::webhooks_delivery::{answer, create_webhook, log, loops};

/// The checked-in Delighted export (`fixtures/make-delighted.mjs`).
pub fn fixture_path() -> String {
    format!(
        "{}/tests/fixtures/delighted-12-months.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn fixture() -> Vec<Value> {
    let text = std::fs::read_to_string(fixture_path()).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Runs `nps-collector import ARGS` on the app's database.
pub fn cli(app: &TestApp, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nps-collector"))
        .arg("import")
        .args(["--database-url", &app.database_url])
        .args(args)
        .env_remove("NPS_DATABASE_URL")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("the binary runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `POST /api/v1/projects/demo/import?QUERY` with `body`.
pub async fn import_api(
    app: &TestApp,
    query: &str,
    body: impl Into<reqwest::Body>,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/projects/demo/import?{query}")))
        .bearer_auth(ADMIN_TOKEN)
        .body(body)
        .send()
        .await
        .unwrap()
}

pub async fn get(app: &TestApp, path: &str) -> Value {
    let r = app.admin_get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    r.json().await.unwrap()
}

/// (responses, promoters, passives, detractors) of some scores.
fn counts<'a>(scores: impl Iterator<Item = &'a Value>) -> (u64, u64, u64, u64) {
    scores.fold((0, 0, 0, 0), |(n, p, m, d), s| match s.as_u64().unwrap() {
        9..=10 => (n + 1, p + 1, m, d),
        7..=8 => (n + 1, p, m + 1, d),
        _ => (n + 1, p, m, d + 1),
    })
}

fn nps((n, p, _, d): (u64, u64, u64, u64)) -> Option<f64> {
    (n > 0).then(|| (p as f64 - d as f64) * 100.0 / n as f64)
}

const YEAR: &str = "from=2025-01-01&to=2026-01-01";

#[tokio::test]
async fn a_delighted_export_over_twelve_months_gives_the_stats_trend_and_tags_computed_by_hand() {
    // Arrange
    let app = spawn_app().await;
    let rows = fixture();

    // Act
    let out = cli(
        &app,
        &[
            "--project",
            "demo",
            "--format",
            "delighted",
            &fixture_path(),
        ],
    );

    // Assert
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.contains(&format!("imported {}", rows.len())), "{said}");
    assert!(
        said.contains("skipped 0") && said.contains("duplicates 0"),
        "{said}"
    );

    let expected = counts(rows.iter().map(|r| &r["score"]));
    let stats = get(&app, &format!("/api/v1/stats?project=demo&{YEAR}")).await;
    let summary = &stats;
    let got = (
        summary["responses"].as_u64().unwrap(),
        summary["promoters"].as_u64().unwrap(),
        summary["passives"].as_u64().unwrap(),
        summary["detractors"].as_u64().unwrap(),
    );
    assert_eq!(got, expected, "the year's counts");

    let trend = get(
        &app,
        "/api/v1/stats/trend?project=demo&interval=week&from=2024-12-30&to=2026-01-05",
    )
    .await;
    let points = trend["points"].as_array().unwrap();
    assert_eq!(points.len(), 53, "Monday 2024-12-30 to Sunday 2026-01-04");
    let mut seen = 0;
    for point in points {
        let start = OffsetDateTime::parse(point["start"].as_str().unwrap(), &Rfc3339).unwrap();
        let (from, to) = (
            start.unix_timestamp(),
            (start + time::Duration::weeks(1)).unix_timestamp(),
        );
        let week = counts(
            rows.iter()
                .filter(|r| (from..to).contains(&r["created_at"].as_i64().unwrap()))
                .map(|r| &r["score"]),
        );
        assert_eq!(point["responses"].as_u64(), Some(week.0), "week of {start}");
        match (point["nps"].as_f64(), nps(week)) {
            (Some(got), Some(want)) => assert!(
                (got - want).abs() < 0.051,
                "week of {start}: {got} vs {want}"
            ),
            (got, want) => assert_eq!(got, want, "week of {start}"),
        }
        seen += week.0;
    }
    assert_eq!(seen, rows.len() as u64, "every answer is in its week");

    let mut by_tag = std::collections::BTreeMap::<String, u64>::new();
    for r in &rows {
        for t in r["tags"].as_array().unwrap() {
            let tag = t.as_str().unwrap().to_lowercase().replace(' ', "-");
            *by_tag.entry(tag).or_default() += 1;
        }
    }
    let tags = get(&app, &format!("/api/v1/stats/tags?project=demo&{YEAR}")).await;
    let got: std::collections::BTreeMap<String, u64> = tags["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["value"].as_str().unwrap().to_owned(),
                t["responses"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(!by_tag.is_empty(), "the fixture has tags");
    assert_eq!(got, by_tag, "answers per tag");
}

#[tokio::test]
async fn importing_the_same_file_again_adds_nothing() {
    let app = spawn_app().await;
    let rows = fixture().len();
    let first = cli(
        &app,
        &[
            "--project",
            "demo",
            "--format",
            "delighted",
            &fixture_path(),
        ],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let before = get(&app, &format!("/api/v1/stats?project=demo&{YEAR}")).await;

    let again = cli(
        &app,
        &[
            "--project",
            "demo",
            "--format",
            "delighted",
            &fixture_path(),
        ],
    );
    let body = std::fs::read(fixture_path()).unwrap();
    let over_api = import_api(&app, "format=delighted", body).await;

    assert!(again.status.success(), "{}", stderr(&again));
    let said = stdout(&again);
    assert!(
        said.contains(&format!("imported 0, skipped 0, duplicates {rows}")),
        "{said}"
    );
    assert_eq!(over_api.status(), 200);
    let summary: Value = over_api.json().await.unwrap();
    assert_eq!(
        (
            &summary["imported"],
            &summary["duplicates"],
            &summary["skipped"]
        ),
        (&json!(0), &json!(rows), &json!(0))
    );
    let after = get(&app, &format!("/api/v1/stats?project=demo&{YEAR}")).await;
    assert_eq!(after, before);
}

#[tokio::test]
async fn imported_answers_keep_their_time_say_where_they_come_from_and_bring_their_notes() {
    let app = spawn_app().await;
    let rows = fixture();
    let noted = rows
        .iter()
        .find(|r| !r["notes"].as_array().unwrap().is_empty())
        .unwrap();
    let body = std::fs::read(fixture_path()).unwrap();

    let r = import_api(&app, "format=delighted", body).await;

    assert_eq!(r.status(), 200);
    let user = noted["person"]["email"].as_str().unwrap();
    let feed = get(
        &app,
        &format!("/api/v1/responses?project=demo&user_id={user}&limit=100"),
    )
    .await;
    let items = feed["items"].as_array().unwrap();
    let at = OffsetDateTime::from_unix_timestamp(noted["created_at"].as_i64().unwrap()).unwrap();
    let answer = items
        .iter()
        .find(|a| OffsetDateTime::parse(a["created_at"].as_str().unwrap(), &Rfc3339).unwrap() == at)
        .expect("the noted answer, at its original time");
    assert_eq!(answer["source"], "import");
    assert_eq!(answer["score"], noted["score"]);
    let id = answer["id"].as_str().unwrap();
    let followup = get(&app, &format!("/api/v1/followups/{id}?project=demo")).await;
    let notes: Vec<&Value> = followup["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["kind"] == "note")
        .collect();
    assert_eq!(notes.len(), 1, "{followup}");
    assert_eq!(notes[0]["value"], noted["notes"][0]["text"]);
    let export = app
        .admin_get("/api/v1/responses/export?project=demo&format=csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        export.lines().next().unwrap().ends_with(",source,variant"),
        "{export:.200}"
    );
    assert_eq!(
        export.lines().filter(|l| l.ends_with(",import,")).count(),
        rows.len()
    );
}

#[tokio::test]
async fn imported_answers_fire_no_webhook_where_a_live_one_does() {
    let app = spawn_app().await;
    let receiver = Receiver::start().await;
    let hook = create_webhook(&app, "demo", &receiver.url, json!({})).await;
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let now = OffsetDateTime::now_utc().format(&Rfc3339).unwrap();
    let csv = format!(
        "id,created_at,score,comment,user_id\nd1,{now},0,Broken,u-1\nd2,{now},2,Slow,u-2\n"
    );
    let r = import_api(&app, "format=csv", csv).await;
    assert_eq!(r.status(), 200);
    let live = answer(&app, "demo", "u-3", 1, "Live and bad").await;

    let queued = dispatch_once(
        &loops(&app.database_url).await,
        OffsetDateTime::now_utc() + time::Duration::seconds(30),
    )
    .await
    .unwrap();

    assert_eq!(queued, 1, "the live detractor only");
    let deliveries = log(&app, &hook).await;
    assert_eq!(deliveries.len(), 1);
    assert_eq!(
        deliveries[0]["event_id"],
        format!("msg_response_{}", live.replace('-', ""))
    );
}

#[tokio::test]
async fn erasure_and_retention_treat_imported_answers_like_others() {
    let app = spawn_app().await;
    let old = (OffsetDateTime::now_utc() - time::Duration::days(400))
        .format(&Rfc3339)
        .unwrap();
    let recent = (OffsetDateTime::now_utc() - time::Duration::days(3))
        .format(&Rfc3339)
        .unwrap();
    let csv = format!(
        "id,created_at,score,comment,user_id\n1,{recent},0,Bad,ann\n2,{recent},10,Good,ann\n3,{recent},9,Fine,bob\n4,{old},3,Old,bob\n"
    );
    assert_eq!(import_api(&app, "format=csv", csv).await.status(), 200);

    let erased = app
        .client
        .delete(app.url("/api/v1/users/ann?project=demo"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(erased.status(), 200);
    let body: Value = erased.json().await.unwrap();
    assert_eq!(body["deleted"]["responses"], 2);
    let r = app
        .client
        .patch(app.url("/api/v1/projects/demo"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"retention_days": 365}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let store = nps_collector::store::open(&app.database_url).await.unwrap();
    let removed = nps_collector::retention::run_once(store.as_ref(), OffsetDateTime::now_utc())
        .await
        .unwrap();

    assert_eq!(removed, 1, "the answer of 400 days ago");
    let stats = get(&app, "/api/v1/stats?project=demo").await;
    assert_eq!(stats["responses"], 1, "bob's recent answer is left");
    let feed = get(&app, "/api/v1/responses?project=demo").await;
    assert!(!feed.to_string().contains("ann"), "{feed}");
}
