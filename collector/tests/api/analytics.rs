//! The statistics a product team reads: interval, comparison, trend,
//! segments, tenure, filters; the verbatim feed and its export.

use serde_json::{json, Value};

use crate::helpers::{new_id, spawn_app, TestApp};

/// Answers the demo project `n` times with `score` and `extra` fields.
async fn answers(app: &TestApp, n: usize, score: u8, extra: Value) {
    for _ in 0..n {
        let mut body = json!({"id": new_id(), "key": "demo", "score": score});
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        assert_eq!(app.post_response(&body).await.status(), 201);
    }
}

async fn get(app: &TestApp, path: &str) -> Value {
    let r = app.admin_get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    r.json().await.unwrap()
}

#[tokio::test]
async fn the_score_carries_its_adjusted_wald_interval() {
    let app = spawn_app().await;
    answers(&app, 50, 10, json!({})).await;
    answers(&app, 30, 8, json!({})).await;
    answers(&app, 20, 3, json!({})).await;

    let stats = get(&app, "/api/v1/stats?project=demo").await;

    assert_eq!(stats["nps"], 30.0);
    assert_eq!(stats["ci95"]["low"], 14.05);
    assert_eq!(stats["ci95"]["high"], 44.2);
    assert_eq!(stats["margin_of_error"], 15.1);
    assert_eq!(stats["distribution"][10], 50);
    assert_eq!(stats["distribution"].as_array().unwrap().len(), 11);
    assert!(stats["needed_for_5"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn every_language_the_prompt_speaks_is_kept_and_segments_by_its_code() {
    let app = spawn_app().await;
    let codes = ["en", "fr", "de", "es", "it", "pt", "pt-BR", "nl", "ar"];
    for (n, code) in codes.iter().enumerate() {
        answers(&app, n + 1, 10, json!({ "locale": code })).await;
    }

    for (n, code) in codes.iter().enumerate() {
        let path = format!(
            "/api/v1/stats?project=demo&locale={}",
            code.replace('-', "%2D")
        );
        let stats = get(&app, &path).await;
        assert_eq!(
            stats["responses"],
            n + 1,
            "{code}: Brazil apart from Portugal"
        );
    }
    let segments = get(&app, "/api/v1/stats/segments?project=demo&by=locale").await;
    let listed: Vec<&str> = segments["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter_map(|s| s["value"].as_str())
        .collect();
    for code in codes {
        assert!(listed.contains(&code), "{code} among {listed:?}");
    }
}

#[tokio::test]
async fn filters_select_by_moment_locale_trait_and_tenure() {
    let app = spawn_app().await;
    let signed_recently =
        (time::OffsetDateTime::now_utc() - time::Duration::days(3)).unix_timestamp() * 1000;
    answers(&app, 3, 10, json!({"moment": "onboarding_completed", "locale": "fr", "traits": {"plan": "pro", "signed_up_at": signed_recently}})).await;
    answers(
        &app,
        2,
        2,
        json!({"locale": "en", "traits": {"plan": "free", "signed_up_at": "2020-01-01"}}),
    )
    .await;

    let by = |q: &'static str| {
        get(
            &app,
            Box::leak(format!("/api/v1/stats?project=demo&{q}").into_boxed_str()),
        )
    };
    assert_eq!(by("moment=onboarding_completed").await["responses"], 3);
    assert_eq!(by("locale=en").await["responses"], 2);
    assert_eq!(by("trait.plan=pro").await["nps"], 100.0);
    assert_eq!(by("trait.plan=free&locale=en").await["nps"], -100.0);
    assert_eq!(by("tenure=new").await["responses"], 3);
    assert_eq!(by("tenure=established").await["responses"], 2);
    assert_eq!(by("from=2999-01-01T00:00:00Z").await["responses"], 0);
    let bad = app
        .admin_get("/api/v1/stats?project=demo&tenure=ancient")
        .await;
    assert_eq!(bad.status(), 422);
}

#[tokio::test]
async fn compare_tells_a_real_change_from_noise() {
    let app = spawn_app().await;
    answers(&app, 50, 9, json!({"locale": "fr"})).await;
    answers(&app, 30, 7, json!({"locale": "fr"})).await;
    answers(&app, 20, 0, json!({"locale": "fr"})).await;
    answers(&app, 40, 9, json!({"locale": "en"})).await;
    answers(&app, 30, 7, json!({"locale": "en"})).await;
    answers(&app, 30, 0, json!({"locale": "en"})).await;

    let c = get(
        &app,
        "/api/v1/stats/compare?project=demo&a.locale=fr&b.locale=en",
    )
    .await;

    assert_eq!(c["difference"], 20.0);
    assert_eq!(c["a"]["responses"], 100);
    let p = c["p_value"].as_f64().unwrap();
    assert!((p - 0.0832).abs() < 0.001, "p = {p}");
    assert_eq!(c["significant"], false);
    assert_eq!(c["summary_en"], "up 20 points, not significant yet");
}

#[tokio::test]
async fn compare_takes_two_periods() {
    let app = spawn_app().await;
    answers(&app, 3, 10, json!({})).await;
    let now = time::OffsetDateTime::now_utc();
    let fmt = |t: time::OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    let path = format!(
        "/api/v1/stats/compare?project=demo&from1={}&to1={}&from2=2020-01-01T00:00:00Z&to2=2020-02-01T00:00:00Z",
        fmt(now - time::Duration::hours(1)),
        fmt(now + time::Duration::hours(1)),
    );

    let c = get(&app, &path).await;

    assert_eq!(c["a"]["responses"], 3);
    assert_eq!(c["b"]["responses"], 0);
    assert_eq!(c["b"]["nps"], Value::Null);
    // A first period has nothing before it: no "up 100 points".
    assert_eq!(c["comparable"], false);
    assert_eq!(c["significant"], false);
    assert_eq!(
        c["summary_en"],
        "nothing to compare with: no answers on one side"
    );
}

#[tokio::test]
async fn the_trend_has_a_point_per_period_with_its_interval() {
    let app = spawn_app().await;
    answers(&app, 4, 10, json!({})).await;
    let today = time::OffsetDateTime::now_utc().date();

    let t = get(&app, "/api/v1/stats/trend?project=demo&interval=day").await;
    let weeks = get(&app, "/api/v1/stats/trend?project=demo&interval=month&from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z").await;

    assert_eq!(t["points"].as_array().unwrap().len(), 1);
    assert_eq!(t["points"][0]["start"], format!("{today}T00:00:00Z"));
    assert_eq!(t["points"][0]["responses"], 4);
    assert!(t["points"][0]["ci95"]["low"].is_number());
    let starts: Vec<&str> = weeks["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "2026-01-01T00:00:00Z",
            "2026-02-01T00:00:00Z",
            "2026-03-01T00:00:00Z"
        ],
        "empty months are kept"
    );
}

#[tokio::test]
async fn segments_are_sorted_by_size_and_small_ones_flagged() {
    let app = spawn_app().await;
    answers(&app, 31, 9, json!({"traits": {"plan": "pro"}})).await;
    answers(&app, 2, 1, json!({"traits": {"plan": "free"}})).await;

    let s = get(&app, "/api/v1/stats/segments?project=demo&by=trait.plan").await;
    let tenure = get(&app, "/api/v1/stats/tenure?project=demo").await;

    assert_eq!(s["segments"][0]["value"], "pro");
    assert_eq!(s["segments"][0]["small_sample"], false);
    assert_eq!(s["segments"][1]["value"], "free");
    assert_eq!(s["segments"][1]["small_sample"], true);
    assert_eq!(s["segments"][1]["nps"], -100.0);
    assert_eq!(tenure["segments"].as_array().unwrap().len(), 6);
    assert_eq!(tenure["segments"][0]["value"], "0-7");
}

#[tokio::test]
async fn the_feed_searches_filters_and_pages_stably_under_inserts() {
    let app = spawn_app().await;
    for i in 0..7 {
        let comment = if i % 2 == 0 {
            format!("Export is slow #{i}")
        } else {
            format!("Love it #{i}")
        };
        answers(
            &app,
            1,
            if i % 2 == 0 { 3 } else { 10 },
            json!({"comment": comment}),
        )
        .await;
    }

    let first = get(&app, "/api/v1/responses?project=demo&limit=3").await;
    answers(&app, 2, 5, json!({"comment": "arrived while paging"})).await;
    let mut seen: Vec<String> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    let mut cursor = first["next_cursor"].as_str().map(str::to_owned);
    while let Some(c) = cursor {
        let page = get(
            &app,
            &format!("/api/v1/responses?project=demo&limit=3&cursor={c}"),
        )
        .await;
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_owned()),
        );
        cursor = page["next_cursor"].as_str().map(str::to_owned);
    }
    let search = get(
        &app,
        "/api/v1/responses?project=demo&q=EXPORT&category=detractor",
    )
    .await;

    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!(
        seen.len(),
        7,
        "the pages hold exactly the answers that existed"
    );
    assert_eq!(unique.len(), 7, "no answer twice");
    assert_eq!(search["items"].as_array().unwrap().len(), 4);
    assert_eq!(search["next_cursor"], Value::Null);
}

