//! The privacy queries, written once and expanded for each backend: one
//! macro per part (`export`, `erase`, `uncount`, `log`), all expanded in
//! each backend's module, which holds the imports they share.

#[macro_use]
mod erase;
#[macro_use]
mod export;
#[macro_use]
mod log;
#[macro_use]
mod uncount;

/// The privacy queries for SQLite.
pub(crate) mod sqlite {
    use sqlx::Row;

    use crate::domain::{Filter, ProjectKey, UserId};
    use crate::store::privacy::{
        PrivacyLogEntry, Removed, StoredEvent, StoredServerMoment, UserData,
    };
    use crate::store::{RetentionMode, StoreResult};

    export_queries!(sqlx::Sqlite, sqlite);
    // One writer at a time: the transaction that reads the rows is the one
    // that deletes them.
    erase_queries!(sqlx::Sqlite, "", None::<&str>);
    uncount_queries!(sqlx::Sqlite);
    log_queries!(sqlx::Sqlite);
}

/// The privacy queries for PostgreSQL.
pub(crate) mod postgres {
    use sqlx::Row;

    use crate::domain::{Filter, ProjectKey, UserId};
    use crate::store::privacy::{
        PrivacyLogEntry, Removed, StoredEvent, StoredServerMoment, UserData,
    };
    use crate::store::{RetentionMode, StoreResult};

    export_queries!(sqlx::Postgres, postgres);
    // Rows locked as they are read: of two erasures or retention runs at
    // once (two instances), the second waits, then finds the rows gone and
    // takes nothing out of the roll-ups twice.
    // Retention runs on every instance: a transaction-scoped advisory lock
    // per project lets one do it while the others skip it.
    erase_queries!(
        sqlx::Postgres,
        " FOR UPDATE",
        Some("SELECT pg_try_advisory_xact_lock(hashtext('nps-retention:' || $1))")
    );
    uncount_queries!(sqlx::Postgres);
    log_queries!(sqlx::Postgres);
}
