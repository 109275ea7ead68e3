-- Impressions and outcomes of prompts (shown, declined, snoozed): cooldowns
-- across devices and response rates per moment. id is the client's UUID.
CREATE TABLE events (
    id          TEXT PRIMARY KEY NOT NULL,
    project_key TEXT NOT NULL REFERENCES projects(key),
    kind        TEXT NOT NULL CHECK (kind IN ('shown', 'declined', 'snoozed')),
    moment      TEXT,
    user_id     TEXT,
    created_at  BIGINT NOT NULL
);

CREATE INDEX events_by_user ON events (project_key, user_id, created_at DESC);
