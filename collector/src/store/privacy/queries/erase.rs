//! A person's erasure and retention by age: the rows deleted (or, for
//! retention, anonymised if the project says so) in one transaction, with
//! what the team recorded about them, the notices they were told and the
//! alerts that held them, taken
//! out of the roll-ups first, and logged.

macro_rules! erase_queries {
    ($db:ty, $lock:expr, $try_job:expr) => {
        /// Deletes every row about `user` in project `key`, in one
        /// transaction, and logs the counts.
        pub(crate) async fn delete_user(
            pool: &sqlx::Pool<$db>,
            key: &ProjectKey,
            user: &UserId,
            actor: &str,
            now_ms: i64,
        ) -> StoreResult<Removed> {
            let mut tx = pool.begin().await?;
            // The team's records about the person's answers go with the
            // answers.
            for statement in [
                "DELETE FROM tags WHERE project_key = $1 AND response_id IN
                   (SELECT id FROM responses WHERE project_key = $1 AND user_id = $2)",
                "DELETE FROM followups WHERE project_key = $1 AND response_id IN
                   (SELECT id FROM responses WHERE project_key = $1 AND user_id = $2)",
                "DELETE FROM followup_history WHERE project_key = $1 AND response_id IN
                   (SELECT id FROM responses WHERE project_key = $1 AND user_id = $2)",
            ] {
                sqlx::query(statement)
                    .bind(key.as_str())
                    .bind(user.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            let rows = sqlx::query(&format!(
                "SELECT created_at, moment, locale, tenure_days, score, traits FROM responses
                 WHERE project_key = $1 AND user_id = $2{}",
                $lock
            ))
            .bind(key.as_str())
            .bind(user.as_str())
            .fetch_all(&mut *tx)
            .await?;
            uncount(&mut tx, key, &rows, false).await?;
            let responses = sqlx::query("DELETE FROM responses WHERE project_key = $1 AND user_id = $2")
                .bind(key.as_str())
                .bind(user.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let events = sqlx::query("DELETE FROM events WHERE project_key = $1 AND user_id = $2")
                .bind(key.as_str())
                .bind(user.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
            // Moments her app's server sent: what happened to her, when.
            let moments = sqlx::query("DELETE FROM moments WHERE project_key = $1 AND user_id = $2")
                .bind(key.as_str())
                .bind(user.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
            // What the person was told and saw.
            for statement in [
                "DELETE FROM notice_events WHERE project_key = $1 AND user_id = $2",
                "DELETE FROM notices WHERE project_key = $1 AND user_id = $2",
            ] {
                sqlx::query(statement)
                    .bind(key.as_str())
                    .bind(user.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            // Alerts about the person, queued or sent (their payloads hold
            // the answers), after the answers: a dispatcher enqueueing one
            // holds its answer until it commits, so this statement sees it.
            sqlx::query(
                "DELETE FROM webhook_deliveries WHERE user_id = $2
                   AND webhook_id IN (SELECT id FROM webhooks WHERE project_key = $1)",
            )
            .bind(key.as_str())
            .bind(user.as_str())
            .execute(&mut *tx)
            .await?;
            // A shipped tag's deliveries name everyone told at once: she
            // is taken out of their bodies, the others still hear of it.
            let shipped: Vec<(i64, String)> = sqlx::query_as(
                "SELECT id, payload FROM webhook_deliveries WHERE event_type = $2
                   AND webhook_id IN (SELECT id FROM webhooks WHERE project_key = $1)",
            )
            .bind(key.as_str())
            .bind(crate::store::webhooks::shipped::TAG_SHIPPED)
            .fetch_all(&mut *tx)
            .await?;
            for (id, payload) in shipped {
                if let Some(payload) = crate::store::webhooks::shipped::without(&payload, user.as_str()) {
                    sqlx::query("UPDATE webhook_deliveries SET payload = $1 WHERE id = $2")
                        .bind(payload)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            let removed = Removed { responses, events, moments };
            log(&mut *tx, key, "delete_user", actor, removed.total(), now_ms).await?;
            tx.commit().await?;
            Ok(removed)
        }

        /// Applies retention: rows of project `key` older than `cutoff_ms`.
        pub(crate) async fn apply_retention(
            pool: &sqlx::Pool<$db>,
            key: &ProjectKey,
            cutoff_ms: i64,
            mode: RetentionMode,
            now_ms: i64,
        ) -> StoreResult<Removed> {
            let mut tx = pool.begin().await?;
            if let Some(try_job) = $try_job {
                let leading: bool = sqlx::query_scalar(try_job)
                    .bind(key.as_str())
                    .fetch_one(&mut *tx)
                    .await?;
                if !leading {
                    return Ok(Removed::default());
                }
            }
            if mode == RetentionMode::Delete {
                // What the team recorded about the answers goes with them:
                // left behind, it could no longer be found to erase.
                for statement in [
                    "DELETE FROM tags WHERE project_key = $1 AND response_id IN
                       (SELECT id FROM responses WHERE project_key = $1 AND created_at < $2)",
                    "DELETE FROM followups WHERE project_key = $1 AND response_id IN
                       (SELECT id FROM responses WHERE project_key = $1 AND created_at < $2)",
                    "DELETE FROM followup_history WHERE project_key = $1 AND response_id IN
                       (SELECT id FROM responses WHERE project_key = $1 AND created_at < $2)",
                ] {
                    sqlx::query(statement)
                        .bind(key.as_str())
                        .bind(cutoff_ms)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            // Anonymised rows have no traits left to take out: a second
            // run finds none.
            let rows = sqlx::query(&format!(
                "SELECT created_at, moment, locale, tenure_days, score, traits FROM responses
                 WHERE project_key = $1 AND created_at < $2{}{}",
                if mode == RetentionMode::Anonymise { " AND traits <> '{}'" } else { "" },
                $lock
            ))
            .bind(key.as_str())
            .bind(cutoff_ms)
            .fetch_all(&mut *tx)
            .await?;
            // Anonymising keeps the score, moment and locale: only the
            // traits leave the roll-ups.
            uncount(&mut tx, key, &rows, mode == RetentionMode::Anonymise).await?;
            let responses = match mode {
                RetentionMode::Delete => sqlx::query(
                    "DELETE FROM responses WHERE project_key = $1 AND created_at < $2",
                ),
                RetentionMode::Anonymise => sqlx::query(
                    "UPDATE responses SET user_id = NULL, traits = '{}', comment = NULL, url = NULL,
                     secret_hash = NULL WHERE project_key = $1 AND created_at < $2
                     AND (user_id IS NOT NULL OR traits <> '{}' OR comment IS NOT NULL OR url IS NOT NULL)",
                ),
            }
            .bind(key.as_str())
            .bind(cutoff_ms)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let events = sqlx::query("DELETE FROM events WHERE project_key = $1 AND created_at < $2")
                .bind(key.as_str())
                .bind(cutoff_ms)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            // Moments go by arrival, like events, in either mode: a moment
            // is only ever about a user.
            let moments = sqlx::query("DELETE FROM moments WHERE project_key = $1 AND created_at < $2")
                .bind(key.as_str())
                .bind(cutoff_ms)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            // Notices name their person, so they go in either mode.
            for statement in [
                "DELETE FROM notice_events WHERE project_key = $1 AND created_at < $2",
                "DELETE FROM notices WHERE project_key = $1 AND created_at < $2",
            ] {
                sqlx::query(statement)
                    .bind(key.as_str())
                    .bind(cutoff_ms)
                    .execute(&mut *tx)
                    .await?;
            }
            // Alerts hold their answer whole, so they go in either mode. An
            // alert is made seconds after its answer, so going by its own
            // time removes it at most one run after the answer.
            sqlx::query(
                "DELETE FROM webhook_deliveries WHERE created_at < $2
                   AND webhook_id IN (SELECT id FROM webhooks WHERE project_key = $1)",
            )
            .bind(key.as_str())
            .bind(cutoff_ms)
            .execute(&mut *tx)
            .await?;
            let removed = Removed { responses, events, moments };
            if removed.total() > 0 {
                let action = match mode {
                    RetentionMode::Delete => "retention_delete",
                    RetentionMode::Anonymise => "retention_anonymise",
                };
                log(&mut *tx, key, action, "retention", removed.total(), now_ms).await?;
            }
            tx.commit().await?;
            Ok(removed)
        }
    };
}
