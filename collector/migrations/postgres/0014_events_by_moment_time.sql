-- Response rates per moment over a period (`from`, `to` on /stats) count
-- impressions by kind, moment and time: the time joins the index so the
-- count still reads the index alone. It replaces 0011's index, which it
-- covers.
DROP INDEX events_by_moment;
CREATE INDEX events_by_moment_time ON events (project_key, kind, moment, created_at);
