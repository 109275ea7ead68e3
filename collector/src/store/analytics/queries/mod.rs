//! The analytics queries, written once and expanded for each backend: one
//! macro per part (`filter`, `counts`, `feed`), all expanded in each
//! backend's module, which holds the imports they share.

#[macro_use]
mod counts;
#[macro_use]
mod feed;
#[macro_use]
mod filter;
mod units;

/// The analytics reads for SQLite: traits through `json_extract`, the
/// search through the FTS5 index (`search::push_fts5_condition`). (The
/// feed under a search reads the index in time order instead:
/// `sqlite_search`.)
pub(crate) mod sqlite {
    use sqlx::{QueryBuilder, Row};

    use crate::domain::{Filter, ProjectKey, Search};
    use crate::store::analytics::{tenure_sql, Cursor, GroupCount, Grouping};
    use crate::store::{to_millis, StoreResult, StoredResponse};

    filter_queries!(
        sqlx::Sqlite,
        |b: &mut sqlx::QueryBuilder<'_, sqlx::Sqlite>, name: &str| {
            // Booleans read 'true'/'false', as PostgreSQL's ->> and the
            // roll-ups have them (json_extract would give 1/0).
            let path = format!("$.\"{name}\"");
            b.push("(CASE json_type(traits, ")
                .push_bind(path.clone())
                .push(") WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(traits, ")
                .push_bind(path)
                .push(") AS TEXT) END)");
        },
        crate::store::analytics::search::push_fts5_condition
    );
    count_queries!(sqlx::Sqlite);
    feed_queries!(sqlx::Sqlite);
}

/// The analytics reads for PostgreSQL: traits through `->>`, the search
/// through the expression of the GIN index (`search::push_matches`). (The
/// feed under a search steers the planner: `postgres_search`.)
pub(crate) mod postgres {
    use sqlx::{QueryBuilder, Row};

    use crate::domain::{Filter, ProjectKey, Search};
    use crate::store::analytics::{tenure_sql, Cursor, GroupCount, Grouping};
    use crate::store::{to_millis, StoreResult, StoredResponse};

    filter_queries!(
        sqlx::Postgres,
        |b: &mut sqlx::QueryBuilder<'_, sqlx::Postgres>, name: &str| {
            b.push("(CAST(traits AS jsonb) ->> ")
                .push_bind(name.to_owned())
                .push(")");
        },
        |b: &mut sqlx::QueryBuilder<'_, sqlx::Postgres>, search: &crate::domain::Search| {
            // `comment IS NOT NULL`: the index holds only rows with a
            // comment (migration 0017), and the planner needs to be told.
            b.push(" AND comment IS NOT NULL AND ");
            crate::store::analytics::search::push_matches(b, search);
        }
    );
    count_queries!(sqlx::Postgres);
    feed_queries!(sqlx::Postgres);
}
