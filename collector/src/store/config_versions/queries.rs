//! The config version queries, written once and expanded for each backend.

macro_rules! version_queries {
    ($db:ty) => {
        use sqlx::Row;

        use super::super::StoredConfigVersion;
        use crate::store::StoreResult;

        type P = sqlx::Pool<$db>;

        pub(crate) async fn append(
            pool: &P,
            project: &str,
            config: &str,
            actor: &str,
            note: Option<&str>,
            now: i64,
        ) -> StoreResult<i64> {
            // MAX + 1 in the statement itself; a concurrent save that took
            // the number first makes this one insert nothing, so try again.
            for _ in 0..5 {
                let row = sqlx::query(
                    "INSERT INTO config_versions (project_key, version, config, actor, note, created_at)
                     SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5
                     FROM config_versions WHERE project_key = $1
                     ON CONFLICT (project_key, version) DO NOTHING
                     RETURNING version",
                )
                .bind(project.to_owned())
                .bind(config.to_owned())
                .bind(actor.to_owned())
                .bind(note.map(str::to_owned))
                .bind(now)
                .fetch_optional(pool)
                .await?;
                if let Some(row) = row {
                    return Ok(row.try_get("version")?);
                }
            }
            Err(crate::store::StoreError::Commit(
                "config version: too many concurrent saves".into(),
            ))
        }

        fn version_from_row(row: &<$db as sqlx::Database>::Row) -> StoreResult<StoredConfigVersion> {
            Ok(StoredConfigVersion {
                version: row.try_get("version")?,
                config: row.try_get("config")?,
                actor: row.try_get("actor")?,
                note: row.try_get("note")?,
                created_at: row.try_get("created_at")?,
            })
        }

        pub(crate) async fn list(pool: &P, project: &str, limit: i64) -> StoreResult<Vec<StoredConfigVersion>> {
            let rows = sqlx::query(
                "SELECT version, config, actor, note, created_at FROM config_versions
                 WHERE project_key = $1 ORDER BY version DESC LIMIT $2",
            )
            .bind(project.to_owned())
            .bind(limit)
            .fetch_all(pool)
            .await?;
            rows.iter().map(version_from_row).collect()
        }

        pub(crate) async fn get(pool: &P, project: &str, version: i64) -> StoreResult<Option<StoredConfigVersion>> {
            let row = sqlx::query(
                "SELECT version, config, actor, note, created_at FROM config_versions
                 WHERE project_key = $1 AND version = $2",
            )
            .bind(project.to_owned())
            .bind(version)
            .fetch_optional(pool)
            .await?;
            row.as_ref().map(version_from_row).transpose()
        }
    };
}

pub(super) mod sqlite {
    version_queries!(sqlx::Sqlite);
}

pub(super) mod postgres {
    version_queries!(sqlx::Postgres);
}
