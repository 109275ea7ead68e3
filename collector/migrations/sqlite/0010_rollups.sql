-- Roll-ups: score counts per project and UTC day, kept in the same
-- transaction as each insert (and decremented by deletions), so the
-- statistics read thousands of rows instead of millions. Three narrow
-- tables rather than one wide one: every dimension multiplies the rows a
-- question must add up.
--   rollup_daily:  moment, locale ('' when absent).
--   rollup_tenure: days since signup at answer time, in buckets that split
--     both ways the dashboard reads them: the tenure curve (0-7, 8-30,
--     31-90, 91-180, 181-365, >365) and new (< 90) / established, hence
--     '31-89' and '90'; '' when unknown.
--   rollup_traits: per trait value (as the filters compare it: text;
--     booleans 'true'/'false').
CREATE TABLE rollup_daily (
    project_key TEXT NOT NULL,
    day         INTEGER NOT NULL,
    moment      TEXT NOT NULL,
    locale      TEXT NOT NULL,
    score       INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (project_key, day, moment, locale, score)
);

CREATE TABLE rollup_tenure (
    project_key TEXT NOT NULL,
    day         INTEGER NOT NULL,
    tenure      TEXT NOT NULL,
    score       INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (project_key, day, tenure, score)
);

CREATE TABLE rollup_traits (
    project_key TEXT NOT NULL,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    day         INTEGER NOT NULL,
    score       INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (project_key, name, value, day, score)
);

INSERT INTO rollup_daily (project_key, day, moment, locale, score, n)
SELECT project_key, created_at / 86400000, COALESCE(moment, ''), COALESCE(locale, ''), score, COUNT(*)
FROM responses GROUP BY 1, 2, 3, 4, 5;

INSERT INTO rollup_tenure (project_key, day, tenure, score, n)
SELECT project_key, created_at / 86400000,
       CASE WHEN tenure_days IS NULL THEN '' WHEN tenure_days <= 7 THEN '0-7'
            WHEN tenure_days <= 30 THEN '8-30' WHEN tenure_days < 90 THEN '31-89'
            WHEN tenure_days = 90 THEN '90' WHEN tenure_days <= 180 THEN '91-180'
            WHEN tenure_days <= 365 THEN '181-365' ELSE '>365' END,
       score, COUNT(*)
FROM responses GROUP BY 1, 2, 3, 4;

INSERT INTO rollup_traits (project_key, name, value, day, score, n)
SELECT r.project_key, t.key,
       CASE t.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(t.value AS TEXT) END,
       r.created_at / 86400000, r.score, COUNT(*)
FROM responses r, json_each(r.traits) t
WHERE t.type NOT IN ('object', 'array', 'null')
GROUP BY 1, 2, 3, 4, 5;
