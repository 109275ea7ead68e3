-- The trait values the roll-ups count under their own name, per project
-- and trait. A value is added the first time it is counted, while its
-- trait has fewer than 1,000; later values count under '(other)', so
-- traits posted with the public key cannot grow the roll-ups without
-- bound (the answers keep their real values). Rows are never removed:
-- whether a value counts under its name never changes, so an erasure
-- takes an answer out of the row it went into. Every value counted so
-- far keeps counting under its name.
CREATE TABLE rollup_trait_values (
    project_key TEXT NOT NULL,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (project_key, name, value)
);

INSERT INTO rollup_trait_values (project_key, name, value)
SELECT project_key, name, value FROM rollup_traits
UNION
SELECT project_key, name, value FROM rollup_traits_quarter;
