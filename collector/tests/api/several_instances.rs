//! Two collectors on one database: nothing counted twice, no setting lost,
//! a change seen everywhere at once. Run on PostgreSQL (the documented way
//! to run several instances); on SQLite the tests that need two writers
//! of one file still run where SQLite supports it.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::{new_id, spawn_app, spawn_app_on, TestApp, ADMIN_TOKEN};
use crate::seeding::{seed, At};

fn on_postgres() -> bool {
    std::env::var("NPS_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres"))
}

async fn pair() -> (TestApp, TestApp) {
    let a = spawn_app().await;
    let b = spawn_app_on(a.database_url.clone(), tempfile::tempdir().unwrap()).await;
    (a, b)
}

async fn get(app: &TestApp, path: &str) -> Value {
    let r = app.admin_get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    r.json().await.unwrap()
}

/// The roll-ups' count and the rows' count of every answer.
async fn counts(app: &TestApp) -> (u64, u64) {
    let rolled = get(app, "/api/v1/stats?project=demo").await["responses"]
        .as_u64()
        .unwrap();
    let rows = get(app, "/api/v1/stats?project=demo&score_min=0").await["responses"]
        .as_u64()
        .unwrap();
    (rolled, rows)
}

#[tokio::test]
async fn an_erasure_sent_to_both_instances_subtracts_each_answer_once() {
    let (a, b) = pair().await;
    for round in 0..5 {
        let user = format!("person-{round}@example.com");
        for score in [2, 9, 10] {
            let body = json!({"id": new_id(), "key": "demo", "score": score, "user_id": user});
            assert_eq!(a.post_response(&body).await.status(), 201);
        }
        a.answer(7).await;
        let erase = |app: &TestApp| {
            app.client
                .delete(app.url(&format!("/api/v1/users/{user}?project=demo")))
                .bearer_auth(ADMIN_TOKEN)
                .send()
        };
        let (x, y) = tokio::join!(erase(&a), erase(&b));
        assert!(x.unwrap().status().is_success());
        assert!(y.unwrap().status().is_success());
        let expected = round + 1;
        for app in [&a, &b] {
            assert_eq!(counts(app).await, (expected, expected), "round {round}");
        }
    }
}

#[tokio::test]
async fn retention_run_by_both_instances_subtracts_each_answer_once() {
    let (a, b) = pair().await;
    let old: Vec<At<'_>> = (0..40)
        .map(|i| At {
            at: if i % 2 == 0 {
                "2024-01-10T10:00:00Z"
            } else {
                "2024-02-11T23:59:00Z"
            },
            score: (i % 11) as u8,
            moment: "onboarding_completed",
            plan: "pro",
            tenure_days: None,
            user: None,
        })
        .collect();
    seed(&a, &old).await;
    a.answer(9).await;
    let r = a
        .client
        .patch(a.url("/api/v1/projects/demo"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"retention_days": 30}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(counts(&a).await, (41, 41));

    // Each instance runs retention on its own timer: here both at once.
    let first = nps_collector::store::open(&a.database_url).await.unwrap();
    let second = nps_collector::store::open(&b.database_url).await.unwrap();
    let now = time::OffsetDateTime::now_utc();
    let (x, y) = tokio::join!(
        nps_collector::retention::run_once(first.as_ref(), now),
        nps_collector::retention::run_once(second.as_ref(), now),
    );
    assert_eq!(x.unwrap() + y.unwrap(), 40, "the old answers removed once");

    for app in [&a, &b] {
        assert_eq!(counts(app).await, (1, 1));
    }
}

#[tokio::test]
async fn settings_saved_on_two_instances_at_once_both_stay() {
    let (a, b) = pair().await;
    for round in 0..5 {
        let name = format!("Renamed {round}");
        let origin = format!("https://app{round}.example.com");
        let patch = |app: &TestApp, body: Value| {
            app.client
                .patch(app.url("/api/v1/projects/demo"))
                .bearer_auth(ADMIN_TOKEN)
                .json(&body)
                .send()
        };
        let (x, y) = tokio::join!(
            patch(&a, json!({"allowed_origins": [origin]})),
            patch(&b, json!({"name": name})),
        );
        assert_eq!(x.unwrap().status(), 200);
        assert_eq!(y.unwrap().status(), 200);
        for app in [&a, &b] {
            let project = &get(app, "/api/v1/projects").await["projects"][0];
            assert_eq!(project["name"], name, "round {round}");
            assert_eq!(project["allowed_origins"], json!([origin]), "round {round}");
        }
    }
}

#[tokio::test]
async fn a_change_on_one_instance_is_answered_by_the_other_within_a_second() {
    if !on_postgres() {
        eprintln!("skipped: several instances share a PostgreSQL database");
        return;
    }
    let (a, b) = pair().await;
    let config = |app: &TestApp| {
        let url = app.url("/api/v1/config?key=demo");
        let client = app.client.clone();
        async move {
            let r = client.get(url).send().await.unwrap();
            assert_eq!(r.status(), 200);
            r.json::<Value>().await.unwrap()
        }
    };
    // B has the project in its cache.
    let before = config(&b).await;
    assert_ne!(before["sampling_percent"], 45.0);

    let r = a
        .client
        .put(a.url("/api/v1/projects/demo/config"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"sampling_percent": 45.0, "moments": [{"event": "onboarding_completed"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let saved = Instant::now();
    assert_eq!(
        config(&a).await["sampling_percent"],
        45.0,
        "saved on A: {}",
        config(&a).await
    );

    loop {
        if config(&b).await["sampling_percent"] == 45.0 {
            break;
        }
        assert!(
            saved.elapsed() < Duration::from_secs(1),
            "the other instance still answers the old config after a second"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn admins(app: &TestApp) -> Vec<String> {
    get(app, "/api/v1/members").await["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "admin")
        .map(|m| m["email"].as_str().unwrap().to_owned())
        .collect()
}

async fn set_role(app: &TestApp, email: &str, role: &str) -> reqwest::Response {
    app.client
        .patch(app.url(&format!("/api/v1/members/{email}")))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({ "role": role }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_an_admin() {
    let (a, b) = pair().await;
    for email in ["ana@acme.example", "ben@acme.example"] {
        let r = a
            .client
            .post(a.url("/api/v1/members"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&json!({"email": email, "role": "admin", "password": "a long enough password"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "{email}");
    }
    assert_eq!(
        set_role(&a, "admin@demo.example", "member").await.status(),
        204
    );
    for round in 0..15 {
        let (x, y) = tokio::join!(
            set_role(&a, "ana@acme.example", "member"),
            set_role(&b, "ben@acme.example", "member"),
        );
        let mut statuses = [x.status().as_u16(), y.status().as_u16()];
        statuses.sort_unstable();
        assert_eq!(statuses, [204, 409], "round {round}: one demotion refused");
        assert_eq!(admins(&a).await.len(), 1, "round {round}");
        for email in ["ana@acme.example", "ben@acme.example"] {
            assert_eq!(set_role(&a, email, "admin").await.status(), 204);
        }
    }
}
