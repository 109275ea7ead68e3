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
//! keys are computed in Rust, [`super::super::rollup`], and sent beside each
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

use std::collections::HashSet;

use sqlx::{PgConnection, Row};

use super::super::batch::{Job, Outcome, Write};
use super::super::queries::kind_name;
use super::super::rollup::{keys, trait_keys};
use super::super::{to_millis, Inserted, StoreResult};
use crate::domain::{ResponseSecret, ValidEvent, ValidResponse};

const INGEST: &str = "WITH input AS (
  SELECT * FROM UNNEST($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[],
                       $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[], $12::bool[],
                       $13::bigint[], $14::bigint[], $15::text[], $16::text[], $17::text[])
    WITH ORDINALITY
    AS r(id, project_key, score, comment, user_id, moment, traits, locale, url, at, secret_hash,
         unverified, tenure, day, moment_key, locale_key, tenure_key, ord)
),
new AS (
  INSERT INTO responses
    (id, project_key, score, comment, user_id, moment, traits, locale, url, created_at,
     updated_at, secret_hash, identity_unverified, tenure_days)
  SELECT id, project_key, score, comment, user_id, moment, traits, locale, url, at, at,
         secret_hash, unverified, tenure
  FROM input ORDER BY ord
  ON CONFLICT (project_key, id) DO NOTHING
  RETURNING project_key, id
),
counted AS (
  SELECT DISTINCT ON (i.project_key, i.id) i.*
  FROM input i JOIN new n ON n.project_key = i.project_key AND n.id = i.id
  ORDER BY i.project_key, i.id, i.ord
),
daily AS (
  INSERT INTO rollup_daily (project_key, day, moment, locale, score, n)
  SELECT project_key, day, moment_key, locale_key, score, count(*) FROM counted
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (project_key, day, moment, locale, score)
  DO UPDATE SET n = rollup_daily.n + excluded.n
),
tenure AS (
  INSERT INTO rollup_tenure (project_key, day, tenure, score, n)
  SELECT project_key, day, tenure_key, score, count(*) FROM counted
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (project_key, day, tenure, score)
  DO UPDATE SET n = rollup_tenure.n + excluded.n
),
trait_rows AS (
  SELECT c.project_key, t.name, t.value, c.day, c.at, c.score
  FROM UNNEST($18::bigint[], $19::text[], $20::text[]) AS t(ord, name, value)
  JOIN counted c ON c.ord = t.ord
),
fresh AS (
  SELECT DISTINCT tr.project_key, tr.name, tr.value FROM trait_rows tr
  WHERE NOT EXISTS (SELECT 1 FROM rollup_trait_values v
                    WHERE v.project_key = tr.project_key AND v.name = tr.name AND v.value = tr.value)
),
admitted AS (
  INSERT INTO rollup_trait_values (project_key, name, value)
  SELECT project_key, name, value FROM (
    SELECT f.*, row_number() OVER (PARTITION BY f.project_key, f.name ORDER BY f.value) AS rank,
           (SELECT count(*) FROM rollup_trait_values v
            WHERE v.project_key = f.project_key AND v.name = f.name) AS known
    FROM fresh f) ranked
  WHERE rank + known <= $27
  ORDER BY 1, 2, 3
  ON CONFLICT (project_key, name, value) DO UPDATE SET value = excluded.value
  RETURNING project_key, name, value
),
bucketed AS (
  SELECT tr.project_key, tr.name,
         CASE WHEN f.value IS NULL OR a.value IS NOT NULL THEN tr.value ELSE '(other)' END AS value,
         tr.day, tr.at, tr.score
  FROM trait_rows tr
  LEFT JOIN fresh f
    ON f.project_key = tr.project_key AND f.name = tr.name AND f.value = tr.value
  LEFT JOIN admitted a
    ON a.project_key = tr.project_key AND a.name = tr.name AND a.value = tr.value
),
traits AS (
  INSERT INTO rollup_traits (project_key, name, value, day, score, n)
  SELECT project_key, name, value, day, score, count(*) FROM bucketed
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (project_key, name, value, day, score)
  DO UPDATE SET n = rollup_traits.n + excluded.n
),
daily_quarter AS (
  INSERT INTO rollup_quarter (project_key, quarter, moment, locale, score, n)
  SELECT project_key, at / 900000, moment_key, locale_key, score, count(*) FROM counted
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (project_key, quarter, moment, locale, score)
  DO UPDATE SET n = rollup_quarter.n + excluded.n
),
tenure_quarter AS (
  INSERT INTO rollup_tenure_quarter (project_key, quarter, tenure, score, n)
  SELECT project_key, at / 900000, tenure_key, score, count(*) FROM counted
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (project_key, quarter, tenure, score)
  DO UPDATE SET n = rollup_tenure_quarter.n + excluded.n
),
traits_quarter AS (
  INSERT INTO rollup_traits_quarter (project_key, name, value, quarter, score, n)
  SELECT project_key, name, value, at / 900000, score, count(*) FROM bucketed
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (project_key, name, value, quarter, score)
  DO UPDATE SET n = rollup_traits_quarter.n + excluded.n
),
event_input AS (
  SELECT * FROM UNNEST($21::text[], $22::text[], $23::text[], $24::text[], $25::text[],
                       $26::bigint[])
    WITH ORDINALITY AS e(id, project_key, kind, moment, user_id, at, ord)
),
new_events AS (
  INSERT INTO events (id, project_key, kind, moment, user_id, created_at)
  SELECT id, project_key, kind, moment, user_id, at FROM event_input ORDER BY ord
  ON CONFLICT (project_key, id) DO NOTHING
  RETURNING project_key, id
)
SELECT true AS response, ord FROM counted
UNION ALL
(SELECT DISTINCT ON (e.project_key, e.id) false, e.ord
 FROM event_input e JOIN new_events n ON n.project_key = e.project_key AND n.id = e.id
 ORDER BY e.project_key, e.id, e.ord)";

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
        .bind(super::super::rollup::MAX_TRAIT_VALUES)
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
        Some(Outcome::Inserted(if stored.contains(&(response, *seen)) {
            Inserted::Created
        } else {
            Inserted::Duplicate
        }))
    };
    Ok(batch
        .iter()
        .map(|job| match &job.write {
            Write::Insert(..) => outcome(true),
            Write::Event(..) => outcome(false),
            Write::Comment { .. } => None,
        })
        .collect())
}

