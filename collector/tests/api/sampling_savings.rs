//! What sampling saved (`GET /api/v1/stats/sampling`): answers and `shown`
//! events written at chosen instants of the current month, the pause's
//! start, the prompts shown before it and the saved-prompts estimate
//! checked against the same arithmetic done here by hand.

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::helpers::{new_id, spawn_app, TestApp, ADMIN_TOKEN};
use crate::seeding::{at, execute, seed, At};

/// The demo project's zone is UTC: its month starts at 00:00 UTC on day 1.
fn month_start(now: OffsetDateTime) -> OffsetDateTime {
    now.replace_day(1)
        .unwrap()
        .replace_time(time::Time::MIDNIGHT)
}

/// The instant `percent` of the way from the month's start to `now`, to
/// the millisecond (the storage's precision), whatever day the test runs.
fn along(start: OffsetDateTime, now: OffsetDateTime, percent: i64) -> OffsetDateTime {
    let ms = (now - start).whole_milliseconds() as i64 * percent / 100;
    start + Duration::milliseconds(ms)
}

fn rfc(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap()
}

async fn sampled(app: &TestApp, per_moment: bool) {
    let rules = json!({
        "moments": [{"event": "onboarding_completed"}, {"event": "invoice_paid"}],
        "sampling": {"target_margin": 30, "per_moment": per_moment}
    });
    let r = app
        .client
        .put(app.url("/api/v1/projects/demo/config"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&rules)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

/// `shown` events of `moment` at these instants.
async fn shown(app: &TestApp, moment: &str, times: &[OffsetDateTime]) {
    let rows: Vec<String> = times
        .iter()
        .map(|t| {
            let ms = (t.unix_timestamp_nanos() / 1_000_000) as i64;
            format!("('{}', 'demo', 'shown', '{moment}', {ms})", new_id())
        })
        .collect();
    let sql = format!(
        "INSERT INTO events (id, project_key, kind, moment, created_at) VALUES {}",
        rows.join(", ")
    );
    execute(app, &sql).await;
}

async fn sampling(app: &TestApp) -> Value {
    let r = app.admin_get("/api/v1/stats/sampling?project=demo").await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

fn hours(d: Duration) -> f64 {
    d.whole_milliseconds() as f64 / 3_600_000.0
}

#[tokio::test]
async fn the_pause_starts_at_the_tenth_promoter_and_saves_the_rate_before_times_the_hours_after() {
    let app = spawn_app().await;
    sampled(&app, false).await;
    let now = OffsetDateTime::now_utc();
    let start = month_start(now);
    // Ten promoters reach 30 points (29.4); the tenth arrives halfway.
    let times: Vec<String> = (31..=39)
        .chain([50, 60, 70])
        .map(|p| rfc(along(start, now, p)))
        .collect();
    let answers: Vec<At<'_>> = times.iter().map(|t| at(t, 10)).collect();
    seed(&app, &answers).await;
    // 20 prompts shown before the pause, 2 after it (in-flight pages).
    let before: Vec<_> = (1..=20).map(|p| along(start, now, p * 2)).collect();
    shown(&app, "onboarding_completed", &before).await;
    shown(
        &app,
        "invoice_paid",
        &[along(start, now, 80), along(start, now, 90)],
    )
    .await;

    let asked = OffsetDateTime::now_utc();
    let body = sampling(&app).await;
    let answered = OffsetDateTime::now_utc();
    let config: Value = app
        .client
        .get(app.url("/api/v1/config?key=demo"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    assert_eq!(body["target_margin"], 30.0);
    assert_eq!(body["per_moment"], false);
    assert_eq!(body["month_start"], rfc(start));
    let groups = body["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{body}");
    let g = &groups[0];
    assert!(g["moment"].is_null());
    assert_eq!(g["answers"], 12);
    // 12 promoters: p' = 12.75/15, d' = 0.75/15, Var' = 0.9 - 0.64 = 0.26,
    // 1.96 × 100 × sqrt(0.26 / 15) = 25.8.
    assert_eq!(g["margin"], 25.8);
    let pause = along(start, now, 50);
    assert_eq!(g["paused_since"], rfc(pause));
    assert_eq!(g["paused_until"], config["moments"][0]["paused_until"]);
    assert_eq!(g["shown_before"], 20);
    // 20 shown in the hours before the pause, times the hours since.
    let rate = 20.0 / hours(pause - start);
    let low = (rate * hours(asked - pause)).round() as u64;
    let high = (rate * hours(answered - pause)).round() as u64;
    let saved = g["prompts_saved"].as_u64().unwrap();
    assert!((low..=high).contains(&saved), "{saved} in {low}..={high}");
    assert!(saved >= 19, "the pause lasted as long as the time before");
}

#[tokio::test]
async fn per_moment_a_moment_short_of_the_target_saves_nothing_and_counts_all_its_prompts() {
    let app = spawn_app().await;
    sampled(&app, true).await;
    let now = OffsetDateTime::now_utc();
    let start = month_start(now);
    let mut times: Vec<(String, &str)> = (1..=10)
        .map(|p| (rfc(along(start, now, p * 5)), "onboarding_completed"))
        .collect();
    times.extend((1..=3).map(|p| (rfc(along(start, now, p * 7)), "invoice_paid")));
    let answers: Vec<At<'_>> = times
        .iter()
        .map(|(t, moment)| At {
            moment,
            ..at(t, 10)
        })
        .collect();
    seed(&app, &answers).await;
    let invoice: Vec<_> = (1..=6).map(|p| along(start, now, p * 10)).collect();
    shown(&app, "invoice_paid", &invoice).await;
    shown(&app, "onboarding_completed", &[along(start, now, 10)]).await;

    let body = sampling(&app).await;

    let groups = body["groups"].as_array().unwrap();
    let names: Vec<&str> = groups
        .iter()
        .map(|g| g["moment"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["onboarding_completed", "invoice_paid"]);
    let (onboarding, invoice) = (&groups[0], &groups[1]);
    assert_eq!(onboarding["paused_since"], rfc(along(start, now, 50)));
    assert_eq!(onboarding["shown_before"], 1);
    assert_eq!(invoice["answers"], 3);
    assert!(invoice["paused_until"].is_null() && invoice["paused_since"].is_null());
    assert_eq!(invoice["shown_before"], 6, "all the month's so far");
    assert_eq!(invoice["prompts_saved"], 0);
}

#[tokio::test]
async fn a_project_that_does_not_sample_gets_no_target_and_no_groups() {
    let app = spawn_app().await;

    let body = sampling(&app).await;

    assert!(body["target_margin"].is_null(), "{body}");
    assert_eq!(body["groups"], json!([]));
    assert!(body["month_start"].as_str().unwrap().contains("T00:00:00"));
}

#[tokio::test]
async fn the_figure_needs_a_sign_in() {
    let app = spawn_app().await;

    let r = app
        .client
        .get(app.url("/api/v1/stats/sampling?project=demo"))
        .send()
        .await
        .unwrap();

    assert_eq!(r.status(), 401);
}
