-- Full-text search of comments (`q` on the verbatim feed and the export),
-- matching what SQLite's FTS5 index does (migrations/sqlite/0012): words
-- split at anything that is not a letter or a digit, case and accents
-- folded, no stemming and no stop words (the same in every language).
--
-- Accents: `unaccent` is an extension a server may not have (or the
-- collector's role may not be allowed to create), so the folding is built
-- in: Unicode decomposition (NFD), then the combining marks dropped.
-- `normalize` needs a UTF8 database (PostgreSQL's default) and PostgreSQL
-- 13 or later. Case: `lower`, which folds letters beyond ASCII as the
-- database's LC_CTYPE does (C.UTF-8 and the usual locales do).
-- The query's words go through the same folding.
CREATE FUNCTION nps_search_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT pg_catalog.lower(pg_catalog.regexp_replace(
             pg_catalog.normalize($1, 'NFD'), E'[\\u0300-\\u036f]', '', 'g')) $$;

-- The words of a comment. Punctuation becomes a space first: the default
-- parser would otherwise keep `bob@example.com`, `e-mail` or `2.5` whole
-- (as an e-mail, a hyphenated word, a number), where FTS5 sees `bob`,
-- `example`, `com`; the two backends must find the same answers.
CREATE FUNCTION nps_search_vector(text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT pg_catalog.to_tsvector('pg_catalog.simple',
             pg_catalog.regexp_replace(nps_search_fold($1), '[[:punct:]]', ' ', 'g')) $$;

-- An expression index rather than a stored tsvector column: no table
-- rewrite, and the heap rows the statistics scan stay narrow. Queries
-- spell it `nps_search_vector(comment)` so the planner can use it.
CREATE INDEX responses_search ON responses USING gin (nps_search_vector(comment));
