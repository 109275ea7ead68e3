//! The verbatim feed: a page of the answers a filter selects, newest
//! first, after a keyset cursor, and the one mapping of a row to a
//! [`StoredResponse`](crate::store::StoredResponse).

macro_rules! feed_queries {
    ($db:ty) => {
        /// A page of the answers `f` selects, newest first, after `cursor`
        /// (through `db`: a pool, or a transaction's connection).
        pub(crate) async fn list_responses<'c>(
            db: impl sqlx::Executor<'c, Database = $db>,
            key: &ProjectKey,
            f: &Filter,
            cursor: Option<&Cursor>,
            limit: u32,
        ) -> StoreResult<Vec<StoredResponse>> {
            let mut b = QueryBuilder::<$db>::new("SELECT ");
            b.push(crate::store::analytics::RESPONSE_COLUMNS)
                .push(" FROM responses");
            push_filter(&mut b, key, f);
            push_page(&mut b, cursor, limit);
            let rows = b.build().fetch_all(db).await?;
            rows.iter().map(response_from_row).collect()
        }

        /// The cursor's bound, the feed's order and the page's size.
        pub(crate) fn push_page(
            b: &mut QueryBuilder<'_, $db>,
            cursor: Option<&Cursor>,
            limit: u32,
        ) {
            if let Some(c) = cursor {
                // A row value, not `created_at < ? OR (created_at = ? AND
                // id < ?)`: both backends seek the (time, id) index to the
                // cursor with it, where the OR made SQLite walk from the
                // newest row on every page (an export of 1M rows went
                // quadratic: 90 s instead of 20).
                b.push(" AND (created_at, id) < (").push_bind(c.at);
                b.push(", ").push_bind(c.id.clone());
                b.push(")");
            }
            b.push(" ORDER BY created_at DESC, id DESC LIMIT ")
                .push_bind(i64::from(limit));
        }

        /// A response from a row selecting its columns by name: the one
        /// mapping every feature that reads responses uses.
        pub(crate) fn response_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> StoreResult<StoredResponse> {
            let score: i64 = row.try_get("score")?;
            let traits: String = row.try_get("traits")?;
            Ok(StoredResponse {
                id: row.try_get("id")?,
                score: u8::try_from(score).unwrap_or_default(),
                comment: row.try_get("comment")?,
                user_id: row.try_get("user_id")?,
                moment: row.try_get("moment")?,
                locale: row.try_get("locale")?,
                url: row.try_get("url")?,
                traits: serde_json::from_str(&traits)?,
                identity_unverified: row.try_get("identity_unverified")?,
                source: row.try_get("source")?,
                variant: row.try_get("variant")?,
                created_at: crate::store::from_millis(row.try_get("created_at")?),
                updated_at: crate::store::from_millis(row.try_get("updated_at")?),
            })
        }
    };
}
