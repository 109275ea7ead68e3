//! A person's data export: their answers (read through the feed's
//! pages), events, the moments her app's server sent, the tags and
//! follow-up notes about their answers, the notices she was told, and
//! the alerts that told of them.

macro_rules! export_queries {
    ($db:ty, $analytics:ident) => {
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
                    pool,
                    key,
                    &by_user,
                    cursor.as_ref(),
                    1_000,
                )
                .await?;
                let done = page.len() < 1_000;
                cursor = page.last().map(|r: &crate::store::StoredResponse| {
                    crate::store::analytics::Cursor {
                        at: crate::store::to_millis(r.created_at),
                        id: r.id.clone(),
                    }
                });
                responses.extend(page);
                if done {
                    break;
                }
            }
            let rows = sqlx::query(
                "SELECT id, kind, moment, variant, created_at FROM events
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
                        variant: row.try_get("variant")?,
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
                .map(|r| {
                    Ok((
                        r.try_get("response_id")?,
                        r.try_get("kind")?,
                        r.try_get("value")?,
                    ))
                })
                .collect::<StoreResult<Vec<_>>>()?;
            let webhook_deliveries = crate::store::webhooks::queue::$analytics::about_user(
                pool,
                key.as_str(),
                user.as_str(),
            )
            .await?;
            let rows: Vec<(String, String, i64, String, i64)> = sqlx::query_as(
                "SELECT id, moment, at, props, created_at FROM moments
                 WHERE project_key = $1 AND user_id = $2 ORDER BY created_at, id",
            )
            .bind(key.as_str())
            .bind(user.as_str())
            .fetch_all(pool)
            .await?;
            let moments = rows
                .into_iter()
                .map(|(id, moment, at, props, created_at)| StoredServerMoment {
                    id,
                    moment,
                    at,
                    // Stored from valid traits; unreadable only if edited by hand.
                    props: serde_json::from_str(&props).unwrap_or_default(),
                    created_at,
                })
                .collect();
            let notices = sqlx::query_as(
                "SELECT id, tag, created_at, seen_at FROM notices
                 WHERE project_key = $1 AND user_id = $2 ORDER BY created_at, id",
            )
            .bind(key.as_str())
            .bind(user.as_str())
            .fetch_all(pool)
            .await?;
            Ok(UserData {
                responses,
                events,
                moments,
                tags,
                followups,
                notices,
                webhook_deliveries,
            })
        }
    };
}
