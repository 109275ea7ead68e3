//! SQLite storage: the zero-setup default, one file next to the binary.
//!
//! WAL journal with `synchronous = FULL`, so a committed transaction survives
//! a crash or power loss before the HTTP layer acknowledges it. Response
//! writes go through one writer task that commits them in batches (group
//! commit): SQLite allows one writer at a time anyway, and one fsync for
//! many requests is what makes durable ingest fast. Reads use a pool of
//! connections that WAL lets run beside the writer.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use time::OffsetDateTime;
use tokio::sync::{mpsc, oneshot};

use super::queries::sqlite as q;
use super::{Inserted, Project, Store, StoreError, StoreResult, StoredResponse};
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
    /// runs the migrations and starts the writer task.
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
        let connection = SqliteConnection::connect_with(&options).await?;
        let (writer, jobs) = mpsc::channel(4 * MAX_BATCH);
        tokio::spawn(write_loop(connection, jobs));
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

/// Takes every write waiting, commits them in one transaction, answers
/// each caller once the commit is durable. Ends when every sender is gone
/// (the store was dropped), after the last batch: nothing queued is lost.
async fn write_loop(mut connection: SqliteConnection, mut jobs: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while jobs.recv_many(&mut batch, MAX_BATCH).await > 0 {
        metrics::histogram!("nps_store_batch_size").record(batch.len() as f64);
        metrics::gauge!("nps_store_queue_depth").set(jobs.len() as f64);
        let started = std::time::Instant::now();
        let outcomes = commit_batch(&mut connection, &batch).await;
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

async fn commit_batch(
    connection: &mut SqliteConnection,
    batch: &[Job],
) -> Result<Vec<StoreResult<Outcome>>, sqlx::Error> {
    let mut tx = connection.begin().await?;
    let mut outcomes: Vec<Option<StoreResult<Outcome>>> = batch.iter().map(|_| None).collect();
    // Inserts first, all in one statement; comments and events after, so a
    // comment finds a response inserted in the same batch.
    let inserts: Vec<(usize, (&ValidResponse, OffsetDateTime))> = batch
        .iter()
        .enumerate()
        .filter_map(|(i, job)| match &job.write {
            Write::Insert(response, now) => Some((i, (response, *now))),
            _ => None,
        })
        .collect();
    if !inserts.is_empty() {
        let responses: Vec<_> = inserts.iter().map(|(_, pair)| *pair).collect();
        match q::insert_responses(&mut *tx, &responses).await {
            Ok(results) => {
                for ((i, _), inserted) in inserts.iter().zip(results) {
                    outcomes[*i] = Some(Ok(Outcome::Inserted(inserted)));
                }
            }
            // One bad row fails the statement: fall back to one statement
            // per response so only the bad one fails.
            Err(_) => {
                for (i, (response, now)) in &inserts {
                    let one = q::insert_response(&mut *tx, response, *now).await;
                    outcomes[*i] = Some(one.map(Outcome::Inserted));
                }
            }
        }
    }
    for (i, job) in batch.iter().enumerate() {
        // A failing statement rolls back alone in SQLite; the others in
        // the batch still commit.
        let outcome = match &job.write {
            Write::Insert(..) => continue,
            Write::Event(event, now) => q::insert_event(&mut *tx, event, *now)
                .await
                .map(Outcome::Inserted),
            Write::Comment {
                key,
                id,
                comment,
                now,
            } => q::set_comment(&mut *tx, key, *id, comment.as_ref(), *now)
                .await
                .map(Outcome::Updated),
        };
        outcomes[i] = Some(outcome);
    }
    tx.commit().await?;
    Ok(outcomes
        .into_iter()
        .map(|o| o.expect("every job has an outcome"))
        .collect())
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

    #[tracing::instrument(skip_all, fields(id = %response.id.uuid()))]
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

    #[tracing::instrument(skip_all, fields(id = %event.id.uuid()))]
    async fn insert_event(&self, event: &ValidEvent, now: OffsetDateTime) -> StoreResult<Inserted> {
        match self.submit(Write::Event(event.clone(), now)).await? {
            Outcome::Inserted(inserted) => Ok(inserted),
            Outcome::Updated(_) => unreachable!("an insert answers Inserted"),
        }
    }

    #[tracing::instrument(skip_all, fields(id = %id.uuid()))]
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
