//! Responses into SQLite: the values of one, in `INSERT_RESPONSE`'s order,
//! and an import's answers many to a statement (see `many`).

use std::collections::HashSet;

use rusqlite::types::Value;
use rusqlite::{Statement, Transaction};
use time::OffsetDateTime;

use super::super::queries::INSERT_RESPONSE;
use super::super::{to_millis, Inserted, StoreResult};
use super::many::{repeated, rows_per_statement, text};
use crate::domain::{Comment, ResponseSecret, ValidResponse};

/// What the many-row insert returns: the rows it stored (those already
/// there are not returned).
const RETURNING: &str = " RETURNING id";

/// The parameters of one response (`$1`…`$15`; `$10` is used twice).
const PARAMETERS: usize = 15;

/// A response's values, `$1`…`$15` of `INSERT_RESPONSE`.
pub(super) fn values(r: &ValidResponse, at: OffsetDateTime) -> StoreResult<[Value; PARAMETERS]> {
    let text = |s: Option<&str>| s.map_or(Value::Null, |s| Value::Text(s.to_owned()));
    Ok([
        Value::Text(r.id.uuid().to_string()),
        Value::Text(r.key.as_str().to_owned()),
        Value::Integer(i64::from(r.score.value())),
        text(r.comment.as_ref().map(Comment::as_str)),
        text(r.user_id.as_ref().map(|u| u.as_str())),
        text(r.moment.as_ref().map(|m| m.as_str())),
        Value::Text(serde_json::to_string(r.traits.as_map())?),
        text(r.locale.as_ref().map(|l| l.as_str())),
        text(r.url.as_ref().map(|u| u.as_str())),
        Value::Integer(to_millis(at)),
        r.secret
            .as_ref()
            .map_or(Value::Null, |s| Value::Text(ResponseSecret::hash(s))),
        Value::Integer(i64::from(r.identity_unverified)),
        r.tenure_days(at).map_or(Value::Null, Value::Integer),
        text(r.source()),
        text(r.variant.as_ref().map(|v| v.as_str())),
    ])
}

/// Stores `rows` once each, in order, many to a statement; what became of
/// each. An id twice in `rows` is created once, then found.
pub(super) fn insert_many(
    tx: &Transaction<'_>,
    rows: &[(ValidResponse, OffsetDateTime)],
) -> StoreResult<Vec<Inserted>> {
    let per_statement = rows_per_statement(PARAMETERS);
    let mut done = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(per_statement) {
        // Full chunks share a cached statement; a last, shorter one is
        // prepared once rather than pushing others out of the cache.
        let (mut cached, mut once);
        let statement: &mut Statement<'_> = if chunk.len() == per_statement {
            cached = tx.prepare_cached(&text(INSERT_RESPONSE, chunk.len(), RETURNING))?;
            &mut cached
        } else {
            once = tx.prepare(&format!(
                "{}{RETURNING}",
                repeated(INSERT_RESPONSE, chunk.len())
            ))?;
            &mut once
        };
        let mut ids = Vec::with_capacity(chunk.len());
        for (row, (r, at)) in chunk.iter().enumerate() {
            for (i, value) in values(r, *at)?.into_iter().enumerate() {
                if i == 0 {
                    ids.push(value.clone());
                }
                statement.raw_bind_parameter(row * PARAMETERS + i + 1, value)?;
            }
        }
        let mut created = HashSet::with_capacity(chunk.len());
        let mut returned = statement.raw_query();
        while let Some(row) = returned.next()? {
            created.insert(row.get::<_, String>(0)?);
        }
        done.extend(ids.into_iter().map(|id| match id {
            Value::Text(id) if created.remove(&id) => Inserted::Created,
            _ => Inserted::Duplicate,
        }));
    }
    Ok(done)
}
