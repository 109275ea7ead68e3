-- Moments sent by the host app's backend (POST /api/v1/moments), and the
-- secret server key that sends them.
--
-- A project's server key is stored as its SHA-256 (hex), like members'
-- session tokens: the key itself is shown once, when the project is
-- created or the key rotated. Projects created before this migration have
-- none until an admin rotates one.
CREATE TABLE server_keys (
    project_key TEXT PRIMARY KEY NOT NULL,
    key_hash    TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

-- One row per moment sent. `at` is when it happened (Unix ms, as sent),
-- `created_at` when it arrived: a `shown` event of the same user and
-- moment that arrives after it consumes it (nothing is updated: the
-- eligibility read looks for that event), and retention goes by arrival
-- like events.
CREATE TABLE moments (
    id          TEXT PRIMARY KEY NOT NULL,
    project_key TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    moment      TEXT NOT NULL,
    at          INTEGER NOT NULL,
    props       TEXT NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL
);

-- The eligibility read (a user's recent moments), erasure (a user's) and
-- retention (a project's oldest) all start from the project and the user
-- or the time.
CREATE INDEX moments_by_user ON moments (project_key, user_id, at);
CREATE INDEX moments_by_time ON moments (project_key, created_at);
