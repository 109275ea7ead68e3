-- The closed loop: tags on answers (by hand or by rule), a follow-up per
-- answer with its history, and webhooks with a durable delivery queue.

CREATE TABLE tags (
    project_key TEXT NOT NULL,
    response_id TEXT NOT NULL,
    tag         TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('manual', 'rule')),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (project_key, response_id, tag)
);
CREATE INDEX tags_by_tag ON tags (project_key, tag);

CREATE TABLE tag_rules (
    id          TEXT PRIMARY KEY NOT NULL,
    project_key TEXT NOT NULL REFERENCES projects(key),
    tag         TEXT NOT NULL,
    keywords    TEXT NOT NULL DEFAULT '[]', -- JSON array, any of them (case-insensitive)
    regex       TEXT,
    created_at  BIGINT NOT NULL
);

-- A row exists once someone acted; before that the follow-up is `new`,
-- due `followup_hours` after the answer.
CREATE TABLE followups (
    project_key TEXT NOT NULL,
    response_id TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('new', 'contacted', 'resolved', 'ignored')),
    assignee    TEXT,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (project_key, response_id)
);

-- Every change and note, kept.
CREATE TABLE followup_history (
    id          BIGSERIAL PRIMARY KEY,
    project_key TEXT NOT NULL,
    response_id TEXT NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('status', 'assignee', 'note')),
    value       TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX followup_history_by_response ON followup_history (project_key, response_id, id);

CREATE TABLE webhooks (
    id            TEXT PRIMARY KEY NOT NULL,
    project_key   TEXT NOT NULL REFERENCES projects(key),
    url           TEXT NOT NULL,
    secret        TEXT NOT NULL,
    filter        TEXT NOT NULL,          -- JSON: categories, moments, tags, scores, events
    format        TEXT NOT NULL CHECK (format IN ('standard', 'slack')),
    enabled       BOOLEAN NOT NULL DEFAULT TRUE,
    disabled_why  TEXT,
    -- The newest answer already turned into deliveries (created_at ms, id).
    seen_at       BIGINT NOT NULL,
    seen_id       TEXT NOT NULL DEFAULT '',
    created_at    BIGINT NOT NULL
);

CREATE TABLE webhook_deliveries (
    id           BIGSERIAL PRIMARY KEY,
    webhook_id   TEXT NOT NULL,
    event_id     TEXT NOT NULL,           -- the webhook-id header: one delivery per event
    event_type   TEXT NOT NULL,
    user_id      TEXT,                    -- whose answer, so erasing a person drops queued alerts
    payload      TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts     BIGINT NOT NULL DEFAULT 0,
    next_at      BIGINT NOT NULL,
    last_status  BIGINT,
    last_error   TEXT,
    created_at   BIGINT NOT NULL,
    delivered_at BIGINT,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_at);
