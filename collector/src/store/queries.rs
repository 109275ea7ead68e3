//! The SQL, written once for both backends.
//!
//! The two schemas store the same columns with the same types as far as
//! Rust sees them (`TEXT` ↔ `String`, `INTEGER`/`BIGINT` ↔ `i64`, `$N`
//! placeholders), so one text serves both. `backend_queries!` expands it
//! into a module of functions per concrete sqlx database, generic over the
//! executor so a function runs on a pool or inside a transaction (the
//! SQLite writer batches many inserts in one).

macro_rules! backend_queries {
    ($db:ty, $row:ty) => {
        use sqlx::Row;
        use time::OffsetDateTime;

        use crate::domain::{ClientId, Comment, ProjectKey, ValidEvent, ValidResponse};
        use crate::stats::Distribution;
        use crate::store::{
            from_millis, to_millis, Inserted, Project, StoreResult, StoredResponse,
        };

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
            let done = sqlx::query(
                "INSERT INTO projects (key, name, settings, created_at) VALUES ($1, $2, $3, $4)
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

        pub(crate) async fn project<'c, E>(exec: E, key: &ProjectKey) -> StoreResult<Option<Project>>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            let row = sqlx::query("SELECT key, name, settings FROM projects WHERE key = $1")
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

        pub(crate) async fn insert_response<'c, E>(
            exec: E,
            response: &ValidResponse,
            now: OffsetDateTime,
        ) -> StoreResult<Inserted>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            let done = sqlx::query(
                "INSERT INTO responses
                   (id, project_key, score, comment, user_id, moment, traits, locale, url, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(response.id.uuid().to_string())
            .bind(response.key.as_str())
            .bind(i64::from(response.score.value()))
            .bind(response.comment.as_ref().map(Comment::as_str))
            .bind(response.user_id.as_ref().map(|u| u.as_str()))
            .bind(response.moment.as_ref().map(|m| m.as_str()))
            .bind(serde_json::to_string(response.traits.as_map())?)
            .bind(response.locale.as_ref().map(|l| l.as_str()))
            .bind(response.url.as_ref().map(|u| u.as_str()))
            .bind(to_millis(now))
            .execute(exec)
            .await?;
            Ok(if done.rows_affected() == 1 {
                Inserted::Created
            } else {
                Inserted::Duplicate
            })
        }

        /// Inserts many responses in one statement and tells, for each,
        /// whether it was new. One statement instead of one per response is
        /// what lets the SQLite writer keep up with the network: sqlx pays
        /// a thread hop per statement. An id seen twice in `responses` is
        /// `Duplicate` the second time. (PostgreSQL takes concurrent
        /// writers itself and does not batch, hence the allow.)
        #[allow(dead_code)]
        pub(crate) async fn insert_responses<'c, E>(
            exec: E,
            responses: &[(&ValidResponse, OffsetDateTime)],
        ) -> StoreResult<Vec<Inserted>>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            if responses.is_empty() {
                return Ok(Vec::new());
            }
            let mut rows = Vec::with_capacity(responses.len());
            for (r, now) in responses {
                let traits = serde_json::to_string(r.traits.as_map())?;
                rows.push((*r, r.id.uuid().to_string(), traits, to_millis(*now)));
            }
            let mut sql = sqlx::QueryBuilder::<$db>::new(
                "INSERT INTO responses
                   (id, project_key, score, comment, user_id, moment, traits, locale, url, created_at, updated_at) ",
            );
            sql.push_values(&rows, |mut row, (r, id, traits, at)| {
                row.push_bind(id.as_str())
                    .push_bind(r.key.as_str())
                    .push_bind(i64::from(r.score.value()))
                    .push_bind(r.comment.as_ref().map(Comment::as_str))
                    .push_bind(r.user_id.as_ref().map(|u| u.as_str()))
                    .push_bind(r.moment.as_ref().map(|m| m.as_str()))
                    .push_bind(traits.as_str())
                    .push_bind(r.locale.as_ref().map(|l| l.as_str()))
                    .push_bind(r.url.as_ref().map(|u| u.as_str()))
                    .push_bind(*at)
                    .push_bind(*at);
            });
            sql.push(" ON CONFLICT (id) DO NOTHING RETURNING id");
            let created: std::collections::HashSet<String> = sql
                .build()
                .fetch_all(exec)
                .await?
                .iter()
                .map(|row| row.try_get::<String, _>("id"))
                .collect::<Result<_, _>>()?;
            let mut seen = std::collections::HashSet::new();
            Ok(rows
                .iter()
                .map(|(_, id, _, _)| {
                    if created.contains(id) && seen.insert(id.as_str()) {
                        Inserted::Created
                    } else {
                        Inserted::Duplicate
                    }
                })
                .collect())
        }

        pub(crate) async fn insert_event<'c, E>(
            exec: E,
            event: &ValidEvent,
            now: OffsetDateTime,
        ) -> StoreResult<Inserted>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            let kind = match event.kind {
                nps_protocol::EventKind::Shown => "shown",
                nps_protocol::EventKind::Declined => "declined",
                nps_protocol::EventKind::Snoozed => "snoozed",
            };
            let done = sqlx::query(
                "INSERT INTO events (id, project_key, kind, moment, user_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(event.id.uuid().to_string())
            .bind(event.key.as_str())
            .bind(kind)
            .bind(event.moment.as_ref().map(|m| m.as_str()))
            .bind(event.user_id.as_ref().map(|u| u.as_str()))
            .bind(to_millis(now))
            .execute(exec)
            .await?;
            Ok(if done.rows_affected() == 1 {
                Inserted::Created
            } else {
                Inserted::Duplicate
            })
        }

        pub(crate) async fn set_comment<'c, E>(
            exec: E,
            key: &ProjectKey,
            id: ClientId,
            comment: Option<&Comment>,
            now: OffsetDateTime,
        ) -> StoreResult<bool>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            let done = sqlx::query(
                "UPDATE responses SET comment = $1, updated_at = $2 WHERE id = $3 AND project_key = $4",
            )
            .bind(comment.map(Comment::as_str))
            .bind(to_millis(now))
            .bind(id.uuid().to_string())
            .bind(key.as_str())
            .execute(exec)
            .await?;
            Ok(done.rows_affected() == 1)
        }

        pub(crate) async fn distribution<'c, E>(exec: E, key: &ProjectKey) -> StoreResult<Distribution>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            let rows = sqlx::query(
                "SELECT score, COUNT(*) AS n FROM responses WHERE project_key = $1 GROUP BY score",
            )
            .bind(key.as_str())
            .fetch_all(exec)
            .await?;
            let mut counts = [0u64; 11];
            for row in rows {
                let score: i64 = row.try_get("score")?;
                let n: i64 = row.try_get("n")?;
                if let Some(slot) = usize::try_from(score).ok().and_then(|s| counts.get_mut(s)) {
                    *slot = n.unsigned_abs();
                }
            }
            Ok(Distribution(counts))
        }

        pub(crate) async fn recent_responses<'c, E>(
            exec: E,
            key: &ProjectKey,
            limit: u32,
        ) -> StoreResult<Vec<StoredResponse>>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            let rows = sqlx::query(
                "SELECT id, score, comment, user_id, moment, locale, url, traits, created_at, updated_at
                 FROM responses WHERE project_key = $1 ORDER BY created_at DESC, id LIMIT $2",
            )
            .bind(key.as_str())
            .bind(i64::from(limit))
            .fetch_all(exec)
            .await?;
            rows.iter()
                .map(|row| {
                    let score: i64 = row.try_get("score")?;
                    let traits: String = row.try_get("traits")?;
                    Ok(StoredResponse {
                        id: row.try_get("id")?,
                        score: u8::try_from(score).unwrap_or_default(),
                        comment: row.try_get("comment")?,
                        user_id: row.try_get("user_id")?,
                        moment: row.try_get("moment")?,
                        locale: row.try_get("locale")?,
                        url: row.try_get("url")?,
                        traits: serde_json::from_str(&traits)?,
                        created_at: from_millis(row.try_get("created_at")?),
                        updated_at: from_millis(row.try_get("updated_at")?),
                    })
                })
                .collect()
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
