-- Score-only roll-ups: answers per UTC day (or quarter hour) and score,
-- whatever their moment and locale. The daily and quarter-hour tables
-- (0010, 0020) hold one row per (moment, locale, score) present, up to
-- about ninety per day or quarter on a busy project; a statistic with no
-- moment or locale filter and no such grouping (the overview, the trend,
-- compare) reads these eleven at most instead. Kept by both writers next
-- to the others, and taken out with them on erasure and retention.
CREATE TABLE rollup_scores (
    project_key TEXT NOT NULL,
    day         BIGINT NOT NULL,
    score       BIGINT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (project_key, day, score)
);

CREATE TABLE rollup_scores_quarter (
    project_key TEXT NOT NULL,
    quarter     BIGINT NOT NULL,
    score       BIGINT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (project_key, quarter, score)
);

INSERT INTO rollup_scores (project_key, day, score, n)
SELECT project_key, day, score, SUM(n) FROM rollup_daily GROUP BY 1, 2, 3;

INSERT INTO rollup_scores_quarter (project_key, quarter, score, n)
SELECT project_key, quarter, score, SUM(n) FROM rollup_quarter GROUP BY 1, 2, 3;
