-- "Don't ask me again" is an event kind of its own: SQLite cannot alter a
-- CHECK constraint, so the events table is rebuilt with the new list.
CREATE TABLE events_v7 (
    id          TEXT NOT NULL,
    project_key TEXT NOT NULL REFERENCES projects(key),
    kind        TEXT NOT NULL CHECK (kind IN ('shown', 'declined', 'snoozed', 'opted_out')),
    moment      TEXT,
    user_id     TEXT,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (project_key, id)
);
INSERT INTO events_v7 SELECT id, project_key, kind, moment, user_id, created_at FROM events;
DROP TABLE events;
ALTER TABLE events_v7 RENAME TO events;
CREATE INDEX events_by_user ON events (project_key, user_id, created_at DESC);
-- Retention deletes by age, project by project.
CREATE INDEX events_by_project_time ON events (project_key, created_at);
-- Who deleted or exported whose data, when, and how many rows: never the
-- data itself.
CREATE TABLE privacy_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    project_key TEXT NOT NULL,
    action      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
