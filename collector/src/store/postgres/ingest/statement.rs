//! The ingest statement: the batch's responses and events inserted, the
//! new responses counted in every roll-up table (daily and quarter-hour:
//! moment and locale, scores alone, tenure, traits, with new trait values listed while
//! their trait has room), all as data-modifying CTEs of one statement,
//! which answers with the places of the stored rows in the batch.
//!
//! Parameters: the responses' columns (`$1`–`$17`, see `columns`), their
//! traits as (row, name, value) (`$18`–`$20`), the events' columns
//! (`$21`–`$26`), the most values a trait's roll-ups list (`$27`), the
//! responses' sources (`$28`, `NULL` for live answers) and the variants of
//! the responses (`$29`) and of the events (`$30`).

pub(super) const INGEST: &str = "WITH input AS (
  SELECT * FROM UNNEST($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[],
                       $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[], $12::bool[],
                       $13::bigint[], $14::bigint[], $15::text[], $16::text[], $17::text[],
                       $28::text[], $29::text[])
    WITH ORDINALITY
    AS r(id, project_key, score, comment, user_id, moment, traits, locale, url, at, secret_hash,
         unverified, tenure, day, moment_key, locale_key, tenure_key, source, variant, ord)
),
new AS (
  INSERT INTO responses
    (id, project_key, score, comment, user_id, moment, traits, locale, url, created_at,
     updated_at, secret_hash, identity_unverified, tenure_days, source, variant)
  SELECT id, project_key, score, comment, user_id, moment, traits, locale, url, at, at,
         secret_hash, unverified, tenure, source, variant
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
scores AS (
  INSERT INTO rollup_scores (project_key, day, score, n)
  SELECT project_key, day, score, count(*) FROM counted
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (project_key, day, score)
  DO UPDATE SET n = rollup_scores.n + excluded.n
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
scores_quarter AS (
  INSERT INTO rollup_scores_quarter (project_key, quarter, score, n)
  SELECT project_key, at / 900000, score, count(*) FROM counted
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (project_key, quarter, score)
  DO UPDATE SET n = rollup_scores_quarter.n + excluded.n
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
                       $26::bigint[], $30::text[])
    WITH ORDINALITY AS e(id, project_key, kind, moment, user_id, at, variant, ord)
),
new_events AS (
  INSERT INTO events (id, project_key, kind, moment, user_id, created_at, variant)
  SELECT id, project_key, kind, moment, user_id, at, variant FROM event_input ORDER BY ord
  ON CONFLICT (project_key, id) DO NOTHING
  RETURNING project_key, id
)
SELECT true AS response, ord FROM counted
UNION ALL
(SELECT DISTINCT ON (e.project_key, e.id) false, e.ord
 FROM event_input e JOIN new_events n ON n.project_key = e.project_key AND n.id = e.id
 ORDER BY e.project_key, e.id, e.ord)";
