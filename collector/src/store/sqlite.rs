//! SQLite storage: the zero-setup default, one file next to the binary.
//!
//! WAL journal with `synchronous = FULL`, so a committed transaction survives
//! a crash or power loss before the HTTP layer acknowledges it.
//!
//! Writes go through one writer thread that commits every write waiting in
//! its queue in one transaction (group commit), then answers each caller:
//! SQLite allows one writer at a time anyway, and one fsync for many
//! requests is what makes durable ingest fast. The writer uses rusqlite
//! with cached prepared statements on a plain thread, so a batch costs one
//! wake-up rather than an async hop per statement. Reads use a sqlx pool
//! that WAL lets run beside the writer.

use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use rusqlite::{params, Connection, TransactionBehavior};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use time::OffsetDateTime;
use tokio::sync::{mpsc, oneshot};

use super::queries::{kind_name, sqlite as q, INSERT_EVENT, INSERT_RESPONSE, SET_COMMENT};
use super::{to_millis, Inserted, Project, Store, StoreError, StoreResult, StoredResponse};
use crate::domain::{ClientId, Comment, ProjectKey, ValidEvent, ValidResponse};
use crate::stats::Distribution;

/// Most writes committed in one transaction. Past a few hundred the fsync
/// is amortised and a bigger batch only delays the first caller's answer.
const MAX_BATCH: usize = 512;

/// A SQLite database file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    writer: mpsc::Sender<Job>,
}

#[derive(Debug)]
enum Write {
    Insert(ValidResponse, OffsetDateTime),
    Event(ValidEvent, OffsetDateTime),
    Comment {
        key: ProjectKey,
        id: ClientId,
        comment: Option<Comment>,
        now: OffsetDateTime,
    },
}

#[derive(Debug)]
enum Outcome {
    Inserted(Inserted),
    Updated(bool),
}

#[derive(Debug)]
struct Job {
    write: Write,
    done: oneshot::Sender<StoreResult<Outcome>>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` (`sqlite://PATH`),
    /// runs the migrations and starts the writer thread.
    #[tracing::instrument]
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        let connection = open_writer(options.get_filename())?;
        let (writer, jobs) = mpsc::channel(4 * MAX_BATCH);
        std::thread::Builder::new()
            .name("nps-sqlite-writer".into())
            .spawn(move || write_loop(connection, jobs))
            .map_err(|e| StoreError::Commit(format!("cannot start the writer thread: {e}")))?;
        Ok(Self { pool, writer })
    }

    async fn submit(&self, write: Write) -> StoreResult<Outcome> {
        let (done, outcome) = oneshot::channel();
        self.writer
            .send(Job { write, done })
            .await
            .map_err(|_| StoreError::WriterGone)?;
        outcome.await.map_err(|_| StoreError::WriterGone)?
    }
}

fn open_writer(path: &Path) -> StoreResult<Connection> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(Duration::from_secs(10))?;
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    Ok(connection)
}

/// Takes every write waiting, commits them in one transaction, answers
/// each caller once the commit is durable. Ends when every sender is gone
/// (the store was dropped), after the last batch: nothing queued is lost.
fn write_loop(mut connection: Connection, mut jobs: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
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
        let outcomes = commit_batch(&mut connection, &batch);
        metrics::histogram!("nps_store_commit_seconds").record(started.elapsed().as_secs_f64());
        match outcomes {
            Ok(outcomes) => {
                for (job, outcome) in batch.drain(..).zip(outcomes) {
                    let _ = job.done.send(outcome);
                }
            }
            Err(cause) => {
                tracing::error!(error = %cause, size = batch.len(), "batch commit failed");
                for job in batch.drain(..) {
                    let _ = job.done.send(Err(StoreError::Commit(cause.to_string())));
                }
            }
        }
    }
}

