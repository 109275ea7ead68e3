//! The SQL, written once for both backends.
//!
//! The two schemas store the same columns with the same types as far as
//! Rust sees them (`TEXT` ↔ `String`, `INTEGER`/`BIGINT` ↔ `i64`, `$N`
//! placeholders), so one text serves both. The write statements are
//! constants (the SQLite writer runs them with rusqlite, PostgreSQL with
//! sqlx); the reads are expanded by `backend_queries!` into a module of
//! sqlx functions per backend, generic over the executor.

/// Stores a response once (idempotent on the project and `id`); `$10` is
/// both timestamps, `$14` the source (`NULL`: live, `import`), `$15` the
/// experiment's variant.
pub(crate) const INSERT_RESPONSE: &str = "INSERT INTO responses
   (id, project_key, score, comment, user_id, moment, traits, locale, url, created_at, updated_at,
    secret_hash, identity_unverified, tenure_days, source, variant)
 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, $15)
 ON CONFLICT (project_key, id) DO NOTHING";

/// Stores an event once (idempotent on the project and `id`).
pub(crate) const INSERT_EVENT: &str =
    "INSERT INTO events (id, project_key, kind, moment, user_id, created_at, variant)
 VALUES ($1, $2, $3, $4, $5, $6, $7)
 ON CONFLICT (project_key, id) DO NOTHING";

/// Sets the comment of a response of a project.
pub(crate) const SET_COMMENT: &str =
    "UPDATE responses SET comment = $1, updated_at = $2 WHERE id = $3 AND project_key = $4";

/// The stored name of an event kind.
pub(crate) fn kind_name(kind: nps_protocol::EventKind) -> &'static str {
    match kind {
        nps_protocol::EventKind::Shown => "shown",
        nps_protocol::EventKind::Declined => "declined",
        nps_protocol::EventKind::Snoozed => "snoozed",
        nps_protocol::EventKind::OptedOut => "opted_out",
        nps_protocol::EventKind::NoticeSeen => "notice_seen",
    }
}

macro_rules! backend_queries {
    ($db:ty, $row:ty) => {
        use sqlx::Row;
        use time::OffsetDateTime;

        use crate::domain::ProjectKey;
        use crate::store::{from_millis, to_millis, Project, StoreResult};

        fn project_from_row(row: &$row) -> StoreResult<Project> {
            let key: String = row.try_get("key")?;
            let settings: String = row.try_get("settings")?;
            Ok(Project {
                key: ProjectKey::try_from(key).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                name: row.try_get("name")?,
                settings: serde_json::from_str(&settings)?,
            })
        }

        pub(crate) async fn create_project<'c, E>(exec: E, project: &Project) -> StoreResult<bool>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            // Keys are unique whatever their case: `DEMO` beside `demo` is
            // a look-alike, for people and for the snippet. (Two instances
            // creating both at the same instant could still race on
            // PostgreSQL: admin-only, and an index would refuse to build on
            // a database that has such a pair already.)
            let done = sqlx::query(
                "INSERT INTO projects (key, name, settings, created_at)
                 SELECT $1, $2, $3, $4
                 WHERE NOT EXISTS (SELECT 1 FROM projects WHERE lower(key) = lower($1))
                 ON CONFLICT (key) DO NOTHING",
            )
            .bind(project.key.as_str())
            .bind(&project.name)
            .bind(serde_json::to_string(&project.settings)?)
            .bind(to_millis(OffsetDateTime::now_utc()))
            .execute(exec)
            .await?;
            Ok(done.rows_affected() == 1)
        }

        pub(crate) async fn update_project<'c, E>(exec: E, project: &Project) -> StoreResult<bool>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            let done = sqlx::query("UPDATE projects SET name = $1, settings = $2 WHERE key = $3")
                .bind(&project.name)
                .bind(serde_json::to_string(&project.settings)?)
                .bind(project.key.as_str())
                .execute(exec)
                .await?;
            Ok(done.rows_affected() == 1)
        }

        pub(crate) async fn project<'c, E>(
            exec: E,
            key: &ProjectKey,
        ) -> StoreResult<Option<Project>>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            project_with(exec, key, "").await
        }

        /// [`project`], with `lock` after the query (`FOR UPDATE` on
        /// PostgreSQL, so a change reads what the last one wrote).
        pub(crate) async fn project_with<'c, E>(
            exec: E,
            key: &ProjectKey,
            lock: &str,
        ) -> StoreResult<Option<Project>>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            let sql = format!("SELECT key, name, settings FROM projects WHERE key = $1{lock}");
            let row = sqlx::query(&sql)
                .bind(key.as_str())
                .fetch_optional(exec)
                .await?;
            row.as_ref().map(project_from_row).transpose()
        }

        pub(crate) async fn projects<'c, E>(exec: E) -> StoreResult<Vec<Project>>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            let rows = sqlx::query("SELECT key, name, settings FROM projects ORDER BY key")
                .fetch_all(exec)
                .await?;
            rows.iter().map(project_from_row).collect()
        }

        pub(crate) async fn user_history<'c, E>(
            exec: E,
            key: &ProjectKey,
            user_id: &crate::domain::UserId,
        ) -> StoreResult<nps_protocol::UserHistory>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            // One round trip: the latest of each event kind, and the
            // latest answer, as rows of (kind, at).
            let rows = sqlx::query(
                "SELECT kind, MAX(created_at) AS at FROM events
                   WHERE project_key = $1 AND user_id = $2 GROUP BY kind
                 UNION ALL
                 SELECT 'answered' AS kind, MAX(created_at) AS at FROM responses
                   WHERE project_key = $1 AND user_id = $2",
            )
            .bind(key.as_str())
            .bind(user_id.as_str())
            .fetch_all(exec)
            .await?;
            let mut history = nps_protocol::UserHistory {
                user_id: user_id.as_str().to_owned(),
                ..Default::default()
            };
            for row in rows {
                let kind: String = row.try_get("kind")?;
                let at: Option<i64> = row.try_get("at")?;
                let at = at.map(|ms| ms as f64);
                match kind.as_str() {
                    "shown" => history.last_shown_at = at,
                    "declined" => history.last_declined_at = at,
                    "snoozed" => history.last_snoozed_at = at,
                    "opted_out" => history.last_opted_out_at = at,
                    "answered" => history.last_answered_at = at,
                    _ => {}
                }
            }
            Ok(history)
        }

        pub(crate) async fn comment_target<'c, E>(
            exec: E,
            key: &ProjectKey,
            id: crate::domain::ClientId,
        ) -> StoreResult<Option<crate::store::CommentTarget>>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            let row = sqlx::query(
                "SELECT secret_hash, user_id, created_at, comment IS NOT NULL AS has_comment
                 FROM responses WHERE project_key = $1 AND id = $2",
            )
            .bind(key.as_str())
            .bind(id.uuid().to_string())
            .fetch_optional(exec)
            .await?;
            row.map(|row| {
                Ok(crate::store::CommentTarget {
                    secret_hash: row.try_get("secret_hash")?,
                    user_id: row.try_get("user_id")?,
                    created_at: from_millis(row.try_get("created_at")?),
                    has_comment: row.try_get("has_comment")?,
                })
            })
            .transpose()
        }
    };
}

/// The queries for SQLite.
pub(crate) mod sqlite {
    backend_queries!(sqlx::Sqlite, sqlx::sqlite::SqliteRow);
}

/// The queries for PostgreSQL.
pub(crate) mod postgres {
    backend_queries!(sqlx::Postgres, sqlx::postgres::PgRow);
}
