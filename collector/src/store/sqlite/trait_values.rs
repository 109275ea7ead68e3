//! Which row of the trait roll-ups a value counts in, for the SQLite
//! writer (see `store::rollup`: a trait's first values under their own
//! name, later ones under `(other)`).
//!
//! Each value costs one primary-key lookup. The writer remembers which
//! traits are full, so a flood of new values past the cap costs that
//! lookup and nothing else; the list itself stays in the database, the
//! one truth that erasure reads too. A trait remembered full wrongly (its
//! batch rolled back) only counts more values under `(other)`, which
//! erasure then reads the same way: the writer forgets them all anyway
//! when a batch fails.

use std::collections::HashSet;

use rusqlite::{params, OptionalExtension, Transaction};

use super::super::rollup::{
    ADD_TRAIT_VALUE, KNOWN_TRAIT_VALUE, MAX_TRAIT_VALUES, OTHER, TRAIT_VALUES_KNOWN,
};

/// The traits (project, name) found full.
pub(super) type Full = HashSet<(String, String)>;

/// The value the roll-ups count `value` of trait `name` under, listing it
/// when its trait has room.
pub(super) fn bucket(
    tx: &Transaction<'_>,
    full: &mut Full,
    project: &str,
    name: &str,
    value: String,
) -> rusqlite::Result<String> {
    let known = tx
        .prepare_cached(KNOWN_TRAIT_VALUE)?
        .query_row(params![project, name, value], |_| Ok(()))
        .optional()?
        .is_some();
    if known {
        return Ok(value);
    }
    let trait_key = (project.to_owned(), name.to_owned());
    if full.contains(&trait_key) {
        return Ok(OTHER.to_owned());
    }
    let counted: i64 = tx
        .prepare_cached(TRAIT_VALUES_KNOWN)?
        .query_row(params![project, name], |row| row.get(0))?;
    if counted >= MAX_TRAIT_VALUES {
        full.insert(trait_key);
        return Ok(OTHER.to_owned());
    }
    tx.prepare_cached(ADD_TRAIT_VALUE)?
        .execute(params![project, name, value])?;
    Ok(value)
}
