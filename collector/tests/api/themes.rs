//! Themes and drivers through the API, on both backends, with planted
//! comments in French and English.

use serde_json::{json, Value};

use crate::helpers::{new_id, new_secret, spawn_app, TestApp, ADMIN_TOKEN};
use crate::seeding::{execute, seed};

async fn answer(app: &TestApp, score: u8, comment: &str, locale: &str, user: Option<&str>) {
    let mut body = json!({"id": new_id(), "key": "demo", "score": score, "comment": comment,
                          "locale": locale, "traits": {"plan": "pro"}, "secret": new_secret()});
    if let Some(u) = user {
        body["user_id"] = json!(u);
    }
    let r = app.post_response(&body).await;
    assert_eq!(r.status(), 201, "{comment}");
}

/// 20 French and 15 English comments on slow exports (scores 2 and 3),
/// 12 French on price (6), 10 English on support (10), 7 English on the
/// calendar (7), three of them Alice's, and 30 unrelated (9 and 8).
async fn plant(app: &TestApp) {
    let fr = [
        "L'export est très lent",
        "Export trop lent",
        "l'export CSV est lent",
        "Les exports sont lents",
    ];
    for i in 0..20 {
        answer(app, 2, fr[i % 4], "fr", None).await;
    }
    let en = [
        "The export is so slow",
        "Slow export",
        "export is slow again",
    ];
    for i in 0..15 {
        answer(app, 3, en[i % 3], "en", None).await;
    }
    let price = [
        "Le prix est élevé",
        "Prix trop élevé pour nous",
        "le prix a doublé",
    ];
    for i in 0..12 {
        answer(app, 6, price[i % 3], "fr", None).await;
    }
    let support = [
        "Great support team",
        "Support answered fast",
        "support was helpful",
    ];
    for i in 0..10 {
        answer(app, 10, support[i % 3], "en", None).await;
    }
    for i in 0..7 {
        let user = (i < 3).then_some("alice@example.com");
        answer(
            app,
            7,
            &format!("Calendar sync needs work{}", "!".repeat(i)),
            "en",
            user,
        )
        .await;
    }
    for i in 0..30 {
        let words = format!("Alpha{i}x bravo{i}y charlie{i}z");
        answer(app, if i < 15 { 9 } else { 8 }, &words, "en", None).await;
    }
}

async fn get(app: &TestApp, path: &str) -> Value {
    let r = app.admin_get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    r.json().await.unwrap()
}

fn theme<'a>(body: &'a Value, word: &str) -> &'a Value {
    body["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["terms"][0] == word)
        .unwrap_or_else(|| panic!("a theme of {word} in {body:#}"))
}