/// The responses' columns, their roll-up keys, and their traits flattened
/// to (row, name, value).
#[derive(Default)]
struct Columns<'b> {
    id: Vec<String>,
    project_key: Vec<&'b str>,
    score: Vec<i64>,
    comment: Vec<Option<&'b str>>,
    user_id: Vec<Option<&'b str>>,
    moment: Vec<Option<&'b str>>,
    traits: Vec<String>,
    locale: Vec<Option<&'b str>>,
    url: Vec<Option<&'b str>>,
    at: Vec<i64>,
    secret_hash: Vec<Option<String>>,
    unverified: Vec<bool>,
    tenure: Vec<Option<i64>>,
    day: Vec<i64>,
    moment_key: Vec<String>,
    locale_key: Vec<String>,
    tenure_key: Vec<&'static str>,
    trait_ord: Vec<i64>,
    trait_name: Vec<String>,
    trait_value: Vec<String>,
}

impl<'b> Columns<'b> {
    fn push(&mut self, r: &'b ValidResponse, at: i64) -> StoreResult<()> {
        self.id.push(r.id.uuid().to_string());
        self.project_key.push(r.key.as_str());
        self.score.push(i64::from(r.score.value()));
        self.comment.push(r.comment.as_ref().map(|c| c.as_str()));
        self.user_id.push(r.user_id.as_ref().map(|u| u.as_str()));
        self.moment.push(r.moment.as_ref().map(|m| m.as_str()));
        self.traits.push(serde_json::to_string(r.traits.as_map())?);
        self.locale.push(r.locale.as_ref().map(|l| l.as_str()));
        self.url.push(r.url.as_ref().map(|u| u.as_str()));
        self.at.push(at);
        self.secret_hash
            .push(r.secret.as_ref().map(ResponseSecret::hash));
        self.unverified.push(r.identity_unverified);
        self.tenure
            .push(r.tenure_days(crate::store::from_millis(at)));
        let k = keys(r, at);
        self.day.push(k.day);
        self.moment_key.push(k.moment);
        self.locale_key.push(k.locale);
        self.tenure_key.push(k.tenure);
        // WITH ORDINALITY counts from 1.
        let ord = self.id.len() as i64;
        for (name, value) in trait_keys(r) {
            self.trait_ord.push(ord);
            self.trait_name.push(name);
            self.trait_value.push(value);
        }
        Ok(())
    }
}

/// The events' columns.
#[derive(Default)]
struct EventColumns<'b> {
    id: Vec<String>,
    project_key: Vec<&'b str>,
    kind: Vec<&'static str>,
    moment: Vec<Option<&'b str>>,
    user_id: Vec<Option<&'b str>>,
    at: Vec<i64>,
}

impl<'b> EventColumns<'b> {
    fn push(&mut self, e: &'b ValidEvent, at: i64) {
        self.id.push(e.id.uuid().to_string());
        self.project_key.push(e.key.as_str());
        self.kind.push(kind_name(e.kind));
        self.moment.push(e.moment.as_ref().map(|m| m.as_str()));
        self.user_id.push(e.user_id.as_ref().map(|u| u.as_str()));
        self.at.push(at);
    }
}
