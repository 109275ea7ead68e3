-- "Don't ask me again" is an event kind of its own.
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_kind_check;
ALTER TABLE events ADD CONSTRAINT events_kind_check
    CHECK (kind IN ('shown', 'declined', 'snoozed', 'opted_out'));
-- Retention deletes by age, project by project.
CREATE INDEX events_by_project_time ON events (project_key, created_at);
-- Who deleted or exported whose data, when, and how many rows: never the
-- data itself.
CREATE TABLE privacy_log (
    id          BIGSERIAL PRIMARY KEY,
    project_key TEXT NOT NULL,
    action      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    rows        BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);
