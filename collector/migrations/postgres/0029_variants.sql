-- The moment's variant a prompt showed, in an experiment (issue 25): on
-- impressions and outcomes (events) and on answers (responses). NULL outside
-- experiments, which is almost every row, so the indexes that count an
-- experiment per variant hold only the rows that have one.
ALTER TABLE events ADD COLUMN variant TEXT;
ALTER TABLE responses ADD COLUMN variant TEXT;
CREATE INDEX events_by_variant ON events (project_key, moment, variant, kind, created_at)
    WHERE variant IS NOT NULL;
CREATE INDEX responses_by_variant ON responses (project_key, moment, variant, created_at)
    WHERE variant IS NOT NULL;
