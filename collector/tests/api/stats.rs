//! The score a product team reads.

use crate::helpers::spawn_app;

#[tokio::test]
async fn with_no_responses_the_nps_is_null() {
    let app = spawn_app().await;

    let stats = app.stats().await;

    assert_eq!(stats["nps"], serde_json::Value::Null);
    assert_eq!(stats["responses"], 0);
}

#[tokio::test]
async fn the_nps_is_promoters_minus_detractors_with_one_decimal() {
    let app = spawn_app().await;
    // 2 promoters, 1 passive, 3 detractors → (2 - 3) / 6 = -16.7
    for score in [10, 9, 7, 6, 0, 3] {
        app.answer(score).await;
    }

    let stats = app.stats().await;

    assert_eq!(stats["nps"], -16.7);
    assert_eq!(stats["responses"], 6);
    assert_eq!(stats["promoters"], 2);
    assert_eq!(stats["passives"], 1);
    assert_eq!(stats["detractors"], 3);
    assert_eq!(stats["distribution"][0], 1);
    assert_eq!(stats["distribution"][10], 1);
    assert!(stats["margin"].as_f64().unwrap() > 0.0);
}

#[tokio::test]
async fn each_moment_reports_its_response_rate() {
    let app = spawn_app().await;
    for _ in 0..4 {
        let shown = serde_json::json!({"id": crate::helpers::new_id(), "key": "demo", "kind": "shown", "moment": "onboarding_completed"});
        app.client
            .post(app.url("/api/v1/events"))
            .json(&shown)
            .send()
            .await
            .unwrap();
    }
    let answer = serde_json::json!({"id": crate::helpers::new_id(), "key": "demo", "score": 9, "moment": "onboarding_completed"});
    app.post_response(&answer).await;

    let stats = app.stats().await;

    let moment = &stats["moments"][0];
    assert_eq!(moment["moment"], "onboarding_completed");
    assert_eq!(moment["shown"], 4);
    assert_eq!(moment["answered"], 1);
    assert_eq!(moment["response_rate"], 0.25);
}

#[tokio::test]
async fn moment_rates_cover_the_period_and_moment_asked_for() {
    use nps_collector::domain::{ValidEvent, ValidResponse};
    use serde_json::{json, Value};
    use time::{Duration, OffsetDateTime};

    let app = spawn_app().await;
    let store = nps_collector::store::open(&app.database_url).await.unwrap();
    let now = OffsetDateTime::now_utc();
    let ten_days_ago = now - Duration::days(10);
    // Ten days ago: 2 shown, 1 answered, at onboarding. Now: 4 shown and 1
    // answered at onboarding, 1 shown at upgraded.
    for (moment, at, shown, answered) in [
        ("onboarding_completed", ten_days_ago, 2, 1),
        ("onboarding_completed", now, 4, 1),
        ("upgraded", now, 1, 0),
    ] {
        for _ in 0..shown {
            let wire = json!({"id": crate::helpers::new_id(), "key": "demo", "kind": "shown", "moment": moment});
            let event = ValidEvent::try_from(
                serde_json::from_value::<nps_protocol::NewEvent>(wire).unwrap(),
            )
            .unwrap();
            store.insert_event(event, at).await.unwrap();
        }
        for _ in 0..answered {
            let wire = json!({"id": crate::helpers::new_id(), "key": "demo", "score": 9, "moment": moment, "locale": "fr"});
            let response = ValidResponse::try_from(
                serde_json::from_value::<nps_protocol::NewResponse>(wire).unwrap(),
            )
            .unwrap();
            store.insert_response(response, at).await.unwrap();
        }
    }
    let rfc = |t: OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    let moments = |query: String| {
        let app = &app;
        async move {
            let r = app
                .admin_get(&format!("/api/v1/stats?project=demo{query}"))
                .await;
            assert_eq!(r.status(), 200, "{query}");
            let stats: Value = r.json().await.unwrap();
            stats["moments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    (
                        m["moment"].as_str().unwrap().to_owned(),
                        m["shown"].as_u64().unwrap(),
                        m["answered"].as_u64().unwrap(),
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    let since = rfc(now - Duration::days(1));
    let until = rfc(now - Duration::days(1));
    let onboarding = |shown, answered| ("onboarding_completed".to_owned(), shown, answered);
    let upgraded = ("upgraded".to_owned(), 1, 0);

    for (query, expected) in [
        (String::new(), vec![onboarding(6, 2), upgraded.clone()]),
        (
            format!("&from={since}"),
            vec![onboarding(4, 1), upgraded.clone()],
        ),
        (format!("&to={until}"), vec![onboarding(2, 1)]),
        ("&moment=upgraded".to_owned(), vec![upgraded.clone()]),
        // Impressions record no language: a locale narrows neither side.
        (
            "&locale=en".to_owned(),
            vec![onboarding(6, 2), upgraded.clone()],
        ),
    ] {
        assert_eq!(moments(query.clone()).await, expected, "{query}");
    }
}
