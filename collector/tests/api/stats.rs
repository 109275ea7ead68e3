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
