//! Storage behind one trait, with a SQLite (embedded default) and a
//! PostgreSQL (several collector instances) implementation.
//!
//! Handlers hold an `Arc<dyn Store>` and never see SQL. Every method is a
//! single durable statement or transaction: when it returns `Ok`, the data
//! is committed to disk, which is what lets the HTTP layer acknowledge.

/// Runs the same query on whichever backend `pool` is: `on!(pool,
/// f(args))` calls the calling module's `sqlite::f` or `postgres::f` with
/// the backend's pool first, `on!(pool, m::f(args))` those of module `m`.
macro_rules! on {
    ($pool:expr, $module:ident::$f:ident($($arg:expr),*)) => {
        match $pool {
            $crate::store::Pool::Sqlite(p) => $module::sqlite::$f(p, $($arg),*).await,
            $crate::store::Pool::Postgres(p) => $module::postgres::$f(p, $($arg),*).await,
        }
    };
    ($pool:expr, $f:ident($($arg:expr),*)) => {
        match $pool {
            $crate::store::Pool::Sqlite(p) => sqlite::$f(p, $($arg),*).await,
            $crate::store::Pool::Postgres(p) => postgres::$f(p, $($arg),*).await,
        }
    };
}

pub mod analytics;
mod answers;
mod backend;
mod batch;
mod cache;
pub mod comments;
pub mod config_versions;
mod error;
pub mod experiments;
pub mod followups;
pub mod imported;
pub mod members;
pub mod moments;
pub mod notices;
mod postgres;
pub mod privacy;
mod project;
mod queries;
pub(crate) mod rollup;
pub mod sampling;
mod sqlite;
pub mod tags;
mod unavailable;
pub mod webhooks;

use time::OffsetDateTime;

pub(crate) use answers::inserted;
pub use answers::{CommentTarget, Inserted, MomentCounts, StoredResponse};
pub use backend::{open, Pool, Store};
pub use cache::ProjectCache;
pub use error::{StoreError, StoreResult};
pub use postgres::PostgresStore;
pub use project::{Project, ProjectChange, ProjectSettings, RetentionMode};
pub use sqlite::SqliteStore;

/// Milliseconds since the Unix epoch, the storage format of timestamps in
/// both backends (portable and sortable).
pub(crate) fn to_millis(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

/// Inverse of [`to_millis`].
pub(crate) fn from_millis(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
