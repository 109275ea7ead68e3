-- Ids are unique per project, not across projects: a UUID another project
-- already used is a new response here, never a false "already stored".
-- secret_hash: SHA-256 (hex) of the widget's per-response secret; only a
-- PATCH carrying the secret sets the comment. identity_unverified: a user
-- id was claimed without a valid proof in a project that verifies
-- identities; it was dropped and the answer kept anonymous.
ALTER TABLE responses DROP CONSTRAINT responses_pkey;
ALTER TABLE responses ADD PRIMARY KEY (project_key, id);
ALTER TABLE responses ADD COLUMN secret_hash TEXT;
ALTER TABLE responses ADD COLUMN identity_unverified BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events ADD PRIMARY KEY (project_key, id);
