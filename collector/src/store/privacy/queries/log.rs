//! The privacy log: who exported, deleted or retained what, how many
//! rows, never the data.

macro_rules! log_queries {
    ($db:ty) => {
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
