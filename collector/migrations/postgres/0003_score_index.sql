-- Covering index for the stats query (count per score of one project):
-- read from the index alone instead of scanning the project's rows.
CREATE INDEX responses_by_project_score ON responses (project_key, score);
