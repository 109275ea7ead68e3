-- The commented answers of a period, in time order: what a theme analysis
-- reads (`GET /api/v1/stats/themes`, `/stats/drivers`, the digest). Its
-- exact `with_comment` count walked every answer of the period through
-- `responses_by_project_time_id` and looked each row up for its comment
-- (11 s for a year of 1M answers on SQLite, cold); over this partial index
-- it counts only the commented answers' entries (35-46 ms), and the
-- sample's slices read their first commented answers directly. Only an
-- answer with a comment pays for it on ingest.
CREATE INDEX IF NOT EXISTS responses_commented
    ON responses (project_key, created_at, id)
    WHERE comment IS NOT NULL;
