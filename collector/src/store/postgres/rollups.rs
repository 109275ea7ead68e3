//! PostgreSQL's share of the roll-ups when a response is stored on its
//! own (the batch path counts inside its one statement: `ingest`): its
//! keys counted in Rust first (one `ON CONFLICT DO UPDATE` may touch a row
//! only once), then added with one `UNNEST` statement per table, for the
//! daily tables and their quarter-hour twins. The keys go in sorted order,
//! so the two writers lock shared roll-up rows in the same order and wait
//! for each other instead of deadlocking. A trait value new to the
//! roll-ups is listed first, or counted under `(other)` when its trait is
//! full (`store::rollup`), as the batch statement does.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use sqlx::{Postgres, Transaction};

use super::super::rollup::{keys, trait_keys, Keys, MAX_TRAIT_VALUES, OTHER};
use super::super::StoreResult;
use crate::domain::ValidResponse;

/// The tables of one time unit and how a response's unit is read.
struct Unit {
    daily: &'static str,
    scores: &'static str,
    tenure: &'static str,
    traits: &'static str,
    column: &'static str,
    of: fn(&Keys) -> i64,
}

const UNITS: [Unit; 2] = [
    Unit {
        daily: "rollup_daily",
        scores: "rollup_scores",
        tenure: "rollup_tenure",
        traits: "rollup_traits",
        column: "day",
        of: |k| k.day,
    },
    Unit {
        daily: "rollup_quarter",
        scores: "rollup_scores_quarter",
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
    let mut buckets = Buckets::new();
    for (r, _) in responses {
        for (name, value) in trait_keys(r) {
            let key = (r.key.as_str().to_owned(), name, value);
            if let Entry::Vacant(slot) = buckets.entry(key) {
                let (project, name, value) = slot.key();
                let counted = bucket(tx, project, name, value).await?;
                slot.insert(counted);
            }
        }
    }
    for unit in &UNITS {
        count_in(tx, unit, responses, &buckets).await?;
    }
    Ok(())
}

/// (project, trait, value) → the value its roll-up rows carry.
type Buckets = HashMap<(String, String, String), String>;

/// Lists the value when it is new and its trait has room; the value the
/// roll-ups count it under. `DO UPDATE` returns a row another instance
/// listed meanwhile, which then counts under its name here too.
async fn bucket(
    tx: &mut Transaction<'_, Postgres>,
    project: &str,
    name: &str,
    value: &str,
) -> StoreResult<String> {
    let own: bool = sqlx::query_scalar(
        "WITH known AS (
           SELECT 1 FROM rollup_trait_values WHERE project_key = $1 AND name = $2 AND value = $3),
         added AS (
           INSERT INTO rollup_trait_values (project_key, name, value)
           SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM known)
             AND (SELECT count(*) FROM rollup_trait_values
                  WHERE project_key = $1 AND name = $2) < $4
           ON CONFLICT (project_key, name, value) DO UPDATE SET value = excluded.value
           RETURNING 1)
         SELECT EXISTS (SELECT 1 FROM known) OR EXISTS (SELECT 1 FROM added)",
    )
    .bind(project)
    .bind(name)
    .bind(value)
    .bind(MAX_TRAIT_VALUES)
    .fetch_one(&mut **tx)
    .await?;
    Ok(if own {
        value.to_owned()
    } else {
        OTHER.to_owned()
    })
}

async fn count_in(
    tx: &mut Transaction<'_, Postgres>,
    unit: &Unit,
    responses: &[(&ValidResponse, i64)],
    buckets: &Buckets,
) -> StoreResult<()> {
    let mut daily: BTreeMap<(String, i64, String, String, i64), i64> = BTreeMap::new();
    let mut scores: BTreeMap<(String, i64, i64), i64> = BTreeMap::new();
    let mut tenure: BTreeMap<(String, i64, &'static str, i64), i64> = BTreeMap::new();
    let mut traits: BTreeMap<(String, String, String, i64, i64), i64> = BTreeMap::new();
    for (r, at) in responses {
        let k = keys(r, *at);
        let time = (unit.of)(&k);
        let project = r.key.as_str().to_owned();
        *daily
            .entry((project.clone(), time, k.moment, k.locale, k.score))
            .or_default() += 1;
        *scores.entry((project.clone(), time, k.score)).or_default() += 1;
        *tenure
            .entry((project.clone(), time, k.tenure, k.score))
            .or_default() += 1;
        for (name, value) in trait_keys(r) {
            let key = (project.clone(), name, value);
            let value = buckets.get(&key).cloned().unwrap_or(key.2);
            *traits
                .entry((project.clone(), key.1, value, time, k.score))
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
    let (mut p, mut d, mut s, mut n) = (vec![], vec![], vec![], vec![]);
    for ((project, time, score), count) in scores {
        p.push(project);
        d.push(time);
        s.push(score);
        n.push(count);
    }
    let table = unit.scores;
    sqlx::query(&format!(
        "INSERT INTO {table} (project_key, {column}, score, n)
         SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::bigint[], $4::bigint[])
         ON CONFLICT (project_key, {column}, score) DO UPDATE SET n = {table}.n + excluded.n"
    ))
    .bind(p)
    .bind(d)
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
