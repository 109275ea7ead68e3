//! The tags queries, written once and expanded for each backend.

// The types the expanded queries build come from the feature module.
use super::*;

macro_rules! tag_queries {
    ($db:ty) => {
        use std::collections::BTreeMap;

        use sqlx::{QueryBuilder, Row};

        use super::StoredTagRule;
        use crate::store::StoreResult;

        type P = sqlx::Pool<$db>;

        pub(crate) async fn add(pool: &P, project: &str, id: &str, tag: &str, source: &str, now: i64) -> StoreResult<bool> {
            let done = sqlx::query(
                "INSERT INTO tags (project_key, response_id, tag, source, created_at)
                 SELECT project_key, id, $3, $4, $5 FROM responses WHERE project_key = $1 AND id = $2
                 ON CONFLICT (project_key, response_id, tag) DO NOTHING",
            )
            .bind(project.to_owned())
            .bind(id.to_owned())
            .bind(tag.to_owned())
            .bind(source.to_owned())
            .bind(now)
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        }

        pub(crate) async fn remove(pool: &P, project: &str, id: &str, tag: &str) -> StoreResult<bool> {
            let done = sqlx::query("DELETE FROM tags WHERE project_key = $1 AND response_id = $2 AND tag = $3")
                .bind(project.to_owned())
                .bind(id.to_owned())
                .bind(tag.to_owned())
                .execute(pool)
                .await?;
            Ok(done.rows_affected() == 1)
        }

        pub(crate) async fn of(pool: &P, project: &str, ids: &[String]) -> StoreResult<BTreeMap<String, Vec<String>>> {
            let mut map = BTreeMap::new();
            if ids.is_empty() {
                return Ok(map);
            }
            let mut b = QueryBuilder::<$db>::new("SELECT response_id, tag FROM tags WHERE project_key = ");
            b.push_bind(project.to_owned()).push(" AND response_id IN (");
            let mut list = b.separated(", ");
            for id in ids {
                list.push_bind(id.clone());
            }
            b.push(") ORDER BY tag");
            for row in b.build().fetch_all(pool).await? {
                let id: String = row.try_get("response_id")?;
                map.entry(id).or_insert_with(Vec::new).push(row.try_get("tag")?);
            }
            Ok(map)
        }

        /// Answers per tag and score, of those that arrived in `[from, to)`
        /// (Unix ms; open ends unbounded): whole UTC days from the tag
        /// roll-ups, the ends' quarters and minutes as the other statistics
        /// read them (`analytics::span`).
        pub(crate) async fn counts(
            pool: &P,
            project: &str,
            from: Option<i64>,
            to: Option<i64>,
        ) -> StoreResult<Vec<(String, u8, u64)>> {
            use crate::store::analytics::{span::Span, Grouping, Tally};
            use crate::store::rollup::QUARTER_MS;
            let span = Span::new(vec![from, to]);
            if !span.is_wide() {
                let rows = tagged_rows(pool, project, from, to).await?;
                return Ok(rows.into_iter().map(|(tag, score, n)| (tag, score, n.unsigned_abs())).collect());
            }
            let mut tally = Tally::new(&Grouping::Total);
            let (first, end) = span.days();
            let rows = sqlx::query(
                "SELECT tag, score, CAST(SUM(n) AS BIGINT) AS n FROM rollup_tags
                 WHERE project_key = $1 AND day >= $2 AND day < $3 GROUP BY tag, score",
            )
            .bind(project.to_owned())
            .bind(first.unwrap_or(i64::MIN))
            .bind(end.unwrap_or(i64::MAX))
            .fetch_all(pool)
            .await?;
            for (tag, score, n) in tag_counts(&rows)? {
                tally.add(Some(0), Some(tag), score, n);
            }
            for stretch in span.stretches() {
                if let Some((first, end)) = stretch.quarters {
                    let rows = sqlx::query(
                        "SELECT tag, score, n, quarter FROM rollup_tags_quarter
                         WHERE project_key = $1 AND quarter >= $2 AND quarter < $3",
                    )
                    .bind(project.to_owned())
                    .bind(first)
                    .bind(end)
                    .fetch_all(pool)
                    .await?;
                    for (row, (tag, score, n)) in rows.iter().zip(tag_counts(&rows)?) {
                        let quarter: i64 = row.try_get("quarter")?;
                        tally.correct(&span, quarter * QUARTER_MS, Some(tag), score, n);
                    }
                }
                for (lo, hi) in stretch.rows {
                    for (tag, score, n) in tagged_rows(pool, project, Some(lo), Some(hi)).await? {
                        tally.correct(&span, lo, Some(tag), score, n);
                    }
                }
            }
            Ok(tally
                .into_counts()
                .into_iter()
                .filter_map(|c| Some((c.group?, c.score, c.count)))
                .collect())
        }

        /// The same counts from the answers' rows and their tags, for a
        /// period too short for the roll-ups and an end's minutes: both
        /// within half an hour, so the answers are found through their time
        /// index and their tags by key (`CROSS JOIN` keeps that order on
        /// SQLite; going from the project's tags would read every one).
        async fn tagged_rows(
            pool: &P,
            project: &str,
            from: Option<i64>,
            to: Option<i64>,
        ) -> StoreResult<Vec<(String, u8, i64)>> {
            let rows = sqlx::query(
                "SELECT t.tag, r.score, COUNT(*) AS n FROM responses r CROSS JOIN tags t
                 WHERE r.project_key = $1 AND r.created_at >= $2 AND r.created_at < $3
                   AND t.project_key = r.project_key AND t.response_id = r.id
                 GROUP BY t.tag, r.score",
            )
            .bind(project.to_owned())
            .bind(from.unwrap_or(i64::MIN))
            .bind(to.unwrap_or(i64::MAX))
            .fetch_all(pool)
            .await?;
            tag_counts(&rows)
        }

        fn tag_counts(rows: &[<$db as sqlx::Database>::Row]) -> StoreResult<Vec<(String, u8, i64)>> {
            rows.iter()
                .map(|r| {
                    let score: i64 = r.try_get("score")?;
                    let n: i64 = r.try_get("n")?;
                    Ok((r.try_get("tag")?, u8::try_from(score).unwrap_or_default(), n))
                })
                .collect()
        }

        pub(crate) async fn create_rule(pool: &P, project: &str, rule: &StoredTagRule, now: i64) -> StoreResult<()> {
            sqlx::query("INSERT INTO tag_rules (id, project_key, tag, keywords, regex, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(rule.id.clone())
                .bind(project.to_owned())
                .bind(rule.tag.clone())
                .bind(serde_json::to_string(&rule.keywords)?)
                .bind(rule.regex.clone())
                .bind(now)
                .execute(pool)
                .await?;
            Ok(())
        }

        pub(crate) async fn rules(pool: &P, project: &str) -> StoreResult<Vec<StoredTagRule>> {
            let rows = sqlx::query("SELECT id, tag, keywords, regex FROM tag_rules WHERE project_key = $1 ORDER BY created_at, id")
                .bind(project.to_owned())
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|r| {
                    let keywords: String = r.try_get("keywords")?;
                    Ok(StoredTagRule {
                        id: r.try_get("id")?,
                        tag: r.try_get("tag")?,
                        keywords: serde_json::from_str(&keywords)?,
                        regex: r.try_get("regex")?,
                    })
                })
                .collect()
        }

        pub(crate) async fn delete_rule(pool: &P, project: &str, id: &str) -> StoreResult<bool> {
            let done = sqlx::query("DELETE FROM tag_rules WHERE project_key = $1 AND id = $2")
                .bind(project.to_owned())
                .bind(id.to_owned())
                .execute(pool)
                .await?;
            Ok(done.rows_affected() == 1)
        }
    };
}
pub(super) mod sqlite {
    tag_queries!(sqlx::Sqlite);
}

pub(super) mod postgres {
    tag_queries!(sqlx::Postgres);
}