#[tokio::test]
async fn the_csv_export_neutralises_formulas() {
    let app = spawn_app().await;
    for comment in [
        "=HYPERLINK(\"http://evil\")",
        "+cmd",
        "-1",
        "@SUM(A1)",
        "plain, with comma",
    ] {
        answers(&app, 1, 2, json!({"comment": comment})).await;
    }

    let r = app
        .admin_get("/api/v1/responses/export?project=demo&format=csv")
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    let jsonl = app
        .admin_get("/api/v1/responses/export?project=demo&format=jsonl")
        .await
        .text()
        .await
        .unwrap();

    assert!(csv.starts_with("id,created_at,score"));
    assert_eq!(csv.lines().count(), 6);
    for line in csv.lines().skip(1) {
        let comment_cell = line.split(",detractor,").nth(1).unwrap();
        assert!(!comment_cell.starts_with(['=', '+', '-', '@']), "{line}");
    }
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""));
    assert_eq!(jsonl.lines().count(), 5);
    for line in jsonl.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["category"], "detractor");
    }
}

/// The same question answered from the roll-ups and from the rows (a `from`
/// off a whole day forces the rows).
async fn both_ways(app: &TestApp, path: &str) -> (Value, Value) {
    let rolled = get(app, path).await;
    let raw = get(app, &format!("{path}&from=1970-01-01T00:00:00.001Z")).await;
    (rolled, raw)
}

