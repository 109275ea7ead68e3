//! The roll-up counts of a batch's new responses, for the SQLite writer:
//! counted per distinct key in memory, then added with one upsert per key,
//! many to a statement (a batch of imported answers spread over a year
//! touches about one quarter-hour row per answer).

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::Value;
use rusqlite::Transaction;

use super::super::rollup::{
    keys, trait_keys, ADD_DAILY, ADD_DAILY_QUARTER, ADD_SCORE, ADD_SCORE_QUARTER, ADD_TENURE,
    ADD_TENURE_QUARTER, ADD_TRAIT, ADD_TRAIT_QUARTER,
};
use super::many;
use super::trait_values::{bucket, Full};
use crate::domain::ValidResponse;

/// New responses count in the daily, score, tenure and trait roll-ups and their
/// quarter-hour twins, in the transaction that stores them, one upsert per
/// distinct key; a trait value past its trait's cap counts under
/// `(other)` (`trait_values`).
pub(super) fn count_in_rollups<'a>(
    tx: &Transaction<'_>,
    created: impl Iterator<Item = (&'a ValidResponse, i64)>,
    full: &mut Full,
) -> rusqlite::Result<()> {
    // Each table and its quarter-hour twin; keys hold the index of the
    // twin (0: by day, 1: by quarter), not its SQL, which every key
    // comparison would read.
    const DAILY: [&str; 2] = [ADD_DAILY, ADD_DAILY_QUARTER];
    const SCORES: [&str; 2] = [ADD_SCORE, ADD_SCORE_QUARTER];
    const TENURE: [&str; 2] = [ADD_TENURE, ADD_TENURE_QUARTER];
    const TRAITS: [&str; 2] = [ADD_TRAIT, ADD_TRAIT_QUARTER];
    let mut daily: BTreeMap<(&str, i64, usize, String, String, i64), i64> = BTreeMap::new();
    let mut scores: BTreeMap<(&str, i64, usize, i64), i64> = BTreeMap::new();
    let mut tenure: BTreeMap<(&str, i64, usize, &'static str, i64), i64> = BTreeMap::new();
    let mut traits: BTreeMap<(&str, String, String, i64, usize, i64), i64> = BTreeMap::new();
    // A value's bucket, looked up once per batch (an import's batch holds
    // thousands of answers with the same few trait values).
    let mut buckets: HashMap<(&str, String, String), String> = HashMap::new();
    for (r, at_ms) in created {
        let k = keys(r, at_ms);
        let project = r.key.as_str();
        for (twin, unit) in [(0, k.day), (1, k.quarter)] {
            *daily
                .entry((
                    project,
                    unit,
                    twin,
                    k.moment.clone(),
                    k.locale.clone(),
                    k.score,
                ))
                .or_default() += 1;
            *scores.entry((project, unit, twin, k.score)).or_default() += 1;
            *tenure
                .entry((project, unit, twin, k.tenure, k.score))
                .or_default() += 1;
        }
        for (name, value) in trait_keys(r) {
            let value = match buckets.get(&(project, name.clone(), value.clone())) {
                Some(known) => known.clone(),
                None => {
                    let counted = bucket(tx, full, project, &name, value.clone())?;
                    buckets.insert((project, name.clone(), value), counted.clone());
                    counted
                }
            };
            for (twin, unit) in [(0, k.day), (1, k.quarter)] {
                *traits
                    .entry((project, name.clone(), value.clone(), unit, twin, k.score))
                    .or_default() += 1;
            }
        }
    }
    let text = |s: &str| Value::Text(s.to_owned());
    upsert(
        tx,
        DAILY,
        daily
            .into_iter()
            .map(|((project, unit, twin, moment, locale, score), n)| {
                let row = [
                    text(project),
                    unit.into(),
                    moment.into(),
                    locale.into(),
                    score.into(),
                    n.into(),
                ];
                (twin, row)
            }),
    )?;
    upsert(
        tx,
        SCORES,
        scores.into_iter().map(|((project, unit, twin, score), n)| {
            (twin, [text(project), unit.into(), score.into(), n.into()])
        }),
    )?;
    upsert(
        tx,
        TENURE,
        tenure
            .into_iter()
            .map(|((project, unit, twin, bucket, score), n)| {
                (
                    twin,
                    [
                        text(project),
                        unit.into(),
                        text(bucket),
                        score.into(),
                        n.into(),
                    ],
                )
            }),
    )?;
    upsert(
        tx,
        TRAITS,
        traits
            .into_iter()
            .map(|((project, name, value, unit, twin, score), n)| {
                let row = [
                    text(project),
                    name.into(),
                    value.into(),
                    unit.into(),
                    score.into(),
                    n.into(),
                ];
                (twin, row)
            }),
    )
}

/// Runs the upserts of a table (`twin` 0) and of its quarter-hour twin
/// (`twin` 1), many to a statement.
fn upsert<const N: usize>(
    tx: &Transaction<'_>,
    tables: [&'static str; 2],
    rows: impl Iterator<Item = (usize, [Value; N])>,
) -> rusqlite::Result<()> {
    let mut values: [Vec<Value>; 2] = Default::default();
    for (twin, row) in rows {
        values[twin].extend(row);
    }
    for (sql, values) in tables.into_iter().zip(values) {
        many::run(tx, sql, values)?;
    }
    Ok(())
}
