-- Projects: one surveyed product each, known by its public key.
CREATE TABLE projects (
    key        TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    settings   TEXT NOT NULL,            -- JSON ProjectSettings
    created_at BIGINT NOT NULL           -- unix ms
);

-- Responses: id is the client-generated UUID, the idempotency key.
CREATE TABLE responses (
    id          TEXT PRIMARY KEY,
    project_key TEXT NOT NULL REFERENCES projects(key),
    score       BIGINT NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment     TEXT,
    user_id     TEXT,
    moment      TEXT,
    traits      TEXT NOT NULL DEFAULT '{}', -- JSON object
    locale      TEXT,
    url         TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE INDEX responses_by_project_time ON responses (project_key, created_at DESC);
