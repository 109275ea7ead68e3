//! PostgreSQL's group commit: the same queue as SQLite's writer, drained by
//! a few tasks, each committing everything it took in one transaction and
//! answering the callers after the commit.
//!
//! Per-request transactions made PostgreSQL a fifth of SQLite's speed: every
//! request paid its own fsync. Here a batch pays one, and the batch's
//! responses and events go in one `INSERT … SELECT FROM UNNEST(…)` each
//! (one round trip for the lot); `RETURNING` tells which ids were new.
//! Two writers overlap: one collects while the other waits for its fsync.
//! If a batch fails as a whole, its writes are retried one by one so a
//! single bad row cannot fail its neighbours.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use sqlx::{PgPool, Postgres, Row, Transaction};
use tokio::sync::{mpsc, Mutex};

use super::super::batch::{Job, Outcome, Write, MAX_BATCH};
use super::super::queries::{kind_name, FILL_COMMENT, INSERT_EVENT, INSERT_RESPONSE, SET_COMMENT};
use super::super::{inserted, to_millis, Inserted, StoreError, StoreResult};
use crate::domain::{Comment, ResponseSecret};

/// Writers committing in parallel.
pub(super) const WRITERS: usize = 2;

const INSERT_RESPONSES: &str = "INSERT INTO responses
   (id, project_key, score, comment, user_id, moment, traits, locale, url, created_at, updated_at,
    secret_hash, identity_unverified, tenure_days)
 SELECT id, project_key, score, comment, user_id, moment, traits, locale, url, at, at, secret_hash,
        unverified, tenure
 FROM UNNEST($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
             $8::text[], $9::text[], $10::bigint[], $11::text[], $12::bool[], $13::bigint[])
   AS r(id, project_key, score, comment, user_id, moment, traits, locale, url, at, secret_hash,
        unverified, tenure)
 ON CONFLICT (project_key, id) DO NOTHING
 RETURNING project_key, id";

const INSERT_EVENTS: &str =
    "INSERT INTO events (id, project_key, kind, moment, user_id, created_at)
 SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
 ON CONFLICT (project_key, id) DO NOTHING
 RETURNING project_key, id";

/// Starts the writers on `pool`; they end when every sender is dropped.
pub(super) fn spawn(pool: &PgPool, jobs: mpsc::Receiver<Job>) {
    let jobs = Arc::new(Mutex::new(jobs));
    for _ in 0..WRITERS {
        let (pool, jobs) = (pool.clone(), Arc::clone(&jobs));
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(MAX_BATCH);
            while take_batch(&jobs, &mut batch).await {
                metrics::histogram!("nps_store_batch_size").record(batch.len() as f64);
                let started = Instant::now();
                let outcomes = match commit_batch(&pool, &batch).await {
                    Ok(outcomes) => outcomes,
                    Err(cause) => {
                        tracing::warn!(error = %cause, size = batch.len(), "batch failed; retrying one by one");
                        one_by_one(&pool, &batch).await
                    }
                };
                metrics::histogram!("nps_store_commit_seconds")
                    .record(started.elapsed().as_secs_f64());
                for (job, outcome) in batch.drain(..).zip(outcomes) {
                    let _ = job.done.send(outcome);
                }
            }
        });
    }
}

/// Waits for one job, then takes what else is queued; `false` once the
/// queue is closed and empty.
async fn take_batch(jobs: &Mutex<mpsc::Receiver<Job>>, batch: &mut Vec<Job>) -> bool {
    let mut jobs = jobs.lock().await;
    let Some(first) = jobs.recv().await else {
        return false;
    };
    batch.push(first);
    while batch.len() < MAX_BATCH {
        match jobs.try_recv() {
            Ok(job) => batch.push(job),
            Err(_) => break,
        }
    }
    metrics::gauge!("nps_store_queue_depth").set(jobs.len() as f64);
    true
}

