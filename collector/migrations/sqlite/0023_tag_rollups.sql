-- Tag roll-ups: answers per tag, UTC day (or quarter hour) and score, so a
-- tag statistic for any period reads counts as the other statistics do
-- (whole days, then the quarters and minutes at its ends) instead of
-- joining every tagged answer to its row. An answer's time and score never
-- change, so a tag's counts follow from its own row: kept by triggers on
-- every way a tag comes and goes (by hand, by rule, erasure, retention).
-- A tag is always removed before its answer (erasure and retention delete
-- tags first), so the answer can be read when the tag is.
CREATE TABLE rollup_tags (
    project_key TEXT NOT NULL,
    day         INTEGER NOT NULL,
    tag         TEXT NOT NULL,
    score       INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (project_key, day, tag, score)
);

CREATE TABLE rollup_tags_quarter (
    project_key TEXT NOT NULL,
    quarter     INTEGER NOT NULL,
    tag         TEXT NOT NULL,
    score       INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (project_key, quarter, tag, score)
);

INSERT INTO rollup_tags (project_key, day, tag, score, n)
SELECT t.project_key, r.created_at / 86400000, t.tag, r.score, COUNT(*)
FROM tags t JOIN responses r ON r.project_key = t.project_key AND r.id = t.response_id
GROUP BY 1, 2, 3, 4;

INSERT INTO rollup_tags_quarter (project_key, quarter, tag, score, n)
SELECT t.project_key, r.created_at / 900000, t.tag, r.score, COUNT(*)
FROM tags t JOIN responses r ON r.project_key = t.project_key AND r.id = t.response_id
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER tag_counted AFTER INSERT ON tags
BEGIN
    INSERT INTO rollup_tags (project_key, day, tag, score, n)
    SELECT NEW.project_key, created_at / 86400000, NEW.tag, score, 1
    FROM responses WHERE project_key = NEW.project_key AND id = NEW.response_id
    ON CONFLICT (project_key, day, tag, score) DO UPDATE SET n = n + 1;
    INSERT INTO rollup_tags_quarter (project_key, quarter, tag, score, n)
    SELECT NEW.project_key, created_at / 900000, NEW.tag, score, 1
    FROM responses WHERE project_key = NEW.project_key AND id = NEW.response_id
    ON CONFLICT (project_key, quarter, tag, score) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER tag_uncounted AFTER DELETE ON tags
BEGIN
    UPDATE rollup_tags SET n = n - 1
    WHERE (project_key, day, tag, score) IN (
        SELECT OLD.project_key, created_at / 86400000, OLD.tag, score
        FROM responses WHERE project_key = OLD.project_key AND id = OLD.response_id);
    UPDATE rollup_tags_quarter SET n = n - 1
    WHERE (project_key, quarter, tag, score) IN (
        SELECT OLD.project_key, created_at / 900000, OLD.tag, score
        FROM responses WHERE project_key = OLD.project_key AND id = OLD.response_id);
END;
