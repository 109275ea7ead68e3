//! The privacy queries, written once and expanded for each backend.

macro_rules! privacy_queries {
    ($db:ty, $analytics:ident) => {
        use sqlx::Row;

        use crate::domain::{Filter, ProjectKey, UserId};
        use crate::store::privacy::{PrivacyLogEntry, Removed, StoredEvent, UserData};
        use crate::store::{RetentionMode, StoreResult};

        /// Everything about `user` in project `key`.
        pub(crate) async fn user_data(
            pool: &sqlx::Pool<$db>,
            key: &ProjectKey,
            user: &UserId,
        ) -> StoreResult<UserData> {
            let by_user = Filter {
                user_id: Some(user.as_str().to_owned()),
                ..Filter::default()
            };
            let mut responses = Vec::new();
            let mut cursor = None;
            loop {
                let page = crate::store::analytics::$analytics::list_responses(
                    pool, key, &by_user, cursor.as_ref(), 1_000,
                )
                .await?;
                let done = page.len() < 1_000;
                cursor = page.last().map(|r: &crate::store::StoredResponse| crate::store::analytics::Cursor {
                    at: crate::store::to_millis(r.created_at),
                    id: r.id.clone(),
                });
                responses.extend(page);
                if done {
                    break;
                }
            }
            let rows = sqlx::query(
                "SELECT id, kind, moment, created_at FROM events
                 WHERE project_key = $1 AND user_id = $2 ORDER BY created_at, id",
            )
            .bind(key.as_str())
            .bind(user.as_str())
            .fetch_all(pool)
            .await?;
            let events = rows
                .iter()
                .map(|row| {
                    Ok(StoredEvent {
                        id: row.try_get("id")?,
                        kind: row.try_get("kind")?,
                        moment: row.try_get("moment")?,
                        created_at: row.try_get("created_at")?,
                    })
                })
                .collect::<StoreResult<Vec<_>>>()?;
            let rows = sqlx::query(
                "SELECT t.response_id, t.tag FROM tags t JOIN responses r
                   ON r.project_key = t.project_key AND r.id = t.response_id
                 WHERE t.project_key = $1 AND r.user_id = $2 ORDER BY t.response_id, t.tag",
            )
            .bind(key.as_str())
            .bind(user.as_str())
            .fetch_all(pool)
            .await?;
            let tags = rows
                .iter()
                .map(|r| Ok((r.try_get("response_id")?, r.try_get("tag")?)))
                .collect::<StoreResult<Vec<_>>>()?;
            let rows = sqlx::query(
                "SELECT h.response_id, h.kind, h.value FROM followup_history h JOIN responses r
                   ON r.project_key = h.project_key AND r.id = h.response_id
                 WHERE h.project_key = $1 AND r.user_id = $2 ORDER BY h.id",
            )
            .bind(key.as_str())
            .bind(user.as_str())
            .fetch_all(pool)
            .await?;
            let followups = rows
                .iter()
                .map(|r| Ok((r.try_get("response_id")?, r.try_get("kind")?, r.try_get("value")?)))
                .collect::<StoreResult<Vec<_>>>()?;
            let webhook_deliveries =
                crate::store::webhooks::queue::$analytics::about_user(pool, key.as_str(), user.as_str()).await?;
            Ok(UserData { responses, events, tags, followups, webhook_deliveries })
        }

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
            let rows = sqlx::query(
                "SELECT created_at, moment, locale, tenure_days, score, traits FROM responses
                 WHERE project_key = $1 AND user_id = $2",
            )
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
            let removed = Removed { responses, events };
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
            let rows = sqlx::query(
                "SELECT created_at, moment, locale, tenure_days, score, traits FROM responses
                 WHERE project_key = $1 AND created_at < $2",
            )
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
            let removed = Removed { responses, events };
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

        /// Takes rows about to be deleted (or stripped of their traits) out
        /// of the roll-ups, in the deleting transaction.
        async fn uncount(
            tx: &mut sqlx::Transaction<'_, $db>,
            key: &ProjectKey,
            rows: &[<$db as sqlx::Database>::Row],
            traits_only: bool,
        ) -> StoreResult<()> {
            use std::collections::HashMap;
            let mut daily: HashMap<(i64, String, String, i64), i64> = HashMap::new();
            let mut tenures: HashMap<(i64, &'static str, i64), i64> = HashMap::new();
            let mut traits: HashMap<(String, String, i64, i64), i64> = HashMap::new();
            for row in rows {
                let at: i64 = row.try_get("created_at")?;
                let day = at.div_euclid(86_400_000);
                let score: i64 = row.try_get("score")?;
                let moment: Option<String> = row.try_get("moment")?;
                let locale: Option<String> = row.try_get("locale")?;
                let tenure: Option<i64> = row.try_get("tenure_days")?;
                let stored: String = row.try_get("traits")?;
                *daily.entry((day, moment.unwrap_or_default(), locale.unwrap_or_default(), score)).or_default() += 1;
                *tenures.entry((day, crate::store::rollup::tenure_key(tenure), score)).or_default() += 1;
                let values: nps_protocol::Traits = serde_json::from_str(&stored).unwrap_or_default();
                for (name, value) in values {
                    *traits.entry((name, crate::store::rollup::trait_text(&value), day, score)).or_default() += 1;
                }
            }
            if !traits_only {
                for ((day, moment, locale, score), n) in daily {
                    sqlx::query(
                        "UPDATE rollup_daily SET n = n - $1 WHERE project_key = $2 AND day = $3 AND moment = $4
                         AND locale = $5 AND score = $6",
                    )
                    .bind(n)
                    .bind(key.as_str())
                    .bind(day)
                    .bind(moment)
                    .bind(locale)
                    .bind(score)
                    .execute(&mut **tx)
                    .await?;
                }
                for ((day, tenure, score), n) in tenures {
                    sqlx::query(
                        "UPDATE rollup_tenure SET n = n - $1 WHERE project_key = $2 AND day = $3 AND tenure = $4
                         AND score = $5",
                    )
                    .bind(n)
                    .bind(key.as_str())
                    .bind(day)
                    .bind(tenure)
                    .bind(score)
                    .execute(&mut **tx)
                    .await?;
                }
            }
            for ((name, value, day, score), n) in traits {
                sqlx::query(
                    "UPDATE rollup_traits SET n = n - $1 WHERE project_key = $2 AND name = $3 AND value = $4
                     AND day = $5 AND score = $6",
                )
                .bind(n)
                .bind(key.as_str())
                .bind(name)
                .bind(value)
                .bind(day)
                .bind(score)
                .execute(&mut **tx)
                .await?;
            }
            Ok(())
        }

        /// Adds a line to the privacy log.
        pub(crate) async fn log<'c, E>(
            exec: E,
            key: &ProjectKey,
            action: &str,
            actor: &str,
            rows: u64,
            now_ms: i64,
        ) -> StoreResult<()>
        where
            E: sqlx::Executor<'c, Database = $db>,
        {
            sqlx::query(
                "INSERT INTO privacy_log (project_key, action, actor, rows, created_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(key.as_str())
            .bind(action)
            .bind(actor)
            .bind(i64::try_from(rows).unwrap_or(i64::MAX))
            .bind(now_ms)
            .execute(exec)
            .await?;
            Ok(())
        }

        /// The project's privacy log, newest first.
        pub(crate) async fn privacy_log(
            pool: &sqlx::Pool<$db>,
            key: &ProjectKey,
        ) -> StoreResult<Vec<PrivacyLogEntry>> {
            let rows = sqlx::query(
                "SELECT action, actor, rows, created_at FROM privacy_log
                 WHERE project_key = $1 ORDER BY created_at DESC, id DESC LIMIT 500",
            )
            .bind(key.as_str())
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|row| {
                    let n: i64 = row.try_get("rows")?;
                    Ok(PrivacyLogEntry {
                        action: row.try_get("action")?,
                        actor: row.try_get("actor")?,
                        rows: n.unsigned_abs(),
                        created_at: row.try_get("created_at")?,
                    })
                })
                .collect()
        }
    };
}
/// The privacy queries for SQLite.
pub(crate) mod sqlite {
    privacy_queries!(sqlx::Sqlite, sqlite);
}

/// The privacy queries for PostgreSQL.
pub(crate) mod postgres {
    privacy_queries!(sqlx::Postgres, postgres);
}
