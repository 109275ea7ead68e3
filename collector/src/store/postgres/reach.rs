//! The writer's way through a PostgreSQL server out of reach (stopped,
//! restarting, failing over): wait for a connection a second at most, and
//! once one write of a batch found the server gone, fail the rest with it.
//!
//! tests/faults/pg-restart.mjs restarts PostgreSQL under load. Before
//! this, every request waited on the pool (sqlx's default: 30 s, with its
//! connection attempts spaced out to 6 s) and then got a 500; after a
//! batch failed, its writes were retried one by one, each waiting as long.
//! Now clients get 503s within about two seconds (one batch ahead of
//! theirs, then their own), and writes go through again a fraction of a
//! second after the server accepts connections.

use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::{PgPool, Postgres};

use super::super::{StoreError, StoreResult};

/// How long the writer waits for a connection before it answers the
/// writes in hand as unavailable. Short, since each batch tries afresh:
/// a new attempt notices the server back within a fraction of a second.
const ACQUIRE_WITHIN: Duration = Duration::from_secs(1);

/// A connection for the writer, or [`StoreError::Unavailable`] after
/// [`ACQUIRE_WITHIN`].
pub(super) async fn acquire(pool: &PgPool) -> StoreResult<PoolConnection<Postgres>> {
    match tokio::time::timeout(ACQUIRE_WITHIN, pool.acquire()).await {
        Ok(connection) => Ok(connection?),
        Err(_) => Err(StoreError::Unavailable(format!(
            "no connection to PostgreSQL within {} s",
            ACQUIRE_WITHIN.as_secs()
        ))),
    }
}

/// Once a write found the database out of reach, the writes after it in
/// the batch fail at once with the same cause rather than wait in turn.
#[derive(Default)]
pub(super) struct Reach(Option<StoreError>);

impl Reach {
    /// The error for a write that need not be tried, if the database was
    /// found out of reach.
    pub(super) fn lost(&self) -> Option<StoreError> {
        self.0.as_ref().map(StoreError::to_unavailable)
    }

    /// Notes what a write came to.
    pub(super) fn note<T>(&mut self, outcome: &StoreResult<T>) {
        if let Err(e) = outcome {
            if e.is_unavailable() {
                self.0 = Some(e.to_unavailable());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use sqlx::postgres::PgPoolOptions;

    use super::*;

    #[tokio::test]
    async fn a_server_that_refuses_connections_is_unavailable_within_a_second_or_so() {
        // Arrange: nothing listens on port 1; the pool would retry for 30 s.
        let pool = PgPoolOptions::new()
            .connect_lazy("postgres://nps@127.0.0.1:1/nps")
            .unwrap();
        let started = Instant::now();

        // Act
        let error = acquire(&pool).await.unwrap_err();

        // Assert
        assert!(error.is_unavailable(), "{error}");
        assert!(
            started.elapsed() < ACQUIRE_WITHIN * 2,
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn once_the_server_is_out_of_reach_the_rest_of_the_batch_fails_at_once() {
        // Arrange
        let mut reach = Reach::default();
        reach.note::<()>(&Err(StoreError::Commit("a bad row".into())));
        assert!(
            reach.lost().is_none(),
            "a bad row says nothing of the server"
        );

        // Act
        reach.note::<()>(&Err(StoreError::from(sqlx::Error::PoolTimedOut)));

        // Assert
        let lost = reach.lost().expect("the server is out of reach");
        assert!(lost.is_unavailable());
        assert_eq!(
            lost.to_string(),
            "database unavailable: database error: pool timed out while waiting for an open connection"
        );
    }
}