#[tokio::test]
async fn planted_themes_come_back_with_their_counts_score_and_impact() {
    let app = spawn_app().await;
    plant(&app).await;

    let body = get(&app, "/api/v1/stats/themes?project=demo&utm=ignored").await;

    assert_eq!(
        (body["responses"].as_u64(), body["with_comment"].as_u64()),
        (Some(94), Some(94))
    );
    assert_eq!(body["sampled"], false);
    let export = theme(&body, "export");
    assert_eq!(body["themes"][0]["id"], export["id"], "most answers first");
    assert_eq!(export["responses"], 35);
    assert_eq!(export["locales"], json!(["en", "fr"]));
    assert_eq!(
        (
            export["promoters"].as_u64(),
            export["passives"].as_u64(),
            export["detractors"].as_u64()
        ),
        (Some(0), Some(0), Some(35))
    );
    assert_eq!(export["nps"], -100.0);
    assert_eq!(export["share"], 0.3723, "35 / 94");
    // Period: 25 P, 22 N, 47 D → −23.40; outside: 25 P, 22 N, 12 D of
    // 59 → +22.03; impact −45.4.
    assert_eq!(export["impact"], -45.4);
    assert!(export["ci95"]["low"].as_f64().unwrap() <= -100.0 + 1e-9);
    assert_eq!(export["previous"], Value::Null, "no bounded period");
    assert_eq!(export["emerging"], false);
    assert_eq!(export["examples"].as_array().unwrap().len(), 3);
    let terms: Vec<&str> = export["terms"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        terms.contains(&"lent") && terms.contains(&"slow"),
        "{terms:?}"
    );
    let price = theme(&body, "prix");
    assert_eq!(
        (price["responses"].as_u64(), price["locales"][0].as_str()),
        (Some(12), Some("fr"))
    );
    // Support: 10 P; outside 15 P, 22 N, 47 D of 84 → −38.10; +14.7.
    let support = theme(&body, "support");
    assert_eq!(
        (support["nps"].as_f64(), support["impact"].as_f64()),
        (Some(100.0), Some(14.7))
    );
    assert!(body["themes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| !t["label"].as_str().unwrap().contains("alpha")));
}

#[tokio::test]
async fn drivers_rank_themes_and_segments_by_impact() {
    let app = spawn_app().await;
    plant(&app).await;

    let body = get(&app, "/api/v1/stats/drivers?project=demo").await;

    assert_eq!(
        (body["nps"].as_f64(), body["responses"].as_u64()),
        (Some(-23.4), Some(94))
    );
    let hurts = body["hurts"].as_array().unwrap();
    assert_eq!(hurts[0]["kind"], "theme");
    assert_eq!(
        hurts[0]["value"],
        theme(
            &get(&app, "/api/v1/stats/themes?project=demo").await,
            "export"
        )["id"]
    );
    assert_eq!(hurts[0]["impact"], -45.4);
    assert_eq!(hurts[0]["significant"], true);
    // French answers (all detractors) hurt: outside 25 P, 22 N, 15 D of
    // 62 → +16.13, impact −39.5.
    let fr = hurts
        .iter()
        .find(|d| d["kind"] == "locale" && d["value"] == "fr")
        .expect("fr hurts");
    assert_eq!(
        (fr["name"].as_str(), fr["impact"].as_f64()),
        (Some("locale"), Some(-39.5))
    );
    let helps = body["helps"].as_array().unwrap();
    assert_eq!(
        (helps[0]["kind"].as_str(), helps[0]["value"].as_str()),
        (Some("locale"), Some("en"))
    );
    let impacts = |list: &[Value]| {
        list.iter()
            .map(|d| d["impact"].as_f64().unwrap())
            .collect::<Vec<_>>()
    };
    assert!(
        impacts(hurts).windows(2).all(|w| w[0] <= w[1]),
        "{:?}",
        impacts(hurts)
    );
    assert!(
        impacts(helps).windows(2).all(|w| w[0] >= w[1]),
        "{:?}",
        impacts(helps)
    );
    assert!(
        helps
            .iter()
            .any(|d| d["kind"] == "theme" && d["impact"] == 14.7),
        "support helps"
    );
}

#[tokio::test]
async fn a_tag_made_from_a_theme_tags_its_past_answers() {
    let app = spawn_app().await;
    plant(&app).await;
    let export = theme(
        &get(&app, "/api/v1/stats/themes?project=demo").await,
        "export",
    )["id"]
        .clone();
    let path = format!(
        "/api/v1/stats/themes/{}/tag?project=demo",
        export.as_str().unwrap()
    );

    let anonymous = app
        .client
        .post(app.url(&path))
        .json(&json!({"tag": "x"}))
        .send()
        .await
        .unwrap();
    let r = app
        .client
        .post(app.url(&path))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"tag": "slow-export"}))
        .send()
        .await
        .unwrap();

    assert_eq!(anonymous.status(), 401);
    assert_eq!(r.status(), 201);
    let made: Value = r.json().await.unwrap();
    assert_eq!(
        (made["tag"].as_str(), made["tagged"].as_u64()),
        (Some("slow-export"), Some(35))
    );
    let rules = get(&app, "/api/v1/tag-rules?project=demo").await;
    let rule = &rules["rules"][0];
    assert_eq!(
        (&rule["id"], &rule["keywords"]),
        (&made["rule_id"], &json!(["export"]))
    );
    let per_tag = get(&app, "/api/v1/stats/tags?project=demo").await;
    assert_eq!(per_tag["tags"][0]["value"], "slow-export");
    assert_eq!(per_tag["tags"][0]["responses"], 35);
    let missing = app
        .client
        .post(app.url("/api/v1/stats/themes/t000000000000/tag?project=demo"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"tag": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn erasing_a_person_removes_their_words_from_the_themes() {
    let app = spawn_app().await;
    plant(&app).await;
    let before = get(&app, "/api/v1/stats/themes?project=demo").await;
    assert_eq!(theme(&before, "calendar")["responses"], 7);

    let r = app
        .client
        .delete(app.url("/api/v1/users/alice@example.com?project=demo"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());

    let after = get(&app, "/api/v1/stats/themes?project=demo").await;
    assert_eq!(after["with_comment"], 91);
    let left = after["themes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["terms"][0] == "calendar");
    assert!(!left, "4 answers are below the support of 5: {after:#}");
    assert!(
        !after.to_string().contains("work!!"),
        "none of Alice's comments is shown"
    );
}

#[tokio::test]
async fn a_theme_that_grew_since_the_previous_period_is_emerging() {
    let app = spawn_app().await;
    for i in 0..40 {
        answer(&app, 8, &format!("Delta{i}q echo{i}w"), "en", None).await;
    }
    answer(&app, 4, "Please add a dark mode", "en", None).await;
    // Everything so far moves ten days back: the previous period.
    execute(
        &app,
        "UPDATE responses SET created_at = created_at - 864000000",
    )
    .await;
    for i in 0..40 {
        answer(&app, 9, &format!("Foxtrot{i}q golf{i}w"), "en", None).await;
    }
    for _ in 0..12 {
        answer(&app, 4, "Dark mode please, my eyes hurt", "en", None).await;
    }
    seed(&app, &[]).await;
    let now = time::OffsetDateTime::now_utc();
    let day = |d: i64| (now + time::Duration::days(d)).date().to_string();

    let body = get(
        &app,
        &format!(
            "/api/v1/stats/themes?project=demo&from={}&to={}",
            day(-7),
            day(1)
        ),
    )
    .await;

    let dark = theme(&body, "dark");
    assert_eq!(dark["responses"], 12);
    assert_eq!(dark["previous"]["responses"], 1);
    assert_eq!(dark["previous"]["share"], 0.0244, "1 / 41");
    assert_eq!(dark["emerging"], true);
    assert_eq!(body["responses"], 52, "the period's answers only");
}
