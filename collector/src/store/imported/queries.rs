//! The import's queries, written once and expanded for each backend.

// The types the expanded queries take come from the feature module.
use super::*;

macro_rules! import_queries {
    ($db:ty) => {
        use sqlx::QueryBuilder;

        use super::Attachment;
        use crate::store::StoreResult;

        type P = sqlx::Pool<$db>;

        pub(crate) async fn attach(
            pool: &P,
            project: &str,
            items: &[Attachment],
            now: i64,
        ) -> StoreResult<()> {
            let mut tx = pool.begin().await?;
            for item in items {
                for (tag, source) in &item.tags {
                    // Through the answer's row, as `tags::add`: the tag
                    // roll-up triggers read its time and score.
                    sqlx::query(
                        "INSERT INTO tags (project_key, response_id, tag, source, created_at)
                         SELECT project_key, id, $3, $4, $5 FROM responses
                         WHERE project_key = $1 AND id = $2
                         ON CONFLICT (project_key, response_id, tag) DO NOTHING",
                    )
                    .bind(project.to_owned())
                    .bind(item.id.clone())
                    .bind(tag.clone())
                    .bind(*source)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                if item.notes.is_empty() {
                    continue;
                }
                sqlx::query(
                    "INSERT INTO followups (project_key, response_id, status, assignee, updated_at)
                     VALUES ($1, $2, 'new', NULL, $3)
                     ON CONFLICT (project_key, response_id) DO NOTHING",
                )
                .bind(project.to_owned())
                .bind(item.id.clone())
                .bind(now)
                .execute(&mut *tx)
                .await?;
                for note in &item.notes {
                    sqlx::query(
                        "INSERT INTO followup_history (project_key, response_id, actor, kind, value, created_at)
                         VALUES ($1, $2, $3, 'note', $4, $5)",
                    )
                    .bind(project.to_owned())
                    .bind(item.id.clone())
                    .bind(note.author.clone())
                    .bind(note.text.clone())
                    .bind(note.at)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            tx.commit().await?;
            Ok(())
        }

        pub(crate) async fn existing(pool: &P, project: &str, ids: &[String]) -> StoreResult<u64> {
            let mut b = QueryBuilder::<$db>::new("SELECT COUNT(*) FROM responses WHERE project_key = ");
            b.push_bind(project.to_owned()).push(" AND id IN (");
            let mut list = b.separated(", ");
            for id in ids {
                list.push_bind(id.clone());
            }
            b.push(")");
            let (n,): (i64,) = b.build_query_as().fetch_one(pool).await?;
            Ok(n.unsigned_abs())
        }
    };
}

pub(super) mod sqlite {
    import_queries!(sqlx::Sqlite);
}

pub(super) mod postgres {
    import_queries!(sqlx::Postgres);
}
