//! The sampling queries, written once and expanded for each backend.

macro_rules! sampling_queries {
    ($db:ty) => {
        use crate::store::StoreResult;

        use super::super::TimedScore;

        type P = sqlx::Pool<$db>;

        pub(crate) async fn scores_in_order(
            pool: &P,
            project: &str,
            from: i64,
            until: i64,
        ) -> StoreResult<Vec<TimedScore>> {
            let rows = sqlx::query_as(
                "SELECT created_at, moment, score FROM responses
                 WHERE project_key = $1 AND created_at >= $2 AND created_at < $3
                 ORDER BY created_at, id",
            )
            .bind(project.to_owned())
            .bind(from)
            .bind(until)
            .fetch_all(pool)
            .await?;
            Ok(rows)
        }

        pub(crate) async fn shown_of_moment(
            pool: &P,
            project: &str,
            moment: &str,
            from: i64,
            until: i64,
        ) -> StoreResult<i64> {
            let n = sqlx::query_scalar(
                "SELECT COUNT(*) FROM events
                 WHERE project_key = $1 AND kind = 'shown' AND moment = $2
                   AND created_at >= $3 AND created_at < $4",
            )
            .bind(project.to_owned())
            .bind(moment.to_owned())
            .bind(from)
            .bind(until)
            .fetch_one(pool)
            .await?;
            Ok(n)
        }

        pub(crate) async fn shown_of_project(
            pool: &P,
            project: &str,
            from: i64,
            until: i64,
        ) -> StoreResult<i64> {
            let n = sqlx::query_scalar(
                "SELECT COUNT(*) FROM events
                 WHERE project_key = $1 AND kind = 'shown'
                   AND created_at >= $2 AND created_at < $3",
            )
            .bind(project.to_owned())
            .bind(from)
            .bind(until)
            .fetch_one(pool)
            .await?;
            Ok(n)
        }
    };
}

pub(super) mod sqlite {
    sampling_queries!(sqlx::Sqlite);
}

pub(super) mod postgres {
    sampling_queries!(sqlx::Postgres);
}
