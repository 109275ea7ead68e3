//! PostgreSQL's group commit: the same queue as SQLite's writer, drained
//! by [`WRITERS`] task(s), each committing everything it took at once and
//! answering the callers after the commit.
//!
//! Per-request transactions made PostgreSQL a fifth of SQLite's speed: every
//! request paid its own fsync. Here a batch pays one: its responses,
//! events and roll-up counts go in one statement ([`super::ingest`]: one
//! round trip, one implicit transaction), and `RETURNING` tells which ids
//! were new. If a batch fails as a whole, its writes are retried one by
//! one so a single bad row cannot fail its neighbours.
//!
//! While the server is out of reach (restarting, say), a batch waits at
//! most a second for a connection and its writes then fail at once as
//! unavailable (503), instead of each waiting for the server in turn; the
//! next batch tries again ([`super::reach`]).

use std::sync::Arc;
use std::time::Instant;

use sqlx::pool::PoolConnection;
use sqlx::{Connection, PgPool, Postgres, Transaction};
use time::OffsetDateTime;
use tokio::sync::{mpsc, Mutex};

use super::super::batch::{Job, Outcome, Write, MAX_BATCH};
use super::super::queries::{kind_name, INSERT_EVENT, INSERT_RESPONSE, SET_COMMENT};
use super::super::{inserted, to_millis, Inserted, StoreError, StoreResult};
use super::ingest;
use super::reach::{acquire, Reach};
use crate::domain::{Comment, ResponseSecret, ValidResponse};

/// Writers committing in parallel. One: since a batch is one statement,
/// a second writer only split the queue into smaller batches (16 answers
/// instead of 31 at 64 connections), and PostgreSQL's work per commit
/// then cost more than the overlap saved: 13.7–15.3k → 16.6–17.2k req/s
/// with one writer, 4 writers worse still (README, "Measured"); measured
/// again once the writer kept its connection: 29.0k / 29.2k req/s with
/// two against 31.1k / 31.1k with one. Several
/// collector instances still write at once, hence the key order of the
/// roll-up upserts.
pub(super) const WRITERS: usize = 1;

