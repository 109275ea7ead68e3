-- Quarter-hour roll-ups (see the SQLite migration of the same name) beside the daily ones (0010), with the same keys:
-- a statistic reads whole UTC days from the daily tables and the parts of
-- a period that are not whole UTC days (a time zone's midnight, "now minus
-- 365 days") from these, so any period in any zone is exact without
-- reading rows. Every zone's offset is a multiple of 15 minutes, so a
-- local midnight always falls between two quarters. A row's quarter is
-- created_at / 900000 (ms).
CREATE TABLE rollup_quarter (
    project_key TEXT NOT NULL,
    quarter     BIGINT NOT NULL,
    moment      TEXT NOT NULL,
    locale      TEXT NOT NULL,
    score       BIGINT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (project_key, quarter, moment, locale, score)
);

CREATE TABLE rollup_tenure_quarter (
    project_key TEXT NOT NULL,
    quarter     BIGINT NOT NULL,
    tenure      TEXT NOT NULL,
    score       BIGINT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (project_key, quarter, tenure, score)
);

CREATE TABLE rollup_traits_quarter (
    project_key TEXT NOT NULL,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    quarter     BIGINT NOT NULL,
    score       BIGINT NOT NULL,
    n           BIGINT NOT NULL,
    -- The quarter before the value: a period's few quarters are read for
    -- every value of a trait at once (segments by trait).
    PRIMARY KEY (project_key, name, quarter, value, score)
);

INSERT INTO rollup_quarter (project_key, quarter, moment, locale, score, n)
SELECT project_key, created_at / 900000, COALESCE(moment, ''), COALESCE(locale, ''), score, COUNT(*)
FROM responses GROUP BY 1, 2, 3, 4, 5;

INSERT INTO rollup_tenure_quarter (project_key, quarter, tenure, score, n)
SELECT project_key, created_at / 900000,
       CASE WHEN tenure_days IS NULL THEN '' WHEN tenure_days <= 7 THEN '0-7'
            WHEN tenure_days <= 30 THEN '8-30' WHEN tenure_days < 90 THEN '31-89'
            WHEN tenure_days = 90 THEN '90' WHEN tenure_days <= 180 THEN '91-180'
            WHEN tenure_days <= 365 THEN '181-365' ELSE '>365' END,
       score, COUNT(*)
FROM responses GROUP BY 1, 2, 3, 4;

INSERT INTO rollup_traits_quarter (project_key, name, value, quarter, score, n)
SELECT r.project_key, t.key, t.value, r.created_at / 900000, r.score, COUNT(*)
FROM responses r, jsonb_each_text(CAST(r.traits AS jsonb)) t
WHERE jsonb_typeof(CAST(r.traits AS jsonb) -> t.key) NOT IN ('object', 'array', 'null')
GROUP BY 1, 2, 3, 4, 5;
