//! The experiments' queries, written once and expanded for each backend.

macro_rules! experiment_queries {
    ($db:ty) => {
        use crate::store::StoreResult;

        use super::super::{ScoreRow, ShownRow, Window};

        type P = sqlx::Pool<$db>;

        pub(crate) async fn shown(pool: &P, w: Window<'_>) -> StoreResult<Vec<ShownRow>> {
            let rows = sqlx::query_as(
                "SELECT variant, COUNT(*) AS shown FROM events
                 WHERE project_key = $1 AND moment = $2 AND variant IS NOT NULL
                   AND kind = 'shown' AND created_at >= $3 AND created_at < $4
                 GROUP BY variant",
            )
            .bind(w.project.to_owned())
            .bind(w.moment.to_owned())
            .bind(w.from)
            .bind(w.until)
            .fetch_all(pool)
            .await?;
            Ok(rows)
        }

        pub(crate) async fn scores(pool: &P, w: Window<'_>) -> StoreResult<Vec<ScoreRow>> {
            // A comment cleared to '' is no comment.
            let rows = sqlx::query_as(
                "SELECT variant, score, COUNT(*) AS n,
                        COALESCE(SUM(CASE WHEN comment <> '' THEN 1 ELSE 0 END), 0) AS commented
                 FROM responses
                 WHERE project_key = $1 AND moment = $2 AND variant IS NOT NULL
                   AND created_at >= $3 AND created_at < $4
                 GROUP BY variant, score",
            )
            .bind(w.project.to_owned())
            .bind(w.moment.to_owned())
            .bind(w.from)
            .bind(w.until)
            .fetch_all(pool)
            .await?;
            Ok(rows)
        }
    };
}

pub(super) mod sqlite {
    experiment_queries!(sqlx::Sqlite);
}

pub(super) mod postgres {
    experiment_queries!(sqlx::Postgres);
}
