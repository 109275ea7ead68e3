//! `nps-collector backup` and the documented restore (stop, copy the file,
//! start): a copy taken while answers arrive holds every answer stored
//! before it and statistics that agree with its rows.

use std::collections::HashSet;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde_json::{json, Value};

use crate::helpers::{new_id, spawn_app, spawn_app_on, TestApp};

fn run_backup(database_url: &str, to: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nps-collector"))
        .args(["backup", "--database-url", database_url, "--to"])
        .arg(to)
        .env_remove("NPS_DATABASE_URL")
        .output()
        .expect("the binary runs")
}

/// Every answer of the demo project, by id (the export streams them all).
async fn answers(app: &TestApp) -> Vec<Value> {
    let r = app
        .admin_get("/api/v1/responses/export?project=demo&format=jsonl")
        .await;
    assert_eq!(r.status(), 200);
    r.text()
        .await
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The demo's stats over all time, read from the roll-ups (whole days) or
/// from the rows (a period that starts mid-day cannot use them).
async fn stats(app: &TestApp, from_rows: bool) -> Value {
    let from = if from_rows {
        "2000-01-01T00:00:01Z"
    } else {
        "2000-01-01T00:00:00Z"
    };
    let r = app
        .admin_get(&format!(
            "/api/v1/stats?project=demo&from={from}&to=2100-01-01T00:00:00Z"
        ))
        .await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

#[tokio::test]
async fn a_backup_taken_while_answers_arrive_restores_every_answer_and_the_statistics() {
    let app = spawn_app().await;
    if app.database_url.starts_with("postgres") {
        return; // pg_dump's job: see the refusal below.
    }
    // Arrange: answers stored before the backup, and a writer that keeps
    // answering during it.
    let mut before = HashSet::new();
    for score in 0..=10u8 {
        let id = new_id();
        let r = app
            .post_response(&json!({"id": id, "key": "demo", "score": score,
                "comment": format!("kept through the backup {score}"), "traits": {"plan": "pro"}}))
            .await;
        assert_eq!(r.status(), 201);
        before.insert(id);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let during = tokio::spawn({
        let (client, url, stop) = (
            app.client.clone(),
            app.url("/api/v1/responses"),
            stop.clone(),
        );
        async move {
            let mut sent = HashSet::new();
            while !stop.load(Ordering::Relaxed) {
                let id = new_id();
                let body = json!({"id": id, "key": "demo", "score": sent.len() % 11});
                let r = client.post(&url).json(&body).send().await.unwrap();
                assert_eq!(r.status(), 201);
                sent.insert(id);
            }
            sent
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("nps.db");
    // A file already there is replaced, once the copy is whole.
    std::fs::write(&copy, b"yesterday's backup").unwrap();

    // Act: back up through the binary while the server writes.
    let out = tokio::task::spawn_blocking({
        let (url, copy) = (app.database_url.clone(), copy.clone());
        move || run_backup(&url, &copy)
    })
    .await
    .unwrap();
    stop.store(true, Ordering::Relaxed);
    let during = during.await.unwrap();
    // The documented restore: stop, copy the file, start.
    app.stop().await;
    let restored = spawn_app_on(format!("sqlite://{}", copy.display()), dir).await;

    // Assert
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("backed up "));
    assert!(
        !during.is_empty(),
        "answers kept arriving during the backup"
    );
    let rows = answers(&restored).await;
    let ids: HashSet<String> = rows
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        before.is_subset(&ids),
        "every answer stored before the backup"
    );
    assert!(
        ids.iter()
            .all(|id| before.contains(id) || during.contains(id)),
        "nothing but what was sent"
    );
    // The 7 stored before the backup (answers sent during it have 7s too).
    let comment = rows
        .iter()
        .find(|r| r["score"] == 7 && before.contains(r["id"].as_str().unwrap()))
        .unwrap()["comment"]
        .clone();
    assert_eq!(comment, "kept through the backup 7");
    let (from_rollups, from_rows) = (stats(&restored, false).await, stats(&restored, true).await);
    for field in [
        "responses",
        "nps",
        "promoters",
        "passives",
        "detractors",
        "distribution",
    ] {
        assert_eq!(
            from_rollups[field], from_rows[field],
            "{field}: roll-ups and rows agree"
        );
    }
    assert_eq!(from_rows["responses"], rows.len());
    let detractors = rows
        .iter()
        .filter(|r| r["score"].as_u64() < Some(7))
        .count();
    assert_eq!(from_rows["detractors"], detractors);
    let segments: Value = restored
        .admin_get("/api/v1/stats/segments?project=demo&by=trait.plan")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(segments["segments"][0]["value"], "pro");
    assert_eq!(segments["segments"][0]["responses"], 11);
}

#[tokio::test]
async fn a_backup_of_postgres_is_refused_with_the_pg_dump_commands() {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("nps.dump");

    let out = run_backup("postgres://nps:s3cret-pw@127.0.0.1:1/nps", &to);

    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("pg_dump --format=custom"), "{stderr}");
    assert!(stderr.contains("pg_restore"), "{stderr}");
    assert!(
        !stderr.contains("s3cret-pw"),
        "the URL's password is not echoed"
    );
    assert!(!to.exists());
}

#[tokio::test]
async fn a_backup_of_a_missing_file_fails_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (source, to) = (dir.path().join("typo.db"), dir.path().join("copy.db"));

    let out = run_backup(&format!("sqlite://{}", source.display()), &to);

    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database at"));
    assert!(
        !source.exists(),
        "no empty database made at the mistyped path"
    );
    assert!(!to.exists());
}
