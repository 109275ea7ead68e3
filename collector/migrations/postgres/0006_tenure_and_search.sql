-- Days between the user's signup (`signed_up_at` trait) and the answer,
-- computed at ingest: the tenure filters, segments and curve read it.
ALTER TABLE responses ADD COLUMN tenure_days BIGINT;
-- Keyset pagination of the verbatim feed: newest first, ties by id.
CREATE INDEX responses_by_project_time_id ON responses (project_key, created_at DESC, id DESC);
