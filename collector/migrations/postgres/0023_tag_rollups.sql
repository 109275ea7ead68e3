-- Tag roll-ups (see the SQLite migration of the same name): answers per
-- tag, UTC day (or quarter hour) and score, kept by triggers on every way
-- a tag comes and goes. An answer's time and score never change, and a tag
-- is always removed before its answer, so the answer can be read when the
-- tag is.
CREATE TABLE rollup_tags (
    project_key TEXT NOT NULL,
    day         BIGINT NOT NULL,
    tag         TEXT NOT NULL,
    score       BIGINT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (project_key, day, tag, score)
);

CREATE TABLE rollup_tags_quarter (
    project_key TEXT NOT NULL,
    quarter     BIGINT NOT NULL,
    tag         TEXT NOT NULL,
    score       BIGINT NOT NULL,
    n           BIGINT NOT NULL,
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

CREATE FUNCTION tag_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    tagged tags%ROWTYPE;
    step   BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        tagged := NEW;
        step := 1;
    ELSE
        tagged := OLD;
        step := -1;
    END IF;
    INSERT INTO rollup_tags (project_key, day, tag, score, n)
    SELECT tagged.project_key, created_at / 86400000, tagged.tag, score, step
    FROM responses WHERE project_key = tagged.project_key AND id = tagged.response_id
    ON CONFLICT (project_key, day, tag, score) DO UPDATE SET n = rollup_tags.n + step;
    INSERT INTO rollup_tags_quarter (project_key, quarter, tag, score, n)
    SELECT tagged.project_key, created_at / 900000, tagged.tag, score, step
    FROM responses WHERE project_key = tagged.project_key AND id = tagged.response_id
    ON CONFLICT (project_key, quarter, tag, score) DO UPDATE SET n = rollup_tags_quarter.n + step;
    RETURN NULL;
END;
$$;

CREATE TRIGGER tag_counted AFTER INSERT OR DELETE ON tags
FOR EACH ROW EXECUTE FUNCTION tag_counts_follow();
