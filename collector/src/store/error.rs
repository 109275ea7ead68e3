//! What can go wrong below the HTTP layer, in one error type (whether it
//! is worth a retry is `unavailable`'s to say).

/// What can go wrong below the HTTP layer. Never shown to clients.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// The SQLite writer's connection failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A migration failed at start-up.
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Stored JSON could not be read back.
    #[error("stored JSON is invalid: {0}")]
    Json(#[from] serde_json::Error),
    /// A batch of writes could not be committed; none of it is stored.
    #[error("commit failed: {0}")]
    Commit(String),
    /// The writer task has stopped (the server is shutting down).
    #[error("the writer has stopped")]
    WriterGone,
    /// The database cannot take the write for now (disk full, server down
    /// or restarting); nothing of it is acknowledged, and the same write
    /// may succeed later. See [`StoreError::is_unavailable`].
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// The database URL names no supported backend.
    #[error("unsupported database URL scheme {0:?} (use sqlite://PATH or postgres://...)")]
    UnsupportedUrl(String),
}

/// Shorthand for store results.
pub type StoreResult<T> = Result<T, StoreError>;
