//! PostgreSQL's share of the roll-ups when a response is stored on its
//! own (the batch path counts inside its one statement: `ingest`): its
//! keys counted in Rust first (one `ON CONFLICT DO UPDATE` may touch a row
//! only once), then added with one `UNNEST` statement per table, for the
//! daily tables and their quarter-hour twins. The keys go in sorted order,
//! so the two writers lock shared roll-up rows in the same order and wait
//! for each other instead of deadlocking.

use std::collections::BTreeMap;

use sqlx::{Postgres, Transaction};

use super::super::rollup::{keys, trait_keys, Keys};
use super::super::StoreResult;
use crate::domain::ValidResponse;

/// The tables of one time unit and how a response's unit is read.
struct Unit {
    daily: &'static str,
    tenure: &'static str,
    traits: &'static str,
    column: &'static str,
    of: fn(&Keys) -> i64,
}

const UNITS: [Unit; 2] = [
    Unit {
        daily: "rollup_daily",
        tenure: "rollup_tenure",
        traits: "rollup_traits",
        column: "day",
        of: |k| k.day,
    },
    Unit {
        daily: "rollup_quarter",
        tenure: "rollup_tenure_quarter",
        traits: "rollup_traits_quarter",
        column: "quarter",
        of: |k| k.quarter,
    },
];

/// Adds `responses` (each with its arrival in ms) to the roll-ups.
pub(super) async fn count(
    tx: &mut Transaction<'_, Postgres>,
    responses: &[(&ValidResponse, i64)],
) -> StoreResult<()> {
    if responses.is_empty() {
        return Ok(());
    }
    for unit in &UNITS {
        count_in(tx, unit, responses).await?;
    }
    Ok(())
}

async fn count_in(
    tx: &mut Transaction<'_, Postgres>,
    unit: &Unit,
    responses: &[(&ValidResponse, i64)],
) -> StoreResult<()> {
    let mut daily: BTreeMap<(String, i64, String, String, i64), i64> = BTreeMap::new();
    let mut tenure: BTreeMap<(String, i64, &'static str, i64), i64> = BTreeMap::new();
    let mut traits: BTreeMap<(String, String, String, i64, i64), i64> = BTreeMap::new();
    for (r, at) in responses {
        let k = keys(r, *at);
        let time = (unit.of)(&k);
        let project = r.key.as_str().to_owned();
        *daily
            .entry((project.clone(), time, k.moment, k.locale, k.score))
            .or_default() += 1;
        *tenure
            .entry((project.clone(), time, k.tenure, k.score))
            .or_default() += 1;
        for (name, value) in trait_keys(r) {
            *traits
                .entry((project.clone(), name, value, time, k.score))
                .or_default() += 1;
        }
    }
    let (mut p, mut d, mut m, mut l, mut s, mut n) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for ((project, time, moment, locale, score), count) in daily {
        p.push(project);
        d.push(time);
        m.push(moment);
        l.push(locale);
        s.push(score);
        n.push(count);
    }
    let (table, column) = (unit.daily, unit.column);
    sqlx::query(&format!(
        "INSERT INTO {table} (project_key, {column}, moment, locale, score, n)
         SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
         ON CONFLICT (project_key, {column}, moment, locale, score) DO UPDATE SET n = {table}.n + excluded.n"
    ))
    .bind(p)
    .bind(d)
    .bind(m)
    .bind(l)
    .bind(s)
    .bind(n)
    .execute(&mut **tx)
    .await?;
    let (mut p, mut d, mut t, mut s, mut n) = (vec![], vec![], vec![], vec![], vec![]);
    for ((project, time, bucket, score), count) in tenure {
        p.push(project);
        d.push(time);
        t.push(bucket.to_owned());
        s.push(score);
        n.push(count);
    }
    let table = unit.tenure;
    sqlx::query(&format!(
        "INSERT INTO {table} (project_key, {column}, tenure, score, n)
         SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[])
         ON CONFLICT (project_key, {column}, tenure, score) DO UPDATE SET n = {table}.n + excluded.n"
    ))
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
    for ((project, name, value, time, score), count) in traits {
        p.push(project);
        na.push(name);
        v.push(value);
        d.push(time);
        s.push(score);
        n.push(count);
    }
    let table = unit.traits;
    sqlx::query(&format!(
        "INSERT INTO {table} (project_key, name, value, {column}, score, n)
         SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[])
         ON CONFLICT (project_key, name, value, {column}, score) DO UPDATE SET n = {table}.n + excluded.n"
    ))
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
