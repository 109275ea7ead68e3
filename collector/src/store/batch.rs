//! The write queue both backends commit in batches (group commit): a
//! write, what became of it, and the job pairing a write with the channel
//! its caller waits on. The caller is answered only after the batch that
//! holds its write has committed, so an acknowledged answer is on disk.

use time::OffsetDateTime;
use tokio::sync::{mpsc, oneshot};

use super::{Inserted, StoreError, StoreResult};
use crate::domain::{ClientId, Comment, ProjectKey, ValidEvent, ValidResponse};

/// Most writes committed in one transaction. Past a few hundred the fsync
/// is amortised and a bigger batch only delays the first caller's answer.
pub(crate) const MAX_BATCH: usize = 512;

/// One write to commit.
#[derive(Debug)]
pub(crate) enum Write {
    /// A response, received at that time.
    Insert(ValidResponse, OffsetDateTime),
    /// An import's answers, each at its own time: one job, so they are
    /// committed together (a few fsyncs for a file, not one per 512 rows).
    Import(Vec<(ValidResponse, OffsetDateTime)>),
    /// An event, received at that time.
    Event(ValidEvent, OffsetDateTime),
    /// A comment set (or cleared) on a stored response.
    Comment {
        key: ProjectKey,
        id: ClientId,
        comment: Option<Comment>,
        now: OffsetDateTime,
    },
}

/// What a write did.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// For inserts: created, or found already there.
    Inserted(Inserted),
    /// For updates: whether the row existed.
    Updated(bool),
    /// For an import: what became of each answer, in order.
    Imported(Vec<Inserted>),
}

/// A write and the caller waiting for it.
#[derive(Debug)]
pub(crate) struct Job {
    pub(crate) write: Write,
    pub(crate) done: oneshot::Sender<StoreResult<Outcome>>,
}

/// The sending end of a writer's queue: what a store's write methods call.
#[derive(Debug, Clone)]
pub(crate) struct Queue(pub(crate) mpsc::Sender<Job>);

impl Queue {
    /// Queues `write` and waits until its batch has committed.
    async fn submit(&self, write: Write) -> StoreResult<Outcome> {
        let (done, outcome) = oneshot::channel();
        self.0
            .send(Job { write, done })
            .await
            .map_err(|_| StoreError::WriterGone)?;
        outcome.await.map_err(|_| StoreError::WriterGone)?
    }

    /// Stores a response once.
    pub(crate) async fn insert_response(
        &self,
        response: ValidResponse,
        now: OffsetDateTime,
    ) -> StoreResult<Inserted> {
        match self.submit(Write::Insert(response, now)).await? {
            Outcome::Inserted(inserted) => Ok(inserted),
            _ => unreachable!("an insert answers Inserted"),
        }
    }

    /// Stores an import's answers once each, at their own times, in one
    /// transaction.
    pub(crate) async fn insert_many(
        &self,
        rows: Vec<(ValidResponse, OffsetDateTime)>,
    ) -> StoreResult<Vec<Inserted>> {
        match self.submit(Write::Import(rows)).await? {
            Outcome::Imported(inserted) => Ok(inserted),
            _ => unreachable!("an import answers Imported"),
        }
    }

    /// Stores an event once.
    pub(crate) async fn insert_event(
        &self,
        event: ValidEvent,
        now: OffsetDateTime,
    ) -> StoreResult<Inserted> {
        match self.submit(Write::Event(event, now)).await? {
            Outcome::Inserted(inserted) => Ok(inserted),
            _ => unreachable!("an insert answers Inserted"),
        }
    }

    /// Sets (or clears) a comment; `false` when there is no such response.
    pub(crate) async fn set_comment(
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
            _ => unreachable!("a comment answers Updated"),
        }
    }
}
