-- The team: members sign in to the dashboard with e-mail and password
-- (argon2id hash); sessions are kept by the SHA-256 of their token, so a
-- database leak does not leak live sessions.
CREATE TABLE members (
    email         TEXT PRIMARY KEY NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    email      TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_email ON sessions (email);
