//! Any period, in the project's time zone: plain dates and any offset in
//! `from`/`to`, trends whose days, weeks and months are the zone's (23- and
//! 25-hour days included, and a zone on the half hour), and the same
//! counts from the roll-ups as from the rows whatever the bounds.
//! Answers are written at chosen times by [`seed`].

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::helpers::{problem_code, spawn_app, TestApp, ADMIN_TOKEN};
use crate::seeding::{at, execute, millis, seed, At};

async fn patch_project(app: &TestApp, body: Value) -> reqwest::Response {
    app.client
        .patch(app.url("/api/v1/projects/demo"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn get(app: &TestApp, path: &str) -> Value {
    let r = app.admin_get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    r.json().await.unwrap()
}

async fn set_zone(app: &TestApp, zone: &str) {
    let r = patch_project(app, json!({"timezone": zone})).await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["timezone"], zone);
}

fn points(trend: &Value) -> Vec<(String, u64)> {
    trend["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["start"].as_str().unwrap().to_owned(),
                p["responses"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_projects_time_zone_is_set_shown_and_checked() {
    let app = spawn_app().await;
    let projects = get(&app, "/api/v1/projects").await;
    assert_eq!(projects["projects"][0]["timezone"], "UTC");

    set_zone(&app, "Europe/Paris").await;
    assert_eq!(
        get(&app, "/api/v1/projects").await["projects"][0]["timezone"],
        "Europe/Paris"
    );

    for bad in ["Europe/Pariss", "+02:00", ""] {
        let r = patch_project(&app, json!({"timezone": bad})).await;
        assert_eq!(r.status(), 422, "{bad:?}");
        assert_eq!(problem_code(r).await, "invalid_timezone");
    }
}

#[tokio::test]
async fn daily_trends_follow_paris_across_both_daylight_saving_changes() {
    let app = spawn_app().await;
    set_zone(&app, "Europe/Paris").await;
    seed(
        &app,
        &[
            at("2026-03-28T23:30:00Z", 10), // 29 March 00:30 (+01:00)
            at("2026-03-29T21:59:00Z", 9),  // 29 March 23:59 (+02:00)
            at("2026-03-29T22:30:00Z", 0),  // 30 March 00:30 (+02:00)
            at("2026-10-24T22:00:00Z", 10), // 25 October 00:00 (+02:00)
            at("2026-10-25T22:59:00Z", 3),  // 25 October 23:59 (+01:00)
            at("2026-10-25T23:00:00Z", 8),  // 26 October 00:00 (+01:00)
        ],
    )
    .await;

    let spring = get(
        &app,
        "/api/v1/stats/trend?project=demo&interval=day&from=2026-03-28&to=2026-03-31",
    )
    .await;
    let autumn = get(
        &app,
        "/api/v1/stats/trend?project=demo&interval=day&from=2026-10-25&to=2026-10-27",
    )
    .await;

    assert_eq!(
        points(&spring),
        [
            ("2026-03-28T00:00:00+01:00".to_owned(), 0),
            ("2026-03-29T00:00:00+01:00".to_owned(), 2),
            ("2026-03-30T00:00:00+02:00".to_owned(), 1),
        ],
        "29 March lasts 23 hours"
    );
    assert_eq!(
        points(&autumn),
        [
            ("2026-10-25T00:00:00+02:00".to_owned(), 2),
            ("2026-10-26T00:00:00+01:00".to_owned(), 1),
        ],
        "25 October lasts 25 hours"
    );
}

#[tokio::test]
async fn weeks_and_months_in_kolkata_start_on_its_half_hour_midnights() {
    let app = spawn_app().await;
    set_zone(&app, "Asia/Kolkata").await;
    seed(
        &app,
        &[
            at("2026-04-30T18:29:00Z", 10), // 30 April 23:59 (+05:30)
            at("2026-04-30T18:30:00Z", 0),  // 1 May 00:00
            at("2026-05-03T18:29:00Z", 9),  // Sunday 3 May 23:59
            at("2026-05-03T18:30:00Z", 9),  // Monday 4 May 00:00
        ],
    )
    .await;

    let months = get(
        &app,
        "/api/v1/stats/trend?project=demo&interval=month&from=2026-04-01&to=2026-06-01",
    )
    .await;
    let weeks = get(
        &app,
        "/api/v1/stats/trend?project=demo&interval=week&from=2026-04-27&to=2026-05-11",
    )
    .await;
    let days = get(
        &app,
        "/api/v1/stats/trend?project=demo&interval=day&from=2026-04-30&to=2026-05-02",
    )
    .await;

    assert_eq!(
        points(&months),
        [
            ("2026-04-01T00:00:00+05:30".to_owned(), 1),
            ("2026-05-01T00:00:00+05:30".to_owned(), 3)
        ]
    );
    assert_eq!(
        points(&weeks),
        [
            ("2026-04-27T00:00:00+05:30".to_owned(), 3),
            ("2026-05-04T00:00:00+05:30".to_owned(), 1)
        ]
    );
    assert_eq!(
        points(&days),
        [
            ("2026-04-30T00:00:00+05:30".to_owned(), 1),
            ("2026-05-01T00:00:00+05:30".to_owned(), 1)
        ]
    );
}

/// Answers spread over a year and a half, every 7 h 13 min, so every hour
/// of the day and every quarter is hit.
fn spread() -> Vec<String> {
    let start = millis("2025-06-01T00:00:00Z");
    (0..1800)
        .map(|i| {
            let t = OffsetDateTime::from_unix_timestamp_nanos(
                i128::from(start + i * (7 * 3_600_000 + 13 * 60_000 + 17_000)) * 1_000_000,
            )
            .unwrap();
            t.format(&Rfc3339).unwrap()
        })
        .collect()
}

#[tokio::test]
async fn any_period_counts_the_same_from_the_roll_ups_as_from_the_rows() {
    let app = spawn_app().await;
    let times = spread();
    let answers: Vec<At<'_>> = times
        .iter()
        .enumerate()
        .map(|(i, t)| At {
            at: t,
            score: (i % 11) as u8,
            moment: if i % 3 == 0 {
                "onboarding_completed"
            } else {
                "export_done"
            },
            plan: if i % 4 == 0 { "free" } else { "pro" },
            tenure_days: Some(if i % 5 == 0 { 120 } else { 10 }),
            user: None,
        })
        .collect();
    seed(&app, &answers).await;

    for zone in ["UTC", "Europe/Paris", "Asia/Kolkata", "America/New_York"] {
        set_zone(&app, zone).await;
        for (from, to) in [
            ("2025-12-07T05:17:43.123Z", "2026-12-07T05:17:43.123Z"), // the last 365 days from "now"
            ("2026-01-01", "2026-07-01"),                             // plain dates, in the zone
            ("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"),         // whole UTC days
            ("2026-03-29T01:07:00+02:00", "2026-03-29T09:00:00-05:00"), // within a day, two offsets
        ] {
            let period = format!("from={}&to={}", enc(from), enc(to));
            for path in [
                "/api/v1/stats?project=demo",
                "/api/v1/stats?project=demo&moment=export_done",
                "/api/v1/stats?project=demo&trait.plan=free",
                "/api/v1/stats?project=demo&tenure=new",
                "/api/v1/stats/segments?project=demo&by=moment",
                "/api/v1/stats/segments?project=demo&by=trait.plan",
                "/api/v1/stats/tenure?project=demo",
                "/api/v1/stats/trend?project=demo&interval=day",
                "/api/v1/stats/trend?project=demo&interval=week&moment=export_done",
                "/api/v1/stats/trend?project=demo&interval=month&trait.plan=pro",
            ] {
                let rolled = get(&app, &format!("{path}&{period}")).await;
                // A verbatim filter that keeps every answer sends the
                // question to the rows.
                let raw = get(&app, &format!("{path}&{period}&score_min=0")).await;
                let strip = |mut v: Value| {
                    if let Some(o) = v.as_object_mut() {
                        o.remove("moments");
                    }
                    v
                };
                assert_eq!(strip(rolled), strip(raw), "{zone}: {path}&{period}");
            }
        }
    }
    // And the counts are not all zero.
    let all = get(
        &app,
        "/api/v1/stats?project=demo&from=2025-06-01T00:00:00Z&to=2027-01-01T00:00:00Z",
    )
    .await;
    assert_eq!(all["responses"], 1800);
}

fn enc(s: &str) -> String {
    s.replace('+', "%2B").replace(':', "%3A")
}

#[tokio::test]
async fn tag_statistics_take_the_period_too() {
    let app = spawn_app().await;
    let id = app.answer(3).await;
    let r = app
        .client
        .post(app.url(&format!("/api/v1/responses/{id}/tags?project=demo")))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"tag": "billing"}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());

    let all = get(&app, "/api/v1/stats/tags?project=demo").await;
    let later = get(&app, "/api/v1/stats/tags?project=demo&from=2999-01-01").await;

    assert_eq!(all["tags"][0]["value"], "billing");
    assert_eq!(all["tags"][0]["responses"], 1);
    assert_eq!(later["tags"], json!([]));
}

/// The tags of [`spread`]'s answers, as the SQL below puts them: `billing`
/// on odd seconds, `speed` on seconds divisible by 3 with a score of 9 or
/// more before the removal, none after it.
fn tags_of(t: i64, score: u8, speed_removed: bool) -> Vec<&'static str> {
    let (mut tags, t) = (Vec::new(), t / 1000);
    if t % 2 == 1 {
        tags.push("billing");
    }
    if t % 3 == 0 && !(speed_removed && score >= 9) {
        tags.push("speed");
    }
    tags
}

#[tokio::test]
async fn tag_statistics_count_any_period_from_their_roll_ups_exactly() {
    let app = spawn_app().await;
    let times = spread();
    let answers: Vec<At<'_>> = times
        .iter()
        .enumerate()
        .map(|(i, t)| at(t, (i % 11) as u8))
        .collect();
    seed(&app, &answers).await;
    // Tags written and removed as any tag is: the roll-ups follow them.
    execute(
        &app,
        "INSERT INTO tags (project_key, response_id, tag, source, created_at)
         SELECT project_key, id, 'billing', 'manual', 0 FROM responses WHERE (created_at / 1000) % 2 = 1",
    )
    .await;
    execute(
        &app,
        "INSERT INTO tags (project_key, response_id, tag, source, created_at)
         SELECT project_key, id, 'speed', 'rule', 0 FROM responses WHERE (created_at / 1000) % 3 = 0",
    )
    .await;

    for speed_removed in [false, true] {
        if speed_removed {
            execute(
                &app,
                "DELETE FROM tags WHERE tag = 'speed'
                 AND response_id IN (SELECT id FROM responses WHERE score >= 9)",
            )
            .await;
        }
        for (from, to) in [
            ("2025-12-07T05:17:43.123Z", "2026-12-07T05:17:43.123Z"),
            ("2026-01-01T00:00:00+01:00", "2026-07-01T00:00:00+02:00"),
            ("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"),
            ("2026-01-01T00:00:00+05:30", "2026-01-02T00:00:00+05:30"),
            ("2026-03-29T01:07:00+02:00", "2026-03-29T09:00:00-05:00"),
        ] {
            let (lo, hi) = (millis(from), millis(to));
            let mut truth = std::collections::BTreeMap::<&str, u64>::new();
            for (a, t) in answers.iter().zip(&times) {
                let t = millis(t);
                if (lo..hi).contains(&t) {
                    for tag in tags_of(t, a.score, speed_removed) {
                        *truth.entry(tag).or_default() += 1;
                    }
                }
            }
            let stats = get(
                &app,
                &format!(
                    "/api/v1/stats/tags?project=demo&from={}&to={}",
                    enc(from),
                    enc(to)
                ),
            )
            .await;
            let counted: std::collections::BTreeMap<&str, u64> = stats["tags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    (
                        t["value"].as_str().unwrap(),
                        t["responses"].as_u64().unwrap(),
                    )
                })
                .collect();
            assert_eq!(
                counted, truth,
                "{from} .. {to}, speed removed: {speed_removed}"
            );
        }
    }
}
