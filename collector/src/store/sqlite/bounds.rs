//! Upper bounds for durable ingest, for the benchmark only (compiled with
//! the `bench-bounds` feature; `collector/benches/bounds.sh` runs them).
//!
//! `load.sh` says durable SQLite ingest reaches about 0.45× `/healthz`
//! where the goal is 0.6×. These bounds say which part of the write path
//! holds it there, by replacing the writer's work and measuring what the
//! same server then reaches (`NPS_BENCH_WRITER`):
//! - `no-fsync`: the same transactions with `synchronous = NORMAL`, so no
//!   commit waits for the disk (not durable against power loss);
//! - `bare`: one insert per answer of its id and score into a table with no
//!   index, no roll-up and no deduplication, still one fsync per batch;
//! - `noop`: the queue and the answers without SQLite: the cost of handing
//!   a request to the writer thread and waking it when its batch is done.
//!
//! Each one acknowledges what a real collector would refuse to (or has
//! not stored), which is why it exists only in benchmark builds.

use rusqlite::{params, Connection, TransactionBehavior};

use super::super::batch::{Job, Outcome, Write};
use super::super::{Inserted, StoreResult};

/// What the writer does instead of its real work.
#[derive(Debug, Clone, Copy)]
pub(super) enum Bound {
    /// The real transactions, committed without waiting for the disk.
    NoFsync,
    /// Each answer's id and score into an unindexed table.
    Bare,
    /// Nothing stored: every write answered "created".
    Noop,
}

impl Bound {
    /// The bound `NPS_BENCH_WRITER` names, set up on `connection`; `None`
    /// (the real writer) when unset. An unknown name stops the benchmark
    /// rather than measure the wrong thing.
    pub(super) fn from_env(connection: &Connection) -> Option<Self> {
        let name = std::env::var("NPS_BENCH_WRITER").ok()?;
        let bound = match name.as_str() {
            "no-fsync" => Self::NoFsync,
            "bare" => Self::Bare,
            "noop" => Self::Noop,
            other => panic!("NPS_BENCH_WRITER={other:?}: expected no-fsync, bare or noop"),
        };
        tracing::warn!(?bound, "benchmark build: answers are not stored durably");
        match bound {
            Self::NoFsync => connection.pragma_update(None, "synchronous", "NORMAL"),
            Self::Bare => connection.execute_batch(
                "CREATE TABLE IF NOT EXISTS bench_bare (id TEXT NOT NULL, score INTEGER NOT NULL)",
            ),
            Self::Noop => Ok(()),
        }
        .expect("setting up the benchmark's bound");
        Some(bound)
    }

    /// Commits `batch` as this bound does; `real` is the writer's own
    /// commit, which `NoFsync` runs unchanged.
    pub(super) fn commit(
        self,
        connection: &mut Connection,
        batch: &[Job],
        real: impl FnOnce(&mut Connection, &[Job]) -> rusqlite::Result<Vec<StoreResult<Outcome>>>,
    ) -> rusqlite::Result<Vec<StoreResult<Outcome>>> {
        match self {
            Self::NoFsync => return real(connection, batch),
            Self::Bare => {
                let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
                for job in batch {
                    if let Write::Insert(r, _) = &job.write {
                        tx.prepare_cached("INSERT INTO bench_bare (id, score) VALUES (?1, ?2)")?
                            .execute(params![
                                r.id.uuid().to_string(),
                                i64::from(r.score.value())
                            ])?;
                    }
                }
                tx.commit()?;
            }
            Self::Noop => {}
        }
        Ok(batch
            .iter()
            .map(|_| Ok(Outcome::Inserted(Inserted::Created)))
            .collect())
    }
}
