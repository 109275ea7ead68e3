//! The comment reads, written once and expanded for each backend.

macro_rules! comment_queries {
    ($db:ty, $analytics:ident) => {
        use sqlx::{QueryBuilder, Row};

        use crate::store::comments::Commented;
        use crate::domain::{Filter, ProjectKey};
        use crate::store::analytics::$analytics::push_filter;
        use crate::store::StoreResult;

        type P = sqlx::Pool<$db>;

        pub(crate) async fn count(pool: &P, key: &ProjectKey, f: &Filter) -> StoreResult<u64> {
            let mut b = QueryBuilder::<$db>::new("SELECT COUNT(*) AS n FROM responses");
            push_filter(&mut b, key, f);
            b.push(" AND responses.comment IS NOT NULL");
            let n: i64 = b.build().fetch_one(pool).await?.try_get("n")?;
            Ok(n.unsigned_abs())
        }

        pub(crate) async fn trait_names(pool: &P, key: &ProjectKey, limit: u32) -> StoreResult<Vec<String>> {
            let rows = sqlx::query("SELECT DISTINCT name FROM rollup_traits WHERE project_key = $1 ORDER BY name LIMIT $2")
                .bind(key.as_str().to_owned())
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?;
            rows.iter().map(|r| Ok(r.try_get("name")?)).collect()
        }

        pub(crate) async fn first(pool: &P, key: &ProjectKey, f: &Filter, limit: u32) -> StoreResult<Vec<Commented>> {
            let mut b = QueryBuilder::<$db>::new("SELECT id, score, comment, locale FROM responses");
            push_filter(&mut b, key, f);
            b.push(" AND responses.comment IS NOT NULL ORDER BY created_at, id LIMIT ")
                .push_bind(i64::from(limit));
            Ok(b.build_query_as::<Commented>().fetch_all(pool).await?)
        }
    };
}

pub(crate) mod sqlite {
    comment_queries!(sqlx::Sqlite, sqlite);
}

pub(crate) mod postgres {
    comment_queries!(sqlx::Postgres, postgres);
}
