-- Every saved version of a project's timing rules and look, with who saved
-- it and when, so a change can be read back and reverted.
CREATE TABLE config_versions (
    project_key TEXT NOT NULL,
    version     INTEGER NOT NULL, -- 1, 2, 3… per project
    config      TEXT NOT NULL,    -- the WidgetConfig as JSON
    actor       TEXT NOT NULL,    -- a member's e-mail, or admin-token
    note        TEXT,             -- e.g. "reverted to version 3"
    created_at  INTEGER NOT NULL, -- Unix ms
    PRIMARY KEY (project_key, version)
);
