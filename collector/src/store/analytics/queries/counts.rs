//! Score counts under a filter, per group: from the roll-ups when one
//! covers the question (whole days from the daily tables, the rest of the
//! period from the quarter-hour ones, the minutes at an unaligned end from
//! the rows), else from the rows; and the span of a project's answers.

macro_rules! count_queries {
    ($db:ty) => {
        /// Whether the trait roll-ups can answer `plan` as asked: not when
        /// its trait is full (some values were counted under `(other)`)
        /// and it groups by value or filters on a value counted there;
        /// the rows know every value.
        async fn trait_counted_by_name(
            pool: &sqlx::Pool<$db>,
            key: &ProjectKey,
            plan: &crate::store::analytics::Plan,
        ) -> StoreResult<bool> {
            use crate::store::rollup::{KNOWN_TRAIT_VALUE, MAX_TRAIT_VALUES, TRAIT_VALUES_KNOWN};
            let crate::store::analytics::Plan::Trait { name, value } = plan else {
                return Ok(true);
            };
            if let Some(value) = value {
                let known = sqlx::query(KNOWN_TRAIT_VALUE)
                    .bind(key.as_str())
                    .bind(name)
                    .bind(value)
                    .fetch_optional(pool)
                    .await?;
                if known.is_some() {
                    return Ok(true);
                }
            }
            let counted: i64 = sqlx::query_scalar(TRAIT_VALUES_KNOWN)
                .bind(key.as_str())
                .bind(name)
                .fetch_one(pool)
                .await?;
            Ok(counted < MAX_TRAIT_VALUES)
        }

        /// Score counts of the answers `f` selects, per group: from the
        /// roll-ups when they cover the question (whole UTC days from the
        /// daily tables, the rest of the period from the quarter-hour ones
        /// and the minutes at an unaligned end from the rows: see
        /// [`Span`](crate::store::analytics::span::Span)), else from the rows.
        pub(crate) async fn grouped_scores(
            pool: &sqlx::Pool<$db>,
            key: &ProjectKey,
            f: &Filter,
            g: &Grouping,
        ) -> StoreResult<Vec<GroupCount>> {
            use super::units::{Unit, QUARTERS_PER_QUERY};
            use crate::store::analytics::{plan, span_of, Tally};
            let span = span_of(f, g);
            let mut tally = Tally::new(g);
            let plan = match plan(f, g) {
                Some(p) if trait_counted_by_name(pool, key, &p).await? => Some(p),
                _ => None,
            };
            match plan {
                Some(plan) if span.is_wide() => {
                    let by_day = span.buckets() > 1;
                    let (first, end) = span.days();
                    let stretches = span.stretches();
                    let quarters: Vec<i64> = stretches
                        .iter()
                        .filter_map(|s| s.quarters)
                        .flat_map(|(first, end)| first..end)
                        .collect();
                    // The days, the quarters and the minutes at the ends
                    // are read side by side on the pool, so a period
                    // waits for the slowest of the three, not their sum.
                    let days = async {
                        let mut b = rollup_query(key, f, g, &plan, Unit::Days { first, end, by_day });
                        b.build().fetch_all(pool).await
                    };
                    // Listed one by one, each an index seek on both
                    // backends (a long OR of ranges made SQLite read the
                    // whole span), a bounded number per statement.
                    let quarter_rows = async {
                        let mut rows = Vec::new();
                        for chunk in quarters.chunks(QUARTERS_PER_QUERY) {
                            let mut b = rollup_query(key, f, g, &plan, Unit::Quarters(chunk));
                            rows.extend(b.build().fetch_all(pool).await?);
                        }
                        Ok::<_, sqlx::Error>(rows)
                    };
                    let edge_rows = async {
                        let mut rows = Vec::new();
                        for (lo, hi) in stretches.iter().flat_map(|s| s.rows.iter().copied()) {
                            let piece = Filter {
                                from: Some(crate::store::from_millis(lo)),
                                to: Some(crate::store::from_millis(hi)),
                                ..f.clone()
                            };
                            let mut b = raw_query(key, &piece, g, false);
                            rows.push((lo, b.build().fetch_all(pool).await?));
                        }
                        Ok::<_, sqlx::Error>(rows)
                    };
                    let (days, quarter_rows, edge_rows) = tokio::try_join!(days, quarter_rows, edge_rows)?;
                    for row in days {
                        let (time, group, score, n) = counted(&row, by_day)?;
                        let bucket = if by_day { span.bucket_of_day(time) } else { Some(0) };
                        tally.add(bucket, group, score, n);
                    }
                    for row in quarter_rows {
                        let (quarter, group, score, n) = counted(&row, true)?;
                        tally.correct(&span, quarter * crate::store::rollup::QUARTER_MS, group, score, n);
                    }
                    for (lo, rows) in edge_rows {
                        for row in rows {
                            let (_, group, score, n) = counted(&row, false)?;
                            tally.correct(&span, lo, group, score, n);
                        }
                    }
                }
                _ => {
                    let by_quarter = span.buckets() > 1;
                    let mut b = raw_query(key, f, g, by_quarter);
                    let from = f.from.map(to_millis);
                    for row in b.build().fetch_all(pool).await? {
                        let (quarter, group, score, n) = counted(&row, by_quarter)?;
                        let bucket = if by_quarter {
                            // A quarter cut by `from` is placed by its
                            // part in the period.
                            let start = quarter * crate::store::rollup::QUARTER_MS;
                            span.bucket_of_time(from.map_or(start, |f| f.max(start)))
                        } else {
                            Some(0)
                        };
                        tally.add(bucket, group, score, n);
                    }
                }
            }
            Ok(tally.into_counts())
        }

        /// The first and last answer's times (Unix ms) of project `key`.
        pub(crate) async fn answer_span(
            pool: &sqlx::Pool<$db>,
            key: &ProjectKey,
        ) -> StoreResult<Option<(i64, i64)>> {
            // Two subqueries: SQLite reads one end of the time index for a
            // lone MIN or MAX, but walks all of it (4-5 s at 10M answers)
            // for both in one SELECT.
            let row = sqlx::query(
                "SELECT (SELECT MIN(created_at) FROM responses WHERE project_key = $1) AS first,
                        (SELECT MAX(created_at) FROM responses WHERE project_key = $1) AS last",
            )
            .bind(key.as_str())
            .fetch_one(pool)
            .await?;
            let first: Option<i64> = row.try_get("first")?;
            let last: Option<i64> = row.try_get("last")?;
            Ok(first.zip(last))
        }

        /// A row of a grouped count: its time unit (when grouped by one),
        /// group, score and count.
        fn counted(
            row: &<$db as sqlx::Database>::Row,
            timed: bool,
        ) -> StoreResult<(i64, Option<String>, u8, i64)> {
            let time: i64 = if timed { row.try_get("t")? } else { 0 };
            let score: i64 = row.try_get("score")?;
            Ok((time, row.try_get("g")?, u8::try_from(score).unwrap_or_default(), row.try_get("n")?))
        }

        fn rollup_query<'a>(
            key: &ProjectKey,
            f: &Filter,
            g: &Grouping,
            plan: &crate::store::analytics::Plan,
            unit: super::units::Unit<'_>,
        ) -> QueryBuilder<'a, $db> {
            use super::units::{scores_alone, Unit};
            use crate::store::analytics::Plan;
            let (time, timed) = match unit {
                Unit::Days { by_day, .. } => ("day", by_day),
                Unit::Quarters(_) => ("quarter", true),
            };
            let mut b = QueryBuilder::<$db>::new("SELECT ");
            if timed {
                b.push(time).push(" AS t, ");
            }
            let (daily, quarterly) = match plan {
                Plan::Daily if scores_alone(f, g) => {
                    b.push("CAST(NULL AS TEXT)");
                    ("rollup_scores", "rollup_scores_quarter")
                }
                Plan::Daily => {
                    b.push(match g {
                        Grouping::Moment => "NULLIF(moment, '')",
                        Grouping::Locale => "NULLIF(locale, '')",
                        _ => "CAST(NULL AS TEXT)",
                    });
                    ("rollup_daily", "rollup_quarter")
                }
                Plan::Tenure => {
                    b.push(match g {
                        Grouping::Tenure => {
                            "CASE WHEN tenure = '' THEN NULL \
                             WHEN tenure IN ('0-7', '8-30', '31-89') THEN 'new' ELSE 'established' END"
                        }
                        Grouping::TenureBucket => {
                            "CASE WHEN tenure = '' THEN NULL WHEN tenure IN ('31-89', '90') THEN '31-90' \
                             ELSE tenure END"
                        }
                        _ => "CAST(NULL AS TEXT)",
                    });
                    ("rollup_tenure", "rollup_tenure_quarter")
                }
                Plan::Trait { .. } => {
                    b.push(match g {
                        Grouping::Trait(_) => "value",
                        _ => "CAST(NULL AS TEXT)",
                    });
                    ("rollup_traits", "rollup_traits_quarter")
                }
            };
            let table = if time == "day" { daily } else { quarterly };
            b.push(" AS g, score, CAST(SUM(n) AS BIGINT) AS n FROM ").push(table);
            b.push(" WHERE project_key = ").push_bind(key.as_str().to_owned());
            match unit {
                Unit::Days { first, end, .. } => {
                    if let Some(first) = first {
                        b.push(" AND day >= ").push_bind(first);
                    }
                    if let Some(end) = end {
                        b.push(" AND day < ").push_bind(end);
                    }
                }
                Unit::Quarters(quarters) => {
                    b.push(" AND quarter IN (");
                    let mut list = b.separated(", ");
                    for quarter in quarters {
                        list.push_bind(*quarter);
                    }
                    b.push(")");
                }
            }
            match plan {
                Plan::Daily => {
                    if let Some(moment) = &f.moment {
                        b.push(" AND moment = ").push_bind(moment.clone());
                    }
                    if let Some(locale) = &f.locale {
                        b.push(" AND locale = ").push_bind(locale.clone());
                    }
                }
                Plan::Tenure => {
                    match f.tenure {
                        Some(crate::domain::Tenure::New) => {
                            b.push(" AND tenure IN ('0-7', '8-30', '31-89')");
                        }
                        Some(crate::domain::Tenure::Established) => {
                            b.push(" AND tenure IN ('90', '91-180', '181-365', '>365')");
                        }
                        None => {}
                    }
                }
                Plan::Trait { name, value } => {
                    b.push(" AND name = ").push_bind(name.clone());
                    if let Some(value) = value {
                        b.push(" AND value = ").push_bind(value.clone());
                    }
                }
            }
            b.push(if timed { " GROUP BY t, g, score" } else { " GROUP BY g, score" });
            b
        }

        fn raw_query<'a>(
            key: &ProjectKey,
            f: &Filter,
            g: &Grouping,
            by_quarter: bool,
        ) -> QueryBuilder<'a, $db> {
            let mut b = QueryBuilder::<$db>::new("SELECT ");
            if by_quarter {
                b.push("created_at / 900000 AS t, ");
            }
            push_group(&mut b, g);
            b.push(" AS g, score, COUNT(*) AS n FROM responses");
            push_filter(&mut b, key, f);
            b.push(if by_quarter { " GROUP BY t, g, score" } else { " GROUP BY g, score" });
            b
        }
    };
}
