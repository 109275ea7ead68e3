//! The notices queries, written once and expanded for each backend (only
//! how a new notice's id is made differs).

// The types the expanded queries build come from the feature module.
use super::*;

macro_rules! notice_queries {
    ($db:ty, $backend:ident, $new_id:expr, $hold:literal) => {
        use sqlx::Row;

        use super::{Reached, StoredNotice, StoredTagState, TagReach};
        use crate::store::webhooks::NewDelivery;
        use crate::store::StoreResult;

        type P = sqlx::Pool<$db>;

        pub(crate) async fn states(pool: &P, project: &str) -> StoreResult<Vec<StoredTagState>> {
            Ok(sqlx::query_as("SELECT tag, status, announcement FROM tag_states WHERE project_key = $1 ORDER BY tag")
                .bind(project.to_owned())
                .fetch_all(pool)
                .await?)
        }

        pub(crate) async fn set_state(
            pool: &P,
            project: &str,
            tag: &str,
            status: &str,
            announcement: Option<&str>,
            now: i64,
        ) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO tag_states (project_key, tag, status, announcement, updated_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (project_key, tag) DO UPDATE
                 SET status = $3, announcement = COALESCE($4, tag_states.announcement), updated_at = $5",
            )
            .bind(project.to_owned())
            .bind(tag.to_owned())
            .bind(status.to_owned())
            .bind(announcement.map(str::to_owned))
            .bind(now)
            .execute(pool)
            .await?;
            Ok(())
        }

        pub(crate) async fn reach(pool: &P, project: &str, tag: Option<&str>) -> StoreResult<Vec<(String, TagReach)>> {
            let only = tag.unwrap_or_default().to_owned();
            let answers = sqlx::query(
                "SELECT t.tag, CAST(COUNT(*) AS BIGINT) AS responses, CAST(COUNT(DISTINCT r.user_id) AS BIGINT) AS people
                 FROM tags t JOIN responses r ON r.project_key = t.project_key AND r.id = t.response_id
                 WHERE t.project_key = $1 AND ($2 = '' OR t.tag = $2) GROUP BY t.tag",
            )
            .bind(project.to_owned())
            .bind(only.clone())
            .fetch_all(pool)
            .await?;
            let notices = sqlx::query(
                "SELECT tag, CAST(COUNT(*) AS BIGINT) AS told, CAST(COUNT(seen_at) AS BIGINT) AS seen FROM notices
                 WHERE project_key = $1 AND ($2 = '' OR tag = $2) GROUP BY tag",
            )
            .bind(project.to_owned())
            .bind(only)
            .fetch_all(pool)
            .await?;
            let mut by_tag = std::collections::BTreeMap::<String, TagReach>::new();
            let count = |r: &<$db as sqlx::Database>::Row, name: &str| -> StoreResult<u64> {
                Ok(r.try_get::<i64, _>(name)?.unsigned_abs())
            };
            for r in &answers {
                let e = by_tag.entry(r.try_get("tag")?).or_default();
                e.responses = count(r, "responses")?;
                e.people = count(r, "people")?;
            }
            for r in &notices {
                let e = by_tag.entry(r.try_get("tag")?).or_default();
                e.told = count(r, "told")?;
                e.seen = count(r, "seen")?;
            }
            Ok(by_tag.into_iter().collect())
        }

        /// Tells, and queues what `deliveries` makes of the people told,
        /// in one transaction. The notices are one statement (`WHERE true`
        /// keeps SQLite from reading `ON CONFLICT` as a join's `ON`), and
        /// a second shipping (or another instance's) adds only the people
        /// told since: the unique key skips the others. The answers read
        /// are held (`$hold`: PostgreSQL locks them `FOR SHARE`) until the
        /// queued bodies are committed, so an erasure of one of the people,
        /// which locks her answers first, either comes first and she is not
        /// read, or waits and then finds her notice and her name in the
        /// bodies to take out. SQLite's single writer serialises the two.
        pub(crate) async fn ship<F>(
            pool: &P,
            project: &str,
            tag: &str,
            now: i64,
            deliveries: F,
        ) -> StoreResult<Vec<String>>
        where
            F: FnOnce(&[String]) -> Vec<(String, NewDelivery)>,
        {
            let mut tx = pool.begin().await?;
            let rows = sqlx::query(&format!(
                "INSERT INTO notices (id, project_key, tag, user_id, created_at)
                 SELECT {}, $1, $2, people.user_id, $3 FROM (
                   SELECT DISTINCT held.user_id FROM (
                     SELECT r.user_id FROM tags t
                     JOIN responses r ON r.project_key = t.project_key AND r.id = t.response_id
                     WHERE t.project_key = $1 AND t.tag = $2 AND r.user_id IS NOT NULL{}
                   ) held
                   WHERE NOT EXISTS (SELECT 1 FROM events e
                     WHERE e.project_key = $1 AND e.user_id = held.user_id AND e.kind = 'opted_out')
                 ) people WHERE true
                 ON CONFLICT (project_key, tag, user_id) DO NOTHING
                 RETURNING user_id",
                $new_id, $hold
            ))
            .bind(project.to_owned())
            .bind(tag.to_owned())
            .bind(now)
            .fetch_all(&mut *tx)
            .await?;
            let mut told: Vec<String> = rows.iter().map(|r| r.try_get("user_id")).collect::<Result<_, _>>()?;
            told.sort();
            for (webhook, delivery) in deliveries(&told) {
                crate::store::webhooks::queries::$backend::insert_delivery(&mut *tx, &webhook, &delivery, now).await?;
            }
            tx.commit().await?;
            Ok(told)
        }

        pub(crate) async fn of_user(pool: &P, project: &str, user: &str, unseen: bool) -> StoreResult<Vec<StoredNotice>> {
            Ok(sqlx::query_as(&format!(
                "SELECT n.id, n.tag, s.announcement, n.created_at, n.seen_at FROM notices n
                 LEFT JOIN tag_states s ON s.project_key = n.project_key AND s.tag = n.tag
                 WHERE n.project_key = $1 AND n.user_id = $2{} ORDER BY n.created_at, n.id",
                if unseen { " AND n.seen_at IS NULL" } else { "" }
            ))
            .bind(project.to_owned())
            .bind(user.to_owned())
            .fetch_all(pool)
            .await?)
        }

        pub(crate) async fn see(
            pool: &P,
            project: &str,
            event_id: &str,
            notice: &str,
            user: &str,
            now: i64,
        ) -> StoreResult<Option<bool>> {
            // The write comes first: on SQLite the transaction takes the
            // write lock at once rather than upgrading from a read.
            let mut tx = pool.begin().await?;
            let new = sqlx::query(
                "INSERT INTO notice_events (id, project_key, notice_id, user_id, created_at)
                 SELECT $2, $1, id, user_id, $5 FROM notices WHERE project_key = $1 AND id = $3 AND user_id = $4
                 ON CONFLICT (project_key, id) DO NOTHING",
            )
            .bind(project.to_owned())
            .bind(event_id.to_owned())
            .bind(notice.to_owned())
            .bind(user.to_owned())
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            sqlx::query("UPDATE notices SET seen_at = $3 WHERE project_key = $1 AND id = $2 AND seen_at IS NULL")
                .bind(project.to_owned())
                .bind(notice.to_owned())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            let exists = sqlx::query("SELECT 1 AS one FROM notices WHERE project_key = $1 AND id = $2 AND user_id = $3")
                .bind(project.to_owned())
                .bind(notice.to_owned())
                .bind(user.to_owned())
                .fetch_optional(&mut *tx)
                .await?
                .is_some();
            tx.commit().await?;
            Ok(exists.then_some(new))
        }

        pub(crate) async fn seen_events(pool: &P, project: &str, user: &str) -> StoreResult<Vec<(i64, String, String)>> {
            Ok(sqlx::query_as(
                "SELECT e.created_at, e.notice_id, COALESCE(n.tag, '') FROM notice_events e
                 LEFT JOIN notices n ON n.project_key = e.project_key AND n.id = e.notice_id
                 WHERE e.project_key = $1 AND e.user_id = $2 ORDER BY e.created_at, e.id",
            )
            .bind(project.to_owned())
            .bind(user.to_owned())
            .fetch_all(pool)
            .await?)
        }

        pub(crate) async fn counts(pool: &P, project: &str, from: Option<i64>, to: Option<i64>) -> StoreResult<(u64, u64)> {
            let (told, seen): (i64, i64) = sqlx::query_as(
                "SELECT CAST(COUNT(*) AS BIGINT), CAST(COUNT(seen_at) AS BIGINT) FROM notices
                 WHERE project_key = $1 AND created_at >= $2 AND created_at < $3",
            )
            .bind(project.to_owned())
            .bind(from.unwrap_or(i64::MIN))
            .bind(to.unwrap_or(i64::MAX))
            .fetch_one(pool)
            .await?;
            Ok((told.unsigned_abs(), seen.unsigned_abs()))
        }

        pub(crate) async fn reached(pool: &P, project: &str) -> StoreResult<Vec<Reached>> {
            Ok(sqlx::query_as(
                "SELECT user_id, created_at AS at FROM notices WHERE project_key = $1
                 UNION ALL
                 SELECT r.user_id, h.created_at AS at FROM followup_history h
                 JOIN responses r ON r.project_key = h.project_key AND r.id = h.response_id
                 WHERE h.project_key = $1 AND h.kind = 'status' AND h.value IN ('contacted', 'resolved')
                   AND r.user_id IS NOT NULL
                 ORDER BY at",
            )
            .bind(project.to_owned())
            .fetch_all(pool)
            .await?)
        }
    };
}
pub(super) mod sqlite {
    notice_queries!(sqlx::Sqlite, sqlite, "lower(hex(randomblob(16)))", "");
    story_queries!(sqlx::Sqlite);
}

pub(super) mod postgres {
    notice_queries!(
        sqlx::Postgres,
        postgres,
        "replace(gen_random_uuid()::text, '-', '')",
        " FOR SHARE OF r"
    );
    story_queries!(sqlx::Postgres);
}
