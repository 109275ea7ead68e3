//! `cargo bench -p nps-collector`: the costs inside one request and behind
//! the dashboard, without HTTP (the load test, `benches/load.sh`, measures
//! the whole path).
//!
//! - parsing and validating a response body (what every POST pays);
//! - storing responses on SQLite with the group-commit writer, 64 at a time
//!   (one durable commit per batch);
//! - the score histogram of a project with 100,000 responses, as the
//!   dashboard's overview asks it (from the roll-ups), and the NPS summary
//!   itself.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{criterion_main, BatchSize, Criterion, Throughput};
use nps_collector::domain::{ProjectKey, ValidResponse};
use nps_collector::stats::{summarise, Distribution};
use nps_collector::store::{self, Project, Store};
use nps_protocol::NewResponse;
use time::OffsetDateTime;

const BODY: &[u8] = br#"{"id":"67e55044-10b1-426f-9247-bb680e5fe0c8","key":"demo","score":9,
  "comment":"Reports are fast now, thanks!","user_id":"user-42","moment":"onboarding_completed",
  "traits":{"plan":"pro","seats":12,"admin":true},"locale":"fr","url":"https://app.example/reports"}"#;

fn response(score: u8) -> ValidResponse {
    let wire = NewResponse {
        id: uuid::Uuid::new_v4().to_string(),
        key: "demo".into(),
        score,
        comment: None,
        user_id: Some("bench".into()),
        user_hash: None,
        moment: Some("onboarding_completed".into()),
        traits: None,
        locale: None,
        url: None,
        secret: Some(uuid::Uuid::new_v4().simple().to_string()),
        variant: None,
    };
    ValidResponse::try_from(wire).expect("valid")
}

async fn fresh_store(dir: &tempfile::TempDir) -> Arc<dyn Store> {
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let store = store::open(&url).await.expect("store opens");
    let project = Project {
        key: ProjectKey::try_from("demo".to_owned()).unwrap(),
        name: "Bench".into(),
        settings: Default::default(),
    };
    store.create_project(&project).await.unwrap();
    store
}

fn parsing(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(1));
    group.bench_function("json_to_valid_response", |b| {
        b.iter(|| {
            let wire: NewResponse = serde_json::from_slice(black_box(BODY)).unwrap();
            ValidResponse::try_from(wire).unwrap()
        });
    });
    group.finish();
}

fn storing(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = rt.block_on(fresh_store(&dir));
    let mut group = c.benchmark_group("sqlite");
    group.throughput(Throughput::Elements(64));
    group.sample_size(20);
    group.bench_function("insert_64_concurrent_durable", |b| {
        b.to_async(&rt).iter_batched(
            || (0..64).map(|i| response(i % 11)).collect::<Vec<_>>(),
            |batch| insert_concurrently(&store, batch),
            BatchSize::SmallInput,
        );
    });
    group.finish();
}

/// Inserts every response from its own task, as concurrent requests do, so
/// the writer finds them queued together and commits them in few batches.
async fn insert_concurrently(store: &Arc<dyn Store>, batch: Vec<ValidResponse>) {
    let now = OffsetDateTime::now_utc();
    let tasks: Vec<_> = batch
        .into_iter()
        .map(|r| {
            let store = store.clone();
            tokio::spawn(async move { store.insert_response(r, now).await })
        })
        .collect();
    for task in tasks {
        task.await.expect("task ran").expect("stored");
    }
}

fn stats(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = rt.block_on(async {
        let store = fresh_store(&dir).await;
        for chunk in 0..100 {
            let batch = (0..1000)
                .map(|i| response(((i + chunk) % 11) as u8))
                .collect();
            insert_concurrently(&store, batch).await;
        }
        store
    });
    let key = ProjectKey::try_from("demo".to_owned()).unwrap();
    let mut group = c.benchmark_group("stats");
    let everything = nps_collector::domain::Filter::default();
    let total = nps_collector::store::analytics::Grouping::Total;
    group.bench_function("distribution_100k_responses", |b| {
        b.to_async(&rt).iter(|| async {
            store
                .grouped_scores(&key, &everything, &total)
                .await
                .unwrap()
        });
    });
    let d = Distribution([5, 3, 4, 8, 9, 12, 20, 40, 61, 80, 70]);
    group.bench_function("summarise", |b| b.iter(|| summarise(black_box(&d))));
    group.finish();
}

// criterion's macros generate undocumented public items.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::parsing, super::storing, super::stats);
}
criterion_main!(group::benches);