/// Starts the writers on `pool`; they end when every sender is dropped.
pub(super) fn spawn(pool: &PgPool, jobs: mpsc::Receiver<Job>) {
    let jobs = Arc::new(Mutex::new(jobs));
    for _ in 0..WRITERS {
        let (pool, jobs) = (pool.clone(), Arc::clone(&jobs));
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(MAX_BATCH);
            let mut connection = None;
            while take_batch(&jobs, &mut batch).await {
                metrics::histogram!("nps_store_batch_size").record(batch.len() as f64);
                let started = Instant::now();
                let outcomes = match commit_batch(&pool, &mut connection, &batch).await {
                    Ok(outcomes) => outcomes,
                    // Out of reach: trying each write again would only wait again.
                    Err(cause) if cause.is_unavailable() => {
                        tracing::warn!(error = %cause, size = batch.len(), "database unavailable; batch refused");
                        batch.iter().map(|_| Err(cause.to_unavailable())).collect()
                    }
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

/// The batch's inserts in one statement ([`ingest`]), then the comment
/// writes, together in one transaction (each alone if that fails). A
/// replayed response changes nothing here: its comment is an edit, which
/// the HTTP layer authorises.
/// An error means the inserts failed: the caller retries one by one.
///
/// The inserts go through the writer's own `connection`, kept from batch
/// to batch: taking one from the pool each time cost a round trip, since
/// the pool pings a connection before handing it out. After an error it
/// goes back to the pool, whose ping then tells whether it still works,
/// and the next batch takes a fresh one.
async fn commit_batch(
    pool: &PgPool,
    connection: &mut Option<PoolConnection<Postgres>>,
    batch: &[Job],
) -> StoreResult<Vec<StoreResult<Outcome>>> {
    let inserts = batch
        .iter()
        .any(|j| !matches!(j.write, Write::Comment { .. }));
    let ingested = if inserts {
        let held = match connection {
            Some(held) => held,
            None => connection.insert(acquire(pool).await?),
        };
        match ingest::insert(held, batch).await {
            Ok(ingested) => ingested,
            Err(e) => {
                *connection = None;
                return Err(e);
            }
        }
    } else {
        batch.iter().map(|_| None).collect()
    };
    let follow_ups: Vec<usize> = batch
        .iter()
        .enumerate()
        .filter(|(_, job)| matches!(job.write, Write::Comment { .. }))
        .map(|(i, _)| i)
        .collect();
    // A comment write's placeholder: its follow-up below replaces it.
    let mut outcomes: Vec<StoreResult<Outcome>> = ingested
        .into_iter()
        .map(|o| Ok(o.unwrap_or(Outcome::Updated(false))))
        .collect();
    if follow_ups.is_empty() {
        return Ok(outcomes);
    }
    match follow_up_together(pool, batch, &follow_ups).await {
        Ok(done) => {
            for (i, outcome) in follow_ups.into_iter().zip(done) {
                if let Some(outcome) = outcome {
                    outcomes[i] = Ok(outcome);
                }
            }
        }
        Err(cause) => {
            tracing::warn!(error = %cause, "comment writes failed together; retrying one by one");
            let mut reach = Reach::default();
            for i in follow_ups {
                if let Some(lost) = reach.lost() {
                    outcomes[i] = Err(lost);
                    continue;
                }
                let alone = async {
                    let mut tx = pool.begin().await?;
                    let outcome = follow_up(&mut tx, &batch[i].write).await?;
                    tx.commit().await?;
                    Ok::<_, StoreError>(outcome)
                }
                .await;
                reach.note(&alone);
                match alone {
                    Ok(Some(outcome)) => outcomes[i] = Ok(outcome),
                    Ok(None) => {}
                    Err(e) => outcomes[i] = Err(e),
                }
            }
        }
    }
    Ok(outcomes)
}

/// The follow-ups in one transaction.
async fn follow_up_together(
    pool: &PgPool,
    batch: &[Job],
    which: &[usize],
) -> StoreResult<Vec<Option<Outcome>>> {
    let mut tx = pool.begin().await?;
    let mut done = Vec::with_capacity(which.len());
    for &i in which {
        done.push(follow_up(&mut tx, &batch[i].write).await?);
    }
    tx.commit().await?;
    Ok(done)
}

/// A comment write is applied (the inserts' outcomes stay theirs: `None`).
async fn follow_up(
    tx: &mut Transaction<'_, Postgres>,
    write: &Write,
) -> StoreResult<Option<Outcome>> {
    match write {
        Write::Comment { .. } => apply_one(tx, write).await.map(Some),
        Write::Insert(..) | Write::Import(..) | Write::Event(..) => Ok(None),
    }
}

/// One write with the single-row statements.
async fn apply_one(tx: &mut Transaction<'_, Postgres>, write: &Write) -> StoreResult<Outcome> {
    match write {
        Write::Insert(r, now) => Ok(Outcome::Inserted(insert_one(tx, r, *now).await?)),
        Write::Import(rows) => {
            let mut done = Vec::with_capacity(rows.len());
            for (r, at) in rows {
                done.push(insert_one(tx, r, *at).await?);
            }
            Ok(Outcome::Imported(done))
        }
        Write::Event(e, now) => {
            let done = sqlx::query(INSERT_EVENT)
                .bind(e.id.uuid().to_string())
                .bind(e.key.as_str())
                .bind(kind_name(e.kind))
                .bind(e.moment.as_ref().map(|m| m.as_str()))
                .bind(e.user_id.as_ref().map(|u| u.as_str()))
                .bind(to_millis(*now))
                .bind(e.variant.as_ref().map(|v| v.as_str()))
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

/// One response with the single-row statement, counted in the roll-ups
/// when new.
async fn insert_one(
    tx: &mut Transaction<'_, Postgres>,
    r: &ValidResponse,
    at: OffsetDateTime,
) -> StoreResult<Inserted> {
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
        .bind(to_millis(at))
        .bind(r.secret.as_ref().map(ResponseSecret::hash))
        .bind(r.identity_unverified)
        .bind(r.tenure_days(at))
        .bind(r.source())
        .bind(r.variant.as_ref().map(|v| v.as_str()))
        .execute(&mut **tx)
        .await?;
    let outcome = inserted(done.rows_affected());
    if outcome == Inserted::Created {
        super::rollups::count(tx, &[(r, to_millis(at))]).await?;
    }
    Ok(outcome)
}

/// After a failed batch: each write in its own transaction, so one bad
/// write fails alone (and, the database out of reach, the rest at once).
async fn one_by_one(pool: &PgPool, batch: &[Job]) -> Vec<StoreResult<Outcome>> {
    let mut outcomes = Vec::with_capacity(batch.len());
    let mut reach = Reach::default();
    for job in batch {
        if let Some(lost) = reach.lost() {
            outcomes.push(Err(lost));
            continue;
        }
        let outcome = async {
            let mut connection = acquire(pool).await?;
            let mut tx = connection.begin().await?;
            let outcome = apply_one(&mut tx, &job.write).await?;
            tx.commit().await?;
            Ok::<_, StoreError>(outcome)
        }
        .await;
        reach.note(&outcome);
        outcomes.push(outcome);
    }
    outcomes
}
