-- Roll-ups: see the SQLite migration of the same name for the design.
CREATE TABLE rollup_daily (
    project_key TEXT NOT NULL,
    day         BIGINT NOT NULL,
    moment      TEXT NOT NULL,
    locale      TEXT NOT NULL,
    score       BIGINT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (project_key, day, moment, locale, score)
);

CREATE TABLE rollup_tenure (
    project_key TEXT NOT NULL,
    day         BIGINT NOT NULL,
    tenure      TEXT NOT NULL,
    score       BIGINT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (project_key, day, tenure, score)
);

CREATE TABLE rollup_traits (
    project_key TEXT NOT NULL,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    day         BIGINT NOT NULL,
    score       BIGINT NOT NULL,
    n           BIGINT NOT NULL,
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
SELECT r.project_key, t.key, t.value, r.created_at / 86400000, r.score, COUNT(*)
FROM responses r, jsonb_each_text(CAST(r.traits AS jsonb)) t
WHERE jsonb_typeof(CAST(r.traits AS jsonb) -> t.key) NOT IN ('object', 'array', 'null')
GROUP BY 1, 2, 3, 4, 5;
