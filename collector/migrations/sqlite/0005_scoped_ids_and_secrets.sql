-- Ids are unique per project, not across projects: a UUID another project
-- already used is a new response here, never a false "already stored".
-- SQLite cannot change a primary key in place, so the tables are rebuilt.
-- New columns:
--   secret_hash         SHA-256 (hex) of the widget's per-response secret;
--                       only a PATCH carrying the secret sets the comment.
--   identity_unverified 1 when a user id was claimed without a valid proof
--                       in a project that verifies identities: it was
--                       dropped and the answer kept anonymous.
CREATE TABLE responses_scoped (
    id                  TEXT NOT NULL,
    project_key         TEXT NOT NULL REFERENCES projects(key),
    score               INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment             TEXT,
    user_id             TEXT,
    moment              TEXT,
    traits              TEXT NOT NULL DEFAULT '{}',
    locale              TEXT,
    url                 TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    secret_hash         TEXT,
    identity_unverified INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (project_key, id)
);
INSERT INTO responses_scoped
    (id, project_key, score, comment, user_id, moment, traits, locale, url, created_at, updated_at)
SELECT id, project_key, score, comment, user_id, moment, traits, locale, url, created_at, updated_at
FROM responses;
DROP TABLE responses;
ALTER TABLE responses_scoped RENAME TO responses;
CREATE INDEX responses_by_project_time ON responses (project_key, created_at DESC);
CREATE INDEX responses_by_project_score ON responses (project_key, score);
CREATE INDEX responses_by_user ON responses (project_key, user_id, created_at DESC);

CREATE TABLE events_scoped (
    id          TEXT NOT NULL,
    project_key TEXT NOT NULL REFERENCES projects(key),
    kind        TEXT NOT NULL CHECK (kind IN ('shown', 'declined', 'snoozed')),
    moment      TEXT,
    user_id     TEXT,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (project_key, id)
);
INSERT INTO events_scoped SELECT id, project_key, kind, moment, user_id, created_at FROM events;
DROP TABLE events;
ALTER TABLE events_scoped RENAME TO events;
CREATE INDEX events_by_user ON events (project_key, user_id, created_at DESC);