#[tokio::test]
async fn the_roll_ups_agree_with_the_rows_after_inserts_and_deletions() {
    let app = spawn_app().await;
    let old_signup = "2020-01-01";
    for (score, plan, user) in [
        (10, "pro", "a"),
        (9, "pro", "b"),
        (3, "free", "c"),
        (7, "free", "a"),
        (0, "pro", "d"),
    ] {
        answers(&app, 1, score, json!({"user_id": user, "locale": "fr", "moment": "onboarding_completed",
                                        "traits": {"plan": plan, "admin": score > 5, "signed_up_at": old_signup}})).await;
    }
    let check = |label: &'static str| {
        let app = &app;
        async move {
            for path in [
                "/api/v1/stats?project=demo",
                "/api/v1/stats?project=demo&trait.plan=pro",
                "/api/v1/stats?project=demo&trait.admin=true",
                "/api/v1/stats?project=demo&tenure=established",
                "/api/v1/stats/segments?project=demo&by=trait.plan",
                "/api/v1/stats/segments?project=demo&by=moment",
                "/api/v1/stats/tenure?project=demo",
            ] {
                let (rolled, raw) = both_ways(app, path).await;
                let strip = |mut v: Value| {
                    if let Some(o) = v.as_object_mut() {
                        o.remove("moments");
                    }
                    v
                };
                assert_eq!(strip(rolled), strip(raw), "{label}: {path}");
            }
        }
    };
    check("after inserts").await;
    assert_eq!(
        get(&app, "/api/v1/stats?project=demo&trait.plan=pro").await["responses"],
        3
    );

    let r = app
        .client
        .delete(app.url("/api/v1/users/a?project=demo"))
        .bearer_auth(crate::helpers::ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    check("after deleting a person").await;
    assert_eq!(
        get(&app, "/api/v1/stats?project=demo").await["responses"],
        3
    );
}
