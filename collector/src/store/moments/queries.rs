//! The server moments' queries, written once and expanded for each backend.

macro_rules! moment_queries {
    ($db:ty) => {
        use crate::store::StoreResult;

        use super::super::{NewServerMoment, PendingRow};

        type P = sqlx::Pool<$db>;

        pub(crate) async fn set_server_key(
            pool: &P,
            project: &str,
            hash: &str,
            now: i64,
        ) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO server_keys (project_key, key_hash, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (project_key) DO UPDATE SET key_hash = $2, created_at = $3",
            )
            .bind(project.to_owned())
            .bind(hash.to_owned())
            .bind(now)
            .execute(pool)
            .await?;
            Ok(())
        }

        pub(crate) async fn project_of_key(pool: &P, hash: &str) -> StoreResult<Option<String>> {
            let key = sqlx::query_scalar("SELECT project_key FROM server_keys WHERE key_hash = $1")
                .bind(hash.to_owned())
                .fetch_optional(pool)
                .await?;
            Ok(key)
        }

        pub(crate) async fn insert(pool: &P, m: &NewServerMoment<'_>) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO moments (id, project_key, user_id, moment, at, props, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(m.id.to_owned())
            .bind(m.project.to_owned())
            .bind(m.user_id.to_owned())
            .bind(m.moment.to_owned())
            .bind(m.at)
            .bind(m.props.to_owned())
            .bind(m.created_at)
            .execute(pool)
            .await?;
            Ok(())
        }

        pub(crate) async fn pending(
            pool: &P,
            project: &str,
            user: &str,
            since: i64,
        ) -> StoreResult<Vec<PendingRow>> {
            // A prompt shown for the moment (on any device) after the
            // moment arrived consumed it.
            let rows = sqlx::query_as(
                "SELECT m.moment, m.at FROM moments m
                 WHERE m.project_key = $1 AND m.user_id = $2 AND m.at >= $3
                   AND NOT EXISTS (SELECT 1 FROM events e
                     WHERE e.project_key = $1 AND e.user_id = $2 AND e.kind = 'shown'
                       AND e.moment = m.moment AND e.created_at >= m.created_at)
                 ORDER BY m.at DESC, m.id LIMIT $4",
            )
            .bind(project.to_owned())
            .bind(user.to_owned())
            .bind(since)
            .bind(super::super::MAX_PENDING)
            .fetch_all(pool)
            .await?;
            Ok(rows)
        }
    };
}

pub(super) mod sqlite {
    moment_queries!(sqlx::Sqlite);
}

pub(super) mod postgres {
    moment_queries!(sqlx::Postgres);
}
