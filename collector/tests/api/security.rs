//! The admin API needs the admin token.

use crate::helpers::{problem_code, spawn_app};

#[tokio::test]
async fn admin_endpoints_without_the_token_are_401() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/stats?project=demo",
        "/api/v1/responses?project=demo",
        "/api/v1/projects",
    ] {
        let none = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(none.status(), 401, "no token: {path}");
        assert_eq!(problem_code(none).await, "unauthorized");

        let wrong = app
            .client
            .get(app.url(path))
            .bearer_auth("nope")
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), 401, "wrong token: {path}");

        let public_key = app
            .client
            .get(app.url(path))
            .bearer_auth("demo")
            .send()
            .await
            .unwrap();
        assert_eq!(public_key.status(), 401, "public key as token: {path}");
    }
}

#[tokio::test]
async fn stats_of_an_unknown_project_are_404() {
    let app = spawn_app().await;
    let r = app.admin_get("/api/v1/stats?project=ghost").await;
    assert_eq!(r.status(), 404);
    assert_eq!(problem_code(r).await, "unknown_key");
}

#[tokio::test]
async fn stats_without_a_project_are_400() {
    let app = spawn_app().await;
    let r = app.admin_get("/api/v1/stats").await;
    assert_eq!(r.status(), 400);
    assert_eq!(problem_code(r).await, "bad_query");
}

#[tokio::test]
async fn a_client_over_its_rate_limit_gets_429_with_retry_after() {
    let app = crate::helpers::spawn_app_with(|s| s.rate_limit_per_ip = 5).await;
    let mut statuses = Vec::new();

    for _ in 0..30 {
        let r = app
            .client
            .get(app.url("/api/v1/config?key=demo"))
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
        if r.status() == 429 {
            assert!(
                r.headers()["retry-after"]
                    .to_str()
                    .unwrap()
                    .parse::<u64>()
                    .unwrap()
                    >= 1
            );
            // The widget reads it cross-origin to pace its outbox.
            assert_eq!(r.headers()["access-control-expose-headers"], "retry-after");
            assert_eq!(problem_code(r).await, "rate_limited");
            break;
        }
    }

    assert_eq!(statuses.last(), Some(&429), "statuses: {statuses:?}");
    assert!(
        statuses.iter().filter(|s| **s == 200).count() >= 5,
        "the burst passes first: {statuses:?}"
    );
}

#[tokio::test]
async fn a_key_over_its_rate_limit_gets_429() {
    let app = crate::helpers::spawn_app_with(|s| s.rate_limit_per_key = 3).await;
    let mut limited = false;

    for _ in 0..30 {
        let r = app
            .post_response(
                &serde_json::json!({"id": crate::helpers::new_id(), "key": "demo", "score": 9}),
            )
            .await;
        if r.status() == 429 {
            limited = true;
            break;
        }
        assert_eq!(r.status(), 201);
    }

    assert!(limited, "the per-key limit answered 429");
}

#[tokio::test]
async fn metrics_need_the_admin_token_and_count_ingest() {
    let app = spawn_app().await;
    app.answer(9).await;

    let anonymous = app.client.get(app.url("/metrics")).send().await.unwrap();
    let text = app.admin_get("/metrics").await.text().await.unwrap();
    assert!(text.contains("nps_panics_total"), "panics are counted");

    assert_eq!(anonymous.status(), 401);
    assert!(text.contains("nps_http_requests_total"), "{text}");
    assert!(text.contains("route=\"/api/v1/responses\""), "{text}");
    assert!(text.contains("nps_ingest_seconds_bucket"), "{text}");
}

/// A method name is a label, but only the routes' own methods reach the
/// metrics (a 405 is answered before them), so a client inventing method
/// names cannot grow the label set, nor the handles kept for it.
#[tokio::test]
async fn invented_methods_never_become_metric_labels() {
    let app = spawn_app().await;
    app.answer(9).await;
    for name in ["FROBNICATE", "ZORK"] {
        let method = reqwest::Method::from_bytes(name.as_bytes()).unwrap();
        let r = app
            .client
            .request(method, app.url("/api/v1/responses"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{name}");
    }

    let text = app.admin_get("/metrics").await.text().await.unwrap();

    assert!(text.contains("method=\"POST\""), "{text}");
    assert!(
        !text.contains("FROBNICATE") && !text.contains("ZORK"),
        "{text}"
    );
}

/// Histogram samples are folded into buckets by a thread of their own, not
/// only when `/metrics` is scraped: without it a collector nobody scraped
/// kept every request's sample in memory.
#[tokio::test]
async fn metrics_are_kept_in_bounded_memory_without_a_scrape() {
    let app = spawn_app().await;
    app.answer(9).await;
    let threads: Vec<String> = std::fs::read_dir("/proc/self/task")
        .unwrap()
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .map(|name| name.trim().to_owned())
        .collect();
    assert!(
        threads.iter().any(|name| name == "nps-metrics"),
        "the upkeep thread runs: {threads:?}"
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_limit_counts_each_forwarded_client() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.rate_limit_per_ip = 2;
        s.trust_forwarded_for = true;
    })
    .await;
    let get = |client: &'static str| {
        app.client
            .get(app.url("/api/v1/config?key=demo"))
            .header("x-forwarded-for", format!("203.0.113.9, {client}"))
            .send()
    };

    let mut first_client_limited = false;
    for _ in 0..20 {
        if get("198.51.100.1").await.unwrap().status() == 429 {
            first_client_limited = true;
            break;
        }
    }
    let other_client = get("198.51.100.2").await.unwrap();

    assert!(first_client_limited, "the busy client is limited");
    assert_eq!(
        other_client.status(),
        200,
        "another client behind the same proxy is not"
    );
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem() {
    let app = spawn_app().await;
    let r = app
        .client
        .delete(app.url("/api/v1/responses"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert_eq!(problem_code(r).await, "method_not_allowed");
}