/// The whole batch in one transaction: all inserts of a kind in one
/// statement, then the comment writes.
async fn commit_batch(pool: &PgPool, batch: &[Job]) -> StoreResult<Vec<StoreResult<Outcome>>> {
    let mut tx = pool.begin().await?;
    let new_responses = insert_responses(&mut tx, batch).await?;
    let new_events = insert_events(&mut tx, batch).await?;
    let mut outcomes = Vec::with_capacity(batch.len());
    let mut counted = Vec::new();
    for job in batch {
        let outcome = match &job.write {
            Write::Insert(r, now) => {
                let fresh = new_responses.contains(&(r.key.as_str(), r.id.uuid().to_string()));
                if fresh {
                    counted.push((r, to_millis(*now)));
                } else {
                    fill_comment(&mut tx, r, *now).await?;
                }
                Outcome::Inserted(if fresh {
                    Inserted::Created
                } else {
                    Inserted::Duplicate
                })
            }
            Write::Event(e, _) => {
                let fresh = new_events.contains(&(e.key.as_str(), e.id.uuid().to_string()));
                Outcome::Inserted(if fresh {
                    Inserted::Created
                } else {
                    Inserted::Duplicate
                })
            }
            write @ Write::Comment { .. } => apply_one(&mut tx, write).await?,
        };
        outcomes.push(Ok(outcome));
    }
    super::rollups::count(&mut tx, &counted).await?;
    tx.commit().await?;
    Ok(outcomes)
}

/// The `(project, id)` pairs the batch's responses inserted.
async fn insert_responses<'b>(
    tx: &mut Transaction<'_, Postgres>,
    batch: &'b [Job],
) -> StoreResult<HashSet<(&'b str, String)>> {
    let responses: Vec<_> = batch
        .iter()
        .filter_map(|j| match &j.write {
            Write::Insert(r, now) => Some((r, *now)),
            _ => None,
        })
        .collect();
    if responses.is_empty() {
        return Ok(HashSet::new());
    }
    let column =
        |f: &dyn Fn(&crate::domain::ValidResponse) -> Option<String>| -> Vec<Option<String>> {
            responses.iter().map(|(r, _)| f(r)).collect()
        };
    let mut traits = Vec::with_capacity(responses.len());
    for (r, _) in &responses {
        traits.push(serde_json::to_string(r.traits.as_map())?);
    }
    let rows = sqlx::query(INSERT_RESPONSES)
        .bind(column(&|r| Some(r.id.uuid().to_string())))
        .bind(column(&|r| Some(r.key.as_str().to_owned())))
        .bind(
            responses
                .iter()
                .map(|(r, _)| i64::from(r.score.value()))
                .collect::<Vec<_>>(),
        )
        .bind(column(&|r| {
            r.comment.as_ref().map(|c| c.as_str().to_owned())
        }))
        .bind(column(&|r| {
            r.user_id.as_ref().map(|u| u.as_str().to_owned())
        }))
        .bind(column(&|r| {
            r.moment.as_ref().map(|m| m.as_str().to_owned())
        }))
        .bind(traits)
        .bind(column(&|r| {
            r.locale.as_ref().map(|l| l.as_str().to_owned())
        }))
        .bind(column(&|r| r.url.as_ref().map(|u| u.as_str().to_owned())))
        .bind(
            responses
                .iter()
                .map(|(_, now)| to_millis(*now))
                .collect::<Vec<_>>(),
        )
        .bind(column(&|r| r.secret.as_ref().map(ResponseSecret::hash)))
        .bind(
            responses
                .iter()
                .map(|(r, _)| r.identity_unverified)
                .collect::<Vec<_>>(),
        )
        .bind(
            responses
                .iter()
                .map(|(r, now)| r.tenure_days(*now))
                .collect::<Vec<_>>(),
        )
        .fetch_all(&mut **tx)
        .await?;
    inserted_pairs(batch, &rows)
}

/// The `(project, id)` pairs the batch's events inserted.
async fn insert_events<'b>(
    tx: &mut Transaction<'_, Postgres>,
    batch: &'b [Job],
) -> StoreResult<HashSet<(&'b str, String)>> {
    let events: Vec<_> = batch
        .iter()
        .filter_map(|j| match &j.write {
            Write::Event(e, now) => Some((e, *now)),
            _ => None,
        })
        .collect();
    if events.is_empty() {
        return Ok(HashSet::new());
    }
    let rows = sqlx::query(INSERT_EVENTS)
        .bind(
            events
                .iter()
                .map(|(e, _)| e.id.uuid().to_string())
                .collect::<Vec<_>>(),
        )
        .bind(
            events
                .iter()
                .map(|(e, _)| e.key.as_str().to_owned())
                .collect::<Vec<_>>(),
        )
        .bind(
            events
                .iter()
                .map(|(e, _)| kind_name(e.kind))
                .collect::<Vec<_>>(),
        )
        .bind(
            events
                .iter()
                .map(|(e, _)| e.moment.as_ref().map(|m| m.as_str().to_owned()))
                .collect::<Vec<_>>(),
        )
        .bind(
            events
                .iter()
                .map(|(e, _)| e.user_id.as_ref().map(|u| u.as_str().to_owned()))
                .collect::<Vec<_>>(),
        )
        .bind(
            events
                .iter()
                .map(|(_, now)| to_millis(*now))
                .collect::<Vec<_>>(),
        )
        .fetch_all(&mut **tx)
        .await?;
    inserted_pairs(batch, &rows)
}

