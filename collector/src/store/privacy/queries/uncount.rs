//! Rows leaving the roll-ups: the counts of answers about to be deleted
//! (or stripped of their traits) taken out of every roll-up table, in the
//! deleting transaction.

macro_rules! uncount_queries {
    ($db:ty) => {
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
            let mut scores: HashMap<(&str, i64, i64), i64> = HashMap::new();
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
                    *scores.entry((unit, time, score)).or_default() += 1;
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
                for ((unit, time, score), n) in scores {
                    let name = table(unit, "rollup_scores", "rollup_scores_quarter");
                    sqlx::query(&format!(
                        "UPDATE {name} SET n = n - $1 WHERE project_key = $2 AND {unit} = $3 AND score = $4"
                    ))
                    .bind(n)
                    .bind(key.as_str())
                    .bind(time)
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
    };
}
