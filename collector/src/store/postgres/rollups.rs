//! PostgreSQL's share of the roll-ups: a batch's new responses, counted
//! per key in Rust first (one `ON CONFLICT DO UPDATE` may touch a row only
//! once), then added with one `UNNEST` statement per table.

use std::collections::HashMap;

use sqlx::{Postgres, Transaction};

use super::super::rollup::{daily_key, trait_keys};
use super::super::StoreResult;
use crate::domain::ValidResponse;

type DailyKey = (String, i64, String, String, &'static str, i64);
type TraitKey = (String, String, String, i64, i64);

/// Adds `responses` (each with its arrival in ms) to the roll-ups.
pub(super) async fn count(
    tx: &mut Transaction<'_, Postgres>,
    responses: &[(&ValidResponse, i64)],
) -> StoreResult<()> {
    if responses.is_empty() {
        return Ok(());
    }
    let mut daily: HashMap<DailyKey, i64> = HashMap::new();
    let mut traits: HashMap<TraitKey, i64> = HashMap::new();
    for (r, at) in responses {
        let (day, moment, locale, tenure, score) = daily_key(r, *at);
        let key = r.key.as_str().to_owned();
        *daily
            .entry((key.clone(), day, moment, locale, tenure, score))
            .or_default() += 1;
        for (name, value) in trait_keys(r) {
            *traits
                .entry((key.clone(), name, value, day, score))
                .or_default() += 1;
        }
    }
    let (mut k, mut d, mut m, mut l, mut t, mut s, mut n) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for ((key, day, moment, locale, tenure, score), count) in daily {
        k.push(key);
        d.push(day);
        m.push(moment);
        l.push(locale);
        t.push(tenure.to_owned());
        s.push(score);
        n.push(count);
    }
    sqlx::query(
        "INSERT INTO rollup_daily (project_key, day, moment, locale, tenure, score, n)
         SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
         ON CONFLICT (project_key, day, moment, locale, tenure, score)
         DO UPDATE SET n = rollup_daily.n + excluded.n",
    )
    .bind(k)
    .bind(d)
    .bind(m)
    .bind(l)
    .bind(t)
    .bind(s)
    .bind(n)
    .execute(&mut **tx)
    .await?;
    if traits.is_empty() {
        return Ok(());
    }
    let (mut k, mut na, mut v, mut d, mut s, mut n) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for ((key, name, value, day, score), count) in traits {
        k.push(key);
        na.push(name);
        v.push(value);
        d.push(day);
        s.push(score);
        n.push(count);
    }
    sqlx::query(
        "INSERT INTO rollup_traits (project_key, name, value, day, score, n)
         SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[])
         ON CONFLICT (project_key, name, value, day, score)
         DO UPDATE SET n = rollup_traits.n + excluded.n",
    )
    .bind(k)
    .bind(na)
    .bind(v)
    .bind(d)
    .bind(s)
    .bind(n)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