/// Rows of `RETURNING project_key, id`, keyed by the batch's own strings.
fn inserted_pairs<'b>(
    batch: &'b [Job],
    rows: &[sqlx::postgres::PgRow],
) -> StoreResult<HashSet<(&'b str, String)>> {
    let keys: HashSet<&'b str> = batch
        .iter()
        .filter_map(|j| match &j.write {
            Write::Insert(r, _) => Some(r.key.as_str()),
            Write::Event(e, _) => Some(e.key.as_str()),
            Write::Comment { .. } => None,
        })
        .collect();
    let mut pairs = HashSet::with_capacity(rows.len());
    for row in rows {
        let key: String = row.try_get("project_key")?;
        let id: String = row.try_get("id")?;
        if let Some(key) = keys.get(key.as_str()) {
            pairs.insert((*key, id));
        }
    }
    Ok(pairs)
}

/// A replayed response may fill its missing comment (the author's replay).
async fn fill_comment(
    tx: &mut Transaction<'_, Postgres>,
    r: &crate::domain::ValidResponse,
    now: time::OffsetDateTime,
) -> StoreResult<()> {
    if let Some(comment) = &r.comment {
        sqlx::query(FILL_COMMENT)
            .bind(comment.as_str())
            .bind(to_millis(now))
            .bind(r.id.uuid().to_string())
            .bind(r.key.as_str())
            .bind(r.secret.as_ref().map(ResponseSecret::hash))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// One write with the single-row statements.
async fn apply_one(tx: &mut Transaction<'_, Postgres>, write: &Write) -> StoreResult<Outcome> {
    match write {
        Write::Insert(r, now) => {
            let done = sqlx::query(INSERT_RESPONSE)
                .bind(r.id.uuid().to_string())
                .bind(r.key.as_str())
                .bind(i64::from(r.score.value()))
                .bind(r.comment.as_ref().map(Comment::as_str))
                .bind(r.user_id.as_ref().map(|u| u.as_str()))
                .bind(r.moment.as_ref().map(|m| m.as_str()))
                .bind(serde_json::to_string(r.traits.as_map())?)
                .bind(r.locale.as_ref().map(|l| l.as_str()))
                .bind(r.url.as_ref().map(|u| u.as_str()))
                .bind(to_millis(*now))
                .bind(r.secret.as_ref().map(ResponseSecret::hash))
                .bind(r.identity_unverified)
                .bind(r.tenure_days(*now))
                .execute(&mut **tx)
                .await?;
            let outcome = inserted(done.rows_affected());
            if outcome == Inserted::Duplicate {
                fill_comment(tx, r, *now).await?;
            } else {
                super::rollups::count(tx, &[(r, to_millis(*now))]).await?;
            }
            Ok(Outcome::Inserted(outcome))
        }
        Write::Event(e, now) => {
            let done = sqlx::query(INSERT_EVENT)
                .bind(e.id.uuid().to_string())
                .bind(e.key.as_str())
                .bind(kind_name(e.kind))
                .bind(e.moment.as_ref().map(|m| m.as_str()))
                .bind(e.user_id.as_ref().map(|u| u.as_str()))
                .bind(to_millis(*now))
                .execute(&mut **tx)
                .await?;
            Ok(Outcome::Inserted(inserted(done.rows_affected())))
        }
        Write::Comment {
            key,
            id,
            comment,
            now,
        } => {
            let done = sqlx::query(SET_COMMENT)
                .bind(comment.as_ref().map(Comment::as_str))
                .bind(to_millis(*now))
                .bind(id.uuid().to_string())
                .bind(key.as_str())
                .execute(&mut **tx)
                .await?;
            Ok(Outcome::Updated(done.rows_affected() == 1))
        }
    }
}

/// After a failed batch: each write in its own transaction, so one bad
/// write fails alone.
async fn one_by_one(pool: &PgPool, batch: &[Job]) -> Vec<StoreResult<Outcome>> {
    let mut outcomes = Vec::with_capacity(batch.len());
    for job in batch {
        let outcome = async {
            let mut tx = pool.begin().await?;
            let outcome = apply_one(&mut tx, &job.write).await?;
            tx.commit().await?;
            Ok::<_, StoreError>(outcome)
        }
        .await;
        outcomes.push(outcome);
    }
    outcomes
}
