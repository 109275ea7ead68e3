//! The privacy queries, written once and expanded for each backend.

macro_rules! privacy_queries {
    ($db:ty, $analytics:ident, $lock:expr, $try_job:expr) => {
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
        /// of the roll-ups, in the deleting transaction: a trait value out
        /// of the row it was counted in, its own or `(other)` (whether it
        /// is listed in `rollup_trait_values`, which only grows).
        async fn uncount(
            tx: &mut sqlx::Transaction<'_, $db>,
            key: &ProjectKey,
            rows: &[<$db as sqlx::Database>::Row],
            traits_only: bool,
        ) -> StoreResult<()> {
            use std::collections::HashMap;
            // Keyed by (time column, its value): each answer leaves its
            // day in the daily tables and its quarter in their twins.
            let mut daily: HashMap<(&str, i64, String, String, i64), i64> = HashMap::new();
            let mut tenures: HashMap<(&str, i64, &'static str, i64), i64> = HashMap::new();
            let mut traits: HashMap<(&str, String, String, i64, i64), i64> = HashMap::new();
            let mut buckets: HashMap<(String, String), String> = HashMap::new();
            for row in rows {
                let at: i64 = row.try_get("created_at")?;
                let units = [
                    ("day", at.div_euclid(crate::store::rollup::DAY_MS)),
                    ("quarter", at.div_euclid(crate::store::rollup::QUARTER_MS)),
                ];
                let score: i64 = row.try_get("score")?;
                let moment: Option<String> = row.try_get("moment")?;
                let locale: Option<String> = row.try_get("locale")?;
                let tenure: Option<i64> = row.try_get("tenure_days")?;
                let stored: String = row.try_get("traits")?;
                let values: nps_protocol::Traits = serde_json::from_str(&stored).unwrap_or_default();
                let mut counted_as = Vec::with_capacity(values.len());
                for (name, value) in &values {
                    let text = crate::store::rollup::trait_text(value);
                    let pair = (name.clone(), text);
                    if !buckets.contains_key(&pair) {
                        let known = sqlx::query(crate::store::rollup::KNOWN_TRAIT_VALUE)
                            .bind(key.as_str())
                            .bind(&pair.0)
                            .bind(&pair.1)
                            .fetch_optional(&mut **tx)
                            .await?
                            .is_some();
                        let bucket = if known { pair.1.clone() } else { crate::store::rollup::OTHER.to_owned() };
                        buckets.insert(pair.clone(), bucket);
                    }
                    counted_as.push((pair.0.clone(), buckets[&pair].clone()));
                }
                for (unit, time) in units {
                    let (moment, locale) = (moment.clone().unwrap_or_default(), locale.clone().unwrap_or_default());
                    *daily.entry((unit, time, moment, locale, score)).or_default() += 1;
                    *tenures.entry((unit, time, crate::store::rollup::tenure_key(tenure), score)).or_default() += 1;
                    for (name, value) in &counted_as {
                        *traits.entry((unit, name.clone(), value.clone(), time, score)).or_default() += 1;
                    }
                }
            }
            let table = |unit: &str, day: &'static str, quarter: &'static str| if unit == "day" { day } else { quarter };
            if !traits_only {
                for ((unit, time, moment, locale, score), n) in daily {
                    let name = table(unit, "rollup_daily", "rollup_quarter");
                    sqlx::query(&format!(
                        "UPDATE {name} SET n = n - $1 WHERE project_key = $2 AND {unit} = $3 AND moment = $4
                         AND locale = $5 AND score = $6"
                    ))
                    .bind(n)
                    .bind(key.as_str())
                    .bind(time)
                    .bind(moment)
                    .bind(locale)
                    .bind(score)
                    .execute(&mut **tx)
                    .await?;
                }
                for ((unit, time, tenure, score), n) in tenures {
                    let name = table(unit, "rollup_tenure", "rollup_tenure_quarter");
                    sqlx::query(&format!(
                        "UPDATE {name} SET n = n - $1 WHERE project_key = $2 AND {unit} = $3 AND tenure = $4
                         AND score = $5"
                    ))
                    .bind(n)
                    .bind(key.as_str())
                    .bind(time)
                    .bind(tenure)
                    .bind(score)
                    .execute(&mut **tx)
                    .await?;
                }
            }
            for ((unit, trait_name, value, time, score), n) in traits {
                let name = table(unit, "rollup_traits", "rollup_traits_quarter");
                sqlx::query(&format!(
                    "UPDATE {name} SET n = n - $1 WHERE project_key = $2 AND name = $3 AND value = $4
                     AND {unit} = $5 AND score = $6"
                ))
                .bind(n)
                .bind(key.as_str())
                .bind(trait_name)
                .bind(value)
                .bind(time)
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
    // One writer at a time: the transaction that reads the rows is the one
    // that deletes them.
    privacy_queries!(sqlx::Sqlite, sqlite, "", None::<&str>);
}

/// The privacy queries for PostgreSQL.
pub(crate) mod postgres {
    // Rows locked as they are read: of two erasures or retention runs at
    // once (two instances), the second waits, then finds the rows gone and
    // takes nothing out of the roll-ups twice.
    // Retention runs on every instance: a transaction-scoped advisory lock
    // per project lets one do it while the others skip it.
    privacy_queries!(
        sqlx::Postgres,
        postgres,
        " FOR UPDATE",
        Some("SELECT pg_try_advisory_xact_lock(hashtext('nps-retention:' || $1))")
    );
}
