//! The SQLite writer: one thread that commits every write waiting in its
//! queue in one transaction (group commit), then answers each caller.
//! (The queue's types are shared with PostgreSQL's writer: `store::batch`.)
//!
//! It uses rusqlite with cached prepared statements on a plain thread, so
//! a batch costs one wake-up rather than an async hop per statement.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{params, params_from_iter, Connection, TransactionBehavior};
use time::OffsetDateTime;
use tokio::sync::mpsc;

use super::super::batch::{Job, Outcome, Write, MAX_BATCH};
use super::super::queries::{kind_name, INSERT_EVENT, INSERT_RESPONSE, SET_COMMENT};
use super::super::unavailable::disk_full;
use super::super::{inserted, to_millis, Inserted, StoreError, StoreResult};
use super::responses::{insert_many, values};
use super::rollups::count_in_rollups;
use super::trait_values::Full;
use crate::domain::{Comment, ValidResponse};

pub(super) fn open_writer(path: &Path) -> StoreResult<Connection> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(Duration::from_secs(10))?;
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    // secure_delete is per connection: the writer overwrites comments too.
    connection.pragma_update(None, "secure_delete", "ON")?;
    // A statement's own journal (to undo it alone if it fails half-way)
    // in memory, not in a temporary file: it is thrown away at the end of
    // the statement, so it has nothing to do with durability.
    connection.pragma_update(None, "temp_store", "MEMORY")?;
    // Room for every statement the writer runs (a dozen roll-up upserts,
    // the inserts, an import's), so none is prepared twice.
    connection.set_prepared_statement_cache_capacity(32);
    Ok(connection)
}

/// Takes every write waiting, commits them in one transaction, answers
/// each caller once the commit is durable. Ends when every sender is gone
/// (the store was dropped), after the last batch: nothing queued is lost.
pub(super) fn write_loop(mut connection: Connection, mut jobs: mpsc::Receiver<Job>) {
    #[cfg(feature = "bench-bounds")]
    let bound = super::bounds::Bound::from_env(&connection);
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut full = Full::new();
    while let Some(first) = jobs.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        metrics::histogram!("nps_store_batch_size").record(batch.len() as f64);
        metrics::gauge!("nps_store_queue_depth").set(jobs.len() as f64);
        let started = Instant::now();
        #[cfg(feature = "bench-bounds")]
        let outcomes = match bound {
            Some(bound) => bound.commit(&mut connection, &batch, |c, b| {
                commit_batch(c, b, &mut full)
            }),
            None => commit_batch(&mut connection, &batch, &mut full),
        };
        #[cfg(not(feature = "bench-bounds"))]
        let outcomes = commit_batch(&mut connection, &batch, &mut full);
        metrics::histogram!("nps_store_commit_seconds").record(started.elapsed().as_secs_f64());
        match outcomes {
            Ok(outcomes) => {
                for (job, outcome) in batch.drain(..).zip(outcomes) {
                    let _ = job.done.send(outcome);
                }
            }
            Err(cause) => {
                tracing::error!(error = %cause, size = batch.len(), "batch commit failed");
                full.clear();
                // A full disk stays a full disk for the callers: a 503 to
                // retry later, not a 500.
                let disk_is_full = disk_full(&cause);
                for job in batch.drain(..) {
                    let error = if disk_is_full {
                        StoreError::Unavailable(cause.to_string())
                    } else {
                        StoreError::Commit(cause.to_string())
                    };
                    let _ = job.done.send(Err(error));
                }
            }
        }
    }
}

fn commit_batch(
    connection: &mut Connection,
    batch: &[Job],
    full: &mut Full,
) -> rusqlite::Result<Vec<StoreResult<Outcome>>> {
    // IMMEDIATE takes the write lock up front, so a reader-turned-writer
    // can never deadlock against another process on the same file.
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // A failing statement rolls back alone in SQLite; the others in the
    // batch still commit.
    let outcomes: Vec<StoreResult<Outcome>> =
        batch.iter().map(|job| apply(&tx, &job.write)).collect();
    // The batch's new responses, counted once per roll-up key: a batch of
    // a hundred answers of one day touches a few dozen roll-up rows.
    let created =
        batch
            .iter()
            .zip(&outcomes)
            .flat_map(|(job, outcome)| match (&job.write, outcome) {
                (Write::Insert(r, now), Ok(Outcome::Inserted(Inserted::Created))) => {
                    vec![(r, to_millis(*now))]
                }
                (Write::Import(rows), Ok(Outcome::Imported(done))) => rows
                    .iter()
                    .zip(done)
                    .filter(|(_, d)| **d == Inserted::Created)
                    .map(|((r, at), _)| (r, to_millis(*at)))
                    .collect(),
                _ => Vec::new(),
            });
    count_in_rollups(&tx, created, full)?;
    tx.commit()?;
    Ok(outcomes)
}

fn apply(tx: &rusqlite::Transaction<'_>, write: &Write) -> StoreResult<Outcome> {
    let inserted = |changed: usize| inserted(changed as u64);
    match write {
        // A replay changes nothing here: its comment is an edit, which
        // the HTTP layer authorises (see `http::responses::edits`).
        Write::Insert(r, now) => Ok(Outcome::Inserted(insert(tx, r, *now)?)),
        Write::Import(rows) => Ok(Outcome::Imported(insert_many(tx, rows)?)),
        Write::Event(e, now) => {
            let changed = tx.prepare_cached(INSERT_EVENT)?.execute(params![
                e.id.uuid().to_string(),
                e.key.as_str(),
                kind_name(e.kind),
                e.moment.as_ref().map(|m| m.as_str()),
                e.user_id.as_ref().map(|u| u.as_str()),
                to_millis(*now),
                e.variant.as_ref().map(|v| v.as_str()),
            ])?;
            Ok(Outcome::Inserted(inserted(changed)))
        }
        Write::Comment {
            key,
            id,
            comment,
            now,
        } => {
            let changed = tx.prepare_cached(SET_COMMENT)?.execute(params![
                comment.as_ref().map(Comment::as_str),
                to_millis(*now),
                id.uuid().to_string(),
                key.as_str(),
            ])?;
            Ok(Outcome::Updated(changed == 1))
        }
    }
}

/// Stores one response once.
fn insert(
    tx: &rusqlite::Transaction<'_>,
    r: &ValidResponse,
    at: OffsetDateTime,
) -> StoreResult<Inserted> {
    let changed = tx
        .prepare_cached(INSERT_RESPONSE)?
        .execute(params_from_iter(values(r, at)?))?;
    Ok(inserted(changed as u64))
}
