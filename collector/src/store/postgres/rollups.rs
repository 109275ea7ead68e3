//! PostgreSQL's share of the roll-ups: a batch's new responses, counted
//! per key in Rust first (one `ON CONFLICT DO UPDATE` may touch a row only
//! once), then added with one `UNNEST` statement per table. The keys go in
//! sorted order, so the two writers lock shared roll-up rows in the same
//! order and wait for each other instead of deadlocking.

use std::collections::BTreeMap;

use sqlx::{Postgres, Transaction};

use super::super::rollup::{keys, trait_keys};
use super::super::StoreResult;
use crate::domain::ValidResponse;

/// Adds `responses` (each with its arrival in ms) to the roll-ups.
pub(super) async fn count(
    tx: &mut Transaction<'_, Postgres>,
    responses: &[(&ValidResponse, i64)],
) -> StoreResult<()> {
    if responses.is_empty() {
        return Ok(());
    }
    let mut daily: BTreeMap<(String, i64, String, String, i64), i64> = BTreeMap::new();
    let mut tenure: BTreeMap<(String, i64, &'static str, i64), i64> = BTreeMap::new();
    let mut traits: BTreeMap<(String, String, String, i64, i64), i64> = BTreeMap::new();
    for (r, at) in responses {
        let k = keys(r, *at);
        let project = r.key.as_str().to_owned();
        *daily
            .entry((project.clone(), k.day, k.moment, k.locale, k.score))
            .or_default() += 1;
        *tenure
            .entry((project.clone(), k.day, k.tenure, k.score))
            .or_default() += 1;
        for (name, value) in trait_keys(r) {
            *traits
                .entry((project.clone(), name, value, k.day, k.score))
                .or_default() += 1;
        }
    }
    let (mut p, mut d, mut m, mut l, mut s, mut n) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for ((project, day, moment, locale, score), count) in daily {
        p.push(project);
        d.push(day);
        m.push(moment);
        l.push(locale);
        s.push(score);
        n.push(count);
    }
    sqlx::query(
        "INSERT INTO rollup_daily (project_key, day, moment, locale, score, n)
         SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
         ON CONFLICT (project_key, day, moment, locale, score) DO UPDATE SET n = rollup_daily.n + excluded.n",
    )
    .bind(p)
    .bind(d)
    .bind(m)
    .bind(l)
    .bind(s)
    .bind(n)
    .execute(&mut **tx)
    .await?;
    let (mut p, mut d, mut t, mut s, mut n) = (vec![], vec![], vec![], vec![], vec![]);
    for ((project, day, bucket, score), count) in tenure {
        p.push(project);
        d.push(day);
        t.push(bucket.to_owned());
        s.push(score);
        n.push(count);
    }
    sqlx::query(
        "INSERT INTO rollup_tenure (project_key, day, tenure, score, n)
         SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[])
         ON CONFLICT (project_key, day, tenure, score) DO UPDATE SET n = rollup_tenure.n + excluded.n",
    )
    .bind(p)
    .bind(d)
    .bind(t)
    .bind(s)
    .bind(n)
    .execute(&mut **tx)
    .await?;
    if traits.is_empty() {
        return Ok(());
    }
    let (mut p, mut na, mut v, mut d, mut s, mut n) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for ((project, name, value, day, score), count) in traits {
        p.push(project);
        na.push(name);
        v.push(value);
        d.push(day);
        s.push(score);
        n.push(count);
    }
    sqlx::query(
        "INSERT INTO rollup_traits (project_key, name, value, day, score, n)
         SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[])
         ON CONFLICT (project_key, name, value, day, score) DO UPDATE SET n = rollup_traits.n + excluded.n",
    )
    .bind(p)
    .bind(na)
    .bind(v)
    .bind(d)
    .bind(s)
    .bind(n)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
