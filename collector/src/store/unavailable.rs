//! Which storage failures mean "not now" rather than "broken": the HTTP
//! layer answers them with 503 and `Retry-After` instead of 500.
//!
//! The fault scripts (tests/faults/) found both answered 500: with its
//! disk full SQLite refuses every commit with SQLITE_FULL, and while
//! PostgreSQL restarts every query fails on a cut connection or waits for
//! a new one until the pool gives up. Neither is the request's fault nor
//! a bug to page someone about: the same request succeeds once space is
//! freed or the server is back, and a client should be told to retry.

use sqlx::postgres::PgDatabaseError;
use sqlx::sqlite::SqliteError;

use super::StoreError;

/// SQLite's result code for a full disk (or a database at its
/// `max_page_count`), as sqlx spells it. It has no extended codes.
const SQLITE_FULL: &str = "13";

impl StoreError {
    /// Whether the database could not take the request for now: its disk
    /// is full, the server is down, restarting or out of connections, no
    /// connection came in time, or the collector is shutting down. Nothing
    /// was acknowledged, and the same request may succeed later.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Unavailable(_) | Self::WriterGone => true,
            Self::Database(e) => sqlx_unavailable(e),
            Self::Sqlite(e) => disk_full(e),
            _ => false,
        }
    }

    /// The same cause as [`StoreError::Unavailable`], for the other writes
    /// of a batch it failed (without a second "database unavailable: ").
    pub(super) fn to_unavailable(&self) -> StoreError {
        match self {
            Self::Unavailable(cause) => Self::Unavailable(cause.clone()),
            other => Self::Unavailable(other.to_string()),
        }
    }
}

/// Whether a failure of the SQLite writer's connection is a full disk.
pub(super) fn disk_full(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull)
}

fn sqlx_unavailable(e: &sqlx::Error) -> bool {
    match e {
        // Refused, reset or closed connections; no connection in time.
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed => true,
        sqlx::Error::Database(db) => match db.try_downcast_ref::<PgDatabaseError>() {
            Some(pg) => pg_unavailable(pg.code()),
            None => {
                db.try_downcast_ref::<SqliteError>().is_some()
                    && db.code().as_deref() == Some(SQLITE_FULL)
            }
        },
        _ => false,
    }
}

/// PostgreSQL's SQLSTATE classes of a server that cannot serve now: 08
/// connection exception, 53 insufficient resources (disk full, out of
/// memory, too many connections), 57P operator intervention (shutting
/// down, crashed, starting up; 57014, a cancelled query, is not one).
fn pg_unavailable(sqlstate: &str) -> bool {
    ["08", "53", "57P"]
        .iter()
        .any(|class| sqlstate.starts_with(class))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real SQLITE_FULL: an in-memory database capped at a few pages.
    const FILL: &str = "CREATE TABLE t (x BLOB); PRAGMA max_page_count = 8;";
    const GROW: &str = "INSERT INTO t VALUES (zeroblob(4096))";

    #[test]
    fn a_full_database_is_unavailable_through_rusqlite() {
        // Arrange
        let connection = rusqlite::Connection::open_in_memory().unwrap();
        connection.execute_batch(FILL).unwrap();

        // Act
        let error = (0..100)
            .find_map(|_| connection.execute(GROW, []).err())
            .expect("the database fills up");

        // Assert
        assert!(disk_full(&error), "{error}");
        assert!(StoreError::from(error).is_unavailable());
    }

    #[tokio::test]
    async fn a_full_database_is_unavailable_through_sqlx() {
        // Arrange
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .unwrap();
        sqlx::raw_sql(FILL).execute(&pool).await.unwrap();

        // Act
        let mut error = None;
        for _ in 0..100 {
            if let Err(e) = sqlx::query(GROW).execute(&pool).await {
                error = Some(e);
                break;
            }
        }

        // Assert
        let error = StoreError::from(error.expect("the database fills up"));
        assert!(error.is_unavailable(), "{error}");
    }

    #[test]
    fn a_constraint_violation_is_not_unavailable() {
        // Arrange
        let connection = rusqlite::Connection::open_in_memory().unwrap();
        connection
            .execute_batch("CREATE TABLE t (x INTEGER PRIMARY KEY); INSERT INTO t VALUES (1);")
            .unwrap();

        // Act
        let error = connection
            .execute("INSERT INTO t VALUES (1)", [])
            .unwrap_err();

        // Assert
        assert!(!StoreError::from(error).is_unavailable());
    }

    #[test]
    fn postgresql_says_when_it_cannot_serve_now() {
        for (sqlstate, unavailable, case) in [
            ("57P01", true, "admin_shutdown: pg_ctl stop -m fast"),
            ("57P02", true, "crash_shutdown"),
            ("57P03", true, "cannot_connect_now: starting up"),
            ("08006", true, "connection_failure"),
            ("53100", true, "disk_full"),
            ("53300", true, "too_many_connections"),
            ("57014", false, "query_canceled"),
            ("23505", false, "unique_violation"),
            ("40001", false, "serialization_failure"),
            ("42P01", false, "undefined_table"),
        ] {
            assert_eq!(pg_unavailable(sqlstate), unavailable, "{sqlstate} {case}");
        }
    }

    #[test]
    fn a_lost_server_or_a_pool_out_of_time_is_unavailable() {
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        for (error, case) in [
            (
                StoreError::from(sqlx::Error::Io(refused)),
                "connection refused",
            ),
            (
                StoreError::from(sqlx::Error::PoolTimedOut),
                "pool timed out",
            ),
            (StoreError::from(sqlx::Error::PoolClosed), "pool closed"),
            (StoreError::WriterGone, "shutting down"),
            (StoreError::Unavailable("no connection".into()), "writer"),
        ] {
            assert!(error.is_unavailable(), "{case}");
        }
    }

    #[test]
    fn other_failures_are_not_unavailable() {
        let json = serde_json::from_str::<u8>("x").unwrap_err();
        for (error, case) in [
            (StoreError::Commit("constraint".into()), "a failed commit"),
            (StoreError::from(json), "bad stored JSON"),
            (StoreError::from(sqlx::Error::RowNotFound), "no row"),
        ] {
            assert!(!error.is_unavailable(), "{case}");
        }
    }
}
