//! The follow-up queries, written once and expanded for each backend.

// The types the expanded queries build come from the feature module.
use super::*;

macro_rules! followup_queries {
    ($db:ty, $analytics:ident) => {
        use sqlx::{QueryBuilder, Row};

        use super::{StoredFollowUp, StoredHistoryEntry, InboxItem};
        use crate::store::StoreResult;

        type P = sqlx::Pool<$db>;

        pub(crate) async fn followup(pool: &P, project: &str, id: &str) -> StoreResult<Option<StoredFollowUp>> {
            let row = sqlx::query("SELECT status, assignee FROM followups WHERE project_key = $1 AND response_id = $2")
                .bind(project.to_owned())
                .bind(id.to_owned())
                .fetch_optional(pool)
                .await?;
            row.map(|r| Ok(StoredFollowUp { status: r.try_get("status")?, assignee: r.try_get("assignee")? })).transpose()
        }

        pub(crate) async fn history(pool: &P, project: &str, id: &str) -> StoreResult<Vec<StoredHistoryEntry>> {
            let rows = sqlx::query(
                "SELECT actor, kind, value, created_at FROM followup_history
                 WHERE project_key = $1 AND response_id = $2 ORDER BY id",
            )
            .bind(project.to_owned())
            .bind(id.to_owned())
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(StoredHistoryEntry {
                        actor: r.try_get("actor")?,
                        kind: r.try_get("kind")?,
                        value: r.try_get("value")?,
                        created_at: r.try_get("created_at")?,
                    })
                })
                .collect()
        }

        pub(crate) async fn record(
            pool: &P,
            project: &str,
            id: &str,
            state: &StoredFollowUp,
            changes: &[(&'static str, Option<String>)],
            actor: &str,
            now: i64,
        ) -> StoreResult<()> {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO followups (project_key, response_id, status, assignee, updated_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (project_key, response_id)
                 DO UPDATE SET status = $3, assignee = $4, updated_at = $5",
            )
            .bind(project.to_owned())
            .bind(id.to_owned())
            .bind(state.status.clone())
            .bind(state.assignee.clone())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            for (kind, value) in changes {
                sqlx::query(
                    "INSERT INTO followup_history (project_key, response_id, actor, kind, value, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(project.to_owned())
                .bind(id.to_owned())
                .bind(actor.to_owned())
                .bind(*kind)
                .bind(value.clone())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(())
        }

        pub(crate) async fn inbox(
            pool: &P,
            project: &str,
            max_score: i64,
            statuses: &[&str],
            assignee: Option<&str>,
            only: Option<&str>,
            limit: i64,
        ) -> StoreResult<Vec<InboxItem>> {
            let mut b = QueryBuilder::<$db>::new(
                "SELECT r.id, r.score, r.comment, r.user_id, r.moment, r.locale, r.url, r.traits, r.created_at,
                        r.updated_at, r.identity_unverified, r.source, r.variant, COALESCE(f.status, 'new') AS fstatus, f.assignee
                 FROM responses r LEFT JOIN followups f ON f.project_key = r.project_key AND f.response_id = r.id
                 WHERE r.project_key = ",
            );
            b.push_bind(project.to_owned()).push(" AND r.score <= ").push_bind(max_score);
            b.push(" AND COALESCE(f.status, 'new') IN (");
            let mut list = b.separated(", ");
            for s in statuses {
                list.push_bind((*s).to_owned());
            }
            b.push(")");
            if let Some(who) = assignee {
                b.push(" AND f.assignee = ").push_bind(who.to_owned());
            }
            if let Some(id) = only {
                b.push(" AND r.id = ").push_bind(id.to_owned());
            }
            b.push(" ORDER BY r.created_at, r.id LIMIT ").push_bind(limit);
            let rows = b.build().fetch_all(pool).await?;
            rows.iter()
                .map(|row| {
                    Ok(InboxItem {
                        response: crate::store::analytics::$analytics::response_from_row(row)?,
                        followup: StoredFollowUp { status: row.try_get("fstatus")?, assignee: row.try_get("assignee")? },
                    })
                })
                .collect()
        }
    };
}
pub(super) mod sqlite {
    followup_queries!(sqlx::Sqlite, sqlite);
}

pub(super) mod postgres {
    followup_queries!(sqlx::Postgres, postgres);
}
