-- Closing the loop at scale: a tag's lifecycle (open, planned, shipped)
-- with the announcement made when it shipped, one notice per person told
-- that what they asked for shipped, and the widget's "seen" events for
-- them. Erasure and retention delete a person's notices and their events
-- with the person.

CREATE TABLE tag_states (
    project_key  TEXT NOT NULL,
    tag          TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'planned', 'shipped')),
    announcement TEXT,               -- JSON {en?, fr?, link?}
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (project_key, tag)
);

-- One per person and tag: shipping a tag twice tells no one twice.
CREATE TABLE notices (
    id          TEXT NOT NULL,
    project_key TEXT NOT NULL,
    tag         TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    seen_at     INTEGER,
    PRIMARY KEY (project_key, id),
    UNIQUE (project_key, tag, user_id)
);
CREATE INDEX notices_by_user ON notices (project_key, user_id);

-- The widget's notice_seen events, idempotent on the client's event id.
CREATE TABLE notice_events (
    id          TEXT NOT NULL,
    project_key TEXT NOT NULL,
    notice_id   TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (project_key, id)
);
CREATE INDEX notice_events_by_user ON notice_events (project_key, user_id);
