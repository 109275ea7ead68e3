//! A batch's new responses and events, and their roll-up counts, in one
//! statement: one round trip and one implicit transaction (one WAL flush)
//! for the lot.
//!
//! The batch was first written as `BEGIN`, an insert per kind, an upsert
//! per roll-up table and `COMMIT`: five or six round trips, each waking
//! the writer task and a PostgreSQL backend, and each paying the server's
//! per-statement work. Data-modifying CTEs make them one: every CTE runs
//! once, against one snapshot, and the statement commits as a whole or not
//! at all. The roll-ups count only the rows `RETURNING` says are new (the
//! keys are computed in Rust, [`crate::store::rollup`], and sent beside each
//! row), each answer once even when a batch holds the same id twice, in
//! key order so writers of several instances lock shared roll-up rows in
//! the same order. The statement answers with the places of the stored
//! rows in the batch, not their ids: nothing to parse or hash but numbers.
//!
//! A trait value new to the roll-ups is listed in `rollup_trait_values`
//! while its trait has room (`store::rollup`), else counted under
//! `(other)`. Racing instances may both list one: `DO UPDATE` makes the
//! second see the first's row in its `RETURNING`, so both count it under
//! its name, as erasure will read it.

mod columns;
mod statement;

use std::collections::HashSet;

use sqlx::{PgConnection, Row};

use crate::store::batch::{Job, Outcome, Write};
use crate::store::{to_millis, Inserted, StoreResult};
use columns::{Columns, EventColumns};
use statement::INGEST;

/// Inserts the batch's responses and events and counts the new responses,
/// in one statement. What it did to each job, in order: a response found
/// already stored is `Duplicate`, as is a second copy of the same id within
/// the batch; `None` for the comment writes it leaves to the caller.
pub(super) async fn insert(
    connection: &mut PgConnection,
    batch: &[Job],
) -> StoreResult<Vec<Option<Outcome>>> {
    let mut responses = Columns::default();
    let mut events = EventColumns::default();
    for job in batch {
        match &job.write {
            Write::Insert(r, now) => responses.push(r, to_millis(*now))?,
            Write::Import(rows) => {
                for (r, at) in rows {
                    responses.push(r, to_millis(*at))?;
                }
            }
            Write::Event(e, now) => events.push(e, to_millis(*now)),
            Write::Comment { .. } => {}
        }
    }
    let rows = sqlx::query(INGEST)
        .bind(responses.id)
        .bind(responses.project_key)
        .bind(responses.score)
        .bind(responses.comment)
        .bind(responses.user_id)
        .bind(responses.moment)
        .bind(responses.traits)
        .bind(responses.locale)
        .bind(responses.url)
        .bind(responses.at)
        .bind(responses.secret_hash)
        .bind(responses.unverified)
        .bind(responses.tenure)
        .bind(responses.day)
        .bind(responses.moment_key)
        .bind(responses.locale_key)
        .bind(responses.tenure_key)
        .bind(responses.trait_ord)
        .bind(responses.trait_name)
        .bind(responses.trait_value)
        .bind(events.id)
        .bind(events.project_key)
        .bind(events.kind)
        .bind(events.moment)
        .bind(events.user_id)
        .bind(events.at)
        .bind(crate::store::rollup::MAX_TRAIT_VALUES)
        .bind(responses.source)
        .bind(responses.variant)
        .bind(events.variant)
        .fetch_all(connection)
        .await?;
    // The rows stored, by their place among the batch's responses or
    // events (from 1): the first copy of an id is the one stored, a second
    // copy in the same batch found it there.
    let mut stored = HashSet::with_capacity(rows.len());
    for row in rows {
        let ord: i64 = row.try_get("ord")?;
        stored.insert((row.try_get::<bool, _>("response")?, ord));
    }
    let (mut responses, mut events) = (0_i64, 0_i64);
    let mut outcome = |response: bool| {
        let seen = if response {
            &mut responses
        } else {
            &mut events
        };
        *seen += 1;
        if stored.contains(&(response, *seen)) {
            Inserted::Created
        } else {
            Inserted::Duplicate
        }
    };
    Ok(batch
        .iter()
        .map(|job| match &job.write {
            Write::Insert(..) => Some(Outcome::Inserted(outcome(true))),
            Write::Import(rows) => Some(Outcome::Imported(
                rows.iter().map(|_| outcome(true)).collect(),
            )),
            Write::Event(..) => Some(Outcome::Inserted(outcome(false))),
            Write::Comment { .. } => None,
        })
        .collect())
}
