-- Two indexes every stored answer paid for and no question needs any more.
-- Each index is one more B-tree written per insert, on the ingest path.
--
-- `responses_by_project_time` (project_key, created_at) is the first half
-- of `responses_by_project_time_id` (project_key, created_at, id), which
-- serves every query the shorter one did.
--
-- `responses_by_project_score` (project_key, score) made the whole-project
-- score counts an index-only scan; the roll-ups (migration 0010) answer
-- those now, and the questions left to the rows (verbatim filters, periods
-- not on whole days) are bounded by time or user, which the remaining
-- indexes serve.
DROP INDEX responses_by_project_time;
DROP INDEX responses_by_project_score;