fn commit_batch(
    connection: &mut Connection,
    batch: &[Job],
) -> rusqlite::Result<Vec<StoreResult<Outcome>>> {
    // IMMEDIATE takes the write lock up front, so a reader-turned-writer
    // can never deadlock against another process on the same file.
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // A failing statement rolls back alone in SQLite; the others in the
    // batch still commit.
    let outcomes = batch.iter().map(|job| apply(&tx, &job.write)).collect();
    tx.commit()?;
    Ok(outcomes)
}

fn apply(tx: &rusqlite::Transaction<'_>, write: &Write) -> StoreResult<Outcome> {
    let inserted = |changed: usize| {
        if changed == 1 {
            Inserted::Created
        } else {
            Inserted::Duplicate
        }
    };
    match write {
        Write::Insert(r, now) => {
            let changed = tx.prepare_cached(INSERT_RESPONSE)?.execute(params![
                r.id.uuid().to_string(),
                r.key.as_str(),
                i64::from(r.score.value()),
                r.comment.as_ref().map(Comment::as_str),
                r.user_id.as_ref().map(|u| u.as_str()),
                r.moment.as_ref().map(|m| m.as_str()),
                serde_json::to_string(r.traits.as_map())?,
                r.locale.as_ref().map(|l| l.as_str()),
                r.url.as_ref().map(|u| u.as_str()),
                to_millis(*now),
            ])?;
            Ok(Outcome::Inserted(inserted(changed)))
        }
        Write::Event(e, now) => {
            let changed = tx.prepare_cached(INSERT_EVENT)?.execute(params![
                e.id.uuid().to_string(),
                e.key.as_str(),
                kind_name(e.kind),
                e.moment.as_ref().map(|m| m.as_str()),
                e.user_id.as_ref().map(|u| u.as_str()),
                to_millis(*now),
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

#[async_trait]
impl Store for SqliteStore {
    async fn create_project(&self, project: &Project) -> StoreResult<bool> {
        q::create_project(&self.pool, project).await
    }

    async fn project(&self, key: &ProjectKey) -> StoreResult<Option<Project>> {
        q::project(&self.pool, key).await
    }

    async fn projects(&self) -> StoreResult<Vec<Project>> {
        q::projects(&self.pool).await
    }

    #[tracing::instrument(level = "debug", skip_all, fields(id = %response.id.uuid()))]
    async fn insert_response(
        &self,
        response: &ValidResponse,
        now: OffsetDateTime,
    ) -> StoreResult<Inserted> {
        match self.submit(Write::Insert(response.clone(), now)).await? {
            Outcome::Inserted(inserted) => Ok(inserted),
            Outcome::Updated(_) => unreachable!("an insert answers Inserted"),
        }
    }

    #[tracing::instrument(level = "debug", skip_all, fields(id = %event.id.uuid()))]
    async fn insert_event(&self, event: &ValidEvent, now: OffsetDateTime) -> StoreResult<Inserted> {
        match self.submit(Write::Event(event.clone(), now)).await? {
            Outcome::Inserted(inserted) => Ok(inserted),
            Outcome::Updated(_) => unreachable!("an insert answers Inserted"),
        }
    }

    #[tracing::instrument(level = "debug", skip_all, fields(id = %id.uuid()))]
    async fn set_comment(
        &self,
        key: &ProjectKey,
        id: ClientId,
        comment: Option<&Comment>,
        now: OffsetDateTime,
    ) -> StoreResult<bool> {
        let write = Write::Comment {
            key: key.clone(),
            id,
            comment: comment.cloned(),
            now,
        };
        match self.submit(write).await? {
            Outcome::Updated(found) => Ok(found),
            Outcome::Inserted(_) => unreachable!("a comment answers Updated"),
        }
    }

    async fn distribution(&self, key: &ProjectKey) -> StoreResult<Distribution> {
        q::distribution(&self.pool, key).await
    }

    async fn recent_responses(
        &self,
        key: &ProjectKey,
        limit: u32,
    ) -> StoreResult<Vec<StoredResponse>> {
        q::recent_responses(&self.pool, key, limit).await
    }
}
