-- The full-text index keyed in time order, so a search reads its newest
-- matches first and stops at a page (migration 0012 keyed it by the
-- responses' rowid, in arrival order, so every search looked up and sorted
-- every match: 195 ms for a common word among 10M answers).
--
-- `search_key` = `created_at` (ms) × 2^20 + a slot: unique, and its order is
-- `created_at`'s. The slot is the next free one of that millisecond (2^20 of
-- them: a million comments in one millisecond would be needed to spill into
-- the next). Ties within a millisecond are put in (created_at, id) order by
-- the query (`store::sqlite::search`), which reads the whole millisecond of
-- a page's last answer. The key is given with the first comment and kept
-- for the row's life, so a cursor never moves.
ALTER TABLE responses ADD COLUMN search_key INTEGER;

UPDATE responses SET search_key = k.key
FROM (
    SELECT rowid AS r,
           created_at * 1048576 + ROW_NUMBER() OVER (PARTITION BY created_at ORDER BY rowid) - 1 AS key
    FROM responses WHERE comment IS NOT NULL
) AS k
WHERE responses.rowid = k.r;

CREATE UNIQUE INDEX responses_by_search_key ON responses (search_key) WHERE search_key IS NOT NULL;

DROP TRIGGER responses_search_insert;
DROP TRIGGER responses_search_delete;
DROP TRIGGER responses_search_update;
DROP TABLE responses_search;

-- What the index holds, for FTS5's `rebuild`: the comments, by key.
CREATE VIEW responses_search_content AS
SELECT search_key, comment FROM responses WHERE comment IS NOT NULL;

-- Same tokeniser and prefix indexes as 0012 (see there); keyed by
-- `search_key` instead of the rowid.
CREATE VIRTUAL TABLE responses_search USING fts5(
    comment,
    content = 'responses_search_content',
    content_rowid = 'search_key',
    columnsize = 0,
    prefix = '2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO responses_search (responses_search, rank) VALUES ('secure-delete', 1);
INSERT INTO responses_search (responses_search) VALUES ('rebuild');

-- A comment's row gets its key, then its words are indexed under it.
CREATE TRIGGER responses_search_insert AFTER INSERT ON responses
WHEN new.comment IS NOT NULL
BEGIN
    UPDATE responses SET search_key = (
        SELECT COALESCE(MAX(search_key) + 1, new.created_at * 1048576)
        FROM responses
        WHERE search_key BETWEEN new.created_at * 1048576 AND new.created_at * 1048576 + 1048575
    ) WHERE rowid = new.rowid;
    INSERT INTO responses_search (rowid, comment)
    SELECT search_key, comment FROM responses WHERE rowid = new.rowid;
END;

CREATE TRIGGER responses_search_delete AFTER DELETE ON responses
WHEN old.comment IS NOT NULL
BEGIN
    INSERT INTO responses_search (responses_search, rowid, comment)
    VALUES ('delete', old.search_key, old.comment);
END;

-- A PATCHed comment, a replay filling one in, retention anonymising it:
-- the old words leave, the new ones come in under the row's key (given
-- now if this is its first comment).
CREATE TRIGGER responses_search_update AFTER UPDATE OF comment ON responses
WHEN old.comment IS NOT new.comment
BEGIN
    INSERT INTO responses_search (responses_search, rowid, comment)
    SELECT 'delete', old.search_key, old.comment WHERE old.comment IS NOT NULL;
    UPDATE responses SET search_key = (
        SELECT COALESCE(MAX(search_key) + 1, new.created_at * 1048576)
        FROM responses
        WHERE search_key BETWEEN new.created_at * 1048576 AND new.created_at * 1048576 + 1048575
    ) WHERE rowid = new.rowid AND new.comment IS NOT NULL AND search_key IS NULL;
    INSERT INTO responses_search (rowid, comment)
    SELECT search_key, comment FROM responses WHERE rowid = new.rowid AND comment IS NOT NULL;
END;
