//! The reads behind a person's timeline and the loop's figures, written
//! once and expanded for each backend: what the team recorded about a
//! person's answers (tags, follow-up changes and notes, with their
//! times), every follow-up's first contact, and the answers of everyone
//! the team reached.

macro_rules! story_queries {
    ($db:ty) => {
        use super::super::{Contact, Recorded, ScoreAt};

        /// Tags and follow-up changes and notes on `user`'s answers,
        /// oldest first.
        pub(crate) async fn recorded(pool: &sqlx::Pool<$db>, project: &str, user: &str) -> StoreResult<Vec<Recorded>> {
            Ok(sqlx::query_as(
                "SELECT t.created_at AS at, 'tag' AS kind, t.response_id, t.tag AS value, NULL AS actor, 0 AS seq
                 FROM tags t JOIN responses r ON r.project_key = t.project_key AND r.id = t.response_id
                 WHERE t.project_key = $1 AND r.user_id = $2
                 UNION ALL
                 SELECT h.created_at, h.kind, h.response_id, h.value, h.actor, h.id
                 FROM followup_history h JOIN responses r ON r.project_key = h.project_key AND r.id = h.response_id
                 WHERE h.project_key = $1 AND r.user_id = $2
                 ORDER BY at, seq",
            )
            .bind(project.to_owned())
            .bind(user.to_owned())
            .fetch_all(pool)
            .await?)
        }

        /// Every follow-up of the project with its first contact.
        pub(crate) async fn contacts(pool: &sqlx::Pool<$db>, project: &str) -> StoreResult<Vec<Contact>> {
            Ok(sqlx::query_as(
                "SELECT f.response_id, f.status, f.assignee,
                   (SELECT MIN(h.created_at) FROM followup_history h
                    WHERE h.project_key = f.project_key AND h.response_id = f.response_id
                      AND h.kind = 'status' AND h.value IN ('contacted', 'resolved')) AS first_contact
                 FROM followups f WHERE f.project_key = $1",
            )
            .bind(project.to_owned())
            .fetch_all(pool)
            .await?)
        }

        /// The answers of everyone told or followed up, by person then
        /// time.
        pub(crate) async fn answers_of_reached(pool: &sqlx::Pool<$db>, project: &str) -> StoreResult<Vec<ScoreAt>> {
            Ok(sqlx::query_as(
                "SELECT user_id, score, created_at AS at FROM responses WHERE project_key = $1 AND user_id IN (
                   SELECT user_id FROM notices WHERE project_key = $1
                   UNION
                   SELECT r.user_id FROM followup_history h
                   JOIN responses r ON r.project_key = h.project_key AND r.id = h.response_id
                   WHERE h.project_key = $1 AND h.kind = 'status' AND r.user_id IS NOT NULL)
                 ORDER BY user_id, created_at, id",
            )
            .bind(project.to_owned())
            .fetch_all(pool)
            .await?)
        }
    };
}
